// Compiles every phrase pattern (built-in at build time, a user's own on demand) into compromise match objects,
// prefilters sentences on their raw words so only sentences that can match are parsed, and sweeps each candidate
// sentence once with the slice of patterns it can match.

import { alternation, EMPTY_LEXICON, shippedLexicon, type Concept, type ConceptLexicon, type PackedConceptIndex } from './concepts';
import nlp from './nlp';
import { conceptHits, matchFrames, tokenize, type CompiledFrame, type ConceptHit, type Token } from './frames';
import { normalise, originalSpan, wholeWords, type Normalised } from './normalise';
import { RuleError, RulePackError, shippedRules, type Rule, type RuleHead } from './rules';
import { unicodeRegExp } from './unicode';

export { placeholders } from './rules';

type Reg = {
  word?: string;
  root?: string;
  tag?: string;
  optional?: boolean;
  negative?: boolean;
  operator?: string;
  fastOr?: Set<string>;
  choices?: Reg[][];
  group?: string;
  method?: string;
  regex?: RegExp;
  start?: boolean;
  end?: boolean;
  greedy?: boolean;
  anything?: boolean;
  fuzzy?: boolean;
  use?: string;
  min?: number;
  max?: number;
};

export interface NetEntry {
  match: string;
  /** Indices into the pack's rules that this pattern flags. */
  flags: number[];
  /** Indices into the pack's rules that this pattern vetoes within the same sentence. */
  vetoes: number[];
  /** Every set must share a word with the sentence, or the pattern cannot match it. */
  required: Set<string>[];
  /** Named captures; sweep does not report them, so hits of these patterns are matched again on their own span. */
  hasGroups: boolean;
  /** The pattern names a part-of-speech tag, so it can only match a tagged sentence. */
  usesTags: boolean;
  /** Terms the pattern needs with a comma after them (@hasComma): a sentence with fewer commas cannot match. */
  commas?: number;
  /** Likewise for @hasColon. */
  colons?: number;
  /** The pattern needs a term starting with a digit (/^[0-9].../): a sentence with no digit cannot match. */
  digit?: boolean;
  /** Words the pattern needs on more than one term ("we … we … we"), with how many terms each. */
  repeats?: [string, number][];
  /** An anchored pattern (^…): the words its first term can be; one of them must be able to start a sentence. */
  initial?: string[];
  /** Likewise for a pattern anchored at the end ($): one of these words must be able to end a sentence. */
  final?: string[];
  /**
   * Indices k into `required` where the token of required[k] is one term right before the token of required[k + 1]
   * ("back to"): a sentence must have the two words side by side (see wordPositions).
   */
  adjacent?: number[];
}

export interface LocalHit {
  rule: number;
  start: number;
  end: number;
  groups: Record<string, string>;
}

export interface CompiledPack {
  rules: Rule[];
  entries: NetEntry[];
  /** The net's compiled match objects, by entry index: a sentence is swept with the slice it can match. */
  compiled: object[];
  /** Per rule: the entries that veto it, swept whenever one of its flag entries is. */
  vetoEntries: number[][];
  /** word → flag entries whose most selective required set contains it (exceptions never make a sentence worth parsing) */
  index: Map<string, number[]>;
  /** Per rule: whether any of its patterns or exceptions uses a part-of-speech tag, so the sentence must be tagged. */
  ruleNeedsTags: boolean[];
  lexicon: ConceptLexicon;
  frames: CompiledFrame[];
}

const world = nlp.world() as unknown as {
  methods: {
    one: { parseMatch: (m: string, o: object, w: unknown) => Reg[] };
    two: {
      transform: {
        verb: { conjugate: (w: string, model: unknown) => Record<string, string> };
        noun: { toPlural: (w: string, model: unknown) => string };
      };
    };
  };
  model: { one: { tagSet: Record<string, unknown> } };
};

const COMMON = new Set([
  'i', 'we', 'you', 'our', 'your', 'my', 'me', 'us', 'the', 'a', 'an', 'to', 'is', 'are', 'be', 'it', 'this', 'that',
  'of', 'in', 'for', 'and', 'will', 'can', 'just', 'do', 'not', 'on', 'with', 'have', 'has', 'get', 'now', 'so',
]);

export function inflections(root: string): string[] {
  const forms = new Set([root]);
  const t = world.methods.two.transform;
  try {
    for (const form of Object.values(t.verb.conjugate(root, nlp.model()))) {
      if (typeof form === 'string' && !form.includes(' ')) forms.add(form);
    }
    forms.add(t.noun.toPlural(root, nlp.model()));
  } catch {
    // A root compromise cannot inflect still matches its base form.
  }
  return [...forms].filter(Boolean).map((f) => f.toLowerCase());
}

/**
 * Rewrites `{lemma}` as the alternation of its inflections, flattened into an enclosing group if there is one.
 * compromise's own lemma matching needs roots computed on the sentence, and once they are, its fast alternation
 * compares roots instead of words ("Circling" stops matching `(circling|following)`); expanding keeps both exact.
 */
export function expandLemmas(pattern: string, lexicon: ConceptLexicon = EMPTY_LEXICON): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '{') {
      const close = pattern.indexOf('}', i);
      const word = close === -1 ? '' : pattern.slice(i + 1, close);
      if (/^[a-z][a-z'-]*$/i.test(word)) {
        const forms = inflections(word.toLowerCase()).join('|');
        out += depth > 0 ? forms : `(${forms})`;
        i = close;
        continue;
      }
    }
    if (ch === '#') {
      const name = /^#([A-Z][A-Za-z]+)/.exec(pattern.slice(i))?.[1];
      const concept = name ? lexicon.byName.get(name) : undefined;
      if (concept) {
        // `#Deadline` is every term of rules/concepts/Deadline.json, inflections included.
        const body = alternation(concept);
        out += depth > 0 ? body : `(${body})`;
        i += name!.length;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

function hasNestedGroup(pattern: string): boolean {
  let depth = 0;
  for (const ch of pattern) {
    if (ch === '(' && ++depth > 1) return true;
    if (ch === ')') depth = Math.max(0, depth - 1);
  }
  return false;
}

/** The words one required token can match, or null when it is optional, negative or tag-only. */
function tokenWords(reg: Reg): Set<string> | null {
  if (reg.optional || reg.negative || reg.operator === 'and') return null;
  if (reg.word) return new Set([reg.word.toLowerCase()]);
  if (reg.fastOr && reg.fastOr.size > 0) return new Set([...reg.fastOr].map((w) => w.toLowerCase()));
  if (reg.choices) {
    const all = new Set<string>();
    for (const choice of reg.choices) {
      // A multi-word alternative can only match where all its required words are; its rarest word is enough to look for.
      const options = choice.map(tokenWords).filter((s): s is Set<string> => s !== null);
      if (options.length === 0) return null;
      const rarest = options.sort((a, b) => selectivity(a) - selectivity(b))[0]!;
      for (const w of rarest) all.add(w);
    }
    return all;
  }
  return null;
}

function tagsOf(regs: Reg[], out: string[] = []): string[] {
  for (const reg of regs) {
    if (reg.tag) out.push(reg.tag);
    if (reg.choices) for (const c of reg.choices) tagsOf(c, out);
  }
  return out;
}

/** How many distinct terms with this punctuation after them a pattern needs (each required @hasComma token is one). */
function postsNeeded(regs: Reg[], method: 'hasComma' | 'hasColon'): number {
  let n = 0;
  for (const reg of regs) {
    if (reg.optional || reg.negative) continue;
    if (reg.method === method) n++;
    else if (reg.operator === 'and' && reg.choices?.some((c) => c.length === 1 && c[0]!.method === method && !c[0]!.negative && !c[0]!.optional)) n++;
  }
  return n;
}

/**
 * Per alternation token with a multi-word choice: its choices, each as the word sets of its required tokens. One
 * choice must have all its words in the sentence (the index looks for one word of each choice only). Empty when no
 * alternation has a choice of several required words.
 */
function choiceWordsOf(regs: Reg[]): string[][][][] {
  const out: string[][][][] = [];
  for (const reg of regs) {
    if (reg.optional || reg.negative || reg.operator === 'and' || !reg.choices) continue;
    const choices: string[][][] = [];
    let usable = true;
    for (const choice of reg.choices) {
      const sets = choice.map(tokenWords).filter((x): x is Set<string> => x !== null);
      if (sets.length === 0) usable = false;
      choices.push(sets.map((x) => [...x]));
    }
    if (usable && choices.some((c) => c.length > 1)) out.push(choices);
  }
  return out;
}

const DIGIT_FIRST = /^(?:\[0-9\]|\\d|[0-9])/;

/** Whether every string a regex source anchored with ^ matches starts with an ASCII digit, as far as a plain reading shows. */
function startsWithDigit(source: string): boolean {
  if (!source.startsWith('^')) return false;
  const body = source.slice(1);
  if (!body.startsWith('(') || body.startsWith('(?')) return DIGIT_FIRST.test(body);
  // ^(19|20)…: each alternative of the leading group must start with a digit.
  let depth = 0;
  let from = 1;
  const alternatives: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      const close = body.indexOf(']', i + 1);
      if (close === -1) return false;
      i = close;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === '|' && depth === 1) {
      alternatives.push(body.slice(from, i));
      from = i + 1;
    } else if (ch === ')' && --depth === 0) {
      alternatives.push(body.slice(from, i));
      // A group that may be skipped (?, *, {0,…}) leaves whatever follows it to start the term.
      if (/^[?*]|^\{0[,}]/.test(body.slice(i + 1))) return false;
      return alternatives.every((a) => DIGIT_FIRST.test(a));
    }
  }
  return false;
}

/** A required /regex/ token that only a term starting with an ASCII digit can match. */
function needsDigit(regs: Reg[]): boolean {
  return regs.some((reg) => !reg.optional && !reg.negative && reg.regex instanceof RegExp && startsWithDigit(reg.regex.source));
}

/**
 * The words a token's first (or last) term can be, or null when it could be anything (optional, negative,
 * tag-only…). A choice's edge is its own first (or last) token's.
 */
function edgeWords(reg: Reg, edge: 'first' | 'last'): string[] | null {
  if (reg.optional || reg.negative || reg.operator === 'and') return null;
  if (reg.word) return [reg.word.toLowerCase()];
  if (reg.fastOr && reg.fastOr.size > 0) return [...reg.fastOr].map((w) => w.toLowerCase());
  if (reg.choices) {
    const all = new Set<string>();
    for (const choice of reg.choices) {
      const term = edge === 'first' ? choice[0] : choice[choice.length - 1];
      const words = term ? edgeWords(term, edge) : null;
      if (!words) return null;
      for (const w of words) all.add(w);
    }
    return [...all];
  }
  return null;
}

/**
 * The words an anchored pattern's first term can be: the first required token's, or any of the optional tokens
 * before it (`^(so|and)? the …`). Null when one of them could be anything.
 */
function initialWords(regs: Reg[]): string[] | null {
  const all = new Set<string>();
  for (const reg of regs) {
    if (reg.optional && !reg.negative && !reg.greedy && reg.operator !== 'and') {
      const words = edgeWords({ ...reg, optional: false }, 'first');
      if (!words) return null;
      for (const w of words) all.add(w);
      continue;
    }
    const words = edgeWords(reg, 'first');
    if (!words) return null;
    for (const w of words) all.add(w);
    return [...all];
  }
  return null;
}

/**
 * A pattern anchored at the end ($): the words its last term can be, when its last token is required. A trailing
 * optional #Emoji is looked past: compromise tags as Emoji only a term that starts with a pictograph, which is no
 * word, so the word before it can still end the sentence as far as sentenceShape is concerned.
 */
function finalWords(regs: Reg[]): string[] | null {
  if (regs[regs.length - 1]!.end !== true) return null;
  let k = regs.length - 1;
  while (k > 0 && regs[k]!.optional && !regs[k]!.negative && regs[k]!.tag === 'Emoji' && !regs[k]!.word && !regs[k]!.choices) k--;
  const last = regs[k]!;
  return !last.greedy ? edgeWords(last, 'last') : null;
}

/** Words that separate required tokens each need ("we .{0,2} we"): one word, several tokens. */
function repeatsOf(required: Set<string>[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const set of required) if (set.size === 1) for (const w of set) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1);
}

/** One term that must be there, spelled as one of a few words (not optional, a tag, a wildcard or a run). */
function isPlainWord(reg: Reg): boolean {
  if (reg.optional || reg.negative || reg.greedy || reg.anything || reg.fuzzy || reg.use || reg.choices || reg.operator === 'and') return false;
  if (reg.min !== undefined || reg.max !== undefined) return false;
  return reg.word !== undefined || (reg.fastOr !== undefined && reg.fastOr.size > 0);
}

/** Where two plain required words follow each other in the pattern, as indices into its required sets. */
function adjacentPairs(regs: Reg[]): number[] {
  const out: number[] = [];
  let k = -1;
  let previousPlain = false;
  for (const reg of regs) {
    const words = tokenWords(reg);
    if (words !== null) k++;
    const plain = words !== null && isPlainWord(reg);
    if (plain && previousPlain) out.push(k - 1);
    previousPlain = plain;
  }
  return out;
}

function selectivity(set: Set<string>): number {
  let common = 0;
  for (const w of set) if (COMMON.has(w)) common++;
  return common * 1000 + set.size;
}

export interface PatternProblem {
  pattern: string;
  reason: string;
}

/** Checks one pattern; returns its required word sets or a reason it cannot be used. */
export function analysePattern(
  pattern: string,
  lexicon: ConceptLexicon = EMPTY_LEXICON,
):
  | { required: Set<string>[]; groups: string[]; expanded: string; usesTags: boolean; commas: number; colons: number; digit: boolean; repeats: [string, number][]; initial: string[] | null; final: string[] | null; adjacent: number[] }
  | { reason: string } {
  if (hasNestedGroup(pattern)) return { reason: 'nests a group inside a group, which compromise does not support: list the alternatives in one group' };
  const expanded = expandLemmas(pattern, lexicon);
  let regs: Reg[];
  try {
    regs = world.methods.one.parseMatch(expanded, {}, world);
  } catch (error) {
    return { reason: `cannot be parsed as a compromise match (${(error as Error).message})` };
  }
  if (!Array.isArray(regs) || regs.length === 0) return { reason: 'matches nothing' };
  const tags = tagsOf(regs);
  const unknownTag = tags.find((tag) => !(tag in world.model.one.tagSet));
  if (unknownTag) return { reason: `unknown tag #${unknownTag}` };
  const required = regs.map(tokenWords).filter((s): s is Set<string> => s !== null);
  if (required.length === 0) return { reason: 'needs at least one required word, so sentences can be prefiltered' };
  const groups = regs.filter((r) => r.group).map((r) => r.group!);
  const initial = regs[0]!.start === true ? initialWords(regs) : null;
  const final = finalWords(regs);
  return { required, groups, expanded, usesTags: tags.length > 0, commas: postsNeeded(regs, 'hasComma'), colons: postsNeeded(regs, 'hasColon'), digit: needsDigit(regs), repeats: repeatsOf(required), initial, final, adjacent: adjacentPairs(regs) };
}

/**
 * Compiles `rules` into a pack. With `base` (a pack of the first base.rules.length of them, such as the built-in
 * pack), only the rules after those are analysed and parsed, and the result equals compiling them all: this is how
 * a user's own phrases join the precompiled pack without recompiling it.
 */
export function compilePack(
  rules: Rule[],
  fileOf: (rule: Rule) => string = (r) => `rules/${r.id}.json`,
  lexicon: ConceptLexicon = EMPTY_LEXICON,
  base?: CompiledPack,
): CompiledPack {
  const errors: RuleError[] = [];
  if (base && base.rules.some((rule, i) => rules[i] !== rule)) throw new Error('compilePack: rules must start with the base pack\'s rules');
  if (base) decodeAll(base);
  const from = base?.rules.length ?? 0;
  // The base's entries are copied before this pack's rules add to their flags and vetoes.
  const byMatch = new Map<string, NetEntry>(base?.entries.map((e) => [e.match, { ...e, flags: [...e.flags], vetoes: [...e.vetoes] }]));
  const frames: CompiledFrame[] = [...(base?.frames ?? [])];
  const flaggedBy = new Map<string, string>();
  for (const rule of rules.slice(0, from)) for (const pattern of rule.patterns) flaggedBy.set(pattern, rule.id);
  const ruleNeedsTags = rules.map((_, i) => base?.ruleNeedsTags[i] ?? false);
  rules.forEach((rule, index) => {
    if (index < from) return;
    const add = (list: string[], field: string, role: 'flags' | 'vetoes') => {
      list.forEach((pattern, i) => {
        const result = analysePattern(pattern, lexicon);
        if ('reason' in result) {
          errors.push(new RuleError(fileOf(rule), `${field}[${i}]`, `"${pattern}" ${result.reason}`));
          return;
        }
        if (role === 'flags') {
          const owner = flaggedBy.get(pattern);
          if (owner && owner !== rule.id) {
            errors.push(new RuleError(fileOf(rule), `${field}[${i}]`, `"${pattern}" is already a pattern of rule ${owner}`));
            return;
          }
          flaggedBy.set(pattern, rule.id);
        }
        if (result.usesTags) ruleNeedsTags[index] = true;
        let entry = byMatch.get(result.expanded);
        if (!entry) {
          entry = {
            match: result.expanded,
            flags: [],
            vetoes: [],
            required: result.required,
            hasGroups: result.groups.length > 0,
            usesTags: result.usesTags,
            ...(result.commas > 0 ? { commas: result.commas } : {}),
            ...(result.colons > 0 ? { colons: result.colons } : {}),
            ...(result.digit ? { digit: true } : {}),
            ...(result.repeats.length > 0 ? { repeats: result.repeats } : {}),
            ...(result.initial ? { initial: result.initial } : {}),
            ...(result.final ? { final: result.final } : {}),
            ...(result.adjacent.length > 0 ? { adjacent: result.adjacent } : {}),
          };
          byMatch.set(result.expanded, entry);
        }
        entry[role].push(index);
      });
    };
    add(rule.patterns, 'patterns', 'flags');
    add(rule.exceptions, 'exceptions', 'vetoes');
    for (const field of ['follows', 'unlessAfter'] as const) {
      rule[field].forEach((name, k) => {
        if (!lexicon.byName.has(name)) errors.push(new RuleError(fileOf(rule), `${field}[${k}]`, `no concept "${name}" in rules/concepts/`));
      });
    }
    rule.frames.forEach((frame, i) => {
      const resolve = (names: string[], field: string) =>
        names.map((name, k) => {
          const c = lexicon.concepts.findIndex((x) => x.name === name);
          if (c === -1) errors.push(new RuleError(fileOf(rule), `frames[${i}].${field}[${k}]`, `no concept "${name}" in rules/concepts/`));
          return c;
        });
      frames.push({ rule: index, all: resolve(frame.all, 'all'), unless: resolve(frame.unless, 'unless'), within: frame.within, ordered: frame.ordered });
    });
  });
  if (errors.length > 0) {
    throw new RulePackError(errors);
  }
  const entries = [...byMatch.values()];
  const index = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    if (entry.flags.length === 0) return;
    const best = [...entry.required].sort((a, b) => selectivity(a) - selectivity(b))[0]!;
    for (const word of best) {
      const list = index.get(word);
      if (list) list.push(i);
      else index.set(word, [i]);
    }
  });
  // buildNet parses these objects in place (regs, needs, wants), each on its own (compiledMatch); a sentence is swept
  // with a slice of them, so the net's own hooks are not kept.
  const compiled = entries.map((entry, i) => base?.compiled[i] ?? { match: entry.match, entry: i });
  nlp.buildNet(compiled.slice(base?.compiled.length ?? 0) as never);
  const vetoEntries = rules.map(() => [] as number[]);
  entries.forEach((entry, i) => entry.vetoes.forEach((r) => vetoEntries[r]!.push(i)));
  return { rules, entries, compiled, vetoEntries, index, ruleNeedsTags, lexicon, frames };
}

const packs = new WeakMap<readonly Rule[], CompiledPack>();

/** A pack compiled at build time (see precompile.ts), as data. */
export type PackData = Omit<CompiledPack, 'lexicon'> & { concepts: Concept[]; conceptIndex: PackedConceptIndex };

/**
 * The pack as the build ships it (scripts/precompile.mjs): the net's entries as lines of JSON text, one per entry,
 * decoded into what PackData holds when first needed. Their compiled matches are not shipped: compiledMatch makes
 * entry i's from its match text, as compilePack did at build time, the first time the entry is live in a sentence.
 */
export type ShippedPack = Omit<PackData, 'entries' | 'compiled' | 'concepts' | 'conceptIndex' | 'rules'> & {
  /** Per rule, what a linter reads of every rule; the rest of each rule is a line of lines.rules (rules.ts shippedRules). */
  ruleHeads: RuleHead[];
  /** The concepts' names; their notes and forms are lines.concepts, a line of JSON each (concepts.ts shippedConcepts). */
  conceptNames: string[];
  /** The concept index's first words; their terms are lines.conceptIndex, a line each (concepts.ts shippedLexicon). */
  conceptWords: string[];
  lines: { count: number; entries: string; concepts: string; conceptIndex: string; rules: string };
  decode: (line: string) => unknown;
};

/**
 * One line of lines.entries: plain JSON, with each of `required`'s word lists as an array (scripts/precompile.mjs
 * entryLines checks that nothing else needs decoding), so only those become Sets: walking every string of a line for
 * tags, as the pack's generic decode does, is most of the cost of the couple of hundred entries a first lint reads.
 */
function decodeEntry(line: string): NetEntry {
  const entry = JSON.parse(line) as NetEntry & { required: string[][] | Set<string>[] };
  entry.required = (entry.required as string[][]).map((list) => new Set(list));
  return entry;
}

/** Per revived pack with entries not decoded yet: decodes entry i, or its compiled match, into the pack. */
const undecoded = new WeakMap<CompiledPack, { entry: (i: number) => NetEntry; compiled: (i: number) => object }>();

function splitLines(text: string, count: number): string[] {
  const lines = count === 0 ? [] : text.split('\n');
  if (lines.length !== count) throw new Error(`revivePack: ${lines.length} lines of pack data, expected ${count}`);
  return lines;
}

/**
 * Turns build-time pack data back into a pack, shared by every linter over `data.rules`. Entries are decoded when a
 * sentence could first match them (entryAt): a lint reaches a few dozen, so startup decodes none of the thousand.
 */
const shippedPacks = new WeakMap<ShippedPack, CompiledPack>();

export function revivePack(data: ShippedPack): CompiledPack {
  let pack = shippedPacks.get(data);
  if (!pack) {
    const { ruleHeads, conceptNames, conceptWords, lines, decode, ...rest } = data;
    const entryLines = splitLines(lines.entries, lines.count);
    const entries = new Array<NetEntry>(lines.count);
    const compiled = new Array<object>(lines.count);
    const rules = shippedRules(ruleHeads, lines.rules, decode);
    const revived: CompiledPack = { rules, ...rest, entries, compiled, lexicon: shippedLexicon(conceptNames, lines.concepts, conceptWords, lines.conceptIndex) };
    const entry = (i: number) => (entries[i] = decodeEntry(entryLines[i]!));
    undecoded.set(revived, {
      entry,
      compiled: (i) => (compiled[i] = compiledMatch((entries[i] ?? entry(i)).match, i)),
    });
    pack = revived;
    shippedPacks.set(data, pack);
    packs.set(rules, pack);
  }
  return pack;
}

/**
 * Entry i's compiled match, as compilePack makes it: compromise's buildNet parses `{ match, entry }` in place (its
 * regs, needs, wants, minWant, minWords), one object at a time.
 */
export function compiledMatch(match: string, entry: number): object {
  const compiled = { match, entry };
  nlp.buildNet([compiled] as never);
  return compiled;
}

/** Entry i of the pack, decoded the first time it is asked for (see revivePack). */
function entryAt(pack: CompiledPack, i: number): NetEntry {
  return pack.entries[i] ?? undecoded.get(pack)!.entry(i);
}

/** Entry i's compiled match, decoded the first time the entry is live in a sentence (most candidates are not). */
function compiledAt(pack: CompiledPack, i: number): object {
  return pack.compiled[i] ?? undecoded.get(pack)!.compiled(i);
}

/** The pack with every entry decoded, as compiling it would have made it (a pack compiled at runtime already is). */
export function decodeAll(pack: CompiledPack): CompiledPack {
  const decode = undecoded.get(pack);
  if (decode) {
    for (let i = 0; i < pack.entries.length; i++) {
      if (pack.entries[i] === undefined) decode.entry(i);
      if (pack.compiled[i] === undefined) decode.compiled(i);
    }
    undecoded.delete(pack);
  }
  return pack;
}

/** One compiled pack per rule list, so every linter over the built-in rules shares one net. */
export function packFor(rules: readonly Rule[], fileOf?: (rule: Rule) => string, lexicon?: ConceptLexicon): CompiledPack {
  let pack = packs.get(rules);
  if (!pack) {
    pack = compilePack([...rules], fileOf, lexicon);
    packs.set(rules, pack);
  }
  return pack;
}


const CONTRACTIONS: [RegExp, string[]][] = [
  [/n't$/, ['not']],
  [/'re$/, ['are']],
  [/'m$/, ['am']],
  [/'ll$/, ['will']],
  [/'ve$/, ['have']],
  [/'d$/, ['would', 'had']],
  [/'s$/, ['is', 'has', 'us']],
];

const WORD_FORM = unicodeRegExp(String.raw`[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*'?`, 'gu');
const DIGIT = unicodeRegExp(String.raw`\p{N}`);
const LETTER = unicodeRegExp(String.raw`\p{L}`);
const DIGITS_OR_LETTERS = unicodeRegExp(String.raw`\p{N}+|\p{L}+`, 'gu');
const GLUE = unicodeRegExp(String.raw`(?<=[\p{L}\p{N}\]])[\u2014\u2013](?=[\p{L}\p{N}[])|(?<=\p{L})[!?;](?=\p{L})`, 'gu');
const APOSTROPHE_S = unicodeRegExp(String.raw`\p{L}'s\b`, 'iu');
const NOT_WORD = unicodeRegExp(String.raw`[\s\p{P}\p{S}]`);

/** The forms one raw word can take as compromise terms (a superset), each part once per occurrence. */
function wordForms(word: string, add: (form: string) => void): void {
  add(word);
  // compromise splits "12hrs" into "12" and "hrs".
  if (DIGIT(word).test(word) && LETTER(word).test(word)) for (const part of word.match(DIGITS_OR_LETTERS(word)) ?? []) add(part);
  // "don't" is "do" + "not", "wouldn't" is "would" + "not".
  if (word.endsWith("n't")) add(word.slice(0, -3));
  if (word.includes("'") || word.includes('-')) {
    for (const part of word.split(/['-]/)) if (part) add(part);
    add(word.replace(/-/g, ''));
    for (const [suffix, expansions] of CONTRACTIONS) {
      if (suffix.test(word)) for (const e of expansions) add(e);
    }
    if (word === "can't") add('can');
    if (word === "won't") add('will');
    if (word === "let's") add('let');
  }
}

const lowerForWords = (text: string) => text.toLowerCase().replace(/[’‘`´]/g, "'");

/** Every word form compromise could see in this sentence (a superset), for the prefilter. */
export function sentenceWords(text: string): Set<string> {
  const words = new Set<string>();
  const add = (w: string) => words.add(w);
  const lower = lowerForWords(text);
  for (const m of lower.matchAll(WORD_FORM(lower))) termForms(m[0], add);
  return words;
}

/**
 * For the finer prefilter: how often each word form occurs (at least as often as compromise can see it), and the
 * forms of every word that could begin a sentence of compromise's (the first word, or one after anything but
 * spaces and commas: compromise starts sentences only after a stop or a line break).
 */
function sentenceShape(text: string): { counts: Map<string, number>; initial: Set<string>; final: Set<string> } {
  const counts = new Map<string, number>();
  const initial = new Set<string>();
  const final = new Set<string>();
  const lower = lowerForWords(text);
  let last = -1;
  let previous: string | null = null;
  for (const m of lower.matchAll(WORD_FORM(lower))) {
    const start = m.index!;
    const first = last === -1 || !/^[ \t,]*$/.test(lower.slice(last, start));
    // A word that can start a sentence is one that the word before it can end.
    if (first && previous !== null) wordForms(previous, (w) => final.add(w));
    last = start + m[0].length;
    previous = m[0];
    termForms(m[0], (w) => {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      if (first) initial.add(w);
    });
  }
  if (previous !== null) wordForms(previous, (w) => final.add(w));
  return { counts, initial, final };
}

// compromise joins "he / she" and "2 - 5" into one term across spaces, and reads "@" as "at": such text is left to
// the parse.
const JOINS_ACROSS_SPACE = /[/@]|[0-9][a-z]{0,2} ?[-\u2013\u2014]/i;

let expansions: Map<string, string[]> | undefined;

/**
 * Every word form of a word (wordForms) and, where compromise reads a form as several terms ("cannot" → can not,
 * "gonna" → going to, "tbh"), those terms too: patterns may name any of them.
 */
function termForms(word: string, add: (form: string) => void): void {
  wordForms(word, (w) => {
    add(w);
    const out = contractionWords().get(w);
    if (out) for (const x of out) add(x);
  });
}

/** compromise's own contraction list ("cannot" → can not, "gonna" → going to): terms it makes inside one word. */
function contractionWords(): Map<string, string[]> {
  if (!expansions) {
    const list = (world.model.one as unknown as { contractions?: { word?: string; out: string[] }[] }).contractions ?? [];
    expansions = new Map(list.filter((c) => c.word !== undefined).map((c) => [c.word!.toLowerCase(), c.out.map((w) => w.toLowerCase())]));
  }
  return expansions;
}

/**
 * Per word form, the positions of the whitespace-separated chunks it occurs in, or null when compromise might join
 * chunks. Every term compromise makes lies within one chunk, and a term's next term is in the same chunk or the next
 * one that holds a word, so two words on adjacent terms are at most one position apart.
 */
function wordPositions(text: string): Map<string, number[]> | null {
  if (JOINS_ACROSS_SPACE.test(text)) return null;
  const positions = new Map<string, number[]>();
  const lower = lowerForWords(text);
  let at = -1;
  let lastEnd = -1;
  for (const m of lower.matchAll(WORD_FORM(lower))) {
    const start = m.index!;
    if (lastEnd === -1 || /\s/.test(lower.slice(lastEnd, start))) at++;
    lastEnd = start + m[0].length;
    const here = at;
    const add = (w: string) => {
      const list = positions.get(w);
      if (!list) positions.set(w, [here]);
      else if (list[list.length - 1] !== here) list.push(here);
    };
    termForms(m[0], add);
  }
  return positions;
}

function sideBySide(positions: Map<string, number[]>, first: Set<string>, second: Set<string>): boolean {
  for (const a of first) {
    const as = positions.get(a);
    if (!as) continue;
    for (const b of second) {
      const bs = positions.get(b);
      if (!bs) continue;
      for (const i of as) for (const j of bs) if (j === i || j === i + 1) return true;
    }
  }
  return false;
}

export interface Candidates {
  /** Flag entries that could match, with the entries that veto their rules. */
  entries: Set<number>;
  /** Some rule that could match uses tags, so the sentence needs the full tagger, not just the tokenizer. */
  needsTags: boolean;
}

/** The entries that could match a sentence with these words, judged on words alone (no parse). */
export function candidates(pack: CompiledPack, words: Set<string>): Candidates {
  const entries = new Set<number>();
  let needsTags = false;
  for (const word of words) {
    const list = pack.index.get(word);
    if (!list) continue;
    for (const i of list) {
      if (entries.has(i)) continue;
      const entry = entryAt(pack, i);
      if (!couldMatch(entry, words)) continue;
      entries.add(i);
      for (const r of entry.flags) {
        if (pack.ruleNeedsTags[r]) needsTags = true;
        addVetoes(pack, r, words, entries);
      }
    }
  }
  return { entries, needsTags };
}

function couldMatch(entry: NetEntry, words: Set<string>): boolean {
  for (const set of entry.required) if (!intersects(set, words)) return false;
  return true;
}

/** The exceptions of rule r that could match these words: one that cannot is not worth sweeping. */
function addVetoes(pack: CompiledPack, r: number, words: Set<string>, entries: Set<number>): void {
  for (const veto of pack.vetoEntries[r]!) if (!entries.has(veto) && couldMatch(entryAt(pack, veto), words)) entries.add(veto);
}

function intersects(set: Set<string>, words: Set<string>): boolean {
  // Walk the smaller side: an alternation can hold hundreds of words, a sentence a few dozen.
  if (set.size > words.size) {
    for (const w of words) if (set.has(w)) return true;
    return false;
  }
  for (const w of set) if (words.has(w)) return true;
  return false;
}

/**
 * Same-length copy of a sentence for the tokenizer: a dash or bang glued between words ("discussed—are",
 * "now!Reply") becomes a space so the words around it are seen. Offsets are unchanged, so spans still slice
 * the original text.
 */
export function forParsing(text: string): string {
  return text.replace(GLUE(text), ' ');
}

interface Term {
  text: string;
  pre: string;
  post: string;
}

interface FoundView {
  docs: Term[][];
  match: (pattern: string) => { groups: () => Record<string, FoundView> };
}

export interface SentenceMatch {
  hits: LocalHit[];
  /** Lowercased tokens of the normalised sentence, with original offsets (for the learned scorer). */
  tokens: Token[];
  concepts: ConceptHit[];
  /** The sentence as the engine reads it (see normalise.ts), and the map back to the original. */
  normalised: Normalised;
}

/** Runs the net over one sentence; offsets are local to the sentence (the original text). */
export function matchSentence(pack: CompiledPack, original: string): LocalHit[] {
  return analyseSentence(pack, original).hits;
}

/** Runs the net and the frames over one sentence, and keeps its tokens and concepts for later stages. */
export function analyseSentence(pack: CompiledPack, original: string): SentenceMatch {
  const norm = normalise(original);
  const tokens = tokenize(norm.text);
  const concepts = conceptHits(pack.lexicon, tokens);
  return { hits: matchNormalised(pack, original, norm, tokens, concepts), tokens, concepts, normalised: norm };
}

function matchNormalised(
  pack: CompiledPack,
  original: string,
  norm: Normalised,
  tokens: Token[],
  concepts: ConceptHit[],
): LocalHit[] {
  const text = norm.text;
  const words = sentenceWords(text);
  const { entries, needsTags } = candidates(pack, words);
  const frameHits = pack.frames.length > 0 ? matchFrames(pack.frames, tokens, concepts) : [];
  // A frame's rule may have exceptions: the sentence is swept for them too.
  for (const f of frameHits) addVetoes(pack, f.rule, words, entries);
  const frameLocal = frameHits.map((f) => toOriginal(norm, original, f.rule, f.start, f.end, {})).filter(isHit);
  if (entries.size === 0) return dedupeHits(frameLocal);
  // Entries that need more commas, or a digit, than the sentence has, or a word where the sentence cannot start or
  // end, cannot match: when no entry is left the sentence needs no parse at all.
  const live = liveEntries(pack, entries, text, words, frameHits);
  if (live.length === 0) return dedupeHits(frameLocal);
  let tag = needsTags || APOSTROPHE_S(text).test(text);
  for (const f of frameHits) if (pack.ruleNeedsTags[f.rule]) tag = true;
  // Tagging changes what a words-only pattern sees in one way only: it splits contractions the tokenizer leaves
  // whole ("I'd" → I would). Without an apostrophe, a sweep with no tag pattern in it needs no tagger.
  if (tag && !/['’‘`´ʼ′]/.test(text) && !live.some((i) => pack.entries[i]!.usesTags)) tag = false;
  // Most patterns are words only, and tokenizing is a tenth of the cost of full tagging; but only the tagger
  // can tell "it's" (it is) from a possessive, so such sentences are tagged too.
  const doc = tag ? nlp(forParsing(text)) : nlp.tokenize(forParsing(text));
  // Keyed by term object: views share the document's terms, and tokenize-only docs carry no term ids.
  const positions = new Map<Term, [number, number]>();
  let offset = 0;
  let visibleStart = 0;
  for (const sentence of doc.docs as unknown as Term[][]) {
    for (const term of sentence) {
      offset += term.pre.length;
      // An implicit term ("are" in "we're") has empty text: it takes the span of the word it hides in.
      if (term.text.length > 0) visibleStart = offset;
      positions.set(term, [term.text.length > 0 ? offset : visibleStart, offset + term.text.length]);
      offset += term.text.length + term.post.length;
    }
  }
  const spanOf = (view: FoundView): [number, number] | null => {
    const terms = view.docs[0];
    if (!terms || terms.length === 0) return null;
    let start = Infinity;
    let end = -Infinity;
    for (const term of terms) {
      const pos = positions.get(term);
      if (!pos) return null;
      start = Math.min(start, pos[0]);
      end = Math.max(end, pos[1]);
    }
    return [start, end];
  };

  // One sweep over the slice of the compiled net this sentence can match; compromise's own hooks would also try
  // every pattern keyed on a common word ("we", "the"), which costs more than the parse.
  const slice = { isNet: true, hooks: {}, always: live.map((i) => compiledAt(pack, i)) };
  const { found } = (doc as unknown as { sweep: (n: unknown, o: object) => { found: { entry: number; view: FoundView }[] } })
    .sweep(slice, { tagger: false });
  const vetoed = new Set<number>();
  const hits: LocalHit[] = [];
  for (const f of found) {
    const entry = pack.entries[f.entry]!;
    for (const r of entry.vetoes) vetoed.add(r);
    if (entry.flags.length === 0) continue;
    const span = spanOf(f.view);
    if (!span) continue;
    const groups: Record<string, string> = {};
    const captured = entry.hasGroups ? f.view.match(entry.match).groups() : {};
    for (const [name, view] of Object.entries(captured)) {
      const g = spanOf(view);
      const mapped = g && trimSpan(text, g[0], g[1]);
      if (mapped) {
        const [s, e] = originalSpan(norm, mapped[0], mapped[1]);
        groups[name] = original.slice(s, e);
      }
    }
    for (const rule of entry.flags) {
      const hit = toOriginal(norm, original, rule, span[0], span[1], groups);
      if (hit) hits.push(hit);
    }
  }
  hits.push(...frameLocal);
  return dedupeHits(hits.filter((h) => !vetoed.has(h.rule)));
}

/**
 * The candidate entries that can still match this sentence, in candidate order; an exception is kept only while a
 * rule it vetoes can still flag here (by a live pattern or a frame), since a veto of nothing changes nothing.
 */
/**
 * An entry's choice words (see choiceWordsOf), worked out from its pattern the first time it is a candidate rather
 * than shipped with the pack, which they would grow by some 50 KB.
 */
const choiceWordsCache = new WeakMap<NetEntry, string[][][][]>();

function choiceWordsFor(entry: NetEntry): string[][][][] {
  let words = choiceWordsCache.get(entry);
  if (!words) {
    words = choiceWordsOf(world.methods.one.parseMatch(entry.match, {}, world));
    choiceWordsCache.set(entry, words);
  }
  return words;
}

function liveEntries(
  pack: CompiledPack,
  entries: Set<number>,
  text: string,
  words: Set<string>,
  frameHits: readonly { rule: number }[],
): number[] {
  let commas = -1;
  let colons = -1;
  let digit: boolean | undefined;
  let shape: ReturnType<typeof sentenceShape> | undefined;
  let positions: Map<string, number[]> | null | undefined;
  const live: number[] = [];
  for (const i of entries) {
    const entry = pack.entries[i]!;
    if (entry.repeats || entry.initial || entry.final) {
      shape ??= sentenceShape(text);
      if (entry.repeats && entry.repeats.some(([w, n]) => (shape!.counts.get(w) ?? 0) < n)) continue;
      if (entry.initial && !entry.initial.some((w) => shape!.initial.has(w))) continue;
      if (entry.final && !entry.final.some((w) => shape!.final.has(w))) continue;
    }
    if (entry.commas !== undefined) {
      if (commas === -1) {
        commas = 0;
        for (let k = text.indexOf(','); k !== -1; k = text.indexOf(',', k + 1)) commas++;
      }
      if (commas < entry.commas) continue;
    }
    if (entry.colons !== undefined) {
      if (colons === -1) {
        colons = 0;
        for (let k = text.indexOf(':'); k !== -1; k = text.indexOf(':', k + 1)) colons++;
      }
      if (colons < entry.colons) continue;
    }
    if (entry.adjacent) {
      if (positions === undefined) positions = wordPositions(text);
      if (positions && !entry.adjacent.every((k) => sideBySide(positions!, entry.required[k]!, entry.required[k + 1]!))) continue;
    }
    const choiceWords = choiceWordsFor(entry);
    if (choiceWords.length > 0 && !choiceWords.every((choices) => choices.some((sets) => sets.every((set) => set.some((w) => words.has(w)))))) continue;
    if (entry.digit) {
      digit ??= /[0-9]/.test(text);
      if (!digit) continue;
    }
    live.push(i);
  }
  const flagging = new Set<number>();
  for (const f of frameHits) flagging.add(f.rule);
  for (const i of live) for (const r of pack.entries[i]!.flags) flagging.add(r);
  return live.filter((i) => {
    const entry = pack.entries[i]!;
    return entry.flags.length > 0 || entry.vetoes.some((r) => flagging.has(r));
  });
}

function isHit(hit: LocalHit | null): hit is LocalHit {
  return hit !== null;
}

function toOriginal(
  norm: Normalised,
  original: string,
  rule: number,
  start: number,
  end: number,
  groups: Record<string, string>,
): LocalHit | null {
  const trimmed = trimSpan(norm.text, start, end);
  if (!trimmed) return null;
  const [s, e] = originalSpan(norm, trimmed[0], trimmed[1]);
  const span = trimSpan(original, s, e);
  return span ? { rule, ...wholeWords(original, span[0], span[1]), groups } : null;
}


/**
 * Flagged spans cover words only: no surrounding space or punctuation (a leading # or $ and a trailing % stay, and so
 * do the brackets of a placeholder the span holds whole: "ends {{date}}", not "ends {{date").
 */
function trimSpan(text: string, start: number, end: number): [number, number] | null {
  const edge = NOT_WORD(text);
  const opensInside = (at: number) => {
    const closer = PLACEHOLDER_CLOSER[text[at]!];
    if (!closer) return false;
    const close = text.indexOf(closer, at + 1);
    return close !== -1 && close < end;
  };
  const closesInside = (at: number) => {
    const opener = PLACEHOLDER_OPENER[text[at]!];
    return opener !== undefined && text.lastIndexOf(opener, at - 1) >= start;
  };
  while (start < end && edge.test(text[start]!) && !/[#$€£]/u.test(text[start]!) && !opensInside(start)) start++;
  while (end > start && edge.test(text[end - 1]!) && !/[%]/u.test(text[end - 1]!) && !closesInside(end - 1)) end--;
  return end > start ? [start, end] : null;
}
const PLACEHOLDER_CLOSER: Record<string, string> = { '{': '}', '[': ']' };
const PLACEHOLDER_OPENER: Record<string, string> = { '}': '{', ']': '[' };

/** One hit per rule per stretch of text; two stretches of one rule a few words apart merge into one phrase. */
function dedupeHits(hits: LocalHit[]): LocalHit[] {
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.rule - b.rule);
  const kept: LocalHit[] = [];
  for (const hit of hits) {
    const same = kept.find((k) => k.rule === hit.rule);
    if (same && hit.start < same.end && same.start < hit.end) continue;
    // "Allow me to share … a bit about my background" is one phrase to the reader, and one finding.
    if (same && Math.max(hit.start, same.start) - Math.min(hit.end, same.end) <= 24) {
      same.start = Math.min(same.start, hit.start);
      same.end = Math.max(same.end, hit.end);
      continue;
    }
    kept.push({ ...hit });
  }
  return kept.sort((a, b) => a.start - b.start || a.rule - b.rule);
}
