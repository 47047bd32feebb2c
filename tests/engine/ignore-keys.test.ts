// Ignore tokens: they carry no words of the draft, stay stable, and the linter honours them like the raw keys.

import { describe, expect, it } from 'vitest';
import { createLinter, ignoreToken, ignoreTokenInfo, isIgnoreToken, phraseKey } from '../../src/engine/index';

const DRAFT = 'This offer expires tonight. Can we close the deal this week?';

describe('ignoreToken', () => {
  it('keeps the rule id and kind but none of the flagged words', () => {
    const key = 'close-the-deal|close the deal|1x9k2';
    const token = ignoreToken(key);
    expect(token).toMatch(/^o:close-the-deal:[0-9a-z]+$/);
    expect(token).not.toMatch(/close the deal|1x9k2/);
    expect(ignoreTokenInfo(token)).toEqual({ ruleId: 'close-the-deal', kind: 'occurrence' });
    expect(ignoreTokenInfo(ignoreToken(phraseKey('act-now', 'Buy now')))).toEqual({ ruleId: 'act-now', kind: 'phrase' });
  });

  it('is stable, distinct per key, and leaves a token as it is', () => {
    const a = ignoreToken('close-the-deal|close the deal|1x9k2');
    expect(ignoreToken('close-the-deal|close the deal|1x9k2')).toBe(a);
    expect(ignoreToken('close-the-deal|close the deal|1x9k3')).not.toBe(a);
    expect(isIgnoreToken(a)).toBe(true);
    expect(ignoreToken(a)).toBe(a);
    const many = new Set(Array.from({ length: 5000 }, (_, i) => ignoreToken(`rule|phrase ${i}|${i.toString(36)}`)));
    expect(many.size).toBe(5000);
  });

  it('ignores one occurrence or a phrase everywhere through tokens, as raw keys do', () => {
    const findings = createLinter().lint(DRAFT).findings;
    const deal = findings.find((f) => f.ruleId === 'close-the-deal')!;
    const expiry = findings.find((f) => f.category === 'urgency')!;
    const byOccurrence = createLinter({ ignored: [ignoreToken(deal.key)] }).lint(DRAFT).findings.map((f) => f.ruleId);
    expect(byOccurrence).not.toContain('close-the-deal');
    expect(byOccurrence).toContain(expiry.ruleId);
    const everywhere = createLinter({ ignored: [ignoreToken(phraseKey(expiry.ruleId, expiry.text))] });
    expect(everywhere.lint(`Hi. ${DRAFT}`).findings.map((f) => f.ruleId)).not.toContain(expiry.ruleId);
  });
});
