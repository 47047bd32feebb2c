// Turns a composer's state into the figures the popup draws: score band, reader/us share, questions, length, categories.

import type { Category, Finding, Metrics, Score } from '../engine/types';
import { CATEGORIES_BY_RANK, CATEGORY_INFO } from '../shared/categories';

export type ScoreBand = 'warm' | 'mixed' | 'pushy';
export type LengthVerdict = 'empty' | 'brief' | 'good' | 'long';

/** Outreach replies drop off past a few short paragraphs; below ~30 words there is rarely room for the reader. */
export const LENGTH_SWEET_SPOT = { min: 30, max: 150 } as const;
/** The length bar's full width; longer drafts pin to the end. */
export const LENGTH_SCALE_MAX = 250;

export interface CategoryCount {
  category: Category;
  label: string;
  count: number;
}

export interface Breakdown {
  score: number;
  band: ScoreBand;
  bandLabel: string;
  /** Share (0–1) of person references that point at the reader; null when the draft mentions nobody. */
  readerShare: number | null;
  readerReferences: number;
  selfReferences: number;
  questions: number;
  words: number;
  sentences: number;
  length: LengthVerdict;
  /** 0–1 position of the word count on the length bar. */
  lengthPosition: number;
  /** Every category, most serious first, including those with no findings (so bars line up between drafts). */
  categories: CategoryCount[];
  totalFindings: number;
}

export function scoreBand(score: number): ScoreBand {
  if (score >= 80) return 'warm';
  if (score >= 50) return 'mixed';
  return 'pushy';
}

const BAND_LABEL: Record<ScoreBand, string> = {
  warm: 'Reads as being about them',
  mixed: 'Some pressure in here',
  pushy: 'Reads as pushy',
};

export function lengthVerdict(words: number): LengthVerdict {
  if (words === 0) return 'empty';
  if (words < LENGTH_SWEET_SPOT.min) return 'brief';
  if (words <= LENGTH_SWEET_SPOT.max) return 'good';
  return 'long';
}

export function computeBreakdown(findings: readonly Finding[], metrics: Metrics, score: Score): Breakdown {
  const people = metrics.readerReferences + metrics.selfReferences;
  const counts = new Map<Category, number>();
  for (const f of findings) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  return {
    score: score.value,
    band: scoreBand(score.value),
    bandLabel: BAND_LABEL[scoreBand(score.value)],
    readerShare: people === 0 ? null : metrics.readerReferences / people,
    readerReferences: metrics.readerReferences,
    selfReferences: metrics.selfReferences,
    questions: metrics.questions,
    words: metrics.words,
    sentences: metrics.sentences,
    length: lengthVerdict(metrics.words),
    lengthPosition: Math.min(1, metrics.words / LENGTH_SCALE_MAX),
    categories: CATEGORIES_BY_RANK.map((category) => ({
      category,
      label: CATEGORY_INFO[category].label,
      count: counts.get(category) ?? 0,
    })),
    totalFindings: findings.length,
  };
}

export interface FindingGroup {
  category: Category;
  label: string;
  findings: Finding[];
}

/** Findings grouped by category, most serious category first, in reading order within each group. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  return CATEGORIES_BY_RANK.map((category) => ({
    category,
    label: CATEGORY_INFO[category].label,
    findings: findings.filter((f) => f.category === category).sort((a, b) => a.start - b.start || a.end - b.end),
  })).filter((group) => group.findings.length > 0);
}

/** A short sentence for the reader/us bar, so the picture has words too. */
export function describeReaderShare(b: Breakdown): string {
  if (b.readerShare === null) return 'Mentions neither you nor the reader yet.';
  const percent = Math.round(b.readerShare * 100);
  return `${percent}% about the reader (${b.readerReferences} “you”, ${b.selfReferences} “I/we”).`;
}

export function describeLength(b: Breakdown): string {
  const words = `${b.words} ${b.words === 1 ? 'word' : 'words'}`;
  switch (b.length) {
    case 'empty':
      return 'Nothing written yet.';
    case 'brief':
      return `${words}: brief — room to say why you are writing to them.`;
    case 'good':
      return `${words}: easy to read in one go.`;
    case 'long':
      return `${words}: long — readers skim past about ${LENGTH_SWEET_SPOT.max}.`;
  }
}

export function describeQuestions(b: Breakdown): string {
  if (b.questions === 0) return 'Asks the reader nothing yet.';
  return `Asks ${b.questions} ${b.questions === 1 ? 'question' : 'questions'}.`;
}
