// Runs every rule's own flag/pass examples: each flag example states the whole text after each rewrite is applied,
// and the test compares whole strings (as Harper's rule tests do), not just "the rule no longer fires".

import { describe, expect, it } from 'vitest';
import { builtInRules, createLinter } from '../src/engine';
import { builtInExamples } from '../src/engine/examples';

const rules = builtInRules();

/** The text after one rewrite of a finding is applied, exactly as Apply would change it. */
function applied(text: string, finding: { replaceStart: number; replaceEnd: number }, rewrite: string): string {
  return text.slice(0, finding.replaceStart) + rewrite + text.slice(finding.replaceEnd);
}

describe.each(rules.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  // Each rule is judged on its own: with every other rule on, a rule with rewrites may win the same words.
  const linter = createLinter({ disabledRules: rules.filter((r) => r.id !== id).map((r) => r.id), learned: false });

  it.each(builtInExamples(rule.id).flag.map((e) => [e.text, e] as const))('flags and rewrites: %s', (text, example) => {
    const finding = linter.lint(text).findings.find((f) => f.ruleId === id);
    expect(finding, `expected ${id} to flag "${text}"`).toBeDefined();
    expect(example.after, `${id}: give "after" for "${text}" (the whole text after each rewrite; [] when none fits)`).not.toBeNull();
    expect(finding!.rewrites.map((r) => applied(text, finding!, r))).toEqual(example.after);
    expect(finding!.rewrites.length).toBeLessThanOrEqual(3);
    // The highlight stays on the pushy words, inside what Apply replaces.
    expect(finding!.replaceStart).toBeLessThanOrEqual(finding!.start);
    expect(finding!.replaceEnd).toBeGreaterThanOrEqual(finding!.end);
    expect(text.slice(finding!.replaceStart, finding!.replaceEnd)).toBe(finding!.replaced);
  });

  it.each(builtInExamples(rule.id).pass)('passes: %s', (example) => {
    const hits = linter.lint(example).findings.filter((f) => f.ruleId === id);
    expect(hits.map((h) => h.text), `expected ${id} not to flag "${example}"`).toEqual([]);
  });

  it('has advice and an example of the better move for when no rewrite fits', () => {
    expect(rule.advice, `${id}: advice`).not.toBeNull();
    expect(rule.example, `${id}: example`).not.toBeNull();
  });

  it('gives every rewrite an approach', () => {
    expect(rule.rewrites.filter((r) => r.approach === null).map((r) => r.to)).toEqual([]);
  });

  if (rule.kind === 'phrase') {
    it('every rewrite, applied, clears the finding', () => {
      for (const { text } of builtInExamples(rule.id).flag) {
        const finding = linter.lint(text).findings.find((f) => f.ruleId === id)!;
        for (const rewrite of finding.rewrites) {
          const fixed = applied(text, finding, rewrite);
          const again = linter.lint(fixed).findings.filter((f) => f.ruleId === id);
          expect(again.map((f) => f.text), `"${fixed}" still trips ${id}`).toEqual([]);
        }
      }
    });
  }
});

it('the pack has at least 15 rules in every category', () => {
  const counts = new Map<string, number>();
  for (const r of rules) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  for (const category of ['shame', 'closing', 'urgency', 'self-centred']) {
    expect(counts.get(category) ?? 0, category).toBeGreaterThanOrEqual(15);
  }
});

it('the issue #8 sentences read right after every rewrite', () => {
  const linter = createLinter({ learned: false });
  const expected: Record<string, string[]> = {
    "I've sent you a calendar invite for Thursday.": [
      'Would a short call on Thursday help? Happy to work around your calendar.',
      "If a call on Thursday would help, let me know; otherwise I'm happy to find another time.",
    ],
    'The offer expires on March 3.': [
      'The offer runs until March 3.',
      'The offer runs until March 3; does that timing work for you?',
      "The offer runs until March 3, and I'm happy to answer questions before then.",
    ],
    // Two findings (the close, the clock) offer the same calm sentences.
    'The deal closes on Friday.': [
      'The deal runs until Friday.',
      'The deal runs until Friday; does that timing work for you?',
      'The deal runs until Friday.',
      'The deal runs until Friday; does that timing work for you?',
    ],
    'Only 4 seats left for the workshop!': ['We have 4 seats open for the workshop.', 'We have 4 seats open for the workshop; would one suit you?'],
    'Last chance to join the beta!': ['You can still join the beta.', 'Would you like to join the beta?'],
    "This offer expires tonight, so don't wait.": [
      'This offer runs until tonight.',
      'This offer runs until tonight; does that timing work for you?',
      "This offer runs until tonight, and I'm happy to answer questions before then.",
    ],
    'This one is selling fast.': ['Would this one suit what you need?', 'Happy to answer any questions about this one.'],
  };
  for (const [text, after] of Object.entries(expected)) {
    const findings = linter.lint(text).findings;
    expect(findings.length, text).toBeGreaterThan(0);
    const rewritten = findings.flatMap((f) => f.rewrites.map((r) => applied(text, f, r)));
    expect(rewritten, text).toEqual(after);
  }
});
