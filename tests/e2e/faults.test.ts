// Off the happy path, in Chromium with the e2e build (its test-only fault hooks: src/content/faults.ts): the extension
// reloaded under an open page (with the card open, and while the engine loads), the engine throwing on attach
// and on a settings change, a failed engine load retried, the load races, Rapport's UI kept off the user's
// words and inside the viewport, and an apply that never undoes what Rapport did not do.

import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/browser';
import { DIST, ensureBuilt, extensionWorld, highlightedTexts, highlightPoint } from '../support/page';

const NEW_BODY = '[data-fixture-editor="gmail-popup-new-body"]';
const SUBJECT = 'input[name=subjectbox]';
const STUBBORN = '[data-fixture-editor="fault-stubborn"]';
const VANISHING = '[data-fixture-editor="fault-vanishing"]';
const FAULT_PAGE = 'https://mail.google.com/__fixture/fault-editors.html';

let browser: LaunchedBrowser;

beforeAll(async () => {
  ensureBuilt();
  browser = await launchWithExtension(DIST);
});
afterAll(async () => browser?.close());

beforeEach(async () => {
  for (const page of browser.context.pages()) await page.close();
  await (await extensionPage()).evaluate(() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()]));
});

/** An extension page to reach storage and the runtime through: it survives no reload, so it is opened on demand. */
async function extensionPage(): Promise<Page> {
  // A file of the extension's own, not the options page: that page would write the settings records it loads.
  const url = `chrome-extension://${browser.extensionId}/manifest.json`;
  const open = browser.context.pages().find((p) => p.url() === url && !p.isClosed());
  if (open) return open;
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

/**
 * Switches the extension off and on again from chrome://extensions (what an update or a reload does to pages
 * already open): every content script already in a page loses its extension context.
 */
async function reloadExtension(): Promise<void> {
  for (const page of browser.context.pages()) if (page.url().startsWith('chrome-extension://')) await page.close();
  const extensions = await browser.context.newPage();
  await extensions.goto('chrome://extensions');
  await extensions.evaluate(async (id) => {
    const management = (chrome as unknown as { management: { setEnabled(id: string, on: boolean): Promise<void> } }).management;
    await management.setEnabled(id, false);
    await management.setEnabled(id, true);
  }, browser.extensionId!);
  await extensions.close();
  if (current && !current.isClosed()) await current.bringToFront();
}

/** The page under test, brought back to the front after a detour through an extension page. */
let current: Page | null = null;

async function setStorage(area: 'sync' | 'local', key: string, value: unknown): Promise<void> {
  await (await extensionPage()).evaluate(([a, k, v]) => chrome.storage[a as 'sync' | 'local'].set({ [k as string]: v }), [area, key, value] as const);
  if (current && !current.isClosed()) await current.bringToFront();
}

/** Changes preferences the way the extension stores them: its sync record (src/shared/settings-store.ts), revision bumped. */
async function setPrefs(change: Record<string, unknown>): Promise<void> {
  await (await extensionPage()).evaluate(async (c) => {
    const key = 'rapport.prefs';
    const current = ((await chrome.storage.sync.get(key))[key] ?? { schema: 2, rev: 0 }) as Record<string, unknown> & { rev: number };
    await chrome.storage.sync.set({ [key]: { ...current, ...c, rev: current.rev + 1 } });
  }, change);
  if (current && !current.isClosed()) await current.bringToFront();
}

interface Watched {
  page: Page;
  /** Rapport's console lines, and every console error (an uncaught content-script error lands there). */
  rapport: string[];
  errors: string[];
}

async function openPage(url: string): Promise<Watched> {
  const page = await browser.context.newPage();
  // An action that cannot happen fails with what it was waiting for, inside the test's own time.
  page.setDefaultTimeout(20_000);
  const rapport: string[] = [];
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.text().includes('[Rapport]')) rapport.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  current = page;
  await page.goto(url);
  return { page, rapport, errors };
}

async function compose(lines: string[]): Promise<Watched> {
  const watched = await openPage('https://mail.google.com/mail/u/0/');
  await watched.page.click('#open-compose');
  await watched.page.locator(NEW_BODY).focus();
  for (const [i, line] of lines.entries()) {
    if (i > 0) await watched.page.keyboard.press('Enter');
    await watched.page.keyboard.type(line);
  }
  return watched;
}

const bodyText = (page: Page) => page.locator(NEW_BODY).evaluate((el) => (el as HTMLElement).innerText);

/** Everything Rapport can leave on a page: its UI host, highlights, and its sheet in the document's adopted styles. */
async function traces(page: Page): Promise<{ ui: number; highlights: number; sheets: number }> {
  return page.evaluate(() => ({
    ui: document.querySelectorAll('rapport-ui').length,
    highlights: [...CSS.highlights.keys()].filter((name) => name.startsWith('rapport-')).length,
    sheets: document.adoptedStyleSheets.filter((s) => [...s.cssRules].some((r) => r.cssText.includes('rapport-'))).length,
  }));
}

const standDownNotices = (w: Watched) => w.rapport.filter((line) => line.startsWith('info:'));

describe('when the extension is reloaded under an open page', () => {
  it('with the card open, Ignore removes every trace, throws nothing, and Rapport says so once', async () => {
    const w = await compose(['Hi Sam,', 'Can we close the deal this week?']);
    await expect.poll(() => highlightedTexts(w.page, NEW_BODY)).toEqual(['close the deal']);
    const point = await highlightPoint(w.page, 'close the deal', NEW_BODY);
    await w.page.mouse.move(point.x, point.y);
    const ignore = w.page.locator('rapport-ui .card [data-action=ignore]');
    await expect.poll(() => ignore.isVisible()).toBe(true);
    expect(await traces(w.page)).toEqual({ ui: 2, highlights: 4, sheets: 1 });

    await reloadExtension();
    await w.page.bringToFront();
    await ignore.click();
    await expect.poll(() => traces(w.page)).toEqual({ ui: 0, highlights: 0, sheets: 0 });
    await w.page.locator(NEW_BODY).focus();
    await w.page.keyboard.type(' Thanks!');
    await expect.poll(() => bodyText(w.page)).toContain('Can we close the deal this week? Thanks!');
    expect(standDownNotices(w)).toHaveLength(1);
    expect(w.rapport.filter((line) => !line.startsWith('info:'))).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  it('mid-edit, the next keystroke stands Rapport down instead of switching the box off', async () => {
    const w = await compose(['Hi Sam,', 'This offer expires tonight.']);
    await expect.poll(() => highlightedTexts(w.page, NEW_BODY)).toHaveLength(1);
    await reloadExtension();
    await w.page.bringToFront();
    await w.page.keyboard.type(' Can we close the deal?');
    await expect.poll(() => traces(w.page)).toEqual({ ui: 0, highlights: 0, sheets: 0 });
    expect(await bodyText(w.page)).toContain('This offer expires tonight. Can we close the deal?');
    await expect.poll(() => standDownNotices(w).length).toBe(1);
    expect(w.rapport.filter((line) => !line.startsWith('info:'))).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  it('while the engine loads, leaves nothing behind whichever side of the reload the load lands on', async () => {
    const w = await openPage('https://mail.google.com/mail/u/0/');
    await w.page.click('#open-compose');
    // Focus starts the engine load; the reload is not awaited before it, so the two race.
    const reloaded = reloadExtension();
    await w.page.locator(NEW_BODY).focus();
    await reloaded;
    await w.page.bringToFront();
    await w.page.locator(NEW_BODY).focus();
    await w.page.keyboard.type('Can we close the deal this week?');
    await expect.poll(() => standDownNotices(w).length).toBe(1);
    await expect.poll(() => traces(w.page)).toEqual({ ui: 0, highlights: 0, sheets: 0 });
    expect(await bodyText(w.page)).toMatch(/^Can we close the deal this week\?\n/);
    expect(w.errors).toEqual([]);
  });
});

describe('engine faults are contained', () => {
  it('an engine throwing on attach leaves the box and the page working, logged once', async () => {
    await setStorage('local', 'rapport.faults', { attach: true });
    const w = await compose(['Can we close the deal this week?']);
    // One line per text box on the page (subject, body…), each the same stand-down notice.
    await expect.poll(() => w.rapport.length).toBeGreaterThan(0);
    expect(w.rapport.filter((line) => !/^warning: \[Rapport\] stopped checking this text box/.test(line))).toEqual([]);
    const logged = w.rapport.length;
    await w.page.keyboard.type(' More text.');
    expect(await bodyText(w.page)).toMatch(/^Can we close the deal this week\? More text\.\n/);
    expect(w.rapport).toHaveLength(logged);
    expect(await highlightedTexts(w.page, NEW_BODY)).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  it('an engine throwing on a settings change stands that box down and leaves the draft alone', async () => {
    const w = await compose(['Hi Sam,', 'Can we close the deal this week?']);
    await expect.poll(() => highlightedTexts(w.page, NEW_BODY)).toEqual(['close the deal']);
    await setStorage('local', 'rapport.faults', { settings: true });
    await setPrefs({ sensitivity: 'balanced' });
    await expect.poll(() => highlightedTexts(w.page, NEW_BODY)).toEqual([]);
    expect(w.rapport.length).toBeGreaterThan(0);
    expect(w.rapport.filter((line) => !/^warning: \[Rapport\] stopped checking this text box/.test(line))).toEqual([]);
    expect(await bodyText(w.page)).toMatch(/^Hi Sam,\nCan we close the deal this week\?\n/);
    expect(w.errors).toEqual([]);
  });

  it('a failed engine load is not cached: the next focus tries again', async () => {
    await setStorage('local', 'rapport.faults', { load: true });
    const w = await compose(['Can we close the deal this week?']);
    await expect.poll(() => w.rapport.some((line) => /could not start/.test(line))).toBe(true);
    expect(await highlightedTexts(w.page, NEW_BODY)).toEqual([]);
    await setStorage('local', 'rapport.faults', {});
    await w.page.locator(SUBJECT).first().focus();
    await w.page.locator(NEW_BODY).focus();
    await expect.poll(() => highlightedTexts(w.page, NEW_BODY)).toEqual(['close the deal']);
    expect(w.errors).toEqual([]);
  });
});

describe('load races', () => {
  it('on a switched-off site the engine never loads and nothing attaches; switching it on checks the open draft', async () => {
    await setPrefs({ disabledSites: ['mail.google.com'] });
    const w = await compose(['Can we close the deal this week?']);
    // Give a load every chance to start: the entry script reads settings on focus, then would import the engine.
    await w.page.locator(SUBJECT).first().focus();
    await w.page.locator(NEW_BODY).focus();
    await w.page.keyboard.type(' Still here.');
    // No controller was ever started: it would have added its layers, its sheet and its highlights at once.
    expect(await traces(w.page)).toEqual({ ui: 0, highlights: 0, sheets: 0 });

    await setPrefs({ disabledSites: [] });
    await expect.poll(() => highlightedTexts(w.page, NEW_BODY)).toEqual(['close the deal']);
  });

  it('a composer closed while the engine loads is never attached', async () => {
    const w = await openPage(FAULT_PAGE);
    const world = await extensionWorld(w.page);
    await world.hold('vanishing', `document.querySelector('${VANISHING}')`);
    // The page removes this box as soon as it has focus, long before the engine has loaded.
    await w.page.locator(VANISHING).focus();
    await expect.poll(() => w.page.locator(VANISHING).count()).toBe(0);
    // The engine is in once another box attaches and lints.
    await w.page.locator(STUBBORN).focus();
    await w.page.keyboard.type('Can we close the deal this week?');
    await expect.poll(() => highlightedTexts(w.page, STUBBORN)).toEqual(['close the deal']);
    expect(await world.listenerTypes('vanishing')).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});

/** The element under a point, looking through Rapport's host: the host itself when Rapport's UI is there. */
async function topElementsOverHighlights(page: Page, within: string): Promise<{ text: string; inEditor: boolean; what: string }[]> {
  return page.evaluate((selector) => {
    const editors = [...document.querySelectorAll(selector)];
    const out: { text: string; inEditor: boolean; what: string }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('rapport-')) continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        if (!editors.some((e) => e.contains(range.startContainer))) continue;
        for (const rect of range.getClientRects()) {
          // Every word of the phrase: probe the middle of each tenth of its box.
          for (let i = 0; i < 10; i++) {
            const x = rect.left + ((i + 0.5) * rect.width) / 10;
            const el = document.elementFromPoint(x, rect.top + rect.height / 2);
            out.push({ text: range.toString(), inEditor: editors.some((e) => e === el || e.contains(el)), what: el?.tagName ?? 'none' });
          }
        }
      }
    }
    return out;
  }, within);
}

describe("Rapport's UI", () => {
  it('keeps the chip off every flagged word, even one ending a full first line, and never takes its clicks', async () => {
    const w = await compose([
      'I would like to ask a quick question about your receiving slots, so can we close the deal',
      'Then, as this offer expires tonight, maybe we can close the deal.',
    ]);
    await expect.poll(() => highlightedTexts(w.page, NEW_BODY)).toHaveLength(3);
    await expect.poll(() => w.page.locator('rapport-ui .chip').count()).toBeGreaterThan(0);
    const probes = await topElementsOverHighlights(w.page, NEW_BODY);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.filter((p) => !p.inEditor)).toEqual([]);
    // And a click on the first line's last phrase lands in the text: the caret moves there.
    const rect = await w.page.evaluate(() => {
      for (const [name, h] of CSS.highlights) if (name.startsWith('rapport-')) for (const r of h as unknown as Iterable<Range>) if (r.toString() === 'close the deal') return r.getClientRects()[0]!.toJSON() as DOMRect;
      return null;
    });
    await w.page.mouse.click(rect!.right - 3, rect!.top + rect!.height / 2);
    expect(await w.page.evaluate(() => document.activeElement?.getAttribute('data-fixture-editor'))).toBe('gmail-popup-new-body');
    // The caret moved into the first line, to the click: the click reached the text.
    expect(await w.page.evaluate(() => document.getSelection()?.focusNode?.textContent)).toContain('receiving slots');
  });

  it("keeps the subject's chip off the body's words", async () => {
    const w = await compose(['Can we close the deal this week?', 'This offer expires tonight, so act now.']);
    await expect.poll(() => highlightedTexts(w.page, NEW_BODY)).toContain('close the deal');
    const chipIds = () => w.page.locator('rapport-ui .chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-chip')!));
    const chipsBefore = await chipIds();
    await w.page.locator(SUBJECT).first().focus();
    await w.page.keyboard.type('Last chance: close the deal today');
    await expect.poll(async () => (await chipIds()).length).toBe(chipsBefore.length + 1);
    // The subject's chip (the new one) keeps off the body's box altogether, not only its words.
    const subjectChip = (await chipIds()).find((id) => !chipsBefore.includes(id))!;
    const subjectChipRect = await w.page.locator(`rapport-ui .chip[data-chip="${subjectChip}"]`).evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    const bodyBox = await w.page.locator(NEW_BODY).evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(subjectChipRect.bottom <= bodyBox.top || subjectChipRect.top >= bodyBox.bottom || subjectChipRect.right <= bodyBox.left || subjectChipRect.left >= bodyBox.right).toBe(true);
    const probes = await topElementsOverHighlights(w.page, `${NEW_BODY}`);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.filter((p) => !p.inEditor)).toEqual([]);
    const chips = await w.page.locator('rapport-ui .chip').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    // The boxes of the body's words: every text node's line boxes.
    const body = await w.page.locator(NEW_BODY).evaluate((el) => {
      const rects: DOMRect[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        rects.push(...[...range.getClientRects()].map((r) => r.toJSON() as DOMRect));
      }
      return rects;
    });
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    expect(chips.flatMap((c) => body.filter((line) => line.width > 0 && overlaps(c, line)))).toEqual([]);
  });

  it('keeps the card inside the viewport for a phrase at its bottom-right corner', async () => {
    const w = await openPage('https://mail.google.com/__fixture/gmail-generic.html');
    await w.page.setViewportSize({ width: 560, height: 260 });
    const box = w.page.locator('[data-fixture-editor="gmail-plain-contenteditable"]');
    await box.focus();
    await w.page.keyboard.press('Control+End');
    await w.page.keyboard.type(' Thanks, and can we close the deal');
    await expect.poll(() => highlightedTexts(w.page, '[data-fixture-editor="gmail-plain-contenteditable"]')).toEqual(['close the deal']);
    await box.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const point = await highlightPoint(w.page, 'close the deal');
    await w.page.mouse.move(point.x, point.y);
    const card = w.page.locator('rapport-ui .card');
    await expect.poll(() => card.isVisible()).toBe(true);
    const rect = await card.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(rect.left).toBeGreaterThanOrEqual(0);
    expect(rect.top).toBeGreaterThanOrEqual(0);
    expect(rect.right).toBeLessThanOrEqual(560);
    expect(rect.bottom).toBeLessThanOrEqual(260);
  });
});

describe('apply', () => {
  it('undoes only what Rapport did: an editor that refuses the rewrite keeps the user’s own last edit, with no undo run', async () => {
    const w = await openPage(FAULT_PAGE);
    const box = w.page.locator(STUBBORN);
    await box.focus();
    await w.page.keyboard.type('Can we close the deal this week?');
    await w.page.keyboard.type(' Thanks');
    await expect.poll(() => highlightedTexts(w.page, STUBBORN)).toEqual(['close the deal']);
    const point = await highlightPoint(w.page, 'close the deal', STUBBORN);
    await w.page.mouse.move(point.x, point.y);
    const apply = w.page.locator('rapport-ui .card [data-action=apply]').first();
    await expect.poll(() => apply.isVisible()).toBe(true);
    await apply.click();
    await expect.poll(() => w.page.locator('rapport-ui .card .notice').textContent()).toMatch(/did not take the rewrite/);
    const inputTypes = await w.page.evaluate(() => (window as unknown as { inputTypes: string[] }).inputTypes);
    expect(inputTypes).not.toContain('historyUndo');
    // The editor's own text: the user's words, the editor's mark, and nothing undone.
    expect(await box.evaluate((el) => el.textContent)).toBe('Can we close the deal this week? Thanks [kept]');
    expect(w.errors).toEqual([]);
  });
});
