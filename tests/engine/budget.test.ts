// The linter's main-thread budget: time-sliced lints equal whole ones, option changes keep analysed sentences,
// and a phrase set is compiled once.
import { describe, expect, it } from 'vitest';
import { builtInRules, builtInScorer } from '../../src/engine/builtin';
import { Linter } from '../../src/engine/linter';

const DRAFT = [
  'Hi Priya,',
  'I read your piece on receiving slots and it stuck with me.',
  'This offer expires tonight, so I would love to close the deal this week.',
  'We are the best on the market and our platform has won awards.',
  'Would it help if I shared what two grocers changed?',
  'Just circling back again since you never replied.',
].join('\n');

const phrases = [{ phrase: 'touch base', message: 'Vague.' }];

describe('time-sliced lint', () => {
  it('gives the same report as a whole lint, pausing between batches', async () => {
    const whole = new Linter(builtInRules(), {}, builtInScorer()).lint(DRAFT);
    let pauses = 0;
    let clock = 0;
    const sliced = await new Linter(builtInRules(), {}, builtInScorer()).lintSliced(DRAFT, {
      pause: async () => void pauses++,
      // Each reading of the clock moves it 10 ms: an 8 ms budget pauses after every sentence.
      now: () => (clock += 10),
      budgetMs: 8,
    });
    expect(sliced).toEqual(whole);
    expect(pauses).toBeGreaterThanOrEqual(3);
  });

  it('stops when aborted and keeps what it analysed for the next lint', async () => {
    const linter = new Linter(builtInRules(), {}, builtInScorer());
    const stop = new AbortController();
    let clock = 0;
    const result = await linter.lintSliced(DRAFT, { pause: async () => stop.abort(), signal: stop.signal, now: () => (clock += 10), budgetMs: 8 });
    expect(result).toBeNull();
    expect(linter.cachedSentences).toBeGreaterThan(0);
    expect(linter.lint(DRAFT)).toEqual(new Linter(builtInRules(), {}, builtInScorer()).lint(DRAFT));
  });
});

describe('option changes', () => {
  it('carry the analysed sentences to the next linter and filter after matching (Ignore, Mute, sensitivity)', () => {
    const first = new Linter(builtInRules(), {}, builtInScorer());
    const before = first.lint(DRAFT);
    const muted = before.findings[0]!.ruleId;
    const options = { disabledRules: [muted], ignored: [before.findings.at(-1)!.key], sensitivity: 'balanced' as const };
    const next = new Linter(builtInRules(), options, builtInScorer(), first);
    expect(next.cachedSentences).toBe(first.cachedSentences);
    expect(next.cachedSentences).toBeGreaterThan(0);
    expect(next.lint(DRAFT)).toEqual(new Linter(builtInRules(), options, builtInScorer()).lint(DRAFT));
  });

  it('start afresh when the phrase set or the scorer changes what a sentence analysis holds', () => {
    const first = new Linter(builtInRules(), {}, builtInScorer());
    first.lint(DRAFT);
    expect(new Linter(builtInRules(), { userPhrases: phrases }, builtInScorer(), first).cachedSentences).toBe(0);
    expect(new Linter(builtInRules(), { learned: false }, builtInScorer(), first).cachedSentences).toBe(0);
  });

  it('compile a phrase set once: linters with the same phrases share their analyses', () => {
    const first = new Linter(builtInRules(), { userPhrases: phrases }, builtInScorer());
    first.lint(`${DRAFT}\nCan we touch base?`);
    const next = new Linter(builtInRules(), { userPhrases: [...phrases.map((p) => ({ ...p }))], ignored: ['x'] }, builtInScorer(), first);
    expect(next.cachedSentences).toBe(first.cachedSentences);
    expect(next.lint(`${DRAFT}\nCan we touch base?`).findings.map((f) => f.text)).toContain('touch base');
  });
});
