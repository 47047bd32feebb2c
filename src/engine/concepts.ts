// The concept lexicon (rules/concepts/*.json): named sets of words and multi-word terms that rules use as
// `#Deadline`, `#Commitment`…; validated like rules, expanded to every inflection once, and indexed for lookup.

import { groupTerm, listTermSource, tokenize, type SecondWords, type TermSource } from './frames';
import { RuleError, RulePackError } from './rules';

export interface Concept {
  name: string;
  note: string;
  /** Every term as a word sequence, inflections expanded ("{sign} up" → sign up, signs up, signed up…). */
  forms: string[][];
}

/** One term of the first-word index: its words and the concept (by index) it belongs to. */
type TermEntry = { words: string[]; concept: number };

export interface ConceptLexicon {
  concepts: Concept[];
  byName: Map<string, Concept>;
  /** First word → (term words, concept index); longest terms first. */
  byFirstWord: Map<string, TermEntry[]>;
}

const NAME = /^[A-Z][A-Za-z]+$/;
// A lowercase word (punctuation allowed: it's, cut-off, #1, 10,000+), {lemma} for every inflection, or a slot:
// #n for any count (12, 40+, twelve), #pct for any percentage (87%), #timer for a countdown (00:14:59) and #dur for a
// run-together duration (3h, 12hrs, 2d).
const TERM_WORD = /^(?:\{[a-z][a-z'-]*\}|[^{}A-Z\s]+)$/;
const FIELDS = new Set(['$schema', 'note', 'terms']);

export function conceptNameFromPath(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, '');
}

/**
 * Validates every concept file; throws one error naming each file and field. `reservedTags` are compromise's own
 * tags, which a concept must not shadow (a pattern's `#Date` must keep meaning compromise's Date).
 */
export function loadConcepts(
  files: Record<string, unknown>,
  inflect: (root: string) => string[],
  reservedTags: ReadonlySet<string> = new Set(),
): ConceptLexicon {
  const errors: RuleError[] = [];
  const concepts: Concept[] = [];
  for (const [file, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const fail = (field: string, reason: string) => errors.push(new RuleError(file, field, reason));
    const name = conceptNameFromPath(file);
    if (!NAME.test(name)) fail('(file name)', `concept name "${name}" must be one capitalised word, like Deadline`);
    if (reservedTags.has(name)) fail('(file name)', `concept name "${name}" is already a compromise tag; choose another`);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      fail('(root)', 'must be a JSON object with "note" and "terms"');
      continue;
    }
    const record = data as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!FIELDS.has(key)) fail(key, 'unknown field');
    if (typeof record.note !== 'string' || record.note.trim().length < 10) fail('note', 'say in a sentence what unites these terms');
    const terms = record.terms;
    if (!Array.isArray(terms) || terms.length === 0) {
      fail('terms', 'must be a non-empty array of words or multi-word terms');
      continue;
    }
    const seen = new Set<string>();
    const forms: string[][] = [];
    terms.forEach((term, i) => {
      if (typeof term !== 'string' || term.trim() === '') return fail(`terms[${i}]`, 'must be a non-empty string');
      if (seen.has(term)) return fail(`terms[${i}]`, `duplicate term "${term}"`);
      seen.add(term);
      const words = term.trim().split(/\s+/);
      const bad = words.find((w) => !TERM_WORD.test(w));
      if (bad) return fail(`terms[${i}]`, `"${bad}" must be a lowercase word or a {lemma}`);
      let expanded: string[][] = [[]];
      for (const w of words) {
        const options = w.startsWith('{') ? inflect(w.slice(1, -1)) : [w];
        expanded = expanded.flatMap((prefix) => options.map((o) => [...prefix, o]));
      }
      // Terms are stored as the tokenizer will see the text ("don't" → do not), so lookups compare like with like.
      for (const form of expanded) {
        const tokens = tokenize(form.join(' ')).map((t) => t.word);
        if (tokens.length === 0) return fail(`terms[${i}]`, `"${term}" has no words`);
        forms.push(tokens);
      }
    });
    concepts.push({ name, note: String(record.note), forms });
  }
  if (errors.length > 0) throw new RulePackError(errors);
  return indexConcepts(concepts);
}

/** The lookups over validated concepts (also rebuilt from the concepts a build ships). */
export function indexConcepts(concepts: Concept[]): ConceptLexicon {
  const byName = new Map(concepts.map((c) => [c.name, c]));
  const byFirstWord = new Map<string, TermEntry[]>();
  concepts.forEach((c, concept) => {
    const unique = new Set<string>();
    for (const words of c.forms) {
      const key = words.join(' ');
      if (unique.has(key)) continue;
      unique.add(key);
      const list = byFirstWord.get(words[0]!) ?? [];
      list.push({ words, concept });
      byFirstWord.set(words[0]!, list);
    }
  });
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { concepts, byName, byFirstWord };
}

/**
 * indexConcepts' first-word index as numbers, for the build to ship: per first word, in the index's order, each
 * term as its concept and its position in that concept's forms (flattened pairs).
 */
export type PackedConceptIndex = [string, number[]][];

export function packConceptIndex(lexicon: ConceptLexicon): PackedConceptIndex {
  return [...lexicon.byFirstWord].map(([word, list]) => [
    word,
    list.flatMap(({ words, concept }) => {
      const form = lexicon.concepts[concept]!.forms.indexOf(words);
      if (form === -1) throw new Error(`packConceptIndex: "${words.join(' ')}" is not one of ${lexicon.concepts[concept]!.name}'s forms`);
      return [concept, form];
    }),
  ]);
}

/** The lexicon indexConcepts builds, from the index the build packed (packConceptIndex) instead of indexing again. */
export function unpackConceptIndex(concepts: Concept[], packed: PackedConceptIndex): ConceptLexicon {
  const byFirstWord = new Map<string, TermEntry[]>();
  for (const [word, pairs] of packed) {
    const list: TermEntry[] = [];
    for (let i = 0; i < pairs.length; i += 2) list.push({ words: concepts[pairs[i]!]!.forms[pairs[i + 1]!]!, concept: pairs[i]! });
    byFirstWord.set(word, list);
  }
  return { concepts, byName: new Map(concepts.map((c) => [c.name, c])), byFirstWord };
}

/**
 * The concepts as the build ships them (scripts/precompile.mjs): each one's name at once (a hit is reported by its
 * concept's name), its note and forms as a line of JSON read the first time either is. A form is shipped as where the
 * index holds it (`term(word, position)`: the index's first word number and its place in that word's terms), or as
 * -1 and the earlier form it repeats; so the forms are the index's own word arrays, as indexConcepts shares them, and
 * their words ship once.
 */
export function shippedConcepts(
  names: readonly string[],
  lines: string,
  term: (word: number, position: number) => string[],
): Concept[] {
  const bodies = names.length === 0 ? [] : lines.split('\n');
  if (bodies.length !== names.length) throw new Error(`shippedConcepts: ${bodies.length} lines for ${names.length} concepts`);
  return names.map((name, i) => {
    let body: { note: string; forms: string[][] } | undefined;
    const read = () => {
      if (body) return body;
      const packed = JSON.parse(bodies[i]!) as { note: string; forms: number[] };
      const forms: string[][] = [];
      for (let k = 0; k < packed.forms.length; k += 2) {
        const [word, at] = [packed.forms[k]!, packed.forms[k + 1]!];
        forms.push(word === -1 ? forms[at]! : term(word, at));
      }
      return (body = { note: packed.note, forms });
    };
    const concept = { name } as Concept;
    Object.defineProperties(concept, {
      note: { get: () => read().note, enumerable: true, configurable: true },
      forms: { get: () => read().forms, enumerable: true, configurable: true },
    });
    return concept;
  });
}

/**
 * Where each of a concept's forms sits, as shippedConcepts reads it: [first word number, place in that word's terms]
 * for the form the index holds, [-1, earlier form] for a repeat of one (indexConcepts indexes each term once).
 */
export function packConceptForms(lexicon: ConceptLexicon, concept: number, wordNumbers: ReadonlyMap<string, number>): number[] {
  const forms = lexicon.concepts[concept]!.forms;
  const first = new Map<string, number>();
  return forms.flatMap((words, k) => {
    const key = words.join(' ');
    const earlier = first.get(key);
    if (earlier !== undefined) return [-1, earlier];
    first.set(key, k);
    const list = lexicon.byFirstWord.get(words[0]!) ?? [];
    const at = list.findIndex((t) => t.concept === concept && t.words.join(' ') === key);
    const word = wordNumbers.get(words[0]!);
    if (at === -1 || word === undefined) throw new Error(`packConceptForms: "${key}" of ${lexicon.concepts[concept]!.name} is not in the index`);
    return [word, at];
  });
}

/**
 * byFirstWord as the build ships it (scripts/precompile.mjs): the first words, and per first word a line of JSON
 * listing its terms in the index's order as [concept, "the words after the first", …] (packIndexLine). A word's terms are unpacked the first time
 * it is looked up, so a lint reads the few hundred words its text has of the index's thousands. Anything that reads
 * the index whole, or changes it, unpacks every word first, in the build's order, so it behaves as the Map
 * indexConcepts builds.
 */
class PackedTermIndex extends Map<string, TermEntry[]> {
  #packed: Map<string, number> | null;
  readonly #words: readonly string[];
  readonly #lines: readonly string[];
  /** conceptHits' view of words not unpacked whole (termSource): grouped from the line, terms made when tried. */
  readonly #sources = new Map<string, TermSource | null>();

  constructor(words: readonly string[], lines: readonly string[]) {
    super();
    if (lines.length !== words.length) throw new Error(`shippedLexicon: ${lines.length} index lines for ${words.length} words`);
    this.#words = words;
    this.#lines = lines;
    this.#packed = new Map(words.map((w, i) => [w, i]));
  }

  override get(word: string): TermEntry[] | undefined {
    return super.get(word) ?? this.#unpack(word);
  }

  override has(word: string): boolean {
    return super.has(word) || this.#packed?.has(word) === true;
  }

  #unpack(word: string): TermEntry[] | undefined {
    const at = this.#packed?.get(word);
    if (at === undefined) return undefined;
    const packed = JSON.parse(this.#lines[at]!) as (number | string)[];
    const list: TermEntry[] = [];
    for (let i = 0; i < packed.length; i += 2) list.push({ words: termWords(word, packed[i + 1] as string), concept: packed[i] as number });
    this.#packed!.delete(word);
    this.#sources.delete(word);
    super.set(word, list);
    return list;
  }

  /**
   * A word's terms as conceptHits reads them. A common first word ("the", "i") has a thousand terms, and a sentence
   * tries the few whose second word is its next token: grouping them by that word from the packed text, and making a
   * term only when it is tried, is most of what a first lint spends in the concept index. The same positions, words
   * and concepts as the unpacked list, so hits are the same.
   */
  termSource(word: string): TermSource | undefined {
    // One lookup per token once a word is seen, whether the index has it or not (null).
    let source = this.#sources.get(word);
    if (source === undefined) {
      const at = this.#packed?.get(word);
      const whole = at === undefined ? super.get(word) : undefined;
      source = at !== undefined ? lazySource(word, this.#lines[at]!) : whole ? listTermSource(whole) : null;
      this.#sources.set(word, source);
    }
    return source ?? undefined;
  }

  #whole(): void {
    if (this.#packed === null) return;
    this.#sources.clear();
    const lists = this.#words.map((word) => [word, this.get(word)!] as const);
    this.#packed = null;
    super.clear();
    for (const [word, list] of lists) super.set(word, list);
  }

  override get size(): number {
    this.#whole();
    return super.size;
  }
  override set(word: string, list: TermEntry[]): this {
    this.#whole();
    this.#sources.delete(word);
    return super.set(word, list);
  }
  override delete(word: string): boolean {
    this.#whole();
    this.#sources.delete(word);
    return super.delete(word);
  }
  override clear(): void {
    this.#packed = null;
    this.#sources.clear();
    super.clear();
  }
  override forEach(callback: (list: TermEntry[], word: string, map: Map<string, TermEntry[]>) => void, thisArg?: unknown): void {
    this.#whole();
    super.forEach(callback, thisArg);
  }
  override entries(): MapIterator<[string, TermEntry[]]> {
    this.#whole();
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.#whole();
    return super.keys();
  }
  override values(): MapIterator<TermEntry[]> {
    this.#whole();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[string, TermEntry[]]> {
    this.#whole();
    return super[Symbol.iterator]();
  }
}

/** A term's words from its first word and the rest as packIndexLine ships them ('' for a one-word term). */
function termWords(first: string, rest: string): string[] {
  return rest === '' ? [first] : `${first} ${rest}`.split(' ');
}

/**
 * One packed index line (of the terms starting with `word`) as a TermSource: second words read off the shipped text,
 * terms split when first asked for.
 */
function lazySource(word: string, line: string): TermSource {
  const packed = JSON.parse(line) as (number | string)[];
  const groups: SecondWords = { single: [], bySecond: new Map(), other: [] };
  for (let i = 0, n = 0; i < packed.length; i += 2, n++) {
    const rest = packed[i + 1] as string;
    if (rest === '') {
      groups.single.push(n);
      continue;
    }
    const next = rest.indexOf(' ');
    groupTerm(groups, next === -1 ? rest : rest.slice(0, next), n);
  }
  const made: TermEntry[] = [];
  return {
    at: (n) => (made[n] ??= { words: termWords(word, packed[2 * n + 1] as string), concept: packed[2 * n] as number }),
    groups,
  };
}

/**
 * A shipped index line per first word (PackedTermIndex): its terms as [concept, the words after `first` joined by
 * spaces ('' when none), …]; every term there starts with `first`, which the line's place in the index names.
 */
export function packIndexLine(first: string, list: readonly TermEntry[]): (number | string)[] {
  return list.flatMap(({ words, concept }) => {
    if (words.some((w) => w === '' || /[\s]/.test(w))) throw new Error(`packIndexLine: a term word is empty or holds a space: ${JSON.stringify(words)}`);
    if (words[0] !== first) throw new Error(`packIndexLine: ${JSON.stringify(words)} is indexed under "${first}"`);
    return [concept, words.slice(1).join(' ')];
  });
}

/** The lexicon indexConcepts builds, from what the build shipped (shippedConcepts, PackedTermIndex), read lazily. */
export function shippedLexicon(names: readonly string[], conceptLines: string, words: readonly string[], indexLines: string): ConceptLexicon {
  const lines = words.length === 0 ? [] : indexLines.split('\n');
  const byFirstWord = new PackedTermIndex(words, lines);
  const concepts = shippedConcepts(names, conceptLines, (word, at) => byFirstWord.get(words[word]!)![at]!.words);
  return { concepts, byName: new Map(concepts.map((c) => [c.name, c])), byFirstWord };
}

export const EMPTY_LEXICON: ConceptLexicon = { concepts: [], byName: new Map(), byFirstWord: new Map() };

/** A concept's terms as one compromise alternation body (no parentheses), for `#Concept` in patterns. */
export function alternation(concept: Concept): string {
  const unique = [...new Set(concept.forms.map((f) => f.join(' ')))];
  // compromise reads '#' and '$' inside a choice as syntax; those terms are for frames only.
  return unique.filter((t) => !/[#$%+]/.test(t)).join('|');
}
