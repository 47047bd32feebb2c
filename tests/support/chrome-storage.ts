// A chrome.storage double that enforces Chrome's real limits and fails the way Chrome does (same messages, nothing
// written by a refused set), for testing the settings module without a browser. tests/e2e/storage-quota.test.ts
// checks these messages and limits against the real chrome.storage in Chromium.

import type { StorageAreaLike, StorageLike } from '../../src/shared/settings-store';

/** chrome.storage.sync's documented limits (QUOTA_BYTES, QUOTA_BYTES_PER_ITEM, MAX_ITEMS, write operations). */
export const SYNC_LIMITS = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
} as const;

/** chrome.storage.local: 10 MB since Chrome 114 (without the unlimitedStorage permission, which Rapport does not ask for). */
export const LOCAL_LIMITS = { QUOTA_BYTES: 10_485_760 } as const;

interface Limits {
  QUOTA_BYTES: number;
  QUOTA_BYTES_PER_ITEM?: number;
  MAX_ITEMS?: number;
  MAX_WRITE_OPERATIONS_PER_HOUR?: number;
  MAX_WRITE_OPERATIONS_PER_MINUTE?: number;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Chrome counts an item as its key plus its value's JSON, in UTF-8 bytes. */
export function itemBytes(key: string, value: unknown): number {
  return bytes(key) + bytes(JSON.stringify(value));
}

/**
 * Chromium's error texts, as its chrome.storage reports them today (older releases said "QUOTA_BYTES quota
 * exceeded"); tests/e2e/storage-quota.test.ts compares them with the real browser.
 */
const MESSAGES = {
  QUOTA_BYTES: 'Resource::kQuotaBytes quota exceeded',
  QUOTA_BYTES_PER_ITEM: 'Resource::kQuotaBytesPerItem quota exceeded',
  MAX_ITEMS: 'Resource::kMaxItems quota exceeded',
  MAX_WRITE_OPERATIONS_PER_HOUR: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.',
  MAX_WRITE_OPERATIONS_PER_MINUTE: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.',
} as const;

export function quotaError(limit: keyof typeof MESSAGES): Error {
  return new Error(MESSAGES[limit]);
}

export class FakeStorageArea implements StorageAreaLike {
  readonly data = new Map<string, string>();
  private writes: number[] = [];
  /** Every set() that succeeded, for tests that check nothing was written. */
  setCalls = 0;

  constructor(
    private readonly limits: Limits,
    private readonly now: () => number = Date.now,
  ) {}

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys === null || keys === undefined ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
    const out: Record<string, unknown> = {};
    for (const key of wanted) if (this.data.has(key)) out[key] = JSON.parse(this.data.get(key)!);
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    const next = new Map(this.data);
    for (const [key, value] of Object.entries(items)) {
      if (value === undefined) continue;
      const json = JSON.stringify(value);
      if (this.limits.QUOTA_BYTES_PER_ITEM !== undefined && itemBytes(key, value) > this.limits.QUOTA_BYTES_PER_ITEM) {
        throw quotaError('QUOTA_BYTES_PER_ITEM');
      }
      next.set(key, json);
    }
    const total = [...next].reduce((sum, [key, json]) => sum + bytes(key) + bytes(json), 0);
    if (total > this.limits.QUOTA_BYTES) throw quotaError('QUOTA_BYTES');
    if (this.limits.MAX_ITEMS !== undefined && next.size > this.limits.MAX_ITEMS) throw quotaError('MAX_ITEMS');
    this.countWrite();
    this.data.clear();
    for (const [key, json] of next) this.data.set(key, json);
    this.setCalls++;
  }

  async remove(keys: string | string[]): Promise<void> {
    this.countWrite();
    for (const key of typeof keys === 'string' ? [keys] : keys) this.data.delete(key);
  }

  async clear(): Promise<void> {
    this.countWrite();
    this.data.clear();
  }

  /** sync limits writes (set, remove and clear alike) per minute and per hour. */
  private countWrite(): void {
    const t = this.now();
    this.writes = this.writes.filter((w) => t - w < 3_600_000);
    if (this.limits.MAX_WRITE_OPERATIONS_PER_HOUR !== undefined && this.writes.length >= this.limits.MAX_WRITE_OPERATIONS_PER_HOUR) {
      throw quotaError('MAX_WRITE_OPERATIONS_PER_HOUR');
    }
    if (this.limits.MAX_WRITE_OPERATIONS_PER_MINUTE !== undefined && this.writes.filter((w) => t - w < 60_000).length >= this.limits.MAX_WRITE_OPERATIONS_PER_MINUTE) {
      throw quotaError('MAX_WRITE_OPERATIONS_PER_MINUTE');
    }
    this.writes.push(t);
  }

  /** Writes a raw value, bypassing quotas, as another version or a damaged profile would have left it. */
  seed(key: string, value: unknown): void {
    this.data.set(key, JSON.stringify(value));
  }

  bytesInUse(): number {
    return [...this.data].reduce((sum, [key, json]) => sum + bytes(key) + bytes(json), 0);
  }
}

export interface FakeStorage extends StorageLike {
  sync: FakeStorageArea;
  local: FakeStorageArea;
}

export function fakeChromeStorage(now: () => number = Date.now): FakeStorage {
  return { sync: new FakeStorageArea(SYNC_LIMITS, now), local: new FakeStorageArea(LOCAL_LIMITS, now) };
}
