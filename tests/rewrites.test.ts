// Applies every rewrite of every rule to the rules' flag examples and to the realistic drafts in data/drafts/,
// and checks that what Apply would leave reads right: no doubled or orphaned words, no broken punctuation, the
// category no longer fires in that sentence, and harper.js finds no grammar problem the original did not have.

import { LocalLinter, type Lint } from 'harper.js';
import { binaryInlined } from 'harper.js/binaryInlined';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInRules, createLinter, splitSentences, type Finding } from '../src/engine';
import { builtInExamples } from '../src/engine/examples';
import { loadDrafts } from '../scripts/data';

const drafts = loadDrafts();
const rules = builtInRules();
const linter = createLinter({ learned: false });

interface Case {
  source: string;
  text: string;
  finding: Finding;
  rewrite: string;
}

/** Every (text, finding, rewrite) the engine offers on the flag examples (each rule alone) and on the drafts (all rules on). */
function cases(): Case[] {
  const out: Case[] = [];
  for (const rule of rules) {
    const alone = createLinter({ disabledRules: rules.filter((r) => r.id !== rule.id).map((r) => r.id), learned: false });
    for (const { text } of builtInExamples(rule.id).flag) {
      for (const finding of alone.lint(text).findings) {
        for (const rewrite of finding.rewrites) out.push({ source: `rules/${rule.id}.json`, text, finding, rewrite });
      }
    }
  }
  for (const draft of drafts) {
    for (const finding of linter.lint(draft.text).findings) {
      for (const rewrite of finding.rewrites) out.push({ source: `data/drafts ${draft.id}`, text: draft.text, finding, rewrite });
    }
  }
  return out;
}

const ALL = cases();

/** The sentence around the finding, before and after the rewrite is applied, and where the new words sit in it. */
function sentences(c: Case): { before: string; after: string; insertedFrom: number; insertedTo: number; fixed: string } {
  const fixed = c.text.slice(0, c.finding.replaceStart) + c.rewrite + c.text.slice(c.finding.replaceEnd);
  const sentence = splitSentences(c.text).find((s) => s.start <= c.finding.start && c.finding.end <= s.end)!;
  const delta = c.rewrite.length - (c.finding.replaceEnd - c.finding.replaceStart);
  const before = sentence.text;
  const after = fixed.slice(sentence.start, sentence.end + delta);
  return {
    before,
    after,
    insertedFrom: c.finding.replaceStart - sentence.start,
    insertedTo: c.finding.replaceStart - sentence.start + c.rewrite.length,
    fixed,
  };
}

const DOUBLED = /\b([\p{L}']+)\s+\1\b/giu;
// Word pairs that cannot meet at a seam: a rewrite that leaves one of the writer's words dangling orphaned it
// ("I've would a short call help", "It's in case it's useful a seat", "available if you'd like it the workshop").
const ORPHANS = [
  /^(the|a|an|this|that|to|of|for|with|by|from|i've|i'm|i'd|i'll|it's|we're|we've|you're|is|are|was|were|will|would|can|could|should|our|your|my|their) (would|could|can|is|are|do|does|if|in|what|which|how|when|why|whenever|the|a|an)$/i,
  /^(it|you|them|us|him|her|useful|fit|available) (the|a|an|our|your|my)$/i,
  /^(and|or|but|to|of|for|with|the|a|an) $/i,
];
const BROKEN = /[,;:]\s*[.?!]|\s[.,;:?!]|[.?!]\s+\p{Ll}|,,|\.\.(?!\.)|[?!]\./gu;

/** The two words that meet at each edge of the inserted text. */
function seams(c: Case): string[] {
  const before = c.text.slice(0, c.finding.replaceStart);
  const after = c.text.slice(c.finding.replaceEnd);
  const last = (t: string) => /([\p{L}\p{N}']+)[^\p{L}\p{N}']*$/u.exec(t);
  const first = (t: string) => /^[^\p{L}\p{N}']*([\p{L}\p{N}']+)/u.exec(t);
  const out: string[] = [];
  // Only words with nothing but a space between them are a seam; punctuation ends the phrase.
  if (/[\p{L}\p{N}']\s+$/u.test(before) && /^[\p{L}\p{N}]/u.test(c.rewrite)) out.push(`${last(before)![1]} ${first(c.rewrite)![1]}`);
  if (/[\p{L}\p{N}']$/u.test(c.rewrite) && /^\s+[\p{L}\p{N}]/u.test(after)) out.push(`${last(c.rewrite)![1]} ${first(after)![1]}`);
  if (/[\p{L}\p{N}']$/u.test(c.rewrite) && /^\s*$/.test(after.split(/[.!?\n]/)[0] ?? '') && after.trim() === '') out.push(`${last(c.rewrite)![1]} `);
  return out.map((s) => s.toLowerCase());
}

function count(re: RegExp, text: string): number {
  return [...text.matchAll(re)].length;
}

describe('every rewrite reads right where it lands', () => {
  it('has enough to judge: the drafts and examples yield many rewrites', () => {
    expect(drafts.length).toBeGreaterThanOrEqual(40);
    expect(new Set(drafts.map((d) => d.register))).toEqual(new Set(['email', 'linkedin', 'sms', 'shop']));
    expect(ALL.filter((c) => c.source.startsWith('data/')).length).toBeGreaterThanOrEqual(60);
  });

  it.each(ALL.map((c) => [`${c.source}: ${c.rewrite}`, c] as const))('no doubled or orphaned words, no broken punctuation: %s', (_, c) => {
    const { before, after } = sentences(c);
    expect(count(DOUBLED, after), `doubled word in "${after}"`).toBeLessThanOrEqual(count(DOUBLED, before));
    for (const seam of seams(c)) expect(ORPHANS.some((re) => re.test(seam)), `orphaned word at "${seam}" in "${after}"`).toBe(false);
    expect(count(BROKEN, after), `broken punctuation in "${after}"`).toBeLessThanOrEqual(count(BROKEN, before));
    expect(after.trim(), 'a rewrite never empties a sentence').not.toBe('');
  });

  it.each(ALL.map((c) => [`${c.source}: ${c.rewrite}`, c] as const))('the category no longer fires in that sentence: %s', (_, c) => {
    const { fixed, after, insertedFrom } = sentences(c);
    const sentence = splitSentences(c.text).find((s) => s.start <= c.finding.start && c.finding.end <= s.end)!;
    const lintOne = c.source.startsWith('rules/')
      ? createLinter({ disabledRules: rules.filter((r) => r.id !== c.finding.ruleId).map((r) => r.id), learned: false })
      : linter;
    // Findings of the category that were already in the sentence besides this one (even if this one shadowed them)
    // may stay: they are the writer's to fix with their own rewrite. Nothing new may appear.
    const others = c.source.startsWith('rules/') ? [] : createLinter({ learned: false, disabledRules: [c.finding.ruleId] }).lint(c.text).findings;
    const untouched = others
      .filter((f) => f.category === c.finding.category && f.start >= sentence.start && f.end <= sentence.end)
      .map((f) => `${f.ruleId}|${f.text}`);
    const start = sentence.start;
    const end = start + after.length;
    const remaining = lintOne
      .lint(fixed)
      .findings.filter((f) => f.category === c.finding.category && f.start < end && start < f.end)
      .map((f) => `${f.ruleId}|${f.text}`)
      .filter((key) => !untouched.includes(key));
    expect(remaining, `"${after}" (rewritten from ${insertedFrom})`).toEqual([]);
  });
});

// The writer's facts: figures, prices, dates, and names (capitalised words that do not open the sentence).
// "Today", "tonight" and "tomorrow" are left out on purpose: a relative deadline is the clock a rewrite removes.
const FACT = /[$£€]?\d+(?:[,.:]\d+)*%?|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)\b/giu;
// Claims a rewrite must never add: social proof, superlatives, guarantees, scarcity.
const CLAIMS = /\b(popular|people like you|others have|everyone|most|best|leading|trusted|thousands|millions|guarantee\w*|free|only|limited|selling|demand|proven|award)\b/giu;

describe('rewrites keep the facts and add no claims', () => {
  it.each(ALL.map((c) => [`${c.source}: ${c.rewrite}`, c] as const))('%s', (_, c) => {
    const replaced = c.finding.replaced;
    // The flagged words are the pressure and may go; everything else the rewrite replaces is the writer's to keep.
    const from = c.finding.start - c.finding.replaceStart;
    const to = c.finding.end - c.finding.replaceStart;
    const outside = replaced.slice(0, from) + ' \u0000 ' + replaced.slice(to);
    const sentenceStart = splitSentences(c.text).find((s) => s.start <= c.finding.start && c.finding.end <= s.end)!.start;
    const names = [...outside.matchAll(/(?<=\s)\p{Lu}\p{Ll}+/gu)]
      .filter((m) => m.index! < from ? c.finding.replaceStart + m.index! > sentenceStart : true)
      .map((m) => m[0])
      .filter((w) => !/^(I|I'm|I'll|I'd|I've)$/.test(w));
    const facts = [...(outside.match(FACT) ?? []), ...names].map((f) => f.toLowerCase());
    const kept = c.rewrite.toLowerCase();
    expect(facts.filter((f) => !kept.includes(f)), `"${replaced}" → "${c.rewrite}" drops a fact`).toEqual([]);
    const added = [...c.rewrite.matchAll(CLAIMS)].map((m) => m[0].toLowerCase()).filter((w) => !replaced.toLowerCase().includes(w));
    expect(added, `"${replaced}" → "${c.rewrite}" adds a claim`).toEqual([]);
  });
});

describe('harper.js finds no new grammar problem in a rewritten sentence', () => {
  let harper: LocalLinter;
  beforeAll(async () => {
    harper = new LocalLinter({ binary: binaryInlined });
    await harper.setup();
  });

  /** Problems keyed by kind and the words they point at, so a problem in unchanged words is the same problem. */
  async function problems(sentence: string): Promise<string[]> {
    const lints: Lint[] = await harper.lint(sentence);
    return lints.map((l) => `${l.lint_kind()}|${sentence.slice(l.span().start, l.span().end).toLowerCase()}|${l.message()}`);
  }

  it('over every rewrite of every rule and every draft', async () => {
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const c of ALL) {
      const { before, after } = sentences(c);
      if (seen.has(`${before}\u0000${after}`)) continue;
      seen.add(`${before}\u0000${after}`);
      const old = await problems(before);
      for (const problem of await problems(after)) {
        const at = old.indexOf(problem);
        if (at >= 0) old.splice(at, 1);
        else failures.push(`${c.source}: "${before}" → "${after}": ${problem}`);
      }
    }
    expect(seen.size).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  });
});

describe('advice where no rewrite is safe', () => {
  it('every finding without a rewrite, in every draft, carries advice and an example of the better move', () => {
    const withLearned = createLinter();
    const adviceOnly = drafts.flatMap((d) => withLearned.lint(d.text).findings.filter((f) => f.rewrites.length === 0));
    expect(adviceOnly.length).toBeGreaterThan(0);
    for (const f of adviceOnly) {
      expect(f.advice, f.ruleId).toBeTruthy();
      expect(f.example, f.ruleId).toBeTruthy();
    }
  });

  it('a message-level finding and a learned finding never offer a rewrite', () => {
    const selfCentred = builtInExamples('mostly-about-us').flag[0]!.text;
    const message = linter.lint(selfCentred).findings.filter((f) => f.ruleId === 'mostly-about-us');
    expect(message.length).toBeGreaterThan(0);
    expect(message.every((f) => f.rewrites.length === 0 && f.example !== null)).toBe(true);
  });
});
