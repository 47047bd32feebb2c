// Lets the engine see through how people actually type (invisible characters, curly quotes, shouting, template
// placeholders, numbers glued to units) while every span still maps back to exact offsets in the original text.

import { unicodeRegExp } from './unicode';

export interface Normalised {
  text: string;
  /** Original offset where each normalised character starts; null when the text needed no change. */
  starts: number[] | null;
  /** Original offset just past each normalised character. */
  ends: number[] | null;
}

// Zero-width space/joiners, word joiner, BOM and soft hyphen: pasted from web pages and used to dodge filters.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const LETTER = unicodeRegExp(String.raw`\p{L}`);
const LETTER_OR_DIGIT = unicodeRegExp(String.raw`[\p{L}\p{N}]`);
const QUOTES: Record<string, string> = { '’': "'", '‘': "'", 'ʼ': "'", '´': "'", '`': "'", '“': '"', '”': '"', '„': '"' };
// {{first_name}}, {company}, [Name], [Your name]: mail-merge slots read as a name (or a number) to the tagger.
const PLACEHOLDER = /\{\{\s*[\w .-]{1,40}\s*\}\}|\{[A-Za-z_][\w .-]{0,30}\}|\[[A-Za-z#][\w .'/#-]{0,30}\]/y;
// A slot reads as what its name says it holds, so "{{competitor}} is already ahead" and "Offer ends [date]" read
// like the sentences they stand for; any other slot is a name.
const SLOT_READINGS: [RegExp, string][] = [
  [/compet|rival/i, 'Rivalco'],
  [/percent|pct|%|discount/i, '20%'],
  [/number|count|num\b|#|amount|x\b|qty|quantity|left|spots|seats|price|cost/i, '5'],
  [/date|day|deadline|expir/i, 'Friday'],
  [/time\b|_time|hour/i, '5 pm'],
];
function slotReading(slot: string): string {
  for (const [name, reading] of SLOT_READINGS) if (name.test(slot)) return reading;
  return 'Alex';
}
// "2hrs", "5PM", "3days", "48hours": digits glued to a unit the rules and the tagger know as separate words.
const GLUED_UNIT = /^(?:hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|wks?|weeks?|months?|am|pm|spots?|seats?|left|x)$/i;

// The misspellings people make most in the words tactics are built from (deadlines, offers, guarantees, rivals),
// read as spelled so every pattern and concept sees them.
const MISSPELT: Record<string, string> = {
  tommorow: 'tomorrow',
  tomorow: 'tomorrow',
  tommorrow: 'tomorrow',
  untill: 'until',
  recieve: 'receive',
  definately: 'definitely',
  oppurtunity: 'opportunity',
  oppertunity: 'opportunity',
  guarentee: 'guarantee',
  garantee: 'guarantee',
  immediatly: 'immediately',
  imediately: 'immediately',
  buisness: 'business',
  availible: 'available',
  avaliable: 'available',
  alot: 'a lot',
  noone: 'no one',
  thier: 'their',
  competitiors: 'competitors',
  competiters: 'competitors',
  seperate: 'separate',
  occured: 'occurred',
  begining: 'beginning',
  wierd: 'weird',
};
const HAS_MISSPELT = new RegExp(String.raw`\b(?:${Object.keys(MISSPELT).join('|')})\b`, 'i');

function isAllCapsShout(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (const ch of text) {
    if (ch >= 'A' && ch <= 'Z') upper++;
    else if (ch >= 'a' && ch <= 'z') lower++;
  }
  return upper >= 6 && upper >= 3 * lower;
}

export function normalise(text: string): Normalised {
  const shouting = isAllCapsShout(text);
  if (
    !shouting &&
    !INVISIBLE.test(text) &&
    !/[’‘ʼ´`“”„{[]/.test(text) &&
    !/\d[A-Za-z]/.test(text) &&
    !/\b[A-Z]{4,}\b/.test(text) &&
    !HAS_MISSPELT.test(text)
  ) {
    return { text, starts: null, ends: null };
  }
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (s: string, from: number, to: number) => {
    for (const ch of s) {
      out += ch;
      starts.push(from);
      ends.push(to);
    }
  };
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (INVISIBLE.test(ch)) {
      i++;
      continue;
    }
    if (ch === '{' || ch === '[') {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(text);
      if (m) {
        push(slotReading(m[0]), i, i + m[0].length);
        i += m[0].length;
        continue;
      }
    }
    const quote = QUOTES[ch];
    if (quote) {
      push(quote, i, i + 1);
      i++;
      continue;
    }
    if (/[A-Za-z]/.test(ch) && (i === 0 || !LETTER_OR_DIGIT(text[i - 1]!).test(text[i - 1]!))) {
      // A whole word: lowercase it when it shouts, so the tagger reads "NOW" as an adverb, not an acronym.
      let j = i;
      while (j < text.length && (LETTER(text[j]!).test(text[j]!) || INVISIBLE.test(text[j]!))) j++;
      const word = text.slice(i, j);
      const letters = word.replace(INVISIBLE, '');
      const lowered = letters.toLowerCase();
      const spelled = Object.hasOwn(MISSPELT, lowered) ? MISSPELT[lowered] : undefined;
      if (spelled && !/[\d'-]/.test(text[j] ?? '')) {
        push(/^[A-Z]/.test(letters) && !shouting ? spelled[0]!.toUpperCase() + spelled.slice(1) : spelled, i, j);
        i = j;
        continue;
      }
      const shout = letters.length > 1 && letters === letters.toUpperCase() && (shouting || letters.length >= 4);
      for (let k = i; k < j; k++) {
        const c = text[k]!;
        if (INVISIBLE.test(c)) continue;
        const lower = shout ? c.toLowerCase() : c;
        push(lower.length === 1 ? lower : c, k, k + 1);
      }
      i = j;
      continue;
    }
    if (/\d/.test(ch)) {
      let j = i;
      while (j < text.length && /\d/.test(text[j]!)) j++;
      for (let k = i; k < j; k++) push(text[k]!, k, k + 1);
      let u = j;
      while (u < text.length && /[A-Za-z]/.test(text[u]!)) u++;
      const unit = text.slice(j, u);
      // "2day" is texting for today, not two days: it stays one word, as the concept lexicon spells it.
      const textese = text.slice(i, j) === '2' && /^day$/i.test(unit);
      if (unit && GLUED_UNIT.test(unit) && !textese) {
        push(' ', j, j);
        for (let k = j; k < u; k++) push(shouting || /^[AP]M$/.test(unit) ? text[k]!.toLowerCase() : text[k]!, k, k + 1);
        i = u;
        continue;
      }
      i = j;
      continue;
    }
    push(ch, i, i + 1);
    i++;
  }
  return { text: out, starts, ends };
}

/** Maps a span of the normalised text back to the original text. */
export function originalSpan(n: Normalised, start: number, end: number): [number, number] {
  if (!n.starts || !n.ends) return [start, end];
  return [n.starts[start]!, n.ends[end - 1]!];
}

/**
 * Normalising splits glued words ("5PM" reads as "5 pm", "2hrs" as "2 hrs"), so a match can end or start inside
 * what the writer typed as one word; the highlight covers the whole word they see.
 */
export function wholeWords(text: string, start: number, end: number): { start: number; end: number } {
  const inWord = (ch: string | undefined) => ch !== undefined && LETTER_OR_DIGIT(ch).test(ch);
  while (inWord(text[end - 1]) && inWord(text[end])) end++;
  while (inWord(text[start]) && inWord(text[start - 1])) start--;
  return { start, end };
}
