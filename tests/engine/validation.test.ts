// Rule files are validated on load, with errors that name the file and the field.

import { describe, expect, it } from 'vitest';
import { loadRulePack, Linter, RulePackError } from '../../src/engine';

const valid = {
  category: 'urgency',
  severity: 'high',
  patterns: ['last chance'],
  message: 'm',
  why: 'w',
  rewrites: ['one more option'],
  examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e'] },
};

function errorsOf(files: Record<string, unknown>): string[] {
  try {
    new Linter(loadRulePack(files));
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(RulePackError);
    return (error as RulePackError).errors.map((e) => e.message);
  }
}

describe('rule validation', () => {
  it('accepts a well-formed rule', () => {
    expect(errorsOf({ 'rules/last-chance.json': valid })).toEqual([]);
  });

  it('names the file and field of every problem', () => {
    expect(
      errorsOf({
        'rules/bad.json': { ...valid, category: 'rudeness', severity: 3, colour: 'red', examples: { flag: ['a'], pass: ['b', 'c'] } },
      }),
    ).toEqual([
      'rules/bad.json: colour: unknown field',
      'rules/bad.json: category: must be one of shame, closing, urgency, self-centred',
      'rules/bad.json: severity: must be one of high, medium, low',
      'rules/bad.json: examples.flag: needs at least 3 entries, has 1',
    ]);
  });

  it('rejects patterns compromise cannot use and rewrites naming unknown captures', () => {
    expect(errorsOf({ 'rules/tags.json': { ...valid, patterns: ['#NotATag now', '#Noun #Verb'] } })).toEqual([
      'rules/tags.json: patterns[0]: "#NotATag now" unknown tag #NotATag',
      'rules/tags.json: patterns[1]: "#Noun #Verb" needs at least one required word, so sentences can be prefiltered',
    ]);
    expect(errorsOf({ 'rules/tags.json': { ...valid, rewrites: ['{thing} later'] } })).toEqual([
      'rules/tags.json: rewrites[0]: {thing} names no capture group in patterns',
    ]);
  });

  it('rejects rewrite objects with a bad approach, a broken or empty-matching find, or captures find does not make', () => {
    const rewrites = [
      { approach: 'bully', to: 'x' },
      { approach: 'plain', to: 'x', find: '(unclosed' },
      { approach: 'ask', to: 'x', find: 'a*' },
      { approach: 'help', to: 'We have {n} seats open.', find: '^only (?<count>\\d+) seats left' },
      { approach: 'timing', to: 'later', colour: 'red' },
    ];
    expect(errorsOf({ 'rules/shapes.json': { ...valid, rewrites } })).toEqual([
      'rules/shapes.json: rewrites[0].approach: must be one of plain, ask, help, timing, reader',
      'rules/shapes.json: rewrites[1].find: is not a valid regular expression (Invalid regular expression: /(unclosed/iu: Unterminated group)',
      'rules/shapes.json: rewrites[2].find: matches the empty string, so it could replace nothing',
      'rules/shapes.json: rewrites[3].to: {n} names no capture group in patterns or find',
      'rules/shapes.json: rewrites[4].colour: unknown field',
    ]);
  });

  it('rejects a rewrite that an earlier one of the same approach always shadows', () => {
    const rewrites = [
      { approach: 'plain', to: 'whenever it suits you' },
      { approach: 'plain', to: 'We have {n} seats open.', find: '^only (?<n>\\d+) seats left' },
    ];
    expect(errorsOf({ 'rules/shadow.json': { ...valid, rewrites } })).toEqual([
      'rules/shadow.json: rewrites[1]: an earlier "plain" rewrite always fits (no "find", no captures), so this one can never be offered',
    ]);
  });

  it('rejects flag examples whose "after" is not a list of whole texts', () => {
    const flag = [{ text: 'a' }, { text: 'b', after: 'b2' }, { text: 'c', after: [''] }, { text: 'd', after: [], note: 1 }];
    expect(errorsOf({ 'rules/afters.json': { ...valid, examples: { ...valid.examples, flag } } })).toEqual([
      'rules/afters.json: examples.flag[0].after: must be an array of the whole text after each rewrite is applied ([] when none fits)',
      'rules/afters.json: examples.flag[1].after: must be an array of the whole text after each rewrite is applied ([] when none fits)',
      'rules/afters.json: examples.flag[2].after: must be an array of the whole text after each rewrite is applied ([] when none fits)',
      'rules/afters.json: examples.flag[3].note: unknown field',
    ]);
  });

  it('rejects a rule with neither rewrites nor advice, and a bad id', () => {
    expect(errorsOf({ 'rules/Bad_Name.json': { ...valid, rewrites: [] } })).toEqual([
      'rules/Bad_Name.json: (file name): rule id "Bad_Name" must be lowercase words joined by hyphens',
      'rules/Bad_Name.json: rewrites: give at least one rewrite, or advice instead',
    ]);
  });

  it('rejects duplicate ids and a pattern shared by two rules', () => {
    expect(errorsOf({ 'rules/a.json': valid, 'other/a.json': valid })).toEqual([
      'rules/a.json: (file name): duplicate rule id "a" (also other/a.json)',
    ]);
    expect(errorsOf({ 'rules/a.json': valid, 'rules/b.json': valid })).toEqual([
      'rules/b.json: patterns[0]: "last chance" is already a pattern of rule a',
    ]);
  });

  it('rejects a message rule without a complete threshold', () => {
    const { patterns: _p, ...rest } = valid;
    expect(errorsOf({ 'rules/m.json': { ...rest, kind: 'message', threshold: { minWords: 10 } } })).toEqual([
      'rules/m.json: threshold.minSentences: must be a non-negative number',
      'rules/m.json: threshold.minSelfLedShare: must be a non-negative number',
      'rules/m.json: threshold.minSelfToReaderRatio: must be a non-negative number',
      'rules/m.json: threshold.minPitchSentences: must be a non-negative number',
    ]);
  });
});
