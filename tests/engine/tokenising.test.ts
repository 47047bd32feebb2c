// Patterns see words the way a reader does: contractions, capitalised and inflected forms, glued punctuation, number+unit.

import { describe, expect, it } from 'vitest';
import { createLinter, Linter, loadRulePack } from '../../src/engine';
import { tokenize } from '../../src/engine/frames';

const base = { category: 'urgency', severity: 'medium', message: 'm', why: 'w', rewrites: ['later'], examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e'] } };
const linter = new Linter(
  loadRulePack({
    'rules/miss.json': { ...base, patterns: ['do not miss out'] },
    'rules/circle.json': { ...base, patterns: ['(circling|following) back'] },
    'rules/demand.json': { ...base, patterns: ['(is|are) in high demand'] },
    'rules/close.json': { ...base, category: 'closing', patterns: ['{close} (the|this) {deal}'] },
    'rules/hours.json': { ...base, patterns: ['only #Value hrs left'] },
    'rules/ready.json': { ...base, category: 'closing', patterns: ['are you ready to {sign}'] },
  }),
);

const hits = (text: string) => linter.lint(text).findings.map((f) => [f.ruleId, f.text]);

describe('tokenising', () => {
  it('a "do not" pattern matches "don\'t" and "don’t"', () => {
    expect(hits("Don't miss out!")).toEqual([['miss', "Don't miss out"]]);
    expect(hits('Please don’t miss out.')).toEqual([['miss', 'don’t miss out']]);
  });

  it('word alternatives match capitalised words even when lemma patterns are in the pack', () => {
    expect(hits('Circling back on this.')).toEqual([['circle', 'Circling back']]);
    expect(hits('FOLLOWING BACK up')).toEqual([['circle', 'FOLLOWING BACK']]);
  });

  it('word alternatives match only the forms listed, not every inflection', () => {
    expect(hits('Tickets were in high demand last year.')).toEqual([]);
    expect(hits('Tickets are in high demand.')).toEqual([['demand', 'are in high demand']]);
  });

  it('lemmas match every inflection, inside and outside groups', () => {
    expect(hits('Closing this deal matters. They closed the deals. Are you ready to sign? Are you ready to signing?')).toEqual([
      ['close', 'Closing this deal'],
      ['close', 'closed the deals'],
      ['ready', 'Are you ready to sign'],
      ['ready', 'Are you ready to signing'],
    ]);
  });

  it('sees words glued by a dash or a bang, keeping offsets on the original text', () => {
    const text = 'We discussed—are you ready to sign—today. Act now!Circling back tomorrow.';
    expect(hits(text)).toEqual([
      ['ready', 'are you ready to sign'],
      ['circle', 'Circling back'],
    ]);
  });

  it('sees a number glued to its unit', () => {
    expect(hits('Only 12hrs left!')).toEqual([['hours', 'Only 12hrs left']]);
  });

  it('words that name Object.prototype members ("constructor", "toString") are ordinary words, not a crash', () => {
    expect(() => createLinter().lint('The constructor called toString on hasOwnProperty.')).not.toThrow();
    expect(hits("Don't miss out, constructor.")).toEqual([['miss', "Don't miss out"]]);
  });

  it('"No. 1" keeps its clause: the period after "no" before a digit is a rank, not a full stop', () => {
    const clauses = (text: string) => new Set(tokenize(text).map((t) => t.clause)).size;
    expect(clauses("America's No. 1 mattress brand.")).toBe(1);
    expect(clauses('I said no. 2 days later she called.')).toBe(1);
    expect(clauses('I said no. Then she called.')).toBe(2);
  });

  it("an abbreviation's period keeps the clause too, as the sentence splitter reads it", () => {
    const clauses = (text: string) => new Set(tokenize(text).map((t) => t.clause)).size;
    expect(clauses("I'm a 2x Inc. 5000 CEO.")).toBe(1);
    expect(clauses('I am Mrs. Grace Adams, widow of a banker.')).toBe(1);
    expect(clauses('Offer ends Jan. 5 at noon.')).toBe(1);
    expect(clauses('We signed with Acme. Call us.')).toBe(2);
  });
});
