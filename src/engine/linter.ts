// The linter: splits text into sentences, reuses the analysis of every sentence it has seen (so a relint after
// an edit parses only what changed, with the same result as a full lint), and assembles findings, metrics and score.

import { ignoreToken } from './ignore-keys';
import { compilePack, analyseSentence, analysePattern, packFor, type CompiledPack, type LocalHit } from './matcher';
import { originalSpan, wholeWords } from './normalise';
import { isQuoted, quotedStretches } from './quoted';
import { scoreSentence, scoresLength, sentenceFeatures, type ScorerModel } from './scorer';
import { aggregateMetrics, sentenceStats, type SentenceStats } from './metrics';
import { fillTemplate, planRewrites, type RewritePlan } from './rewrite';
import type { Rule } from './rules';
import { scoreReport } from './score';
import { splitSentences, type SentenceSpan } from './split';
import {
  CATEGORIES,
  type Category,
  type Finding,
  type LintOptions,
  type OptionError,
  type Report,
  type Severity,
  type UserPhrase,
} from './types';
import { unicodeRegExp } from './unicode';

interface SentenceAnalysis {
  hits: LocalHit[];
  stats: SentenceStats;
  /** The sentence pitches the sender (our platform, years of experience, a bit about me…). */
  pitch: boolean;
  /** The names of the concepts the sentence holds, for a rule that speaks only after one of them (Rule.follows). */
  concepts: ReadonlySet<string>;
  /** The learned scorer's verdict at the loosest threshold any context uses; null when a rule fired or none. */
  learned: { category: Category; probability: number; start: number; end: number } | null;
}

/** A sentence's own findings, with offsets local to it (see Linter.localFindings). */
interface LocalFindings {
  rules: Finding[];
  learned: Finding | null;
  /** Hits of rules that depend on the sentences before (Rule.follows, Rule.unlessAfter): lintSpans decides them. */
  contextHits: LocalHit[];
}

/** A local finding placed at its sentence's offset in the text; a fresh object, so callers may keep or change it. */
function shifted(f: Finding, by: number): Finding {
  return { ...f, start: f.start + by, end: f.end + by, replaceStart: f.replaceStart + by, replaceEnd: f.replaceEnd + by, rewrites: [...f.rewrites] };
}

/** Explanations of learned findings, per category (src/engine/model/explanations.json). */
export type LearnedExplanations = Record<Category, { message: string; why: string; advice: string; example: string }>;

export interface LearnedScorer {
  model: ScorerModel;
  explanations: LearnedExplanations;
}

const NO_CONCEPTS: ReadonlySet<string> = new Set();
const PITCH_CONCEPTS = new Set(['Pitch', 'Credential', 'SelfIntro', 'Hype']);
// Cold outreach gets a more eager scorer, mail between colleagues a much more reluctant one.
const THRESHOLD_SHIFT = { external: -0.04, internal: 0.12, unknown: 0 } as const;
const LOOSEST_SHIFT = Math.min(...Object.values(THRESHOLD_SHIFT));

const SENSITIVITY: Record<NonNullable<LintOptions['sensitivity']>, ReadonlySet<Severity>> = {
  gentle: new Set(['high']),
  balanced: new Set(['high', 'medium']),
  strict: new Set(['high', 'medium', 'low']),
};

export const USER_RULE_PREFIX = 'user-';
/** Findings of the learned scorer carry rule ids learned-<category>, so Mute and Ignore work on them too. */
export const LEARNED_RULE_PREFIX = 'learned-';

/** Normalised form used in ignore keys: case, apostrophe style and spacing do not matter. */
export function normaliseForKey(text: string): string {
  return text.toLowerCase().replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ').trim();
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The sentence part of finding keys; computed only for sentences that have a finding. */
function sentenceHash(span: SentenceSpan): string {
  return hashText(normaliseForKey(span.text));
}

function hashText(text: string): string {
  return fnv1a(text).toString(36);
}

export function phraseKey(ruleId: string, text: string): string {
  return `${ruleId}|${normaliseForKey(text)}`;
}

/** Turns user phrases into rules, rejecting those that cannot work with a reason per field. */
export function compileUserPhrases(
  phrases: readonly UserPhrase[],
  builtIn: readonly Rule[],
): { rules: Rule[]; errors: OptionError[] } {
  const rules: Rule[] = [];
  const errors: OptionError[] = [];
  const seen = new Set<string>();
  const builtInPatterns = new Map<string, string>();
  for (const rule of builtIn) for (const p of rule.patterns) builtInPatterns.set(p, rule.id);
  phrases.forEach((entry, i) => {
    const at = `userPhrases[${i}]`;
    const fail = (field: string, reason: string) => errors.push({ field: `${at}.${field}`, reason });
    if (typeof entry !== 'object' || entry === null) return fail('(entry)', 'must be an object with phrase and message');
    const phrase = typeof entry.phrase === 'string' ? entry.phrase.trim().replace(/\s+/g, ' ') : '';
    const message = typeof entry.message === 'string' ? entry.message.trim() : '';
    const category = entry.category ?? 'urgency';
    const words = phrase.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
    if (phrase === '') return fail('phrase', 'is empty');
    if (words.length === 0) return fail('phrase', 'has no words to match');
    if (words.length > 8) return fail('phrase', `has ${words.length} words; keep it to 8 or fewer`);
    if (/[^\p{L}\p{N}\s'’\-,.!?]/u.test(phrase)) return fail('phrase', 'may contain only words, spaces and . , ! ? \' -');
    if (message === '') return fail('message', 'is empty: say why the phrase is pushy');
    if (message.length > 300) return fail('message', 'is longer than 300 characters');
    if (!CATEGORIES.includes(category)) return fail('category', `must be one of ${CATEGORIES.join(', ')}`);
    if (entry.rewrite !== undefined && typeof entry.rewrite !== 'string') return fail('rewrite', 'must be text');
    const pattern = words.map((w) => w.toLowerCase().replace(/’/g, "'")).join(' ');
    if (seen.has(pattern)) return fail('phrase', `"${phrase}" is already in your list`);
    const owner = builtInPatterns.get(pattern);
    if (owner) return fail('phrase', `"${phrase}" is already flagged by the built-in rule ${owner}`);
    const checked = analysePattern(pattern);
    if ('reason' in checked) return fail('phrase', checked.reason);
    seen.add(pattern);
    const rewrite = entry.rewrite?.trim() ?? '';
    rules.push({
      id: `${USER_RULE_PREFIX}${hashText(pattern)}`,
      category,
      severity: 'medium',
      kind: 'phrase',
      patterns: [pattern],
      frames: [],
      exceptions: [],
      follows: [],
      unlessAfter: [],
      message,
      why: 'You added this phrase to your own list.',
      rewrites: rewrite ? [{ approach: null, to: rewrite, find: null }] : [],
      advice: rewrite ? null : 'Rephrase this in words that leave the decision with the reader.',
      example: null,
      threshold: null,
    });
  });
  return { rules, errors };
}

/**
 * A phrase hit's rewrite plan, planned once: ranking a sentence's hits needs to know whether a rewrite fits, and the
 * finding then shows that same plan. (Hits live as long as their sentence's cached analysis, whose pack fixes the rule.)
 */
const plans = new WeakMap<LocalHit, RewritePlan | null>();

function planFor(rule: Rule, sentence: string, hit: LocalHit): RewritePlan | null {
  if (rule.kind !== 'phrase') return null;
  let plan = plans.get(hit);
  if (plan === undefined) {
    plan = planRewrites(sentence, hit, hit.groups, rule.rewrites);
    plans.set(hit, plan);
  }
  return plan;
}

/** Packs with user phrases, by rule pack and phrase set: compiled once however often the other options change. */
const userPacks = new WeakMap<readonly Rule[], Map<string, { pack: CompiledPack; errors: OptionError[] }>>();
const USER_PACKS_KEPT = 4;

function packWithPhrases(builtIn: readonly Rule[], phrases: readonly UserPhrase[]): { pack: CompiledPack; errors: OptionError[] } {
  const base = packFor(builtIn);
  if (phrases.length === 0) return { pack: base, errors: [] };
  let byPhrases = userPacks.get(builtIn);
  if (!byPhrases) userPacks.set(builtIn, (byPhrases = new Map()));
  const key = JSON.stringify(phrases);
  let entry = byPhrases.get(key);
  if (!entry) {
    const user = compileUserPhrases(phrases, builtIn);
    const pack =
      user.rules.length === 0
        ? base
        : compilePack(
            [...builtIn, ...user.rules],
            (r) => (r.id.startsWith(USER_RULE_PREFIX) ? 'userPhrases' : `rules/${r.id}.json`),
            base.lexicon,
            base,
          );
    entry = { pack, errors: user.errors };
    // A few recent phrase sets are enough: they change only when the user edits their list.
    if (byPhrases.size >= USER_PACKS_KEPT) byPhrases.delete(byPhrases.keys().next().value!);
    byPhrases.set(key, entry);
  }
  return entry;
}

/** Lets a long lint give the thread back between batches of sentences (see Linter.lintSliced). */
export interface SliceControl {
  /** Resolves when work may go on (the caller yields to the page in it). */
  pause(): Promise<void>;
  /** Stop when this aborts (the text changed again); the sentences analysed so far stay cached. */
  signal?: AbortSignal;
  /** How long one batch may run before pausing, in ms. */
  budgetMs?: number;
  now?: () => number;
}

export class Linter {
  readonly optionErrors: OptionError[];
  private readonly pack: CompiledPack;
  private readonly messageRules: Rule[];
  private readonly enabled: boolean[];
  private readonly ignoredKeys: ReadonlySet<string>;
  private cache = new Map<string, SentenceAnalysis>();
  private readonly scorer: LearnedScorer | null;
  /** The probability a learned verdict needs in this context, per category. */
  private readonly learnedThreshold: Record<Category, number>;
  private readonly learnedEnabled: Record<Category, boolean>;
  private readonly judgeMessages: boolean;
  private readonly messageIds: ReadonlySet<string>;
  /**
   * Per analysed sentence, its rule and learned findings at offsets local to the sentence: they depend only on the
   * sentence and this linter's options, so a relint rebuilds them only for the sentences that changed and shifts
   * the rest to where their sentence now starts.
   */
  private readonly local = new WeakMap<SentenceAnalysis, LocalFindings>();

  /**
   * previous: the linter this one replaces (after an option change). A sentence's analysis depends only on the
   * compiled pack and the scorer, never on which rules are switched on, ignored or the context, so when those
   * are the same the analysed sentences carry over and filtering happens after matching.
   */
  constructor(builtIn: readonly Rule[], options: LintOptions = {}, scorer: LearnedScorer | null = null, previous?: Linter) {
    const user = packWithPhrases(builtIn, options.userPhrases ?? []);
    this.optionErrors = [...user.errors];
    this.pack = user.pack;
    const pack = this.pack;
    const off = new Set<string>(options.disabledRules ?? []);
    const offCategories = new Set<Category>(options.disabledCategories ?? []);
    const severities = SENSITIVITY[options.sensitivity ?? 'strict'];
    this.enabled = pack.rules.map((r) => !off.has(r.id) && !offCategories.has(r.category) && severities.has(r.severity));
    const context = options.context ?? {};
    const audience = context.audience ?? 'unknown';
    // Mail between colleagues is not outreach: only the strongest rules speak there.
    if (audience === 'internal') pack.rules.forEach((r, i) => (this.enabled[i] = this.enabled[i]! && r.severity === 'high'));
    // A rule about the whole message speaks before one about a list in it (lint keeps one message finding set per category).
    const listScoped = (r: Rule) => Number(r.threshold!.minSelfListItems > 0);
    this.messageRules = pack.rules.filter((r, i) => r.kind === 'message' && this.enabled[i]).sort((a, b) => listScoped(a) - listScoped(b));
    this.messageIds = new Set(this.messageRules.map((r) => r.id));
    // A reply answers the reader, so talking about yourself there is not a pitch.
    this.judgeMessages = context.reply !== true && audience !== 'internal';
    this.ignoredKeys = new Set(options.ignored ?? []);
    this.scorer = options.learned === false ? null : scorer;
    if (previous && previous.pack === this.pack && previous.scorer === this.scorer) this.cache = previous.cache;
    this.learnedThreshold = Object.fromEntries(
      CATEGORIES.map((c) => {
        const i = scorer?.model.categories.indexOf(c) ?? -1;
        // A threshold of 1 is training's verdict that the category cannot be learned within budget: it stays silent
        // in every context, rather than being capped into speaking at 0.99.
        const trained = i < 0 ? 1 : scorer!.model.thresholds[i]!;
        return [c, trained >= 1 ? Infinity : Math.min(Math.max(trained, 0.99), trained + THRESHOLD_SHIFT[audience])];
      }),
    ) as Record<Category, number>;
    const learnedSeverityOn = severities.has('medium');
    this.learnedEnabled = Object.fromEntries(
      CATEGORIES.map((c) => [c, learnedSeverityOn && !offCategories.has(c) && !off.has(`${LEARNED_RULE_PREFIX}${c}`)]),
    ) as Record<Category, boolean>;
  }

  /** Lints text, re-analysing only sentences not seen in the previous call; equal to a fresh full lint. */
  lint(text: string): Report {
    return this.lintSpans(splitSentences(text));
  }

  private lintSpans(spans: readonly SentenceSpan[]): Report {
    const next = new Map<string, SentenceAnalysis>();
    const analyses = spans.map((span) => {
      let analysis = next.get(span.text) ?? this.cache.get(span.text);
      if (!analysis) analysis = this.analyse(span.text);
      next.set(span.text, analysis);
      return analysis;
    });
    this.cache = next;

    const findings: Finding[] = [];
    const local = analyses.map((analysis, i) => this.localFindings(analysis, spans[i]!.text));
    const followed = new Set<number>();
    spans.forEach((span, i) => {
      const own = local[i]!.rules;
      for (const f of own) findings.push(shifted(f, span.start));
      // A rule that follows a concept speaks only when the sentence before holds it, and a rule with unlessAfter
      // only when neither of the two before holds one of its concepts (not sentence-local, so not cached).
      const context = local[i]!.contextHits;
      if (context.length === 0) return;
      const before = i > 0 ? analyses[i - 1]!.concepts : NO_CONCEPTS;
      const twoBefore = i > 1 ? analyses[i - 2]!.concepts : NO_CONCEPTS;
      const rules = this.pack.rules;
      const speaking = context.filter(({ rule: r }) => {
        const { follows, unlessAfter } = rules[r]!;
        if (follows.length > 0 && !follows.some((n) => before.has(n))) return false;
        return !unlessAfter.some((n) => before.has(n) || twoBefore.has(n));
      });
      if (speaking.length === 0) return;
      for (const hit of this.onePerCategory(speaking, span.text)) {
        const category = rules[hit.rule]!.category;
        if (own.some((f) => f.category === category && hit.start < f.end && f.start < hit.end)) continue;
        findings.push(this.toFinding(rules[hit.rule]!, span, hit, sentenceHash(span)));
        followed.add(i);
      }
    });
    // A learned verdict speaks only where no rule finding of its sentence does (sentences do not overlap).
    spans.forEach((span, i) => {
      const learned = local[i]!.learned;
      if (learned && !followed.has(i)) findings.push(shifted(learned, span.start));
    });
    const metrics = aggregateMetrics(analyses.map((a) => a.stats));
    // A list under a heading about us ("What I've shipped:", or "Quick context:" after a line about us) is us too,
    // item by item, unless the item speaks of the reader.
    const inSelfList = selfListItems(spans, analyses);
    const listItems = inSelfList.filter((x) => x === 'item').length;
    // A sentence is about the sender when it opens with I/We/Our/My or pitches them, whatever its first word.
    const aboutSelf = (a: SentenceAnalysis, i: number) => a.stats.selfLed || a.pitch || inSelfList[i] === 'item';
    const counted = analyses.map((a, i) => [a, i] as const).filter(([a]) => a.stats.words > 0);
    const selfShare = counted.filter(([a, i]) => aboutSelf(a, i)).length / Math.max(1, counted.length);
    const pitchSentences = analyses.filter((a) => a.pitch).length + listItems;
    const selfReferences = metrics.selfReferences + listItems;
    const judged = new Set<Category>();
    for (const rule of this.judgeMessages ? this.messageRules : []) {
      const t = rule.threshold!;
      if (judged.has(rule.category)) continue;
      const ratioMet = selfReferences >= t.minSelfToReaderRatio * Math.max(1, metrics.readerReferences);
      if (metrics.words < t.minWords || metrics.sentences < t.minSentences) continue;
      if (selfShare < t.minSelfLedShare || !ratioMet || pitchSentences < t.minPitchSentences) continue;
      if (t.minSelfListItems > 0 && listItems < t.minSelfListItems) continue;
      judged.add(rule.category);
      spans.forEach((span, i) => {
        if (t.minSelfListItems > 0 ? inSelfList[i] === null : !aboutSelf(analyses[i]!, i)) return;
        const hit = trimmedSentence(span.text);
        if (hit) findings.push(this.toFinding(rule, span, { rule: -1, ...hit, groups: {} }, sentenceHash(span)));
      });
    }
    const kept = findings
      .filter((f) => !this.isIgnored(f))
      .sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    return { findings: kept, metrics, score: scoreReport(kept, metrics, this.messageIds) };
  }

  /** A sentence's rule findings and learned finding, at offsets within the sentence; built once per analysis. */
  private localFindings(analysis: SentenceAnalysis, text: string): LocalFindings {
    let local = this.local.get(analysis);
    if (local) return local;
    const span: SentenceSpan = { start: 0, end: text.length, text };
    let hash: string | undefined;
    // Hits of a rule that follows or is silenced by a concept depend on the sentences before: lintSpans adds them.
    const own: LocalHit[] = [];
    const contextHits: LocalHit[] = [];
    for (const h of analysis.hits) {
      const rule = this.pack.rules[h.rule]!;
      (rule.follows.length > 0 || rule.unlessAfter.length > 0 ? contextHits : own).push(h);
    }
    const rules = this.onePerCategory(own, text).map((hit) => this.toFinding(this.pack.rules[hit.rule]!, span, hit, (hash ??= sentenceHash(span))));
    const learned = analysis.learned;
    const speaks =
      learned !== null &&
      this.scorer !== null &&
      learned.probability >= this.learnedThreshold[learned.category] &&
      this.learnedEnabled[learned.category] &&
      rules.length === 0;
    local = { rules, learned: speaks ? this.learnedFinding(learned, span, (hash ??= sentenceHash(span))) : null, contextHits };
    this.local.set(analysis, local);
    return local;
  }

  /** Settings hold hashed tokens (src/engine/ignore-keys.ts); raw keys, as in older exports and tests, count too. */
  private isIgnored(finding: Finding): boolean {
    if (this.ignoredKeys.size === 0) return false;
    const phrase = phraseKey(finding.ruleId, finding.text);
    const keys = this.ignoredKeys;
    return keys.has(finding.key) || keys.has(phrase) || keys.has(ignoreToken(finding.key)) || keys.has(ignoreToken(phrase));
  }

  /**
   * The same report as lint(), but sentences not analysed yet are analysed in batches of about budgetMs with
   * control.pause() between them, so a long draft never holds the thread for long. Null when aborted.
   */
  async lintSliced(text: string, control: SliceControl): Promise<Report | null> {
    const now = control.now ?? (() => performance.now());
    const budget = control.budgetMs ?? 8;
    let batchStart = now();
    let analysedInBatch = false;
    const spans = splitSentences(text);
    for (const span of spans) {
      if (this.cache.has(span.text)) continue;
      // Every batch analyses at least one sentence, so a slow sentence cannot stall the lint.
      if (analysedInBatch && now() - batchStart >= budget) {
        await control.pause();
        if (control.signal?.aborted) return null;
        batchStart = now();
        analysedInBatch = false;
      }
      this.cache.set(span.text, this.analyse(span.text));
      analysedInBatch = true;
    }
    if (control.signal?.aborted) return null;
    return this.lintSpans(spans);
  }

  /**
   * One finding per stretch of text and category among the enabled rules: a rule with a rewrite that fits this
   * sentence wins over one that can only advise, then a hand-written pattern rule over a concept frame, then the
   * longer span. Muting the winner lets the other speak.
   */
  private onePerCategory(hits: readonly LocalHit[], sentence: string): LocalHit[] {
    const rules = this.pack.rules;
    const fits = (h: LocalHit) => {
      const rule = rules[h.rule]!;
      return rule.kind === 'phrase' && rule.rewrites.length > 0 && planFor(rule, sentence, h) !== null;
    };
    const ranks = new Map(hits.map((h) => [h, (fits(h) ? 2_000_000 : 0) + (rules[h.rule]!.patterns.length > 0 ? 1_000_000 : 0) + (h.end - h.start)]));
    const rank = (h: LocalHit) => ranks.get(h)!;
    const enabled = hits.filter((h) => this.enabled[h.rule]).sort((a, b) => rank(b) - rank(a) || a.start - b.start || a.rule - b.rule);
    const kept: LocalHit[] = [];
    for (const hit of enabled) {
      const category = rules[hit.rule]!.category;
      if (!kept.some((k) => rules[k.rule]!.category === category && hit.start < k.end && k.start < hit.end)) kept.push(hit);
    }
    return kept;
  }

  private analyse(text: string): SentenceAnalysis {
    const match = analyseSentence(this.pack, text);
    const names = new Set(match.concepts.map((h) => this.pack.lexicon.concepts[h.concept]!.name));
    let learned: SentenceAnalysis['learned'] = null;
    // A sentence too short or too long for the scorer gets no verdict, so its features are not worth making.
    if (this.scorer && match.hits.length === 0 && scoresLength(match.tokens.length)) {
      const features = sentenceFeatures(match.normalised.text, match.tokens, match.concepts, this.pack.lexicon);
      const scored = scoreSentence(this.scorer.model, features, match.tokens.length, LOOSEST_SHIFT);
      if (scored) {
        const { start, end } = wholeWords(text, ...originalSpan(match.normalised, match.tokens[scored.from]!.start, match.tokens[scored.to - 1]!.end));
        learned = { category: scored.category, probability: scored.probability, start, end };
      }
    }
    // Pushy words the writer quotes in order to discuss them ("the “only 1 left” badge") are not the writer's push;
    // a quoted testimonial in a pitch is still the sender praising themselves.
    const quoted = match.hits.length > 0 ? quotedStretches(text) : [];
    const rules = this.pack.rules;
    const own = (h: LocalHit) => rules[h.rule]!.category === 'self-centred' || !isQuoted(quoted, h.start, h.end);
    return {
      hits: quoted.length > 0 ? match.hits.filter(own) : match.hits,
      stats: sentenceStats(match.normalised.text),
      pitch: [...names].some((n) => PITCH_CONCEPTS.has(n)),
      concepts: names,
      learned,
    };
  }

  private learnedFinding(learned: NonNullable<SentenceAnalysis['learned']>, span: SentenceSpan, sentenceHash: string): Finding {
    const text = span.text.slice(learned.start, learned.end);
    const explanation = this.scorer!.explanations[learned.category];
    const ruleId = `${LEARNED_RULE_PREFIX}${learned.category}`;
    return {
      ruleId,
      category: learned.category,
      severity: 'medium',
      start: span.start + learned.start,
      end: span.start + learned.end,
      text,
      message: fillTemplate(explanation.message, { match: text }) ?? explanation.message,
      why: explanation.why,
      replaceStart: span.start + learned.start,
      replaceEnd: span.start + learned.end,
      replaced: text,
      rewrites: [],
      advice: explanation.advice,
      example: explanation.example,
      key: `${phraseKey(ruleId, text)}|${sentenceHash}`,
    };
  }

  /** How many sentence analyses this linter holds (carried over from a previous linter, or from its last lint). */
  get cachedSentences(): number {
    return this.cache.size;
  }

  /** Forgets every analysed sentence, so the next lint is a full one. */
  reset(): void {
    this.cache.clear();
  }

  private toFinding(rule: Rule, span: SentenceSpan, hit: LocalHit, sentenceHash: string): Finding {
    const text = span.text.slice(hit.start, hit.end);
    const values = { ...hit.groups, match: text };
    // A message-level finding covers a whole sentence of the message: no template can know what to put there.
    const plan = planFor(rule, span.text, hit);
    return {
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      start: span.start + hit.start,
      end: span.start + hit.end,
      text,
      message: fillTemplate(rule.message, values) ?? rule.message,
      why: rule.why,
      replaceStart: span.start + (plan?.start ?? hit.start),
      replaceEnd: span.start + (plan?.end ?? hit.end),
      replaced: span.text.slice(plan?.start ?? hit.start, plan?.end ?? hit.end),
      rewrites: plan ? [...plan.rewrites] : [],
      advice: rule.advice,
      example: rule.example,
      key: `${phraseKey(rule.id, text)}|${sentenceHash}`,
    };
  }
}

const SPACE_OR_PUNCTUATION = unicodeRegExp(String.raw`[\s\p{P}]`);

function trimmedSentence(text: string): { start: number; end: number } | null {
  let start = 0;
  let end = text.length;
  const edge = SPACE_OR_PUNCTUATION(text);
  while (start < end && edge.test(text[start]!)) start++;
  while (end > start && edge.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

const WORK_HEADING = /\b(?:updates?|recap|summary|agenda|next steps|status|progress|changes|changelog|notes|minutes|action items|to-?dos?|this week|today|yesterday|last week|done|working on|priorities|plans?|goals|blockers|owners|timeline|schedule)\b/i;
const IRREGULAR_PAST = new Set([
  'wrote', 'set', 'sent', 'made', 'met', 'ran', 'took', 'got', 'did', 'led', 'put', 'cut', 'paid', 'spent', 'began', 'drew', 'built',
  'bought', 'brought', 'caught', 'found', 'held', 'kept', 'left', 'read', 'said', 'saw', 'sold', 'told', 'went', 'gave', 'came', 'broke',
  'chose', 'spoke', 'reset', 'shut', 'split', 'upgraded', 'fixed',
]);

/**
 * A list item that opens with a past-tense verb ("Fixed the login bug", "Sent the invoices") reports work done, as
 * in a status update; one that opens with a passive credential ("Featured in Forbes", "Backed by two investors")
 * is still about us.
 */
const ITEM_WORD = unicodeRegExp(String.raw`[\p{L}'\u2019-]+`, 'gu');
const REGULAR_PAST = unicodeRegExp(String.raw`^\p{L}{3,}ed$`);

function isDoneTask(item: string): boolean {
  const text = item.replace(/^(?:[-*•·▪‣◦–—]|\d{1,2}[.)])\s+/u, '').toLowerCase();
  const words = text.match(ITEM_WORD(text)) ?? [];
  const [first, second] = words;
  if (!first || !(IRREGULAR_PAST.has(first) || REGULAR_PAST(first).test(first))) return false;
  return !(second === 'by' || second === 'in' || second === 'on' || second === 'at' || second === 'as');
}

const LIST_NUMBER = /^\d{1,2}[.)]$/;
const LIST_ITEM = /^(?:[-*•·▪‣◦–—]|\d{1,2}[.)])\s+\S/u;

/**
 * Which units are items of a list about the sender ('item') or that list's heading ('heading'); null otherwise.
 * A heading is a unit ending in a colon that speaks of us and not the reader ("What I've shipped recently:"), or
 * a neutral one ("Quick context:") right after a line about us that does not speak of the reader either.
 */
function selfListItems(spans: readonly SentenceSpan[], analyses: readonly SentenceAnalysis[]): ('item' | 'heading' | null)[] {
  const marks: ('item' | 'heading' | null)[] = spans.map(() => null);
  const aboutUs = (a: SentenceAnalysis) => (a.stats.selfLed || a.pitch || a.stats.selfReferences > 0) && a.stats.readerReferences === 0;
  for (let h = 0; h < spans.length; h++) {
    const text = spans[h]!.text;
    if (!text.endsWith(':') || LIST_ITEM.test(text)) continue;
    // A status report or recap ("What I did this week:", "Next steps:") lists work, not credentials.
    if (WORK_HEADING.test(text)) continue;
    const a = analyses[h]!;
    let ours = aboutUs(a);
    if (!ours && a.stats.selfReferences === 0 && a.stats.readerReferences === 0 && h > 0) {
      const before = analyses[h - 1]!;
      ours = !LIST_ITEM.test(spans[h - 1]!.text) && !spans[h - 1]!.text.endsWith(':') && aboutUs(before);
    }
    if (!ours) continue;
    let items = 0;
    for (let i = h + 1; i < spans.length; i++) {
      // "1." splits off as a unit of its own: the unit after it is the item.
      if (LIST_NUMBER.test(spans[i]!.text) && i + 1 < spans.length) i++;
      else if (!LIST_ITEM.test(spans[i]!.text)) break;
      if (analyses[i]!.stats.readerReferences > 0 || isDoneTask(spans[i]!.text)) continue;
      marks[i] = 'item';
      items++;
    }
    if (items > 0) marks[h] = 'heading';
  }
  return marks;
}
