// Options switch categories and rules off, add the user's own phrases (rejecting bad ones with a reason), and ignore findings.

import { describe, expect, it } from 'vitest';
import { phraseKey } from '../../src/engine';
import { testLinter } from './pack';

const TEXT = 'Let’s close the deal. Buy now! We are the best.';

describe('disabling', () => {
  it('turns a whole category off', () => {
    const ids = testLinter({ disabledCategories: ['closing'] }).lint(TEXT).findings.map((f) => f.ruleId);
    expect(ids).toEqual(['act-now', 'leading']);
  });

  it('turns one rule off', () => {
    const ids = testLinter({ disabledRules: ['act-now'] }).lint(TEXT).findings.map((f) => f.ruleId);
    expect(ids).toEqual(['deal-talk', 'leading']);
  });

  it('sensitivity keeps only the more serious findings', () => {
    expect(testLinter({ sensitivity: 'gentle' }).lint(TEXT).findings.map((f) => f.ruleId)).toEqual(['deal-talk']);
    expect(testLinter({ sensitivity: 'balanced' }).lint(TEXT).findings.map((f) => f.ruleId)).toEqual(['deal-talk', 'act-now']);
  });
});

describe('user phrases', () => {
  it('are compiled like built-in rules, matched case- and apostrophe-insensitively', () => {
    const linter = testLinter({ userPhrases: [{ phrase: "don't sleep on this", message: 'Sounds like a threat.', rewrite: 'worth a look', category: 'urgency' }] });
    expect(linter.optionErrors).toEqual([]);
    const [f] = linter.lint('Honestly, DON’T sleep on this one.').findings;
    expect(f).toMatchObject({ category: 'urgency', text: 'DON’T sleep on this', message: 'Sounds like a threat.', rewrites: ['worth a look'] });
    expect(f!.ruleId).toMatch(/^user-/);
  });

  it('rejects invalid phrases with a reason and keeps the valid ones', () => {
    const linter = testLinter({
      userPhrases: [
        { phrase: '   ', message: 'x' },
        { phrase: 'fine phrase here', message: '' },
        { phrase: 'one two three four five six seven eight nine', message: 'x' },
        { phrase: '<script>', message: 'x' },
        { phrase: 'circle back', message: 'Nagging.' },
        { phrase: 'Circle  back', message: 'Again.' },
        { phrase: 'no way', message: 'x', category: 'rude' as never },
      ],
    });
    expect(linter.optionErrors).toEqual([
      { field: 'userPhrases[0].phrase', reason: 'is empty' },
      { field: 'userPhrases[1].message', reason: 'is empty: say why the phrase is pushy' },
      { field: 'userPhrases[2].phrase', reason: 'has 9 words; keep it to 8 or fewer' },
      { field: 'userPhrases[3].phrase', reason: "may contain only words, spaces and . , ! ? ' -" },
      { field: 'userPhrases[5].phrase', reason: '"Circle back" is already in your list' },
      { field: 'userPhrases[6].category', reason: 'must be one of shame, closing, urgency, self-centred' },
    ]);
    expect(linter.lint('Let me circle back.').findings.map((f) => f.text)).toEqual(['circle back']);
  });
});

describe('ignoring', () => {
  it('an ignored occurrence stays ignored after edits elsewhere in the draft', () => {
    const first = testLinter().lint(TEXT);
    const deal = first.findings.find((f) => f.ruleId === 'deal-talk')!;
    const edited = `Hi Ana, thanks for your time.\n\n${TEXT} Talk soon.`;
    const ids = testLinter({ ignored: [deal.key] }).lint(edited).findings.map((f) => f.ruleId);
    expect(ids).toEqual(['act-now', 'leading']);
  });

  it('ignoring one occurrence leaves the same phrase in another sentence flagged', () => {
    const text = 'Let’s close the deal. Later we can close the deal again.';
    const [first] = testLinter().lint(text).findings;
    const left = testLinter({ ignored: [first!.key] }).lint(text).findings;
    expect(left.map((f) => f.start)).toEqual([text.lastIndexOf('close the deal')]);
  });

  it('a phrase key ignores every occurrence of that phrase', () => {
    const text = 'Buy now. Really, buy now!';
    expect(testLinter({ ignored: [phraseKey('act-now', 'BUY NOW')] }).lint(text).findings).toEqual([]);
  });
});

describe('message-level judgement', () => {
  it('flags the self-led sentences of a long message that is mostly about us', () => {
    const text = 'I run an agency. We build websites. Our designs are fast. I have ten years of experience. You might like it.';
    const report = testLinter().lint(text);
    const about = report.findings.filter((f) => f.ruleId === 'about-us');
    expect(about.map((f) => f.text)).toEqual(['I run an agency', 'We build websites', 'Our designs are fast', 'I have ten years of experience']);
    expect(report.metrics.selfLedShare).toBe(0.8);
  });

  it('does not judge a message too short to judge', () => {
    expect(testLinter().lint('I run an agency. We build websites.').findings).toEqual([]);
  });
});

describe('metrics and score', () => {
  it('count words, sentences, questions and who the message is about', () => {
    const { metrics } = testLinter().lint('Hi Ana! How is your launch going? I wonder if you need help. We can talk.');
    expect(metrics).toMatchObject({ words: 16, sentences: 4, questions: 1, selfReferences: 2, readerReferences: 2, selfLedShare: 0.5 });
  });

  it('grade harder prose higher than plain prose', () => {
    const plain = testLinter().lint('Hi Ana! How is your launch going? I can help.').metrics.readingGrade;
    const dense = testLinter().lint('Organisational transformation initiatives necessitate comprehensive stakeholder alignment and considerable administrative coordination.').metrics.readingGrade;
    expect(plain).toBe(0);
    expect(dense).toBeGreaterThan(12);
  });

  it('explain every point the score lost', () => {
    const { score } = testLinter().lint(TEXT);
    expect(score.value).toBe(100 + score.reasons.reduce((sum, r) => sum + r.delta, 0));
    expect(score.reasons.map((r) => r.reason)).toEqual(expect.arrayContaining(['1 phrase of pushing to close']));
  });
});
