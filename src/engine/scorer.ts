// The learned sentence scorer: a small linear model over words, word pairs, concepts and shape that catches
// pushy sentences no rule describes, and says which words tipped it and why, in the category's own terms.

import type { ConceptLexicon } from './concepts';
import type { ConceptHit, Token } from './frames';
import { CATEGORIES, type Category } from './types';
import { unicodeRegExp } from './unicode';

/** The shipped file (src/engine/model/weights.json): hashed features, weights quantised to int8, base64. */
export interface ScorerModelFile {
  version: 2;
  categories: Category[];
  bias: number[];
  /** Features hash into 2^bits buckets (FNV-1a of the feature name), so no feature strings are shipped. */
  bits: number;
  /** A weight is its int8 value times `scale`. */
  scale: number;
  /** base64 of an Int8Array laid out bucket-major: weights[bucket * categories.length + category]. */
  weights: string;
  /** Probability a finding needs, per category (same order), chosen on validation data for precision. */
  thresholds: number[];
  /** FNV-1a of the concept files and feature code the weights were fitted with; a mismatch means retrain. */
  featureHash: string;
  trainedOn: { sentences: number; seed: number };
}

/** The model as the engine uses it: the weight table decoded once. */
export interface ScorerModel {
  categories: Category[];
  bias: number[];
  bits: number;
  scale: number;
  table: Int8Array;
  thresholds: number[];
  featureHash: string;
}

export interface Feature {
  name: string;
  /** Token range [from, to) the feature is made of; null for whole-sentence shape features. */
  from: number;
  to: number;
}

export interface ScoredSentence {
  category: Category;
  probability: number;
  /** How far the probability clears the category's threshold (negative: it does not). */
  margin: number;
  /** Token range of the words that contributed most. */
  from: number;
  to: number;
}

/** Bump when sentenceFeatures changes what it emits: the shipped weights then no longer fit and must be retrained. */
export const FEATURE_VERSION = 6;

/** Fingerprint of what features depend on (the concept files and FEATURE_VERSION), stored with the weights. */
export function featureHashOf(conceptFiles: Record<string, unknown>): string {
  const text = `v${FEATURE_VERSION}\n` + Object.keys(conceptFiles).sort().map((k) => `${k}\n${JSON.stringify(conceptFiles[k])}`).join('\n');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A crude, deterministic stem so that "signing", "signed" and "signs" share weight. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const READER = new Set(['you', 'your', 'yours', 'yourself', 'u', 'ur']);
const PICTOGRAPH = unicodeRegExp(String.raw`\p{Extended_Pictographic}`);
const SELF = new Set(['i', 'we', 'our', 'my', 'me', 'us']);

export function sentenceFeatures(text: string, tokens: readonly Token[], hits: readonly ConceptHit[], lexicon: ConceptLexicon): Feature[] {
  const out: Feature[] = [];
  const stems = tokens.map((t) => stem(t.word));
  for (let i = 0; i < tokens.length; i++) {
    out.push({ name: `w:${stems[i]}`, from: i, to: i + 1 });
    if (i + 1 < tokens.length && tokens[i + 1]!.clause === tokens[i]!.clause) {
      out.push({ name: `b:${stems[i]}_${stems[i + 1]}`, from: i, to: i + 2 });
    }
  }
  // Concepts alone, not their pairs: pairs across a whole sentence were a quadratic crowd of weak features that
  // summed to near-certainty on ordinary mail ('the meeting will be held in video room #1' read as a boast), and
  // kept shame and self-centred from speaking within the work-email budget.
  for (const h of hits) out.push({ name: `c:${lexicon.concepts[h.concept]!.name}`, from: h.from, to: h.to });
  const shape = (name: string) => out.push({ name: `s:${name}`, from: 0, to: 0 });
  const letters = text.replace(/[^A-Za-z]/g, '');
  const upper = text.replace(/[^A-Z]/g, '').length;
  if (letters.length >= 6 && upper / letters.length > 0.6) shape('caps');
  else if (/\b[A-Z]{3,}\b/.test(text)) shape('capsword');
  if (text.includes('!')) shape('excl');
  if (/!{2,}|!\s*$/.test(text)) shape('excl-end');
  if (/\?\s*$/.test(text)) shape('question');
  if (PICTOGRAPH(text).test(text)) shape('emoji');
  if (/\d/.test(text)) shape('digit');
  if (/[$€£]\s?\d|\d+\s?%/.test(text)) shape('money');
  if (tokens.some((t) => READER.has(t.word))) shape('reader');
  if (tokens.some((t) => SELF.has(t.word))) shape('self');
  shape(tokens.length <= 4 ? 'len:short' : tokens.length <= 12 ? 'len:mid' : 'len:long');
  return out;
}

const MIN_TOKENS = 4;
const MAX_TOKENS = 80;

/** Whether scoreSentence can give a sentence of this many tokens a verdict at all (so its features are worth making). */
export function scoresLength(tokenCount: number): boolean {
  return tokenCount >= MIN_TOKENS && tokenCount <= MAX_TOKENS;
}

/**
 * Concepts that keep a category's learned verdict quiet. A single follow-up is ordinary courtesy; the pushy
 * kinds (bumping to the top of the inbox, a fourth attempt, exasperation) are the rules' job, and the model
 * cannot tell the polite one from the nag reliably. A work item (timesheets, the forecast, the board deck) has a
 * deadline of its own: the rules know its benign readings, the model does not. Nor does it know that timing or a
 * request the reader set ("you asked for", "when it suits you") is the opposite of pressure.
 */
const VETOES: Partial<Record<Category, readonly string[]>> = {
  urgency: ['c:FollowUp', 'c:WorkItem', 'c:ReaderTiming'],
  closing: ['c:WorkItem', 'c:ReaderTiming'],
};

export function vetoed(category: Category, features: readonly { name: string }[]): boolean {
  const vetoes = VETOES[category];
  return vetoes !== undefined && features.some((f) => vetoes.includes(f.name));
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Same FNV-1a as the linter's hashes, inlined so the scorer does not depend on the linter. */
export function featureBucket(name: string, bits: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & ((1 << bits) - 1);
}

function weight(model: ScorerModel, bucket: number, category: number): number {
  return model.table[bucket * model.categories.length + category]! * model.scale;
}

/** Probability per category, in model order. */
export function probabilities(model: ScorerModel, features: readonly Feature[]): number[] {
  const z = [...model.bias];
  const n = z.length;
  const { table, scale, bits } = model;
  // Each feature counts once, as in training: a word said twice is not twice the evidence. Sums run in the order
  // the features first occur, so the floating-point result is the same whichever way the loop is written.
  const seen = new Set<string>();
  for (let f = 0; f < features.length; f++) {
    const name = features[f]!.name;
    if (seen.has(name)) continue;
    seen.add(name);
    const row = featureBucket(name, bits) * n;
    for (let c = 0; c < n; c++) z[c]! += table[row + c]! * scale;
  }
  return z.map(sigmoid);
}

/** The most probable category (its index in model order) and its probability; training picks thresholds with it. */
export function strongestCategory(model: ScorerModel, features: readonly Feature[]): { index: number; probability: number } {
  const p = probabilities(model, features);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return { index: best, probability: p[best]! };
}

/**
 * The most probable category, if its probability clears that category's threshold by at least `minMargin`
 * (negative is more eager), with the contiguous words (at most 7) that pushed it most.
 */
export function scoreSentence(model: ScorerModel, features: readonly Feature[], tokenCount: number, minMargin: number): ScoredSentence | null {
  // The model knows sentences; a run-on of hundreds of words (a paste with no full stops) is outside what it learned.
  if (!scoresLength(tokenCount)) return null;
  const { index: best, probability } = strongestCategory(model, features);
  const margin = probability - model.thresholds[best]!;
  if (margin < minMargin || vetoed(model.categories[best]!, features)) return null;
  const contribution = new Array<number>(tokenCount).fill(0);
  for (const f of features) {
    if (f.to <= f.from) continue;
    const w = weight(model, featureBucket(f.name, model.bits), best);
    if (w === 0) continue;
    for (let i = f.from; i < f.to; i++) contribution[i]! += w / (f.to - f.from);
  }
  // The best-scoring window of up to 7 words that starts and ends on a word that pushed towards the category.
  let span = { from: 0, to: 0, sum: -Infinity };
  for (let i = 0; i < tokenCount; i++) {
    if (contribution[i]! <= 0) continue;
    let sum = 0;
    for (let j = i; j < Math.min(tokenCount, i + 7); j++) {
      sum += contribution[j]!;
      if (contribution[j]! > 0 && sum > span.sum) span = { from: i, to: j + 1, sum };
    }
  }
  if (span.to === 0) return null;
  return { category: model.categories[best]!, probability, margin, from: span.from, to: span.to };
}

// Native decoders where the runtime has one (Chromium's Uint8Array.fromBase64, Node's Buffer): the weights are
// 171 KB of base64 and the hand loop below costs milliseconds of cold start.
type NativeBase64 = { fromBase64?: (text: string) => Uint8Array };
type NodeBuffer = { from(text: string, encoding: 'base64'): Uint8Array };

export function decodeBase64(text: string): Int8Array {
  const fromBase64 = (Uint8Array as unknown as NativeBase64).fromBase64;
  if (fromBase64) {
    const bytes = fromBase64.call(Uint8Array, text);
    return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const buffer = (globalThis as unknown as { Buffer?: NodeBuffer }).Buffer;
  if (buffer) {
    const bytes = buffer.from(text, 'base64');
    return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const binary = atob(text);
  const out = new Int8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = (binary.charCodeAt(i) << 24) >> 24;
  return out;
}

const WEIGHTS_FILE = 'src/engine/model/weights.json';

/** Decodes the shipped file; throws with the file and field named when it is not a model this engine can run. */
export function validateModel(data: unknown): ScorerModel {
  const m = data as ScorerModelFile;
  if (!m || m.version !== 2 || !Array.isArray(m.categories) || m.categories.some((c) => !CATEGORIES.includes(c))) {
    throw new Error(`${WEIGHTS_FILE}: version/categories: not a version 2 scorer model (run npm run train)`);
  }
  if (!Array.isArray(m.bias) || m.bias.length !== m.categories.length || !Array.isArray(m.thresholds) || m.thresholds.length !== m.categories.length) {
    throw new Error(`${WEIGHTS_FILE}: bias/thresholds missing or malformed (run npm run train)`);
  }
  if (!Number.isInteger(m.bits) || m.bits < 8 || m.bits > 20 || typeof m.scale !== 'number' || typeof m.weights !== 'string') {
    throw new Error(`${WEIGHTS_FILE}: bits/scale/weights missing or malformed (run npm run train)`);
  }
  const table = decodeBase64(m.weights);
  if (table.length !== (1 << m.bits) * m.categories.length) {
    throw new Error(`${WEIGHTS_FILE}: weights: ${table.length} values, expected ${(1 << m.bits) * m.categories.length} (run npm run train)`);
  }
  return { categories: m.categories, bias: m.bias, bits: m.bits, scale: m.scale, table, thresholds: m.thresholds, featureHash: m.featureHash };
}
