// The learned sentence scorer: a small linear model over words, word pairs, concepts and shape that catches
// pushy sentences no rule describes, and says which words tipped it and why, in the category's own terms.

import type { ConceptLexicon } from './concepts';
import type { ConceptHit, Token } from './frames';
import { CATEGORIES, type Category } from './types';

export interface ScorerModel {
  version: 1;
  categories: Category[];
  bias: number[];
  /** Feature → one weight per category (same order as `categories`). */
  weights: Record<string, number[]>;
  /** Probability a finding needs, chosen on validation data for precision. */
  threshold: number;
  trainedOn: { sentences: number; seed: number };
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
  /** Token range of the words that contributed most. */
  from: number;
  to: number;
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
  const seen = new Map<number, ConceptHit>();
  for (const h of hits) {
    out.push({ name: `c:${lexicon.concepts[h.concept]!.name}`, from: h.from, to: h.to });
    if (!seen.has(h.concept)) seen.set(h.concept, h);
  }
  const distinct = [...seen.values()].sort((a, b) => a.concept - b.concept);
  for (let a = 0; a < distinct.length; a++) {
    for (let b = a + 1; b < distinct.length; b++) {
      const x = distinct[a]!;
      const y = distinct[b]!;
      out.push({
        name: `cc:${lexicon.concepts[x.concept]!.name}+${lexicon.concepts[y.concept]!.name}`,
        from: Math.min(x.from, y.from),
        to: Math.max(x.to, y.to),
      });
    }
  }
  const shape = (name: string) => out.push({ name: `s:${name}`, from: 0, to: 0 });
  const letters = text.replace(/[^A-Za-z]/g, '');
  const upper = text.replace(/[^A-Z]/g, '').length;
  if (letters.length >= 6 && upper / letters.length > 0.6) shape('caps');
  else if (/\b[A-Z]{3,}\b/.test(text)) shape('capsword');
  if (text.includes('!')) shape('excl');
  if (/!{2,}|!\s*$/.test(text)) shape('excl-end');
  if (/\?\s*$/.test(text)) shape('question');
  if (/\p{Extended_Pictographic}/u.test(text)) shape('emoji');
  if (/\d/.test(text)) shape('digit');
  if (/[$€£]\s?\d|\d+\s?%/.test(text)) shape('money');
  if (tokens.some((t) => READER.has(t.word))) shape('reader');
  if (tokens.some((t) => SELF.has(t.word))) shape('self');
  shape(tokens.length <= 4 ? 'len:short' : tokens.length <= 12 ? 'len:mid' : 'len:long');
  return out;
}

const MAX_TOKENS = 80;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probability per category, in model order. */
export function probabilities(model: ScorerModel, features: readonly Feature[]): number[] {
  const z = [...model.bias];
  for (const f of features) {
    const w = model.weights[f.name];
    if (w) for (let c = 0; c < z.length; c++) z[c]! += w[c]!;
  }
  return z.map(sigmoid);
}

/** The strongest category if it passes `threshold`, with the contiguous words (at most 7) that pushed it most. */
export function scoreSentence(model: ScorerModel, features: readonly Feature[], tokenCount: number, threshold: number): ScoredSentence | null {
  // The model knows sentences; a run-on of hundreds of words (a paste with no full stops) is outside what it learned.
  if (tokenCount < 4 || tokenCount > MAX_TOKENS) return null;
  const p = probabilities(model, features);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  if (p[best]! < threshold) return null;
  const contribution = new Array<number>(tokenCount).fill(0);
  for (const f of features) {
    const w = model.weights[f.name]?.[best];
    if (!w || f.to <= f.from) continue;
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
  return { category: model.categories[best]!, probability: p[best]!, from: span.from, to: span.to };
}

export function validateModel(data: unknown): ScorerModel {
  const m = data as ScorerModel;
  if (!m || m.version !== 1 || !Array.isArray(m.categories) || m.categories.some((c) => !CATEGORIES.includes(c))) {
    throw new Error('src/engine/model/weights.json: not a version 1 scorer model (run npm run train)');
  }
  if (!Array.isArray(m.bias) || m.bias.length !== m.categories.length || typeof m.threshold !== 'number') {
    throw new Error('src/engine/model/weights.json: bias and threshold missing or malformed (run npm run train)');
  }
  return m;
}
