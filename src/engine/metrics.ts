// Per-sentence counts (words, questions, self vs reader references, syllables) and their aggregation into
// message metrics; plain string work, no NLP parse, so every sentence can afford it.

import type { Metrics } from './types';
import { unicodeRegExp } from './unicode';

export interface SentenceStats {
  words: number;
  syllables: number;
  question: boolean;
  selfReferences: number;
  readerReferences: number;
  selfLed: boolean;
}

const SELF = new Set(['i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves']);
const READER = new Set(['you', 'your', 'yours', 'yourself', 'yourselves', 'ya', "y'all"]);
const SELF_LEADS = new Set(['i', 'we', 'our', 'my']);

const WORD = unicodeRegExp(String.raw`[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*`, 'gu');
const LETTER = unicodeRegExp(String.raw`\p{L}`);

export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 1;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1);
}

/** Lowercased head of a word before any apostrophe: "We're" → "we", "I’m" → "i". */
function head(word: string): string {
  const lower = word.toLowerCase();
  const cut = lower.search(/['’]/);
  return cut === -1 ? lower : lower.slice(0, cut);
}

export function sentenceStats(text: string): SentenceStats {
  let words = 0;
  let syllables = 0;
  let selfReferences = 0;
  let readerReferences = 0;
  let first: string | null = null;
  for (const m of text.matchAll(WORD(text))) {
    const word = m[0];
    words++;
    syllables += countSyllables(word);
    const h = head(word);
    if (first === null && LETTER(word).test(word)) first = h;
    if (SELF.has(h)) selfReferences++;
    else if (READER.has(h)) readerReferences++;
  }
  return {
    words,
    syllables,
    question: /[?？][\s"'”’)\]]*$/.test(text),
    selfReferences,
    readerReferences,
    selfLed: first !== null && SELF_LEADS.has(first),
  };
}

export function aggregateMetrics(stats: readonly SentenceStats[]): Metrics {
  let words = 0;
  let syllables = 0;
  let questions = 0;
  let selfReferences = 0;
  let readerReferences = 0;
  let selfLed = 0;
  let sentences = 0;
  for (const s of stats) {
    if (s.words === 0) continue;
    sentences++;
    words += s.words;
    syllables += s.syllables;
    if (s.question) questions++;
    selfReferences += s.selfReferences;
    readerReferences += s.readerReferences;
    if (s.selfLed) selfLed++;
  }
  const grade = words === 0 ? 0 : 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
  return {
    words,
    sentences,
    questions,
    selfReferences,
    readerReferences,
    selfLedShare: sentences === 0 ? 0 : round(selfLed / sentences, 3),
    readingGrade: words === 0 ? 0 : round(Math.max(0, grade), 1),
  };
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}
