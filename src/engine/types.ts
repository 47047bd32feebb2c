// Public types of the Rapport engine: findings, metrics, score and options shared by every consumer.

export const CATEGORIES = ['shame', 'closing', 'urgency', 'self-centred'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offset of the first flagged character. */
  start: number;
  /** UTF-16 offset just past the last flagged character (no trailing punctuation or space). */
  end: number;
  text: string;
  message: string;
  /** The relationship principle behind the finding. */
  why: string;
  /**
   * What Apply replaces: the flagged words, or the clause or sentence around them when a rewrite has to replace
   * more to read right. Always contains [start, end), which stays the highlight.
   */
  replaceStart: number;
  replaceEnd: number;
  /** The text of [replaceStart, replaceEnd) when linted; Apply checks it is still there. */
  replaced: string;
  /**
   * Whole replacements for [replaceStart, replaceEnd), at most three and each a different approach: captures
   * filled, case and punctuation fitted to the sentence. Empty when no rewrite is safe here: then advice speaks.
   */
  rewrites: string[];
  /** Guidance when the sentence needs rethinking rather than a swap. */
  advice: string | null;
  /** An example of the better move, shown with the advice when there is no rewrite to apply. */
  example: string | null;
  /** Stable identity for ignoring this occurrence; survives edits to other sentences. */
  key: string;
}

export interface Metrics {
  words: number;
  sentences: number;
  questions: number;
  selfReferences: number;
  readerReferences: number;
  /** Share (0–1) of sentences whose first word is I, We, Our or My. */
  selfLedShare: number;
  /** Flesch–Kincaid grade level; 0 for empty text. */
  readingGrade: number;
}

export interface ScoreReason {
  reason: string;
  delta: number;
}

export interface Score {
  value: number;
  reasons: ScoreReason[];
}

export interface Report {
  findings: Finding[];
  metrics: Metrics;
  score: Score;
}

export interface UserPhrase {
  phrase: string;
  message: string;
  rewrite?: string;
  category?: Category;
}

export type Sensitivity = 'gentle' | 'balanced' | 'strict';

export interface LintOptions {
  disabledCategories?: readonly Category[];
  disabledRules?: readonly string[];
  userPhrases?: readonly UserPhrase[];
  /** Finding keys (one occurrence) or `ruleId|phrase` keys (every occurrence of a phrase), raw or as ignore tokens. */
  ignored?: readonly string[];
  /** gentle: high severity only; balanced: high and medium; strict: everything (default). */
  sensitivity?: Sensitivity;
  /** Findings from the learned sentence scorer (on by default); rule findings are unaffected. */
  learned?: boolean;
  /** What the site knows about the message; stricter on cold outreach, gentler on internal mail. */
  context?: OutreachContext;
}

export interface OutreachContext {
  /** external: someone outside the sender's organisation; internal: every recipient shares the sender's domain. */
  audience?: 'external' | 'internal' | 'unknown';
  /** A reply in an existing thread rather than a first message. */
  reply?: boolean;
}

export interface OptionError {
  field: string;
  reason: string;
}
