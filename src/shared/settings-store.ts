// Where settings live and how they change: small preferences in storage.sync, the lists in storage.local, each a
// record with a schema and a revision. Unknown fields and newer records survive a change; damaged ones are never
// overwritten; a quota error reaches the user with the stored settings as they were.

import { ignoreToken, ignoreTokenInfo } from '../engine/ignore-keys';
import { CATEGORIES, type Category, type Sensitivity, type UserPhrase } from '../engine/types';
import { DEFAULT_SETTINGS, type Settings } from './settings-model';

/** The parts of chrome.storage's StorageArea this module uses (webextension-polyfill's promises, or a test double). */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface StorageLike {
  sync: StorageAreaLike;
  local: StorageAreaLike;
}

/** Record keys. The v1 blob (everything in one item, in sync or spilled to local) is migrated from and then removed. */
export const KEYS = {
  prefs: 'rapport.prefs',
  phrases: 'rapport.phrases',
  ignored: 'rapport.ignored',
  legacy: 'rapport.settings',
} as const;
export const SETTINGS_KEYS: readonly string[] = Object.values(KEYS);

/** The record schema this version writes. Records from a newer version keep their higher number. */
export const SCHEMA = 2;

type Group = 'prefs' | 'phrases' | 'ignored';
const GROUPS: readonly Group[] = ['prefs', 'phrases', 'ignored'];
/**
 * One home per group. Preferences are a few hundred bytes and follow the user to every device; phrases and
 * ignores grow without a useful bound (8 KB per sync item is about 40 phrases) and stay on this device.
 */
const HOME: Record<Group, 'sync' | 'local'> = { prefs: 'sync', phrases: 'local', ignored: 'local' };

/** An ignore of one occurrence belongs to a draft; this long after it was made, that draft is long gone. */
export const IGNORE_OCCURRENCE_DAYS = 60;
/** Beyond this many ignores the oldest occurrences go first (phrase-wide ignores are kept). */
export const MAX_IGNORED = 5000;
/** Labels are the flagged words, kept on this device only so the options page can name what is ignored. */
const MAX_LABEL = 60;
const DAY_MS = 86_400_000;

const SENSITIVITIES: readonly Sensitivity[] = ['gentle', 'balanced', 'strict'];

/** A save that did not happen; message is a sentence for the person, and nothing stored was changed by it. */
export class SettingsWriteError extends Error {}

type Raw = Record<string, unknown>;

interface GroupState {
  /** The stored record as read (unknown fields and all), or null when there is none. */
  raw: Raw | null;
  /** Why the stored value cannot be read; such a record is never overwritten by a change. */
  unreadable: string | null;
  rev: number;
}

export interface Loaded {
  settings: Settings;
  /** Sentences for the options page: records that could not be read and were left as they are. */
  problems: string[];
  groups: Record<Group, GroupState>;
  /** The v1 blob(s) these settings came from, removed once the new records are written. */
  legacyFrom: ('sync' | 'local')[];
}

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...new Set(v as string[])] : undefined;

// Field readers: lenient, per field. A field that does not read takes its default for this session and is left as
// stored (a newer version may mean something by it) unless the user changes that very setting.

function readPrefs(raw: Raw): Pick<Settings, 'disabledCategories' | 'disabledRules' | 'sensitivity' | 'disabledSites' | 'learnedFindings'> {
  const categories = strings(raw.disabledCategories);
  return {
    disabledCategories: (categories ?? []).filter((c): c is Category => CATEGORIES.includes(c as Category)),
    disabledRules: strings(raw.disabledRules) ?? [],
    sensitivity: SENSITIVITIES.includes(raw.sensitivity as Sensitivity) ? (raw.sensitivity as Sensitivity) : DEFAULT_SETTINGS.sensitivity,
    disabledSites: strings(raw.disabledSites) ?? [],
    learnedFindings: typeof raw.learnedFindings === 'boolean' ? raw.learnedFindings : DEFAULT_SETTINGS.learnedFindings,
  };
}

function readPhrase(item: unknown): UserPhrase | null {
  if (!isObject(item) || typeof item.phrase !== 'string' || typeof item.message !== 'string') return null;
  if (item.rewrite !== undefined && typeof item.rewrite !== 'string') return null;
  if (item.category !== undefined && !CATEGORIES.includes(item.category as Category)) return null;
  // Fields a newer version added to a phrase ride along untouched.
  return item as unknown as UserPhrase;
}

interface IgnoreEntry {
  /** The ignore token (src/engine/ignore-keys.ts). */
  k: string;
  /** Day (since 1970) it was made. */
  d: number;
  /** The flagged words, for the options page. */
  p?: string;
}

function readIgnore(item: unknown): IgnoreEntry | null {
  if (!isObject(item) || typeof item.k !== 'string' || typeof item.d !== 'number') return null;
  if (item.p !== undefined && typeof item.p !== 'string') return null;
  return item as unknown as IgnoreEntry;
}

/** The flagged words, shortened, for naming an ignore; never synced. */
export function ignoreLabel(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= MAX_LABEL ? clean : `${clean.slice(0, MAX_LABEL - 1)}…`;
}

/** Occurrence ignores older than the window are for drafts long gone; phrase-wide ones stay. Newest first past the cap. */
function prune(entries: IgnoreEntry[], today: number): IgnoreEntry[] {
  const live = entries.filter((e) => ignoreTokenInfo(e.k).kind === 'phrase' || today - e.d <= IGNORE_OCCURRENCE_DAYS);
  if (live.length <= MAX_IGNORED) return live;
  const phrases = live.filter((e) => ignoreTokenInfo(e.k).kind === 'phrase');
  const occurrences = live.filter((e) => ignoreTokenInfo(e.k).kind === 'occurrence').sort((a, b) => b.d - a.d);
  return [...phrases, ...occurrences].slice(0, MAX_IGNORED);
}

/**
 * Brings a record of an older schema up to SCHEMA, one step at a time, keeping every field it does not know.
 * Schema 2 is the first record format (schema 1 was the single rapport.settings blob, migrated separately).
 */
const MIGRATIONS: Record<number, (raw: Raw, group: Group) => Raw> = {};

function migrate(raw: Raw, group: Group): Raw {
  let record = raw;
  for (let schema = record.schema as number; schema < SCHEMA; schema++) {
    const step = MIGRATIONS[schema];
    if (!step) throw new Error(`no migration from schema ${schema}`);
    record = { ...step(record, group), schema: schema + 1 };
  }
  return record;
}

function checkRecord(stored: unknown, group: Group): string | null {
  if (!isObject(stored)) return 'it is not an object';
  if (!Number.isInteger(stored.schema) || (stored.schema as number) < 2) return 'it has no valid schema number';
  if (group !== 'prefs' && !Array.isArray(stored.items)) return 'its list of items is missing';
  return null;
}

const GROUP_NAMES: Record<Group, string> = { prefs: 'preferences (categories, rules, sensitivity, sites)', phrases: 'phrases', ignored: 'ignored list' };

export interface SettingsStore {
  load(): Promise<Loaded>;
  /** Applies a change to freshly loaded settings and writes only what it changed; retries if another page wrote meanwhile. */
  update(change: (current: Settings) => Settings): Promise<Settings>;
  /** Replaces every setting (import, reset): the one write allowed over a damaged record, which is kept aside first. */
  replace(settings: Settings): Promise<Settings>;
}

export function createSettingsStore(storage: StorageLike, now: () => number = Date.now): SettingsStore {
  const today = () => Math.floor(now() / DAY_MS);

  async function readAll(): Promise<{ sync: Raw; local: Raw }> {
    const [sync, local] = await Promise.all([
      storage.sync.get([KEYS.prefs, KEYS.legacy]),
      storage.local.get([KEYS.phrases, KEYS.ignored, KEYS.legacy]),
    ]);
    return { sync, local };
  }

  function fromLegacy(stored: { sync: Raw; local: Raw }): { raw: Record<Group, Raw>; from: ('sync' | 'local')[] } | null {
    const blobs = (['sync', 'local'] as const).filter((area) => stored[area][KEYS.legacy] !== undefined);
    if (blobs.length === 0) return null;
    // A v1 blob that does not read is left where it is, untouched (and not removed); the others are migrated.
    const readable = blobs.map((area) => ({ area, blob: stored[area][KEYS.legacy] })).filter(({ blob }) => isObject(blob) && blob.version === 1);
    if (readable.length === 0) return null;
    // When v1 saves spilled to local, sync could hold an older or a newer copy: preferences come from sync (as v1
    // loaded them) and the lists are the union of both copies, so nothing either copy had is lost.
    const first = readable[0]!.blob as Raw;
    const { userPhrases: _p, ignored: _i, version: _v, ...prefs } = first;
    const phrases: unknown[] = [];
    const seenPhrases = new Set<string>();
    const ignores: IgnoreEntry[] = [];
    const seenIgnores = new Set<string>();
    for (const { blob } of readable) {
      const b = blob as Raw;
      for (const p of Array.isArray(b.userPhrases) ? b.userPhrases : []) {
        const id = JSON.stringify(p);
        if (!seenPhrases.has(id)) (seenPhrases.add(id), phrases.push(p));
      }
      for (const key of strings(b.ignored) ?? []) {
        const k = ignoreToken(key);
        if (seenIgnores.has(k)) continue;
        seenIgnores.add(k);
        // The v1 key held the words themselves: keep a short label on this device, the token everywhere else.
        const parts = key.split('|');
        ignores.push({ k, d: today(), ...(parts.length >= 2 ? { p: ignoreLabel(parts[1]!) } : {}) });
      }
    }
    return {
      raw: {
        prefs: { ...prefs, schema: SCHEMA, rev: 0 },
        phrases: { schema: SCHEMA, rev: 0, items: phrases },
        ignored: { schema: SCHEMA, rev: 0, items: ignores },
      },
      from: readable.map(({ area }) => area),
    };
  }

  function interpret(records: Record<Group, unknown>, legacyFrom: ('sync' | 'local')[]): Loaded {
    const groups = {} as Record<Group, GroupState>;
    const problems: string[] = [];
    for (const group of GROUPS) {
      const stored = records[group];
      if (stored === undefined) {
        groups[group] = { raw: null, unreadable: null, rev: 0 };
        continue;
      }
      const reason = checkRecord(stored, group);
      if (reason) {
        groups[group] = { raw: null, unreadable: reason, rev: 0 };
        problems.push(`Rapport could not read your saved ${GROUP_NAMES[group]} (${reason}). They were left as stored and defaults are in use; changing them is blocked until you import a backup or reset.`);
        continue;
      }
      const raw = migrate(stored as Raw, group);
      groups[group] = { raw, unreadable: null, rev: Number.isInteger(raw.rev) ? (raw.rev as number) : 0 };
    }
    const prefs = groups.prefs.raw ? readPrefs(groups.prefs.raw) : {};
    const phrases = ((groups.phrases.raw?.items as unknown[]) ?? []).map(readPhrase).filter((p): p is UserPhrase => p !== null);
    const ignores = prune(((groups.ignored.raw?.items as unknown[]) ?? []).map(readIgnore).filter((e): e is IgnoreEntry => e !== null), today());
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      ...prefs,
      userPhrases: phrases,
      ignored: ignores.map((e) => e.k),
      ignoredLabels: Object.fromEntries(ignores.filter((e) => e.p !== undefined).map((e) => [e.k, e.p!])),
    };
    return { settings, problems, groups, legacyFrom };
  }

  async function loadOnce(): Promise<Loaded> {
    const stored = await readAll();
    const hasRecords = stored.sync[KEYS.prefs] !== undefined || stored.local[KEYS.phrases] !== undefined || stored.local[KEYS.ignored] !== undefined;
    if (!hasRecords) {
      const legacy = fromLegacy(stored);
      if (legacy) return interpret(legacy.raw, legacy.from);
    }
    return interpret({ prefs: stored.sync[KEYS.prefs], phrases: stored.local[KEYS.phrases], ignored: stored.local[KEYS.ignored] }, []);
  }

  /**
   * The stored record with what changed replaced (every field this version knows, when `all`): unknown fields,
   * unreadable items and a newer schema number stay as they were. Null when nothing in the group changed.
   */
  function patched(group: Group, base: Raw | null, rev: number, before: Settings, after: Settings, all: boolean): Raw | null {
    const stored: Raw = base ?? { schema: SCHEMA };
    const next: Raw = { ...stored };
    let changed = false;
    const differs = (a: unknown, b: unknown) => all || JSON.stringify(a) !== JSON.stringify(b);
    const set = (field: string, value: unknown) => {
      next[field] = value;
      changed = true;
    };
    const storedItems = Array.isArray(stored.items) ? (stored.items as unknown[]) : [];
    if (group === 'prefs') {
      for (const field of ['disabledRules', 'sensitivity', 'disabledSites', 'learnedFindings'] as const) {
        if (differs(before[field], after[field])) set(field, after[field]);
      }
      if (differs(before.disabledCategories, after.disabledCategories)) {
        // Categories a newer version knows and this one does not stay switched off.
        const unknown = (strings(stored.disabledCategories) ?? []).filter((c) => !CATEGORIES.includes(c as Category));
        set('disabledCategories', [...after.disabledCategories, ...unknown]);
      }
    } else if (group === 'phrases') {
      if (differs(before.userPhrases, after.userPhrases)) {
        set('items', [...after.userPhrases, ...storedItems.filter((item) => readPhrase(item) === null)]);
      }
    } else {
      const entries = storedItems.map(readIgnore).filter((e): e is IgnoreEntry => e !== null);
      const stale = prune(entries, today()).length !== entries.length;
      if (differs(before.ignored, after.ignored) || stale) {
        const byToken = new Map(entries.map((e) => [e.k, e]));
        const wanted = new Map<string, IgnoreEntry>();
        for (const key of after.ignored) {
          const k = ignoreToken(key);
          if (wanted.has(k)) continue;
          // A raw v1 key (from an old backup) names its words; keep them as this device's label, never as the key.
          const label = after.ignoredLabels[k] ?? after.ignoredLabels[key] ?? (k === key ? undefined : key.split('|')[1]);
          wanted.set(k, byToken.get(k) ?? { k, d: today(), ...(label ? { p: ignoreLabel(label) } : {}) });
        }
        set('items', [...prune([...wanted.values()], today()), ...storedItems.filter((item) => readIgnore(item) === null)]);
      }
    }
    if (!changed) return null;
    next.schema = Math.max(Number.isInteger(stored.schema) ? (stored.schema as number) : SCHEMA, SCHEMA);
    next.rev = rev + 1;
    return next;
  }

  function ignoresStale(loaded: Loaded): boolean {
    const items = loaded.groups.ignored.raw?.items;
    if (!Array.isArray(items)) return false;
    const entries = items.map(readIgnore).filter((e): e is IgnoreEntry => e !== null);
    return prune(entries, today()).length !== entries.length;
  }

  async function write(loaded: Loaded, next: Settings, replacing: boolean): Promise<'written' | 'conflict'> {
    const writes: Partial<Record<Group, Raw>> = {};
    // A v1 blob becomes records in full; an import or reset writes every known field.
    const all = replacing || loaded.legacyFrom.length > 0;
    for (const group of GROUPS) {
      const state = loaded.groups[group];
      if (state.unreadable && !replacing) {
        if (patched(group, null, 0, loaded.settings, next, false) !== null) {
          throw new SettingsWriteError(`Not saved: Rapport could not read your saved ${GROUP_NAMES[group]} and will not overwrite them. Import a backup or reset to start again.`);
        }
        continue;
      }
      const record = patched(group, state.raw, state.rev, loaded.settings, next, all);
      if (record) writes[group] = record;
    }
    if (Object.keys(writes).length === 0 && loaded.legacyFrom.length === 0) return 'written';
    if (!replacing) {
      // Another page (or device) may have written since this change was computed: then compute it again.
      const fresh = await loadOnce();
      if (GROUPS.some((g) => writes[g] && fresh.groups[g].rev !== loaded.groups[g].rev)) return 'conflict';
    } else {
      // A damaged record is set aside, not destroyed, before an import or reset writes over it.
      const stored = await readAll();
      const aside: Raw = {};
      for (const group of GROUPS) {
        if (!loaded.groups[group].unreadable) continue;
        aside[`rapport.unreadable.${group}.${now()}`] = (HOME[group] === 'sync' ? stored.sync : stored.local)[KEYS[group]];
      }
      if (Object.keys(aside).length > 0) await storage.local.set(aside);
    }
    try {
      // Sync first: it is the area with small quotas, so a refusal there leaves local untouched too.
      if (writes.prefs) await storage.sync.set({ [KEYS.prefs]: writes.prefs });
      const local: Raw = {};
      if (writes.phrases) local[KEYS.phrases] = writes.phrases;
      if (writes.ignored) local[KEYS.ignored] = writes.ignored;
      if (Object.keys(local).length > 0) await storage.local.set(local);
    } catch (error) {
      throw new SettingsWriteError(quotaMessage(error));
    }
    // The v1 blob held flagged words in sync; everything in it now lives in the records just written.
    for (const area of loaded.legacyFrom) await storage[area].remove(KEYS.legacy);
    return 'written';
  }

  // Changes from this page run one after another; the revision check above covers other pages and devices.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    async load() {
      const loaded = await loadOnce();
      // Migrate a v1 blob, or drop ignores of drafts long gone, as soon as they are seen.
      if (loaded.legacyFrom.length === 0 && !ignoresStale(loaded)) return loaded;
      return serial(async () => {
        const current = await loadOnce();
        try {
          if ((await write(current, current.settings, false)) === 'written') return await loadOnce();
        } catch {
          // Migration or pruning waits for the next change; the settings read above are still right.
        }
        return current;
      });
    },
    update(change) {
      return serial(async () => {
        for (let attempt = 0; ; attempt++) {
          const loaded = await loadOnce();
          if ((await write(loaded, change(loaded.settings), false)) === 'written') return (await loadOnce()).settings;
          if (attempt >= 4) throw new SettingsWriteError('Not saved: settings kept changing in another window. Try again.');
        }
      });
    },
    replace(settings) {
      return serial(async () => {
        await write(await loadOnce(), settings, true);
        return (await loadOnce()).settings;
      });
    },
  };
}

/**
 * Chrome's storage errors, as a sentence a person can act on. Chromium words them "Resource::kQuotaBytesPerItem
 * quota exceeded" today and "QUOTA_BYTES_PER_ITEM quota exceeded" in older releases; both are recognised.
 */
export function quotaMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/QUOTA_BYTES_PER_ITEM|QuotaBytesPerItem/i.test(text)) {
    return 'Not saved: your synced preferences would pass Chrome’s 8 KB limit per item. Nothing was changed; remove some muted rules or switched-off sites and try again.';
  }
  if (/MAX_ITEMS|MaxItems|QUOTA_BYTES|QuotaBytes/i.test(text)) {
    return 'Not saved: Chrome’s storage for Rapport is full. Nothing was changed; remove some phrases or ignored items and try again.';
  }
  if (/MAX_WRITE_OPERATIONS/.test(text)) {
    return 'Not saved: too many changes in a short time for Chrome sync. Nothing was changed; wait a minute and try again.';
  }
  return `Not saved: ${text}. Nothing was changed.`;
}
