// Proves the shipped learned-scorer weights fit the engine that runs them: fitted on today's concept files,
// decoded to the size training wrote, scored the way training scored, and small enough to ship.

import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConceptFiles } from '../../scripts/concept-files';
import { builtInRules, builtInScorer } from '../../src/engine/builtin';
import { Linter } from '../../src/engine/linter';
import { decodeBase64, featureHashOf, probabilities, validateModel, vetoed, type Feature } from '../../src/engine/scorer';

const WEIGHTS = 'src/engine/model/weights.json';
const file = JSON.parse(readFileSync(WEIGHTS, 'utf8')) as Record<string, unknown>;


describe('the shipped scorer weights', () => {
  it('were fitted on the concept files in rules/concepts (otherwise run npm run train)', () => {
    expect(file.featureHash, 'concepts changed since the weights were trained: run npm run train').toBe(featureHashOf(readConceptFiles()));
  });

  it('decode to the same signed bytes as a plain atob loop, whichever native decoder the runtime offers', () => {
    const text = file.weights as string;
    const binary = atob(text);
    const reference = Int8Array.from(binary, (c) => (c.charCodeAt(0) << 24) >> 24);
    expect(Array.from(decodeBase64(text))).toEqual(Array.from(reference));
  });

  it('stay under 300 KB', () => {
    expect(statSync(WEIGHTS).size).toBeLessThanOrEqual(300 * 1024);
  });

  it('decode to one int8 weight per bucket and category, with a threshold per category', () => {
    const model = builtInScorer().model;
    expect(model.table.length).toBe((1 << model.bits) * model.categories.length);
    expect(model.thresholds).toHaveLength(model.categories.length);
    expect(model.table.some((w) => w !== 0)).toBe(true);
  });
});

describe('scoring', () => {
  const model = builtInScorer().model;
  const feature = (name: string): Feature => ({ name, from: 0, to: 1 });

  it('counts a repeated feature once, as training does', () => {
    const once = probabilities(model, [feature('w:hurry')]);
    const twice = probabilities(model, [feature('w:hurry'), feature('w:hurry')]);
    expect(twice).toEqual(once);
  });

  it('keeps learned urgency quiet on a follow-up, which is the rules’ call', () => {
    expect(vetoed('urgency', [feature('c:FollowUp')])).toBe(true);
    expect(vetoed('closing', [feature('c:FollowUp')])).toBe(false);
  });

  it('never speaks for a category training left silent (threshold 1), in any context, however sure it is', () => {
    const base = builtInScorer();
    const shame = base.model.categories.indexOf('shame');
    // Every word pushing towards shame and a bias this large make any sentence certain shame: only the threshold decides.
    const bias = base.model.bias.map((_, i) => (i === shame ? 40 : -40));
    const table = base.model.table.map((w, k) => (k % base.model.categories.length === shame ? 127 : w));
    const withThreshold = (t: number) => ({ ...base, model: { ...base.model, bias, table, thresholds: base.model.thresholds.map((x, i) => (i === shame ? t : x)) } });
    const text = 'The river was quiet and the fields were green all the way to town.';
    const learnedShame = (t: number, audience: 'external' | 'internal' | 'unknown') =>
      new Linter(builtInRules(), { context: { audience } }, withThreshold(t)).lint(text).findings.filter((f) => f.ruleId === 'learned-shame').length;
    for (const audience of ['external', 'unknown', 'internal'] as const) expect(learnedShame(1, audience), audience).toBe(0);
    expect(learnedShame(0.9, 'unknown')).toBe(1);
  });

  it('rejects a weights file of another format, naming the file and field', () => {
    expect(() => validateModel({ ...file, version: 1 })).toThrow(/weights\.json: version/);
    expect(() => validateModel({ ...file, weights: 'AAAA' })).toThrow(/weights\.json: weights: 3 values/);
    expect(() => validateModel({ ...file, thresholds: [0.9] })).toThrow(/weights\.json: bias\/thresholds/);
  });
});
