// Findings point at exactly the flagged words, in UTF-16 offsets, whatever scripts and symbols surround them.

import { describe, expect, it } from 'vitest';
import { createLinter } from '../../src/engine';
import { testLinter } from './pack';

function flagged(text: string) {
  return testLinter()
    .lint(text)
    .findings.map((f) => ({ rule: f.ruleId, slice: text.slice(f.start, f.end), text: f.text }));
}

describe('offsets', () => {
  it('cover the phrase without trailing punctuation or space', () => {
    expect(flagged('Can we close the deal?  ')).toEqual([{ rule: 'deal-talk', slice: 'close the deal', text: 'close the deal' }]);
  });

  it('stay exact after emoji (surrogate pairs) earlier in the text', () => {
    const text = '🚀🔥 Big news 👋🏽! Let’s close this deal 🤝 today.';
    expect(flagged(text)).toEqual([{ rule: 'deal-talk', slice: 'close this deal', text: 'close this deal' }]);
  });

  it('stay exact after CJK and right-to-left text', () => {
    const text = '你好，世界。 مرحبا بالعالم. שלום! Please close the deal now.';
    const result = flagged(text);
    expect(result.map((r) => r.slice)).toEqual(['close the deal']);
  });

  it('keep curly apostrophes inside the span and match them like straight ones', () => {
    const text = 'Honestly, we’re the leading shop. And we\'re the best.';
    expect(flagged(text).map((r) => r.slice)).toEqual(['we’re the leading', "we're the best"]);
  });

  it('are relative to the whole text across lines and paragraphs', () => {
    const text = 'Hi Ana,\n\nThanks for the call.\nCan we close the deal this week?\n\n— Sam';
    const [f] = testLinter().lint(text).findings;
    expect(text.slice(f!.start, f!.end)).toBe('close the deal');
    expect(f!.start).toBe(text.indexOf('close the deal'));
  });

  it('never cut a word the writer typed as one, though the engine reads "5PM" as "5 pm"', () => {
    const linter = createLinter({ learned: false });
    for (const text of ['Sale ends 5PM today', 'Last call: offer expires 11pm tonight', 'Only 2hrs left to claim your discount']) {
      const [f] = linter.lint(text).findings;
      expect(f, text).toBeDefined();
      const before = text[f!.start - 1] ?? ' ';
      const after = text[f!.end] ?? ' ';
      expect(`${before}|${after}`, `${text}: "${f!.text}"`).toMatch(/^[^\p{L}\p{N}]\|[^\p{L}\p{N}]$/u);
    }
  });

  it('do not include quotes around a quoted phrase', () => {
    // (A quote inside a sentence of the writer's own is a mention, not a push: quoted.test.ts.)
    expect(flagged('“close the deal”, he said.').map((r) => r.slice)).toEqual(['close the deal']);
  });
});

describe('inflections and contractions', () => {
  it('one rule catches close the deal, closing this deal and deal closed today', () => {
    for (const [text, span] of [
      ['We should close the deal.', 'close the deal'],
      ['Closing this deal matters.', 'Closing this deal'],
      ['Deal closed today!', 'Deal closed'],
    ] as const) {
      expect(flagged(text).map((r) => r.slice), text).toEqual([span]);
    }
  });

  it("treats we're, we’re and we are alike", () => {
    for (const text of ["We're the best.", 'We’re the best.', 'We are the best.']) {
      expect(flagged(text).map((r) => r.rule), text).toEqual(['leading']);
    }
  });
});

describe('exceptions', () => {
  it('veto a finding in the same sentence only', () => {
    expect(flagged('The merger closed, so the deal closed too.')).toEqual([]);
    expect(flagged('The merger closed. Now the deal closed too.').map((r) => r.slice)).toEqual(['deal closed']);
  });

  it('honour softeners such as "no pressure"', () => {
    expect(flagged('No pressure, but should we close the deal?')).toEqual([]);
  });
});

describe('rewrites', () => {
  it('fill captures and follow the capitalisation of the span', () => {
    const report = testLinter().lint('Sign now. Please order today.');
    expect(report.findings.map((f) => [f.text, f.rewrites, f.message])).toEqual([
      ['Sign now', ['Sign whenever it suits you'], 'Pushes the reader to Sign on our clock.'],
      ['order today', ['order whenever it suits you'], 'Pushes the reader to order on our clock.'],
    ]);
  });

  it('shout back only when the span shouts, and end calmly where the "!" belonged to the pressure', () => {
    const [finding] = testLinter().lint('BUY NOW!').findings;
    expect(finding!.rewrites).toEqual(['BUY WHENEVER IT SUITS YOU.']);
    expect([finding!.replaceStart, finding!.replaceEnd, finding!.replaced]).toEqual([0, 8, 'BUY NOW!']);
    expect([finding!.start, finding!.end]).toEqual([0, 7]);
  });
});
