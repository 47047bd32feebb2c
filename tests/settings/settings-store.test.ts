// The settings module against a chrome.storage double with Chrome's real quotas: big lists survive, newer versions'
// settings survive a change, damaged records are never overwritten, a quota refusal loses nothing and says so.

import { describe, expect, it } from 'vitest';
import { createLinter } from '../../src/engine/index';
import { DEFAULT_SETTINGS, lintOptionsOf, withIgnored, type Settings } from '../../src/shared/settings-model';
import { createSettingsStore, IGNORE_OCCURRENCE_DAYS, KEYS, SettingsWriteError } from '../../src/shared/settings-store';
import { fakeChromeStorage, itemBytes, SYNC_LIMITS } from '../support/chrome-storage';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 15);

function setup(start = START) {
  let now = start;
  const storage = fakeChromeStorage(() => now);
  const store = createSettingsStore(storage, () => now);
  return { storage, store, advance: (days: number) => (now += days * DAY) };
}

const TOPICS = ['pricing', 'renewal', 'pilot', 'demo', 'contract', 'onboarding', 'migration', 'support', 'roadmap', 'budget'];
const PUSHES = ['lock in', 'sign off on', 'commit to', 'finalise', 'approve'];

/** 100 phrases as people write them: distinct words, a real explanation, a rewrite and a category. */
function hundredPhrases(): Settings['userPhrases'] {
  return Array.from({ length: 100 }, (_, i) => ({
    phrase: `${PUSHES[i % PUSHES.length]} the ${TOPICS[Math.floor(i / PUSHES.length) % TOPICS.length]} ${i >= 50 ? 'today' : 'now'}`,
    message: `Asks the reader to ${PUSHES[i % PUSHES.length]} before they have said they want to; it reads as a close, not a conversation.`,
    rewrite: `would it help to talk through the ${TOPICS[Math.floor(i / PUSHES.length) % TOPICS.length]} first?`,
    category: 'closing' as const,
  }));
}

/** 500 finding keys shaped like the engine's (ruleId|flagged words|sentence hash), each with the words flagged. */
function fiveHundredIgnores(): { key: string; text: string }[] {
  const rules = ['close-the-deal', 'offer-expires', 'act-now', 'mostly-about-us', 'learned-urgency'];
  return Array.from({ length: 500 }, (_, i) => {
    const text = `we need to ${PUSHES[i % PUSHES.length]} the ${TOPICS[i % TOPICS.length]} this week, draft ${i}`;
    return { key: `${rules[i % rules.length]}|${text}|${(i * 7919).toString(36)}`, text };
  });
}

function allText(area: { data: Map<string, string> }): string {
  return [...area.data].map(([k, v]) => `${k}=${v}`).join('\n');
}

describe('big lists', () => {
  it('100 phrases with real messages and 500 ignores survive save, load and another change, and keep out of sync', async () => {
    const { storage, store } = setup();
    const phrases = hundredPhrases();
    const ignores = fiveHundredIgnores();
    // What v1 would have put in one sync item: far past the 8 KB per item, so this is the case that used to lose data.
    const v1 = { ...DEFAULT_SETTINGS, userPhrases: phrases, ignored: ignores.map((i) => i.key) };
    expect(itemBytes(KEYS.legacy, v1)).toBeGreaterThan(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);

    await store.update((s) => ({ ...s, userPhrases: phrases }));
    for (const { key, text } of ignores) await store.update((s) => withIgnored(s, key, text));
    const loaded = (await store.load()).settings;
    expect(loaded.userPhrases).toEqual(phrases);
    expect(loaded.ignored).toHaveLength(500);

    const after = await store.update((s) => ({ ...s, sensitivity: 'balanced', disabledRules: [...s.disabledRules, 'act-now'] }));
    expect(after.userPhrases).toEqual(phrases);
    expect(after.ignored).toEqual(loaded.ignored);
    const reloaded = (await createSettingsStore(storage, () => START).load()).settings;
    expect(reloaded).toEqual(after);
    expect(reloaded.sensitivity).toBe('balanced');

    // Sync holds only the small preferences, well inside its quotas.
    expect([...storage.sync.data.keys()]).toEqual([KEYS.prefs]);
    expect(storage.sync.bytesInUse()).toBeLessThan(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM / 4);
  });

  it('stores ignores as hashes: no word of a draft is kept in sync, and only short labels on this device', async () => {
    const { storage, store } = setup();
    const ignores = fiveHundredIgnores();
    for (const { key, text } of ignores.slice(0, 50)) await store.update((s) => withIgnored(s, key, text));
    const synced = allText(storage.sync);
    const local = allText(storage.local);
    for (const { key, text } of ignores.slice(0, 50)) {
      expect(synced).not.toContain(text);
      // The finding key itself (words plus sentence hash) is stored nowhere.
      expect(local).not.toContain(key);
    }
    const settings = (await store.load()).settings;
    expect(settings.ignored.every((k) => /^o:[a-z-]+:[0-9a-z]+$/.test(k))).toBe(true);
    expect(Object.values(settings.ignoredLabels)).toContain(ignores[0]!.text);
  });

  it('an ignored occurrence stays ignored by the engine through the stored token', async () => {
    const { store } = setup();
    const text = 'Can we close the deal this week?';
    const [finding] = createLinter().lint(text).findings.filter((f) => f.ruleId === 'close-the-deal');
    expect(finding).toBeDefined();
    const settings = await store.update((s) => withIgnored(s, finding!.key, finding!.text));
    expect(settings.ignored).not.toContain(finding!.key);
    expect(createLinter(lintOptionsOf(settings)).lint(text).findings.map((f) => f.ruleId)).not.toContain('close-the-deal');
  });

  it('prunes occurrence ignores of drafts long gone, and keeps recent ones and phrase-wide ones', async () => {
    const { store, advance } = setup();
    await store.update((s) => withIgnored(s, 'close-the-deal|close the deal|abc', 'close the deal'));
    await store.update((s) => ({ ...s, ignored: [...s.ignored, 'act-now|act now'] }));
    advance(IGNORE_OCCURRENCE_DAYS - 5);
    await store.update((s) => withIgnored(s, 'offer-expires|offer expires tonight|def', 'offer expires tonight'));
    advance(10);
    const { settings } = await store.load();
    expect(Object.values(settings.ignoredLabels).sort()).toEqual(['act now', 'offer expires tonight']);
    expect(settings.ignored.map((k) => k.slice(0, 2)).sort()).toEqual(['o:', 'p:']);
  });
});

describe('settings of another version', () => {
  it('a newer version’s records (higher schema, unknown fields and values) survive a change made here', async () => {
    const { storage, store } = setup();
    storage.sync.seed(KEYS.prefs, {
      schema: 7,
      rev: 41,
      disabledCategories: ['urgency', 'flattery'],
      disabledRules: ['act-now'],
      sensitivity: 'extreme',
      disabledSites: [],
      learnedFindings: true,
      tone: { formality: 'warm' },
    });
    storage.local.seed(KEYS.phrases, {
      schema: 7,
      rev: 3,
      items: [
        { phrase: 'circle back', message: 'Reads as a chase.', category: 'closing', addedBy: 'team-pack' },
        { pattern: { regex: 'synerg(y|ies)' }, message: 'A phrase kind this version does not know.' },
      ],
      sharedWith: ['team'],
    });
    const { settings } = await store.load();
    // What this version understands is used; the rest is left alone.
    expect(settings.disabledCategories).toEqual(['urgency']);
    expect(settings.sensitivity).toBe('strict');
    expect(settings.userPhrases.map((p) => p.phrase)).toEqual(['circle back']);

    await store.update((s) => ({ ...s, learnedFindings: false, disabledCategories: [...s.disabledCategories, 'shame'] }));
    await store.update((s) => ({ ...s, userPhrases: [...s.userPhrases, { phrase: 'touch base', message: 'Vague.' }] }));

    const prefs = (await storage.sync.get(KEYS.prefs))[KEYS.prefs] as Record<string, unknown>;
    expect(prefs).toMatchObject({ schema: 7, rev: 42, sensitivity: 'extreme', tone: { formality: 'warm' }, learnedFindings: false });
    expect(prefs.disabledCategories).toEqual(['urgency', 'shame', 'flattery']);
    const phrases = (await storage.local.get(KEYS.phrases))[KEYS.phrases] as Record<string, unknown>;
    expect(phrases).toMatchObject({ schema: 7, rev: 4, sharedWith: ['team'] });
    expect(phrases.items).toEqual([
      { phrase: 'circle back', message: 'Reads as a chase.', category: 'closing', addedBy: 'team-pack' },
      { phrase: 'touch base', message: 'Vague.' },
      { pattern: { regex: 'synerg(y|ies)' }, message: 'A phrase kind this version does not know.' },
    ]);
  });

  it('migrates a v1 blob into records, hashing its ignore keys, and removes it from sync only once written', async () => {
    const { storage, store } = setup();
    storage.sync.seed(KEYS.legacy, {
      version: 1,
      disabledCategories: ['shame'],
      disabledRules: [],
      sensitivity: 'gentle',
      userPhrases: [{ phrase: 'act fast', message: 'Rushes.' }],
      ignored: ['offer-expires|offer expires tonight|k3j', 'act-now|buy now'],
      disabledSites: ['www.linkedin.com'],
      learnedFindings: false,
    });
    // A spilled local copy written when sync refused: it has a phrase the sync copy does not.
    storage.local.seed(KEYS.legacy, {
      version: 1,
      userPhrases: [{ phrase: 'act fast', message: 'Rushes.' }, { phrase: 'last chance', message: 'Pressure.' }],
      ignored: [],
    });
    const { settings } = await store.load();
    expect(settings).toMatchObject({ sensitivity: 'gentle', disabledCategories: ['shame'], disabledSites: ['www.linkedin.com'], learnedFindings: false });
    expect(settings.userPhrases.map((p) => p.phrase)).toEqual(['act fast', 'last chance']);
    expect(Object.values(settings.ignoredLabels).sort()).toEqual(['buy now', 'offer expires tonight']);
    expect(storage.sync.data.has(KEYS.legacy)).toBe(false);
    expect(storage.local.data.has(KEYS.legacy)).toBe(false);
    expect(allText(storage.sync)).not.toMatch(/offer expires|buy now/);
    // The raw v1 keys still match the tokens the engine checks.
    expect(createLinter(lintOptionsOf(settings)).lint('Buy now!').findings.map((f) => f.ruleId)).not.toContain('act-now');
  });
});

describe('damaged settings', () => {
  it('a record that does not read is not overwritten: defaults are used, changes to it are refused with a reason', async () => {
    const { storage, store } = setup();
    storage.sync.seed(KEYS.prefs, '{"schema": 2, "sensitivity": "bal');
    const { settings, problems } = await store.load();
    expect(settings.sensitivity).toBe(DEFAULT_SETTINGS.sensitivity);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/could not read your saved preferences/);

    const error = await store.update((s) => ({ ...s, sensitivity: 'gentle' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsWriteError);
    expect((error as Error).message).toMatch(/will not overwrite/);
    expect((await storage.sync.get(KEYS.prefs))[KEYS.prefs]).toBe('{"schema": 2, "sensitivity": "bal');
    expect(storage.sync.setCalls).toBe(0);

    // Other records still change normally.
    await store.update((s) => ({ ...s, userPhrases: [{ phrase: 'act fast', message: 'Rushes.' }] }));
    expect((await store.load()).settings.userPhrases).toHaveLength(1);
    expect((await storage.sync.get(KEYS.prefs))[KEYS.prefs]).toBe('{"schema": 2, "sensitivity": "bal');
  });

  it('a reset (or import) writes over a damaged record only after setting the old value aside', async () => {
    const { storage, store } = setup();
    storage.local.seed(KEYS.ignored, { schema: 2, items: 'not a list' });
    await store.replace({ ...DEFAULT_SETTINGS, sensitivity: 'balanced' });
    expect((await store.load()).problems).toEqual([]);
    const aside = [...storage.local.data].filter(([k]) => k.startsWith('rapport.unreadable.ignored.'));
    expect(aside.map(([, v]) => JSON.parse(v))).toEqual([{ schema: 2, items: 'not a list' }]);
  });

  it('a damaged spilled v1 copy is left in place while the readable sync copy is migrated', async () => {
    const { storage, store } = setup();
    storage.sync.seed(KEYS.legacy, { version: 1, sensitivity: 'gentle', userPhrases: [{ phrase: 'act fast', message: 'Rushes.' }] });
    storage.local.seed(KEYS.legacy, '{"version": 1, "userPhr');
    const { settings } = await store.load();
    expect(settings.sensitivity).toBe('gentle');
    expect(settings.userPhrases).toHaveLength(1);
    expect(storage.sync.data.has(KEYS.legacy)).toBe(false);
    expect((await storage.local.get(KEYS.legacy))[KEYS.legacy]).toBe('{"version": 1, "userPhr');
  });

  it('a v1 blob that does not read is left in place, never replaced by defaults', async () => {
    const { storage, store } = setup();
    storage.sync.seed(KEYS.legacy, { version: 'one', userPhrases: 'lots' });
    await store.update((s) => ({ ...s, sensitivity: 'gentle' }));
    expect((await storage.sync.get(KEYS.legacy))[KEYS.legacy]).toEqual({ version: 'one', userPhrases: 'lots' });
    expect((await store.load()).settings.sensitivity).toBe('gentle');
  });
});

describe('quota', () => {
  it('a change past sync’s 8 KB per item is refused with a message, and the previous settings stay loadable', async () => {
    const { storage, store } = setup();
    const sites = Array.from({ length: 400 }, (_, i) => `intranet-${i}.example.com`);
    await store.update((s) => ({ ...s, disabledSites: sites.slice(0, 250), userPhrases: [{ phrase: 'act fast', message: 'Rushes.' }] }));
    const before = (await store.load()).settings;
    const localWrites = storage.local.setCalls;
    expect(itemBytes(KEYS.prefs, { ...before, disabledSites: sites })).toBeGreaterThan(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);

    const error = await store
      .update((s) => ({ ...s, disabledSites: sites, userPhrases: [...s.userPhrases, { phrase: 'last chance', message: 'Pressure.' }] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsWriteError);
    expect((error as Error).message).toMatch(/8 KB.*Nothing was changed/);
    // Nothing of the refused change landed in either area.
    expect(storage.local.setCalls).toBe(localWrites);
    expect((await store.load()).settings).toEqual(before);
  });

  it('local storage’s 10 MB limit refuses a giant list the same way, losing nothing', async () => {
    const { store } = setup();
    await store.update((s) => ({ ...s, userPhrases: hundredPhrases() }));
    const before = (await store.load()).settings;
    const huge = Array.from({ length: 30_000 }, (_, i) => ({ phrase: `phrase ${i}`, message: 'x'.repeat(400) }));
    const error = await store.update((s) => ({ ...s, userPhrases: huge })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsWriteError);
    expect((error as Error).message).toMatch(/storage for Rapport is full/);
    expect((await store.load()).settings).toEqual(before);
  });

  it('too many synced changes in a minute are refused with a message; they go through a minute later', async () => {
    const { storage, store, advance } = setup();
    for (let i = 0; i < SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE; i++) {
      await store.update((s) => ({ ...s, learnedFindings: !s.learnedFindings }));
    }
    const before = (await store.load()).settings;
    const error = await store.update((s) => ({ ...s, sensitivity: 'gentle' })).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/too many changes.*Nothing was changed/);
    expect((await store.load()).settings).toEqual(before);
    expect(storage.sync.setCalls).toBe(SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE);
    advance(1 / 24 / 60);
    expect((await store.update((s) => ({ ...s, sensitivity: 'gentle' }))).sensitivity).toBe('gentle');
  });

  it('changes made at the same time from one page all land', async () => {
    const { store } = setup();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((x) => store.update((s) => ({ ...s, userPhrases: [...s.userPhrases, { phrase: `phrase ${x}`, message: 'm' }] }))),
    );
    expect((await store.load()).settings.userPhrases.map((p) => p.phrase).sort()).toEqual(['phrase a', 'phrase b', 'phrase c', 'phrase d']);
  });
});
