// Splits text into sentence units with exact UTF-16 offsets; each unit is linted on its own, which is what
// makes incremental relinting exact.

import { unicodeRegExp } from './unicode';

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

/** Words whose period is an abbreviation's, not a full stop ("Mrs.", "Inc.", "Jan."); frames.ts shares them. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'e.g', 'i.e', 'eg',
  'ie', 'a.m', 'p.m', 'u.s', 'u.k', 'no', 'approx', 'dept', 'est', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
]);

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === '\u3000' || ch === '\r' || ch === '\f' || ch === '\v';
}

const LETTER_OR_DOT = unicodeRegExp(String.raw`[\p{L}.]`);
const LOWER = unicodeRegExp(String.raw`\p{Ll}`);
const UPPER = unicodeRegExp(String.raw`\p{Lu}`);

function isTerminator(ch: string): boolean {
  return ch === '.' || ch === '!' || ch === '?' || ch === '…' || ch === '。' || ch === '！' || ch === '？';
}

/** The word just before a period, lowercased, for the abbreviation check. */
function wordBefore(text: string, dot: number): string {
  let i = dot;
  // The regex is chosen per character: choosing it for the whole text would scan the text at every full stop.
  while (i > 0 && LETTER_OR_DOT(text[i - 1]!).test(text[i - 1]!)) i--;
  return text.slice(i, dot).toLowerCase();
}

function startsLowercase(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (isSpace(ch)) continue;
    return LOWER(ch).test(ch);
  }
  return false;
}

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let unitStart = 0;
  const push = (end: number) => {
    let s = unitStart;
    let e = end;
    while (s < e && (isSpace(text[s]!) || text[s] === '\n')) s++;
    while (e > s && (isSpace(text[e - 1]!) || text[e - 1] === '\n')) e--;
    if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      // A hard-wrapped line that continues in lowercase is the same sentence; anything else is a new unit.
      const blank = /^[ \t\r]*\n/.test(text.slice(i + 1, i + 80));
      if (blank || !startsLowercase(text, i + 1)) {
        push(i);
        unitStart = i + 1;
      }
      continue;
    }
    if (!isTerminator(ch)) continue;
    let j = i + 1;
    while (j < n && isTerminator(text[j]!)) j++;
    while (j < n && CLOSERS.has(text[j]!)) j++;
    const wide = ch === '。' || ch === '！' || ch === '？';
    if (j < n && !wide && !isSpace(text[j]!) && text[j] !== '\n') {
      i = j - 1;
      continue;
    }
    if (ch === '.' && j === i + 1) {
      const before = wordBefore(text, i);
      const single = before.length === 1 && UPPER(text[i - 1]!).test(text[i - 1]!);
      if (ABBREVIATIONS.has(before.replace(/\.$/, '')) || single) continue;
    }
    push(j);
    unitStart = j;
    i = j - 1;
  }
  push(n);
  return spans;
}
