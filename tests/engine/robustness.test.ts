// The engine never throws, whatever it is given, and handles very long input.

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/random';
import { createLinter, lint } from '../../src/engine';

const ALPHABET = [
  'a', 'e', 'Z', ' ', '\n', '\t', '.', '!', '?', '…', "'", '’', '"', '“', '#', '$', '%', '(', ')', '[', ']', '{', '}', '<', '>',
  '\\', '/', '|', '*', '+', '~', '^', '@', '😀', '🏽', '\u200d', '\u0000', '\ud800', '\udc00', '\u202e', 'ß', 'ǅ', '中',
  'ا', 'ש', '\u0301', '0', '9', 'close', 'deal', 'now', 'we', 'are', 'the', 'best', 'last chance', "don't", 'miss',
];

describe('robustness', () => {
  it('never throws on random strings, including lone surrogates, control and combining characters', () => {
    const random = seededRandom(7);
    const linter = createLinter();
    for (let i = 0; i < 300; i++) {
      let text = '';
      const len = Math.floor(random() * 60);
      for (let j = 0; j < len; j++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
      const report = linter.lint(text);
      for (const f of report.findings) {
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(text.length);
        expect(text.slice(f.start, f.end)).toBe(f.text);
      }
      expect(report.score.value).toBeGreaterThanOrEqual(0);
      expect(report.score.value).toBeLessThanOrEqual(100);
    }
  });

  it('returns an empty report for empty and whitespace-only text', () => {
    for (const text of ['', ' ', '\n\n\n', '\u00a0\t']) {
      const report = lint(text);
      expect(report.findings).toEqual([]);
      expect(report.metrics.words).toBe(0);
      expect(report.score.value).toBe(100);
    }
  });

  it('finishes a 100,000-character input and finds what is in it', () => {
    const paragraph = 'I noticed your team is hiring. Would a short checklist on ramping reps help? This offer expires tonight. ';
    const text = paragraph.repeat(Math.ceil(100_000 / paragraph.length)).slice(0, 100_000);
    const report = lint(text);
    expect(report.metrics.words).toBeGreaterThan(15_000);
    expect(report.findings.length).toBeGreaterThan(500);
  });

  it('handles a single 100,000-character line with no sentence breaks', () => {
    const text = 'word '.repeat(20_000);
    expect(lint(text).findings).toEqual([]);
  });
});
