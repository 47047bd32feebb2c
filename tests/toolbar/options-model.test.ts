// Unit tests for the options page logic: rule search, user-phrase problems (the linter's), import and ignored keys.
import { describe, expect, it, vi } from 'vitest';

// settings.ts imports the polyfill, which refuses to load outside an extension; this logic never touches storage.
vi.mock('webextension-polyfill', () => ({ default: {} }));
import { builtInExamples } from '../../src/engine/examples';
import { builtInRules, compileUserPhrases, ignoreToken, phraseKey } from '../../src/engine/index';
import { cleanPhrase, describeIgnored, exportJson, filterRules, parseImport, phraseProblems } from '../../src/options/model';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';

describe('filterRules', () => {
  const rules = builtInRules();
  it('keeps everything for an empty query', () => {
    expect(filterRules(rules, '   ')).toHaveLength(rules.length);
  });
  it('matches every word anywhere in a rule, case-insensitively', () => {
    expect(filterRules(rules, 'OFFER-EXPIRES').map((r) => r.id)).toEqual(['offer-expires']);
    const both = filterRules(rules, 'midnight discount');
    expect(both.map((r) => r.id)).toContain('offer-expires');
    // A rule's examples are searched too; they ship apart from the rule (src/engine/examples.ts).
    for (const r of both) expect(JSON.stringify({ ...r, examples: builtInExamples(r.id) }).toLowerCase(), r.id).toMatch(/midnight[\s\S]*discount|discount[\s\S]*midnight/);
    expect(both.length).toBeLessThan(rules.length / 10);
    expect(filterRules(rules, 'manufactured urgency').every((r) => r.category === 'urgency')).toBe(true);
    expect(filterRules(rules, 'zzzz-no-such-rule')).toEqual([]);
  });
});

describe('phraseProblems', () => {
  const ok = cleanPhrase({ phrase: 'act fast', message: 'Rushes the reader.', rewrite: '', category: 'urgency' });

  it('accepts a good phrase', () => {
    expect(phraseProblems([], ok, null)).toEqual([]);
  });

  it('reports what the linter reports, as sentences naming the field', () => {
    const empty = phraseProblems([], cleanPhrase({ phrase: ' ', message: 'x', rewrite: '', category: 'urgency' }), null);
    expect(empty).toEqual([{ field: 'phrase', text: 'Phrase is empty.' }]);
    const long = phraseProblems([], { phrase: 'one two three four five six seven eight nine', message: 'x' }, null);
    expect(long[0]!.text).toBe('Phrase has 9 words; keep it to 8 or fewer.');
    const noMessage = phraseProblems([], { phrase: 'act fast', message: '' }, null);
    expect(noMessage[0]).toEqual({ field: 'message', text: 'Message is empty: say why the phrase is pushy.' });
    const symbols = phraseProblems([], { phrase: 'buy <now>', message: 'x' }, null);
    expect(symbols[0]!.field).toBe('phrase');
    // The same reason the engine gives, word for word.
    const engine = compileUserPhrases([{ phrase: 'buy <now>', message: 'x' }], builtInRules()).errors[0]!;
    expect(symbols[0]!.text).toBe(`Phrase ${engine.reason}.`);
  });

  it('rejects duplicates of the list and of built-in rules, but lets an entry be saved unchanged', () => {
    expect(phraseProblems([ok], { ...ok, phrase: 'Act  FAST' }, null)[0]!.text).toMatch(/already in your list/);
    expect(phraseProblems([ok], ok, 0)).toEqual([]);
    const builtIn = builtInRules().find((r) => r.kind === 'phrase' && r.patterns.length > 0 && !/[(#{]/.test(r.patterns[0]!));
    if (builtIn) expect(phraseProblems([], { phrase: builtIn.patterns[0]!, message: 'x' }, null)[0]!.text).toMatch(/built-in rule/);
  });

  it('reports a duplicate against the entry being edited', () => {
    const other = { phrase: 'last chance', message: 'Pressure.' };
    expect(phraseProblems([ok, other], { ...other }, 0)[0]!.text).toMatch(/already in your list/);
  });
});

describe('cleanPhrase', () => {
  it('trims, collapses spaces and drops an empty rewrite', () => {
    expect(cleanPhrase({ phrase: '  act   fast ', message: ' Why. ', rewrite: '  ', category: 'closing' })).toEqual({
      phrase: 'act fast',
      message: 'Why.',
      category: 'closing',
    });
  });
});

describe('parseImport', () => {
  const custom: Settings = {
    ...DEFAULT_SETTINGS,
    disabledCategories: ['urgency'],
    disabledRules: ['close-the-deal'],
    sensitivity: 'balanced',
    userPhrases: [{ phrase: 'act fast', message: 'Rushes.', category: 'urgency' }],
    ignored: ['offer-expires|offer expires tonight'],
    disabledSites: ['www.linkedin.com'],
  };

  it('round-trips an export', () => {
    expect(parseImport(exportJson(custom))).toEqual({ ok: true, settings: custom });
  });

  it('explains malformed JSON, foreign files, bad fields and phrases the linter would reject', () => {
    const cases: [string, RegExp][] = [
      ['{"version": 1,', /not valid JSON/],
      ['[1, 2]', /must be a JSON object/],
      ['{"name": "some other extension"}', /not a Rapport settings file/],
      ['{"version": 1, "sensitivity": "extreme"}', /"sensitivity" must be one of/],
      ['{"version": 1, "colour": "red"}', /unknown setting "colour"/],
      ['{"version": 1, "disabledCategories": ["rudeness"]}', /unknown category "rudeness"/],
      ['{"version": 1, "userPhrases": [{"phrase": "", "message": "x"}]}', /your phrase 1: Phrase is empty\./],
    ];
    for (const [text, message] of cases) {
      const result = parseImport(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.error, text).toMatch(message);
        expect(result.error, text).toMatch(/Nothing was changed\.$/);
      }
    }
  });

  it('refuses something far too large to be settings', () => {
    expect(parseImport(' '.repeat(1_000_001))).toEqual({ ok: false, error: 'This file is too large to be Rapport settings.' });
  });
});

describe('describeIgnored', () => {
  it('reads phrase keys and occurrence keys', () => {
    expect(describeIgnored(phraseKey('offer-expires', 'Offer expires TONIGHT'))).toEqual({
      key: 'offer-expires|offer expires tonight',
      ruleId: 'offer-expires',
      phrase: 'offer expires tonight',
      everywhere: true,
    });
    expect(describeIgnored('close-the-deal|close the deal|abc12')).toMatchObject({ phrase: 'close the deal', everywhere: false });
  });

  it('names a stored token by its local label, or by its rule alone when this device has no label', () => {
    const token = ignoreToken('close-the-deal|close the deal|abc12');
    expect(describeIgnored(token, { [token]: 'close the deal' })).toEqual({ key: token, ruleId: 'close-the-deal', phrase: 'close the deal', everywhere: false });
    expect(describeIgnored(token)).toEqual({ key: token, ruleId: 'close-the-deal', phrase: '', everywhere: false });
  });
});
