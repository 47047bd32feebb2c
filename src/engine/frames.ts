// Frames: a tactic described as concepts co-occurring in one clause ("a commitment word near a seller-set time"),
// in any order, matched on plain tokens so they cost no parse and work on text the tagger would misread.

import type { ConceptLexicon } from './concepts';
import { unicodeRegExp } from './unicode';
import { ABBREVIATIONS } from './split';

export interface Token {
  word: string;
  start: number;
  end: number;
  clause: number;
}

export interface FrameSpec {
  /** Concepts that must all occur in one clause, each on its own words. */
  all: string[];
  /** Most tokens from the first word of the frame to its last. */
  within: number;
  /** When true the concepts must occur in the order given. */
  ordered: boolean;
  /** Concepts that, anywhere in the same clause, mean the benign reading. */
  unless: string[];
}

export interface CompiledFrame {
  rule: number;
  all: number[];
  unless: number[];
  within: number;
  ordered: boolean;
}

export interface ConceptHit {
  concept: number;
  from: number;
  to: number;
}

const CONTRACTION: Record<string, string[]> = {
  "n't": ['not'],
  "'re": ['are'],
  "'m": ['am'],
  "'ll": ['will'],
  "'ve": ['have'],
  "'d": ['would'],
};
const CONTRACTION_SUFFIXES = Object.keys(CONTRACTION);
const IRREGULAR: Record<string, string[]> = {
  "can't": ['can', 'not'],
  "won't": ['will', 'not'],
  "let's": ['let', 'us'],
  "it's": ['it', 'is'],
  "that's": ['that', 'is'],
  "there's": ['there', 'is'],
  "what's": ['what', 'is'],
  "who's": ['who', 'is'],
  "here's": ['here', 'is'],
  "he's": ['he', 'is'],
  "she's": ['she', 'is'],
};
// Texting shorthand, read as the words it stands for. Concept terms pass through the same tokenizer, so a term
// written either way ("r u ready", "are you ready") matches both spellings in a draft. Only spellings with one
// reading: "ur" is "your" and "you're", "4" a number as often as "for", "yr" a year.
const TEXTESE: Record<string, string[]> = {
  u: ['you'],
  r: ['are'],
  b4: ['before'],
  '2day': ['today'],
  '2nite': ['tonight'],
  '2night': ['tonight'],
  tonite: ['tonight'],
  midnite: ['midnight'],
  '2moro': ['tomorrow'],
  '2morrow': ['tomorrow'],
  tmrw: ['tomorrow'],
  tmrrw: ['tomorrow'],
  pls: ['please'],
  plz: ['please'],
  txt: ['text'],
  thx: ['thanks'],
  thnx: ['thanks'],
  ppl: ['people'],
  msg: ['message'],
  nxt: ['next'],
  wknd: ['weekend'],
  gr8: ['great'],
  l8r: ['later'],
};

/** "U.S.", "r.s.v.p.": a letter that is one of a run of initials, not a texted word. */
function isInitial(text: string, start: number, end: number): boolean {
  return end - start === 1 && (text.charCodeAt(end) === 46 || text.charCodeAt(start - 1) === 46);
}

// Clause edges: a frame never joins words across these.
const CLAUSE_BREAK = /[;:()\n|•]|[.!?](?=\s)/;
// A countdown timer (00:14:59) or a clock time (11:59) is one token, so its colons do not break the clause it sits in.
const WORD = unicodeRegExp(String.raw`\d{1,2}(?::\d{2}){1,2}|[\p{L}\p{N}#$][\p{L}\p{N}%+]*(?:['-][\p{L}\p{N}]+)*'?`, 'gu');

/**
 * A period that is no full stop: "No. 1", "no. 12" (the word "no" and a digit follows), or an abbreviation's
 * ("Mrs. Adams", "a 2x Inc. 5000 CEO", "ends Jan. 5"), as split.ts reads them. The gap is ". ".
 */
function isAbbreviationStop(text: string, last: number, start: number, tokens: Token[]): boolean {
  if (start !== last + 2 || text.charCodeAt(last) !== 46 || tokens.length === 0) return false;
  const before = tokens[tokens.length - 1]!;
  if (before.end !== last) return false;
  if (before.word === 'no') return text.charCodeAt(start) >= 48 && text.charCodeAt(start) <= 57;
  return ABBREVIATIONS.has(before.word);
}

/** Lowercased word tokens with offsets; contractions become their words ("don't" → do not), all on the same span. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let last = 0;
  for (const m of text.matchAll(WORD(text))) {
    const start = m.index!;
    // Most words are one space apart, which is no clause break; only other gaps are worth a slice and a regex.
    // "No. 1" is a rank and "Mrs." a title, not a full stop: their period does not end the clause.
    if (!(start === last + 1 && text.charCodeAt(last) === 32) && CLAUSE_BREAK.test(text.slice(last, start)) && !isAbbreviationStop(text, last, start, tokens)) clause++;
    last = start + m[0].length;
    const word = m[0].toLowerCase();
    const end = start + m[0].length;
    const push = (w: string) => tokens.push({ word: w, start, end, clause });
    // Own keys only: "constructor" or "tostring" in a draft must not find Object.prototype's members.
    const irregular = Object.hasOwn(IRREGULAR, word)
      ? IRREGULAR[word]
      : Object.hasOwn(TEXTESE, word) && !isInitial(text, start, end)
        ? TEXTESE[word]
        : undefined;
    if (irregular) {
      irregular.forEach(push);
      continue;
    }
    const suffix = word.includes("'") ? CONTRACTION_SUFFIXES.find((s) => word.endsWith(s) && word.length > s.length) : undefined;
    if (suffix) {
      push(word.slice(0, -suffix.length));
      CONTRACTION[suffix]!.forEach(push);
      continue;
    }
    // Possessive: "Friday's" reads as Friday; a hyphenated compound is also offered whole.
    push(word.endsWith("'s") ? word.slice(0, -2) : word.replace(/'$/, ''));
  }
  return tokens;
}

const NUMBER_WORDS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'dozens', 'hundreds', 'thousands',
]);

/**
 * The slot a token fills in a concept term: `#n` for a count (12, 40+, 1,204, 100k+, 2m, twelve), `#pct` for a percentage
 * (87%), `#timer` for a countdown (00:14:59), `#dur` for a run-together duration (3h, 12hrs, 2d, 45mins); null for any other word. Counts in UI text ("In 14 carts", "87% claimed") are the tactic, not the number.
 */
export function slotOf(word: string): '#n' | '#pct' | '#timer' | '#dur' | null {
  // Every slot but a number word starts with a digit; most tokens are neither, and this runs on every token.
  const first = word.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return NUMBER_WORDS.has(word) ? '#n' : null;
  if (/^\d{1,2}(?::\d{2}){2}$/.test(word)) return '#timer';
  if (/^\d[\d.,]*%$/.test(word)) return '#pct';
  if (/^\d{1,3}(?:h|hr|hrs|d|min|mins)$/.test(word)) return '#dur';
  if (/^\d[\d.,]*(?:k|m|bn)?\+?$/.test(word) || NUMBER_WORDS.has(word)) return '#n';
  return null;
}

const sameWord = (termWord: string, token: string) => termWord === token || (termWord[0] === '#' && slotOf(token) === termWord);

type TermList = ConceptLexicon['byFirstWord'] extends Map<string, infer L> ? L : never;

/** A first word's terms grouped by their second word (positions in the list), so a token tries only those that fit. */
export interface SecondWords {
  single: number[];
  bySecond: Map<string, number[]>;
  /** Terms whose second word is a slot (#n…) or starts with #: compared in full. */
  other: number[];
}
const secondWords = new WeakMap<TermList, SecondWords>();

/** A first word's terms as conceptHits reads them: term n of the list, and the list grouped by second word. */
export interface TermSource {
  at(n: number): TermList[number];
  groups: SecondWords;
}

/** An index that can hand out a word's terms without making them all (concepts.ts PackedTermIndex). */
interface LazyTermIndex {
  termSource?: (word: string) => TermSource | undefined;
}

const listSources = new WeakMap<TermList, TermSource>();

/** A list's terms as a TermSource, made once per list. */
export function listTermSource(list: TermList): TermSource {
  let source = listSources.get(list);
  if (!source) listSources.set(list, (source = { at: (n) => list[n]!, groups: secondWordsOf(list) }));
  return source;
}

function termSource(index: ConceptLexicon['byFirstWord'], word: string): TermSource | undefined {
  const lazy = (index as LazyTermIndex).termSource;
  if (lazy) return lazy.call(index, word);
  const list = index.get(word);
  return list ? listTermSource(list) : undefined;
}

/** Files term n under its second word: none, a slot or other #-word, or the word itself. */
export function groupTerm(groups: SecondWords, second: string | undefined, n: number): void {
  if (second === undefined) groups.single.push(n);
  else if (second[0] === '#') groups.other.push(n);
  else {
    const at = groups.bySecond.get(second);
    if (at) at.push(n);
    else groups.bySecond.set(second, [n]);
  }
}

function secondWordsOf(list: TermList): SecondWords {
  let grouped = secondWords.get(list);
  if (!grouped) {
    grouped = { single: [], bySecond: new Map(), other: [] };
    for (let n = 0; n < list.length; n++) groupTerm(grouped, list[n]!.words[1], n);
    secondWords.set(list, grouped);
  }
  return grouped;
}

/** Every occurrence of every concept term, longest term first at each position. */
export function conceptHits(lexicon: ConceptLexicon, tokens: readonly Token[]): ConceptHit[] {
  const hits: ConceptHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!.word;
    const slot = slotOf(word);
    const next = tokens[i + 1]?.word;
    // Hits found earlier start before i: only this position's own hits can repeat a (concept, start).
    const here = hits.length;
    const tryTerm = (list: TermSource, n: number) => {
      const { words, concept } = list.at(n);
      if (i + words.length > tokens.length) return;
      for (let k = 1; k < words.length; k++) {
        if (!sameWord(words[k]!, tokens[i + k]!.word) || tokens[i + k]!.clause !== tokens[i]!.clause) return;
      }
      for (let h = here; h < hits.length; h++) if (hits[h]!.concept === concept) return;
      hits.push({ concept, from: i, to: i + words.length });
    };
    const first = termSource(lexicon.byFirstWord, word);
    for (let pass = 0; pass < 2; pass++) {
      const list = pass === 0 ? first : slot ? termSource(lexicon.byFirstWord, slot) : undefined;
      if (!list) continue;
      // The terms that could start at token i, in list order (so hits come out as before): a merge of three
      // ascending position lists, with no array built per token.
      const { single, bySecond, other } = list.groups;
      const same = next === undefined ? undefined : bySecond.get(next);
      if (!same && other.length === 0) {
        for (let a = 0; a < single.length; a++) tryTerm(list, single[a]!);
        continue;
      }
      const b = same ?? EMPTY;
      let x = 0;
      let y = 0;
      let z = 0;
      while (x < single.length || y < b.length || z < other.length) {
        const sx = x < single.length ? single[x]! : Infinity;
        const sy = y < b.length ? b[y]! : Infinity;
        const sz = z < other.length ? other[z]! : Infinity;
        if (sx <= sy && sx <= sz) {
          tryTerm(list, sx);
          x++;
        } else if (sy <= sz) {
          tryTerm(list, sy);
          y++;
        } else {
          tryTerm(list, sz);
          z++;
        }
      }
    }
  }
  return hits;
}
const EMPTY: number[] = [];

/** Per frame list: frame positions keyed on one concept each frame requires (its least used), and frames with none. */
interface FrameIndex {
  byKey: Map<number, number[]>;
  always: number[];
}
const frameIndexes = new WeakMap<readonly CompiledFrame[], FrameIndex>();

function frameIndexOf(frames: readonly CompiledFrame[]): FrameIndex {
  let index = frameIndexes.get(frames);
  if (!index) {
    // A concept required by fewer frames is the better key: a sentence with a common concept then tries fewer.
    const uses = new Map<number, number>();
    for (const f of frames) for (const c of new Set(f.all)) uses.set(c, (uses.get(c) ?? 0) + 1);
    index = { byKey: new Map(), always: [] };
    frames.forEach((f, n) => {
      if (f.all.length === 0) return index!.always.push(n);
      let key = f.all[0]!;
      for (const c of f.all) if (uses.get(c)! < uses.get(key)!) key = c;
      const list = index!.byKey.get(key);
      if (list) list.push(n);
      else index!.byKey.set(key, [n]);
    });
    frameIndexes.set(frames, index);
  }
  return index;
}

/** The tightest match of each frame, as [start, end) offsets of the sentence. */
export function matchFrames(
  frames: readonly CompiledFrame[],
  tokens: readonly Token[],
  hits: readonly ConceptHit[],
): { rule: number; start: number; end: number }[] {
  if (hits.length === 0) return [];
  const byConcept = new Map<number, ConceptHit[]>();
  for (const h of hits) {
    const list = byConcept.get(h.concept) ?? [];
    list.push(h);
    byConcept.set(h.concept, list);
  }
  const out: { rule: number; start: number; end: number }[] = [];
  // Only frames keyed on a concept this sentence has can match; they are tried in pack order, as before.
  const { byKey, always } = frameIndexOf(frames);
  const tried: number[] = [...always];
  for (const c of byConcept.keys()) {
    const keyed = byKey.get(c);
    if (keyed) for (let n = 0; n < keyed.length; n++) tried.push(keyed[n]!);
  }
  tried.sort((a, b) => a - b);
  for (const at of tried) {
    const frame = frames[at]!;
    const lists = frame.all.map((c) => byConcept.get(c) ?? []);
    if (lists.some((l) => l.length === 0)) continue;
    let best: { from: number; to: number } | null = null;
    const chosen: ConceptHit[] = [];
    const search = (k: number) => {
      if (k === lists.length) {
        const clause = tokens[chosen[0]!.from]!.clause;
        if (chosen.some((h) => tokens[h.from]!.clause !== clause)) return;
        const from = Math.min(...chosen.map((h) => h.from));
        const to = Math.max(...chosen.map((h) => h.to));
        if (to - from > frame.within) return;
        // A benign-reading word vetoes the frame unless it is one of the frame's own words ("order form" is no work form).
        const vetoed = frame.unless.some((c) =>
          (byConcept.get(c) ?? []).some((h) => tokens[h.from]!.clause === clause && !chosen.some((x) => h.from < x.to && x.from < h.to)),
        );
        if (vetoed) return;
        if (!best || to - from < best.to - best.from) best = { from, to };
        return;
      }
      for (const h of lists[k]!) {
        // Each concept needs words of its own, and an ordered frame needs them in order.
        if (chosen.some((c) => h.from < c.to && c.from < h.to)) continue;
        if (frame.ordered && k > 0 && h.from < chosen[k - 1]!.to) continue;
        chosen.push(h);
        search(k + 1);
        chosen.pop();
      }
    };
    search(0);
    if (best) {
      const b = best as { from: number; to: number };
      out.push({ rule: frame.rule, start: tokens[b.from]!.start, end: tokens[b.to - 1]!.end });
    }
  }
  return out;
}
