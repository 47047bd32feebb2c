// compromise/two, assembled from its own parts as its two.js does, but with the lexicon already expanded and the
// post-tagger's match net already parsed at build time (scripts/precompile.mjs): the same tagger, without the
// few hundred milliseconds compromise spends building them when it is imported and first used.

import nlp from 'compromise/one';
import {
  contractionTwo,
  decodeRegs,
  lazy,
  lexiconBase,
  lexiconLines,
  lexiconSlots,
  lexiconValues,
  postTagApi,
  postTagCompute,
  postTaggerNet,
  preTagCompute,
  preTagHooks,
  preTaggerModel,
  preTagMethods,
  preTagTags,
  swap,
} from 'virtual:rapport/compromise';
import { wordTable } from './lexicon';
import { decodeBase64 } from './scorer';

type Model = Record<string, unknown>;

function isObject(value: unknown): value is Model {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * compromise's own merge (extend.js mergeDeep) copies a plugin's model into the world key by key: 30,000 keys for
 * the lexicon alone. The shipped model is a fresh copy nothing else holds, so a subtree the world does not have yet
 * (or has only as an empty placeholder, like the lexicon compromise/one starts with) is taken as it is: the same
 * keys in the same order, and the plugin's values still win where both have one.
 */
export function graft(target: Model, source: Model): void {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const value = source[key];
    const existing = target[key];
    if (isObject(value) && isObject(existing) && Object.keys(existing).length > 0) graft(existing, value);
    else target[key] = value;
  }
}

function sameEntries(a: Model, b: Model): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

interface View {
  world: { methods: { two: { quickSplit: (docs: unknown) => Term[][] } } };
  docs: unknown;
  update: (ptrs: number[][]) => { sweep: (net: unknown) => void };
  uncache: () => void;
  unfreeze: () => void;
}
interface Term {
  index: [number, number];
}

/** compromise's postTagger compute (2-two/postTagger/compute), sweeping the prebuilt net. */
function postTagger(view: View): View {
  const { world } = view;
  const document = world.methods.two.quickSplit(view.docs);
  const ptrs = document.map((terms) => {
    const t = terms[0]!;
    return [t.index[0], t.index[1], t.index[1] + terms.length];
  });
  const m = view.update(ptrs);
  m.sweep(postTaggerNet);
  view.uncache();
  view.unfreeze();
  return view;
}

interface NetMatch {
  match: string;
  /** Parsed match tokens; the build ships them as JSON text, parsed the first time the match is tried (readyMatch). */
  regs?: unknown;
  needs: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  ifNo?: string[];
  unTag?: unknown;
}
interface Net {
  hooks: Record<string, NetMatch[]>;
  always: NetMatch[];
}
interface SweepMethods {
  one: {
    cacheDoc: (document: unknown[][]) => Set<string>[];
    match: (docs: unknown[][], m: NetMatch) => { ptrs: number[][] };
  };
}

/** Per net: its hook words in the order compromise tries them (Object.keys order), and per match a pattern number. */
interface HookOrder {
  lists: NetMatch[][];
  rank: Map<string, number>;
  /** Beside each list, a number per match: matches with the same pattern share one, and only the first is tried. */
  patterns: Uint32Array[];
  /** Per pattern number, the sweep that last tried it. */
  triedIn: Uint32Array;
}
const hookOrders = new WeakMap<object, HookOrder>();
let sweepNumber = 0;

function hookOrder(hooks: Net['hooks']): HookOrder {
  let order = hookOrders.get(hooks);
  if (!order) {
    const keys = Object.keys(hooks);
    const numbers = new Map<string, number>();
    // A plain loop: Uint32Array.from with a mapping function walks each list through the iterator protocol.
    const patterns = keys.map((k) => {
      const list = hooks[k]!;
      const out = new Uint32Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const match = list[i]!.match;
        let n = numbers.get(match);
        if (n === undefined) numbers.set(match, (n = numbers.size));
        out[i] = n;
      }
      return out;
    });
    order = { lists: keys.map((k) => hooks[k]!), rank: new Map(keys.map((k, i) => [k, i])), patterns, triedIn: new Uint32Array(numbers.size) };
    hookOrders.set(hooks, order);
  }
  return order;
}

function hasAll(haves: Set<string>, list: readonly string[]): boolean {
  for (let i = 0; i < list.length; i++) if (!haves.has(list[i]!)) return false;
  return true;
}

function hasAny(haves: Set<string>, list: readonly string[]): boolean {
  for (let i = 0; i < list.length; i++) if (haves.has(list[i]!)) return true;
  return false;
}

function countIn(haves: Set<string>, list: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) if (haves.has(list[i]!)) n++;
  return n;
}

/** A match object as compromise's match() takes it: regs the build shipped as text are parsed here, once. */
export function readyMatch<T extends { regs?: unknown }>(m: T): T {
  if (typeof m.regs === 'string') m.regs = decodeRegs(m.regs);
  return m;
}

/**
 * compromise's bulkMatch (1-one/sweep/methods/sweep), same candidates in the same order, but found from the
 * sentence's own words and tags rather than by testing each of the post-tagger's 730 hook words against every
 * sentence, and deduplicated without building strings and closures: most of the cost of tagging a sentence.
 */
function bulkMatch(document: unknown[][], net: Net, methods: SweepMethods, opts: { matchOne?: boolean } = {}): object[] {
  const docCache = methods.one.cacheDoc(document);
  const { lists, rank, patterns, triedIn } = hookOrder(net.hooks);
  const results: object[] = [];
  for (let n = 0; n < document.length; n++) {
    const haves = docCache[n]!;
    const hit: number[] = [];
    for (const item of haves) {
      const at = rank.get(item);
      if (at !== undefined) hit.push(at);
    }
    hit.sort((a, b) => a - b);
    // A fresh number per sentence marks what it has tried (wrapping after 4 billion sentences only re-clears).
    sweepNumber = (sweepNumber + 1) >>> 0;
    if (sweepNumber === 0) {
      triedIn.fill(0);
      sweepNumber = 1;
    }
    const todo: NetMatch[] = [];
    for (const at of hit) {
      const list = lists[at]!;
      const numbers = patterns[at]!;
      for (let i = 0; i < list.length; i++) {
        const m = list[i]!;
        // The first match object with a given pattern wins, whether or not it then passes the checks below.
        const p = numbers[i]!;
        if (triedIn[p] === sweepNumber) continue;
        triedIn[p] = sweepNumber;
        if (!hasAll(haves, m.needs)) continue;
        if (m.ifNo !== undefined && hasAny(haves, m.ifNo)) continue;
        if (m.wants.length > 0 && countIn(haves, m.wants) < m.minWant) continue;
        todo.push(m);
      }
    }
    for (const m of net.always) todo.push(m);
    const termCount = document[n]!.length;
    for (const m of todo) {
      if (termCount < m.minWords) continue;
      const res = methods.one.match([document[n]!], readyMatch(m));
      if (res.ptrs.length === 0) continue;
      for (const ptr of res.ptrs) {
        ptr[0] = n;
        const found: NetMatch & { pointer: number[] } = Object.assign({}, m, { pointer: ptr });
        if (m.unTag !== undefined) found.unTag = m.unTag;
        results.push(found);
      }
      if (opts.matchOne === true) return [results[0]!];
    }
  }
  return results;
}

/** The bytes as the little-endian int32s the build packed (copied when not 4-byte aligned). */
function int32s(bytes: Int8Array): Int32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

nlp.plugin({
  compute: preTagCompute,
  methods: preTagMethods,
  tags: preTagTags,
  hooks: preTagHooks,
  mutate: (world: { model: { one: Model } & Model }) => {
    // The build merged the pre-tagger's 24,000 words over compromise/one's lexicon already; take that result whole
    // rather than adding the words one by one, once sure the lexicon here is the one it merged over.
    if (!sameEntries(world.model.one.lexicon as Model, lexiconBase)) {
      throw new Error('compromise/one is not as the build found it (another compromise/two in this process?): see scripts/precompile.mjs');
    }
    world.model.one.lexicon = wordTable(lexiconLines, int32s(decodeBase64(lexiconSlots)), lexiconValues);
    graft(world.model, preTaggerModel);
  },
} as never);
nlp.plugin(contractionTwo as never);
// compromise's post-tagger plugin (2-two/postTagger/plugin.js) without its model: model.two.matches, 65 KB of match
// objects to compile and build at startup, is read only by the post-tagger compute this file replaces, which sweeps
// the net the build made from them (postTaggerNet).
nlp.plugin({ api: postTagApi, compute: postTagCompute, hooks: ['postTagger'] } as never);
nlp.plugin(lazy as never);
nlp.plugin(swap as never);
nlp.plugin({ compute: { postTagger }, methods: { one: { bulkMatch } } } as never);

export default nlp as unknown as typeof import('compromise/two').default;
