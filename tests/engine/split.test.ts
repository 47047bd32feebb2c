// Sentence units: where one sentence ends and the next begins decides what a rule can see together.

import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/engine';

const texts = (t: string) => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('splits at terminal punctuation followed by space, keeping closing quotes', () => {
    expect(texts('Ready? “Sign now.” Then go!')).toEqual(['Ready?', '“Sign now.”', 'Then go!']);
  });

  it('does not split after common abbreviations, initials or inside numbers', () => {
    expect(texts('Mr. Lee met Dr. Ruiz at 3.30 p.m. on Jan. 5. J. R. Smith joined, e.g. later.')).toEqual([
      'Mr. Lee met Dr. Ruiz at 3.30 p.m. on Jan. 5.',
      'J. R. Smith joined, e.g. later.',
    ]);
  });

  it('treats lines as units unless a hard-wrapped line continues in lowercase', () => {
    expect(texts('Hi Ana,\nThanks for the call\nand the notes.\n\nBest,\nSam')).toEqual([
      'Hi Ana,',
      'Thanks for the call\nand the notes.',
      'Best,',
      'Sam',
    ]);
  });

  it('splits CJK full stops without spaces', () => {
    expect(texts('你好。今天好吗？好！')).toEqual(['你好。', '今天好吗？', '好！']);
  });

  it('gives offsets that slice back to each unit', () => {
    const text = '  One.  Two!\n\nThree?  ';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
