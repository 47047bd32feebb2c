// Real chrome.storage in Chromium with the release build: its quotas and error messages are the ones the storage
// double (tests/support/chrome-storage.ts) enforces, and a save past the sync quota from the options page shows
// the reason and loses nothing.

import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/browser';
import { itemBytes, quotaError, SYNC_LIMITS } from '../support/chrome-storage';
import { ensureBuilt, RELEASE_DIST } from '../support/page';
import { KEYS } from '../../src/shared/settings-store';

let browser: LaunchedBrowser;

beforeAll(async () => {
  ensureBuilt(RELEASE_DIST);
  browser = await launchWithExtension(RELEASE_DIST);
});
afterAll(async () => browser?.close());

async function serviceWorker(): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`);
  return browser.context.serviceWorkers().find(isOurs) ?? browser.context.waitForEvent('serviceworker', { predicate: isOurs });
}

/** Runs chrome.storage.sync.set(items) in the extension; resolves to the error message, or '' when it was stored. */
async function syncSet(items: Record<string, unknown>): Promise<string> {
  return (await serviceWorker()).evaluate(
    (entries) => chrome.storage.sync.set(entries).then(() => '', (e: Error) => e.message),
    items,
  );
}

async function clearStorage(): Promise<void> {
  await (await serviceWorker()).evaluate(() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()]));
}

/** A value whose item (key plus JSON) is exactly `size` bytes, as the double counts it. */
function itemOfSize(key: string, size: number): string {
  const value = 'x'.repeat(size - itemBytes(key, ''));
  expect(itemBytes(key, value)).toBe(size);
  return value;
}

describe('chrome.storage.sync in Chromium', () => {
  it('counts an item as the double does, and refuses one byte past 8,192 with the double’s message', async () => {
    await clearStorage();
    expect(await syncSet({ big: itemOfSize('big', SYNC_LIMITS.QUOTA_BYTES_PER_ITEM) })).toBe('');
    expect(await syncSet({ big: itemOfSize('big', SYNC_LIMITS.QUOTA_BYTES_PER_ITEM + 1) })).toBe(quotaError('QUOTA_BYTES_PER_ITEM').message);
    // A refused set leaves the earlier value.
    const kept = await (await serviceWorker()).evaluate(() => chrome.storage.sync.get('big').then((r) => (r.big as string).length));
    expect(kept).toBe(itemOfSize('big', SYNC_LIMITS.QUOTA_BYTES_PER_ITEM).length);
  });

  it('refuses past 102,400 bytes in total and past 512 items, with the double’s messages', async () => {
    await clearStorage();
    const items = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${String(i).padStart(2, '0')}`, itemOfSize('k00', 8_000)]));
    expect(await syncSet(items)).toBe(quotaError('QUOTA_BYTES').message);
    await clearStorage();
    const many = Object.fromEntries(Array.from({ length: SYNC_LIMITS.MAX_ITEMS + 1 }, (_, i) => [`n${i}`, 1]));
    expect(await syncSet(many)).toBe(quotaError('MAX_ITEMS').message);
  });
});

describe('the options page at the sync quota', () => {
  it('shows why a change was not saved, and the stored settings are exactly as before', async () => {
    await clearStorage();
    // Preferences a few bytes short of the 8 KB item limit: room for no muted rule.
    const prefs: Record<string, unknown> = { schema: 2, rev: 5, disabledCategories: [], disabledRules: [], sensitivity: 'strict', learnedFindings: true, disabledSites: [] };
    const sites: string[] = [];
    const size = () => itemBytes(KEYS.prefs, { ...prefs, disabledSites: sites });
    while (size() < SYNC_LIMITS.QUOTA_BYTES_PER_ITEM - 40) sites.push(`intranet-${sites.length}.example.com`);
    // One last name sized to leave 5 bytes: a quoted name and its comma take 3 bytes beyond its letters.
    sites.push('p'.repeat(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM - size() - 8));
    prefs.disabledSites = sites;
    expect(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM - size()).toBe(5);
    expect(itemBytes(KEYS.prefs, { ...prefs, rev: 6, disabledRules: ['close-the-deal'] })).toBeGreaterThan(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
    expect(await syncSet({ [KEYS.prefs]: prefs })).toBe('');

    const options = await browser.context.newPage();
    // Fail with Playwright's own reason rather than the test's timeout.
    options.setDefaultTimeout(15_000);
    await options.goto(`chrome-extension://${browser.extensionId}/src/options/index.html`);
    await options.getByLabel('Search rules').fill('close the deal');
    const ruleSwitch = options.locator('input[data-rule]').first();
    await expect.poll(() => ruleSwitch.isChecked()).toBe(true);
    // click, not uncheck(): Playwright's uncheck insists the box ends unchecked, and here it must not.
    await ruleSwitch.click();
    await expect.poll(() => options.getByRole('alert').first().textContent()).toMatch(/8 KB limit.*Nothing was changed/);
    // The switch shows what is stored again, and storage holds the previous preferences unchanged.
    await expect.poll(() => ruleSwitch.isChecked()).toBe(true);
    const stored = await (await serviceWorker()).evaluate((key) => chrome.storage.sync.get(key).then((r) => r[key]), KEYS.prefs);
    expect(stored).toEqual(prefs);

    // Making room (a site back on) lets the same change through.
    await options.getByRole('button', { name: /intranet-0\.example\.com/ }).click();
    await expect.poll(async () => ((await (await serviceWorker()).evaluate((key) => chrome.storage.sync.get(key).then((r) => r[key]), KEYS.prefs)) as { rev: number }).rev).toBe(6);
    await ruleSwitch.uncheck();
    await expect.poll(() => ruleSwitch.isChecked()).toBe(false);
    await expect.poll(() => options.getByRole('alert').count()).toBe(0);
    await options.close();
  });
});

describe('chrome.storage.sync write rate', () => {
  // Last in the file: it uses up this minute's sync writes.
  it('refuses writes past 120 in a minute with the double’s message', async () => {
    const result = await (await serviceWorker()).evaluate(async () => {
      for (let i = 0; i < 130; i++) {
        const error = await chrome.storage.sync.set({ n: i }).then(() => '', (e: Error) => e.message);
        if (error) return { succeeded: i, error };
      }
      return { succeeded: 130, error: '' };
    });
    expect(result.succeeded).toBeLessThanOrEqual(SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE);
    expect(result.error).toBe(quotaError('MAX_WRITE_OPERATIONS_PER_MINUTE').message);
  });
});
