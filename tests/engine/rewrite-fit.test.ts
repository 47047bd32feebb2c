// How a rewrite is fitted to its sentence: the unit it replaces, capitals, ALL CAPS, closing punctuation, and the
// rewrites it refuses because they would not read.

import { describe, expect, it } from 'vitest';
import { planRewrites } from '../../src/engine/rewrite';
import type { RewriteSpec } from '../../src/engine/rules';

const phrase = (to: string, approach: RewriteSpec['approach'] = 'plain'): RewriteSpec => ({ approach, to, find: null });
const found = (to: string, find: string, approach: RewriteSpec['approach'] = 'plain'): RewriteSpec => ({ approach, to, find: new RegExp(find, 'iu') });

/** The whole sentence after each planned rewrite is applied. */
function after(sentence: string, flagged: string, specs: RewriteSpec[], groups: Record<string, string> = {}): string[] {
  const start = sentence.indexOf(flagged);
  const plan = planRewrites(sentence, { start, end: start + flagged.length }, groups, specs);
  return plan ? plan.rewrites.map((r) => sentence.slice(0, plan.start) + r + sentence.slice(plan.end)) : [];
}

describe('the unit a rewrite replaces', () => {
  it('is the flagged words without find, the find match with it, and all rewrites share one span', () => {
    const sentence = 'Only 4 seats left for the workshop!';
    const start = sentence.indexOf('Only 4 seats left');
    const plan = planRewrites(sentence, { start, end: start + 17 }, {}, [
      found('We have {n} seats open{rest}', '^only (?<n>\\d+) seats left(?<rest>[^.!?]*)'),
      phrase('a few seats', 'ask'),
    ])!;
    expect([plan.start, plan.end]).toEqual([0, sentence.length]);
    expect(plan.rewrites).toEqual(['We have 4 seats open for the workshop.', 'A few seats for the workshop.']);
  });

  it('skips a find that does not cover the flagged words, and a template whose capture is missing', () => {
    expect(after('Act now and save.', 'Act now', [found('x', 'save'), phrase('{verb} later')])).toEqual([]);
  });

  it('reads a find group that took no part in the match as empty', () => {
    const spec = found('{lead}checking in once', '^(?<lead>hi \\w+, )?just following up again');
    expect(after('Just following up again.', 'following up again', [spec])).toEqual(['Checking in once.']);
    expect(after('Hi Ben, just following up again.', 'following up again', [spec])).toEqual(['Hi Ben, checking in once.']);
  });

  it('offers one rewrite per approach, the first that fits, and at most three', () => {
    const specs = [found('never', 'nomatch'), phrase('first'), phrase('second'), phrase('ask', 'ask'), phrase('help', 'help'), phrase('time', 'timing')];
    expect(after('We need it now.', 'now', specs)).toEqual(['We need it first.', 'We need it ask.', 'We need it help.']);
  });
});

describe('capitals follow the context', () => {
  it('capitalises at the sentence start, also after an opening quote or bullet', () => {
    expect(after('Hurry, prices rise.', 'Hurry', [phrase('in case it helps')])).toEqual(['In case it helps, prices rise.']);
    expect(after('• hurry, prices rise.', 'hurry', [phrase('in case it helps')])).toEqual(['• In case it helps, prices rise.']);
  });

  it('lowercases a template mid-sentence, but keeps "I" and a capture as the writer spelled it', () => {
    expect(after('So Last Chance to book.', 'Last Chance', [phrase('One more chance')])).toEqual(['So one more chance to book.']);
    expect(after('Then we sign today.', 'we sign today', [phrase("I'll wait for you")])).toEqual(["Then I'll wait for you."]);
  });

  it('lowercases a capture that opened the sentence when it moves inside it, except names and "I"', () => {
    const spec = found('Would {thing} suit you?', '^(?<thing>this style|march) is in high demand[.!?]*$');
    expect(after('This style is in high demand.', 'is in high demand', [spec])).toEqual(['Would this style suit you?']);
    expect(after('March is in high demand.', 'is in high demand', [spec])).toEqual(['Would March suit you?']);
  });

  it('shouts back when the replaced text is ALL CAPS', () => {
    expect(after('ONLY 4 SEATS LEFT!', 'ONLY 4 SEATS LEFT', [found('We have {n} seats open', '^only (?<n>\\d+) seats left')])).toEqual([
      'WE HAVE 4 SEATS OPEN.',
    ]);
    expect(after('Our AMAZING product.', 'AMAZING product', [phrase('product')])).toEqual(['Our product.']);
  });
});

describe('punctuation follows the context', () => {
  it('turns a trailing "!" the rewrite makes wrong into a full stop, even past words it keeps', () => {
    expect(after('Last chance to join the beta!', 'Last chance', [phrase('You can still choose')])).toEqual(['You can still choose to join the beta.']);
  });

  it('keeps a following "?" only if the sentence is still a question', () => {
    expect(after('Can I count you in?', 'Can I count you in', [found('Let me know if you would like to join', '^.+$')])).toEqual([
      'Let me know if you would like to join.',
    ]);
    expect(after('Can I count you in?', 'Can I count you in', [found('Would this be useful', '^.+$')])).toEqual(['Would this be useful?']);
  });

  it("lets a template's own closing punctuation win, and refuses it in front of more words", () => {
    expect(after('Ready to sign!', 'Ready to sign', [found('What questions do you still have?', '^.+$')])).toEqual(['What questions do you still have?']);
    expect(after('Ready to sign today, right?', 'Ready to sign', [phrase('Any questions?')])).toEqual([]);
  });

  it('leaves closing punctuation it does not change outside the span', () => {
    const sentence = 'Please order today.';
    const plan = planRewrites(sentence, { start: 7, end: 18 }, {}, [phrase('order whenever it suits you')])!;
    expect(sentence.slice(plan.start, plan.end)).toBe('order today');
  });
});

describe('rewrites that would not read are refused', () => {
  it('a word doubled across a seam', () => {
    expect(after('The offer expires soon.', 'offer expires soon', [phrase('the offer stands')])).toEqual([]);
    expect(after('Book it now it is.', 'Book it now', [phrase('book it')])).toEqual([]);
  });

  it('two sentences squeezed into the middle of one', () => {
    expect(after("I've sent you a calendar invite for Friday.", 'sent you a calendar invite', [phrase('would a call help? Happy to wait')])).toEqual([]);
  });
});
