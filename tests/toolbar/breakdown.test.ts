// Unit tests for the popup's breakdown: score bands, reader/us share, length verdicts and grouping by category.
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/index';
import type { Finding, Metrics } from '../../src/engine/types';
import {
  computeBreakdown,
  describeLength,
  describeQuestions,
  describeReaderShare,
  groupFindings,
  lengthVerdict,
  scoreBand,
} from '../../src/popup/breakdown';

const METRICS: Metrics = { words: 60, sentences: 4, questions: 1, selfReferences: 3, readerReferences: 9, selfLedShare: 0.25, readingGrade: 7 };

function finding(category: Finding['category'], start: number, text = 'x'): Finding {
  return {
    ruleId: `rule-${category}`,
    category,
    severity: 'medium',
    start,
    end: start + text.length,
    text,
    message: 'm',
    why: 'w',
    replaceStart: start,
    replaceEnd: start + text.length,
    replaced: text,
    rewrites: [],
    advice: null,
    example: null,
    key: `${category}|${start}`,
  };
}

describe('scoreBand', () => {
  it('splits at 80 and 50', () => {
    expect([100, 80, 79, 50, 49, 0].map(scoreBand)).toEqual(['warm', 'warm', 'mixed', 'mixed', 'pushy', 'pushy']);
  });
});

describe('lengthVerdict', () => {
  it('calls a draft empty, brief, good or long', () => {
    expect([0, 1, 29, 30, 150, 151].map(lengthVerdict)).toEqual(['empty', 'brief', 'brief', 'good', 'good', 'long']);
  });
});

describe('computeBreakdown', () => {
  it('gives the reader share of person references and counts every category, most serious first', () => {
    const b = computeBreakdown([finding('urgency', 5), finding('shame', 1), finding('urgency', 30)], METRICS, { value: 70, reasons: [] });
    expect(b.readerShare).toBeCloseTo(0.75);
    expect(b.band).toBe('mixed');
    expect(b.totalFindings).toBe(3);
    expect(b.categories.map((c) => [c.category, c.count])).toEqual([
      ['shame', 1],
      ['closing', 0],
      ['urgency', 2],
      ['self-centred', 0],
    ]);
    expect(b.lengthPosition).toBeCloseTo(60 / 250);
  });

  it('has no reader share when the draft mentions nobody, and pins very long drafts to the end of the bar', () => {
    const b = computeBreakdown([], { ...METRICS, words: 900, selfReferences: 0, readerReferences: 0, questions: 0 }, { value: 95, reasons: [] });
    expect(b.readerShare).toBeNull();
    expect(b.lengthPosition).toBe(1);
    expect(b.length).toBe('long');
    expect(describeReaderShare(b)).toBe('Mentions neither you nor the reader yet.');
    expect(describeQuestions(b)).toBe('Asks the reader nothing yet.');
    expect(describeLength(b)).toMatch(/^900 words: long/);
  });

  it('agrees with the engine on a real draft', () => {
    const text = 'We are the leading provider. This offer expires tonight, so you should close the deal today. What do you think?';
    const report = lint(text);
    const b = computeBreakdown(report.findings, report.metrics, report.score);
    expect(b.score).toBe(report.score.value);
    expect(b.questions).toBe(1);
    expect(b.totalFindings).toBe(report.findings.length);
    expect(b.categories.reduce((n, c) => n + c.count, 0)).toBe(report.findings.length);
    expect(describeQuestions(b)).toBe('Asks 1 question.');
  });
});

describe('groupFindings', () => {
  it('groups by category in seriousness order, reading order inside, and drops empty groups', () => {
    const groups = groupFindings([finding('urgency', 40), finding('self-centred', 2), finding('urgency', 10), finding('shame', 70)]);
    expect(groups.map((g) => g.category)).toEqual(['shame', 'urgency', 'self-centred']);
    expect(groups[1]!.findings.map((f) => f.start)).toEqual([10, 40]);
    expect(groupFindings([])).toEqual([]);
  });
});
