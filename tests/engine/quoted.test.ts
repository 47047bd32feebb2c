// Proves pushy words the writer only quotes are not flagged as the writer's own push, while a line that is all
// quote, or a quoted testimonial in a pitch, still is.

import { describe, expect, it } from 'vitest';
import { createLinter } from '../../src/engine';
import { isQuoted, quotedStretches } from '../../src/engine/quoted';

const linter = createLinter({ learned: false });
const rules = (text: string) => linter.lint(text).findings.map((f) => f.ruleId);

describe('quoted pushy copy', () => {
  it('finds the stretches inside double quotes only when the sentence has words of its own', () => {
    const text = 'the site said “only 1 left” and I closed the tab';
    const [stretch] = quotedStretches(text);
    expect(text.slice(...stretch!)).toBe('only 1 left');
    expect(isQuoted(quotedStretches(text), text.indexOf('only'), text.indexOf('left') + 4)).toBe(true);
    expect(quotedStretches('"Only 3 left in stock"')).toEqual([]);
    expect(quotedStretches('He said "hi"')).toEqual([]);
  });

  it('does not flag copy the writer quotes to discuss it', () => {
    expect(rules('maybe lose the "only 3 left!!!" badge, we have 400 in the warehouse')).toEqual([]);
    expect(rules('Our reps say "sign today or lose the discount" to every prospect, which I hate.')).toEqual([]);
    expect(rules('the hotel site said “5 people are looking at this room” and it made me close the tab')).toEqual([]);
  });

  it('still flags a line that is all quote, pushy words outside the quotes, and quoted praise of the sender', () => {
    expect(rules('"Only 3 left in stock"')).toContain('low-stock');
    expect(rules('Use code "SAVE20" — only 3 left in stock!')).toContain('low-stock');
    expect(rules('As one client put it, "we are the best agency in the world" and we agree.').length).toBeGreaterThan(0);
  });
});
