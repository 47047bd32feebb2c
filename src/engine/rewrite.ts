// Turns a rule's rewrite templates into whole replacements for one finding: picks the unit each rewrite replaces
// (the flagged words, or the clause or sentence its `find` covers), fills captures, and fits the result to its
// context (sentence-start capitals, ALL CAPS, terminal punctuation), refusing any rewrite that would not read.

import { placeholders, type RewriteSpec } from './rules';
import { unicodeRegExp } from './unicode';

/** Null when the template names a capture this particular match did not make. */
export function fillTemplate(template: string, values: Record<string, string>): string | null {
  for (const name of placeholders(template)) if (!(name in values)) return null;
  return template.replace(/\{([a-zA-Z][\w-]*)\}/g, (_, name: string) => values[name]!);
}

const NOT_LETTERS = unicodeRegExp(String.raw`[^\p{L}]`, 'gu');
const LETTER = unicodeRegExp(String.raw`\p{L}`);
const LETTER_OR_DIGIT = unicodeRegExp(String.raw`[\p{L}\p{N}]`);

function isAllCaps(text: string): boolean {
  const letters = text.replace(NOT_LETTERS(text), '');
  return letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** One rewrite of a finding: the text that replaces [start, end) of the sentence. */
export interface PlannedRewrite {
  start: number;
  end: number;
  text: string;
}

/** All rewrites of a finding over one shared span, so Apply replaces exactly what the suggestion shows. */
export interface RewritePlan {
  start: number;
  end: number;
  rewrites: string[];
}

const MAX_REWRITES = 3;
// Only openers may sit before a sentence's first word: quotes, brackets, bullets, emoji and the like.
const OPENERS = unicodeRegExp(String.raw`^[\s"'\u201C\u2018(\[*\u2022\u00B7>\-\u2013\u2014\p{Extended_Pictographic}\uFE0F]*$`);
const opens = (before: string) => OPENERS(before).test(before);
const QUESTION = /^(would|could|can|do|does|did|is|are|was|were|will|shall|should|what|which|when|where|who|why|how|may|might|have|has|any|anything)\b/i;
const TERMINAL = /^([\s"'”’)\]]*)([.!?…]+)([\s"'”’)\]]*)$/u;

function capitalise(text: string): string {
  // "20% off" starts with a figure: nothing to capitalise.
  const i = text.search(LETTER_OR_DIGIT(text));
  return i === -1 || !LETTER(text[i]!).test(text[i]!) ? text : text.slice(0, i) + text[i]!.toUpperCase() + text.slice(i + 1);
}

const KEEPS_CAPITAL = /^(I|I'm|I've|I'll|I'd|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b/u;

/** A capture that opened the sentence may land mid-sentence: "This style" → "this style", but "I" and "March" stay. */
const CAPITALS = unicodeRegExp(String.raw`^\p{Lu}{2,}`);
const LEADING_CAPITAL = unicodeRegExp(String.raw`^(\s*)(\p{Lu})`);
const KEEPS_OWN_CASE = unicodeRegExp(String.raw`^(I\b|\p{Lu}{2,}|\p{Lu}\p{Ll}*\s+\p{Lu})`);

function uncapitalised(value: string): string {
  const word = /^\s*(\S+)/.exec(value)?.[1] ?? '';
  if (KEEPS_CAPITAL.test(word) || CAPITALS(word).test(word)) return value;
  return value.replace(LEADING_CAPITAL(value), (_, space: string, letter: string) => space + letter.toLowerCase());
}

function lowerFirst(text: string): string {
  // "I", "I'm", names and acronyms the template spells in capitals keep them.
  if (KEEPS_OWN_CASE(text).test(text)) return text;
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}

const LAST_WORD = unicodeRegExp(String.raw`([\p{L}\p{N}']+)[^\p{L}\p{N}']*$`);
const FIRST_WORD = unicodeRegExp(String.raw`^[^\p{L}\p{N}']*([\p{L}\p{N}']+)`);

function lastWord(text: string): string {
  return LAST_WORD(text).exec(text)?.[1]?.toLowerCase() ?? '';
}

function firstWord(text: string): string {
  return FIRST_WORD(text).exec(text)?.[1]?.toLowerCase() ?? '';
}

/** Straight apostrophes and quotes in the same positions, so `find` patterns need not spell every quote style. */
function forFinding(sentence: string): string {
  return sentence.replace(/[’‘`´]/g, "'").replace(/[“”]/g, '"');
}

const LEADING_NON_LETTERS = unicodeRegExp(String.raw`^[^\p{L}]+`);
const WORD_THEN_SPACE = unicodeRegExp(String.raw`[\p{L}\p{N}']\s+$`);
const SPACE_THEN_WORD = unicodeRegExp(String.raw`^\s+[\p{L}\p{N}]`);
const ENDS_IN_WORD = unicodeRegExp(String.raw`[\p{L}\p{N}']$`);

/**
 * Fits one filled template into the sentence in place of [start, end), or null when it cannot read right there
 * (a doubled word at a seam, a full stop in the middle of a sentence).
 */
export function fitRewrite(sentence: string, start: number, end: number, filled: string, template: string): PlannedRewrite | null {
  while (start < end && /\s/.test(sentence[start]!)) start++;
  while (end > start && /\s/.test(sentence[end - 1]!)) end--;
  const replaced = sentence.slice(start, end);
  let text = filled.trim().replace(/\s{2,}/g, ' ');
  if (text === '') return null;
  const before = sentence.slice(0, start);
  const atStart = opens(before);
  if (atStart) text = capitalise(text);
  // A template that opens with a capture keeps the writer's own spelling of it; after a colon either case reads.
  else if (!template.trimStart().startsWith('{') && !/:\s*$/.test(before)) text = lowerFirst(text);

  const ownEnd = /[.!?]["'”’)]*$/.test(text);
  // A question mark survives only if the sentence is still a question once rewritten.
  const joined = before + text;
  const asks = QUESTION.test(joined.replace(LEADING_NON_LETTERS(joined), ''));
  // Two sentences in one rewrite only read when they replace a whole sentence.
  if (/[.!?]\s+\S/.test(text) && (!atStart || !/^[\s.!?…"'”’)\]]*$/.test(sentence.slice(end)))) return null;
  const rest = sentence.slice(end);
  const tail = TERMINAL.exec(rest);
  if (tail) {
    // The rewrite reaches the sentence's end: it takes the closing punctuation over, and a calm rewrite ends calmly.
    const [, pre, marks, post] = tail;
    const mark = ownEnd ? '' : marks!.includes('?') && asks ? '?' : marks === '…' ? '…' : '.';
    // Punctuation the rewrite leaves as it was stays outside the span, so Apply changes no more than it must.
    if (ownEnd || mark !== marks) {
      text = text + mark + (pre!.trim() === '' ? '' : pre) + (post!.trim() === '' ? '' : post!.trimEnd());
      end = sentence.length - (post!.length - post!.trimEnd().length);
    }
  } else if (rest.trim() === '') {
    if (!ownEnd && /[.!?…]$/.test(replaced)) text += replaced.endsWith('?') && asks ? '?' : replaced.endsWith('…') ? '…' : '.';
  } else if (ownEnd) {
    // A rewrite that ends its sentence cannot sit in front of more words.
    return null;
  } else if (/!+\s*$/.test(rest) && !/[!]/.test(text)) {
    // "Last chance to join the beta!" → the "!" belonged to the pressure; end the sentence calmly.
    const bang = /!+(\s*)$/.exec(rest)!;
    const keep = rest.slice(0, rest.length - bang[0].length);
    text = text + keep + '.';
    end = sentence.length - bang[1]!.length;
  }

  if (isAllCaps(replaced) && (replaced.length > 3 || isAllCaps(sentence))) text = text.toUpperCase();
  const after = sentence.slice(end);
  const seamBefore = lastWord(before);
  const seamAfter = firstWord(after);
  // "The the offer…": a word repeated across the seam means the unit was wrong; better no rewrite than that one.
  if (seamBefore && WORD_THEN_SPACE(before).test(before) && seamBefore === firstWord(text)) return null;
  if (seamAfter && SPACE_THEN_WORD(after).test(after) && ENDS_IN_WORD(text).test(text) && seamAfter === lastWord(text)) return null;
  return { start, end, text };
}

/** Each rule's `find`, compiled once as the global, indexed search planRewrites runs (matchAll leaves it untouched). */
const findPatterns = new WeakMap<RegExp, RegExp>();

function findPattern(find: RegExp): RegExp {
  let pattern = findPatterns.get(find);
  if (!pattern) {
    pattern = new RegExp(find.source, 'giud');
    findPatterns.set(find, pattern);
  }
  return pattern;
}

/** The rewrites a rule offers for one hit in one sentence, each fitted, merged onto one span. */
export function planRewrites(
  sentence: string,
  hit: { start: number; end: number },
  groups: Record<string, string>,
  specs: readonly RewriteSpec[],
): RewritePlan | null {
  const planned: PlannedRewrite[] = [];
  const done = new Set<string>();
  const searchable = forFinding(sentence);
  for (const spec of specs) {
    if (planned.length >= MAX_REWRITES) break;
    if (spec.approach && done.has(spec.approach)) continue;
    let start = hit.start;
    let end = hit.end;
    const values: Record<string, string> = { ...groups, match: sentence.slice(hit.start, hit.end) };
    if (spec.find) {
      const pattern = findPattern(spec.find);
      let found: RegExpExecArray | null = null;
      for (const m of searchable.matchAll(pattern)) {
        if (m.index! <= hit.start && m.index! + m[0].length >= hit.end) {
          found = m;
          break;
        }
      }
      if (!found) continue;
      start = found.index!;
      end = start + found[0].length;
      for (const [name, at] of Object.entries(found.indices?.groups ?? {})) {
        // Groups are read from the sentence as written, not the quote-normalised copy; an optional group that
        // took no part in the match ("Hi Ben, " before the pressure) is simply empty.
        if (!at) values[name] = '';
        else values[name] = opens(sentence.slice(0, at[0])) ? uncapitalised(sentence.slice(at[0], at[1])) : sentence.slice(at[0], at[1]);
      }
    }
    const filled = fillTemplate(spec.to, values);
    if (filled === null) continue;
    const fitted = fitRewrite(sentence, start, end, filled, spec.to);
    if (!fitted) continue;
    const whole = sentence.slice(0, fitted.start) + fitted.text + sentence.slice(fitted.end);
    if (whole === sentence || done.has(whole)) continue;
    done.add(whole);
    if (spec.approach) done.add(spec.approach);
    planned.push(fitted);
  }
  if (planned.length === 0) return null;
  const start = Math.min(...planned.map((p) => p.start));
  const end = Math.max(...planned.map((p) => p.end));
  return {
    start,
    end,
    rewrites: planned.map((p) => sentence.slice(start, p.start) + p.text + sentence.slice(p.end, end)),
  };
}

