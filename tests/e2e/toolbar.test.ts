// The toolbar in real Chromium with the built extension: popup, options page, badge, keyboard use and README screenshots.

import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/browser';
import { DIST, ROOT, ensureBuilt, highlightedTexts, highlightPoint, GMAIL_NEW_BODY as NEW_BODY, openGmailCompose, settled } from '../support/page';
import { builtInExamples } from '../../src/engine/examples';

const PUSHY_DRAFT = ['Hi Sam,', 'This offer expires tonight. Can we close the deal?'];
const SCREENSHOTS = resolve(ROOT, 'docs/screenshots');

let browser: LaunchedBrowser;
let extensionUrl: string;

beforeAll(async () => {
  ensureBuilt();
  browser = await launchWithExtension(DIST);
  extensionUrl = `chrome-extension://${browser.extensionId}`;
});
afterAll(async () => browser?.close());

beforeEach(async () => {
  // Each test starts from default settings, whatever the previous one changed.
  await (await serviceWorker()).evaluate(() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()]));
  for (const page of browser.context.pages()) await page.close();
});

async function serviceWorker(): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  return browser.context.serviceWorkers().find(isOurs) ?? browser.context.waitForEvent('serviceworker', { predicate: isOurs });
}

/** The tab id Chrome gave a page: activate it and ask the worker for the active tab. */
async function tabIdOf(page: Page): Promise<number> {
  await page.bringToFront();
  return (await serviceWorker()).evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id!;
  });
}

const composeWith = (lines: string[]): Promise<Page> => openGmailCompose(browser.context, lines);

async function draftText(page: Page): Promise<string> {
  return page.locator(NEW_BODY).first().evaluate((el) => (el as HTMLElement).innerText);
}

async function openPopup(tabId: number, viewport = { width: 380, height: 600 }): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize(viewport);
  await popup.goto(`${extensionUrl}/src/popup/index.html?tabId=${tabId}`);
  return popup;
}

async function openOptions(): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(`${extensionUrl}/src/options/index.html`);
  await options.getByRole('heading', { name: 'Rapport options' }).waitFor();
  return options;
}

const listedPhrases = async (popup: Page) => (await popup.locator('.finding mark').allTextContents()).sort();

async function storedSettings(): Promise<unknown> {
  return (await serviceWorker()).evaluate(async () => ({
    sync: await chrome.storage.sync.get(null),
    local: await chrome.storage.local.get(null),
  }));
}

async function badgeOf(tabId: number): Promise<{ text: string; colour: number[] }> {
  return (await serviceWorker()).evaluate(async (id) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    colour: [...(await chrome.action.getBadgeBackgroundColor({ tabId: id }))],
  }), tabId);
}

/** Presses Tab until focus returns to where it started; returns a description of every element reached. */
async function tabThrough(page: Page, limit: number): Promise<{ id: string; visibleFocus: boolean }[]> {
  const reached: { id: string; visibleFocus: boolean }[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      // A file input's ring is drawn on its label wrapper (see options.css).
      const ringHost = el.matches('.file-button input') ? (el.parentElement as HTMLElement) : el;
      const ring = getComputedStyle(ringHost.matches(':focus-within') && ringHost !== el ? ringHost.querySelector('span')! : el);
      return {
        id: el.getAttribute('data-probe-id') ?? '',
        visibleFocus: el.matches(':focus-visible') && ring.outlineStyle !== 'none' && parseFloat(ring.outlineWidth) >= 2 && style.visibility !== 'hidden',
      };
    });
    if (!focused) continue;
    if (reached.length > 0 && focused.id === reached[0]!.id) break;
    reached.push(focused);
  }
  return reached;
}

/** Tags every control a keyboard user must reach, so tabThrough can report which ones it got to. */
async function tagControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, a[href]')].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0 && el.closest('details:not([open]) > :not(summary)') === null,
    );
    return controls.map((el, i) => {
      el.setAttribute('data-probe-id', String(i));
      return String(i);
    });
  });
}

describe('popup', () => {
  it('lists the findings of the composer in the tab it was opened for, grouped by category, with a score picture', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal', 'offer expires tonight']);
    const popup = await openPopup(await tabIdOf(page));
    await expect.poll(() => listedPhrases(popup)).toEqual(await highlightedTexts(page, NEW_BODY));
    await expect.poll(() => popup.locator('.group-title').allTextContents()).toEqual(['Pushing to close (1)', 'Manufactured urgency (1)']);
    expect(await popup.getByRole('img', { name: /^Score \d+ of 100/ }).count()).toBe(1);
    expect(await popup.getByRole('img', { name: /^About the reader vs about us/ }).count()).toBe(1);
    expect(await popup.getByRole('img', { name: /^Questions asked: Asks 1 question/ }).count()).toBe(1);
    expect(await popup.locator('.finding-why').first().textContent()).toMatch(/^Why: \S/);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: resolve(SCREENSHOTS, 'popup.png'), fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: resolve(SCREENSHOTS, 'popup-dark.png'), fullPage: true });
  });

  it('updates live while the draft changes', async () => {
    const page = await composeWith(['Can we close the deal?']);
    const tabId = await tabIdOf(page);
    const popup = await openPopup(tabId);
    await expect.poll(() => listedPhrases(popup)).toEqual(['close the deal']);
    await page.bringToFront();
    await page.keyboard.type(' This offer expires tonight.');
    await expect.poll(() => listedPhrases(popup)).toEqual(['close the deal', 'offer expires tonight']);
  });

  it('Apply changes exactly what the rewrite replaces (here the whole question) in the draft', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toContain('close the deal');
    await settled(page);
    const original = await draftText(page);
    const popup = await openPopup(await tabIdOf(page));
    const finding = popup.locator('.finding', { has: popup.locator('mark', { hasText: 'close the deal' }) });
    await finding.waitFor();
    const rewrite = (await finding.locator('.rewrite-text').first().textContent())!;
    await finding.getByRole('button', { name: /^Apply/ }).first().click();
    await expect.poll(() => draftText(page)).toBe(original.replace('Can we close the deal?', rewrite));
    await expect.poll(() => listedPhrases(popup)).toEqual(['offer expires tonight']);
    await expect.poll(() => popup.getByRole('status').textContent()).toContain(`Replaced “Can we close the deal?” with “${rewrite}”`);
  });

  it('Copy puts a rewrite on the clipboard', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    const popup = await openPopup(await tabIdOf(page));
    const finding = popup.locator('.finding', { has: popup.locator('mark', { hasText: 'close the deal' }) });
    const rewrite = (await finding.locator('.rewrite-text').first().textContent())!;
    await finding.getByRole('button', { name: `Copy “${rewrite}”` }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe(`Copied “${rewrite}”.`);
    // Extension origins cannot be granted clipboard-read over CDP; the clipboard is shared, so read it from the page.
    await browser.context.grantPermissions(['clipboard-read'], { origin: 'https://mail.google.com' });
    await page.bringToFront();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(rewrite);
  });

  it('Jump selects the phrase in the editor', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toContain('offer expires tonight');
    const popup = await openPopup(await tabIdOf(page));
    await popup.getByRole('button', { name: 'Jump to “offer expires tonight” in the draft' }).click();
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('offer expires tonight');
    expect(await page.evaluate((sel) => document.querySelector(sel)!.contains(document.getSelection()!.anchorNode), NEW_BODY)).toBe(true);
  });

  it('Mute rule switches the rule off in settings and the finding disappears', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    const popup = await openPopup(await tabIdOf(page));
    const finding = popup.locator('.finding', { has: popup.locator('mark', { hasText: 'close the deal' }) });
    const ruleId = (await finding.getAttribute('data-rule'))!;
    await finding.getByRole('button', { name: /^Mute the rule/ }).click();
    await expect.poll(() => listedPhrases(popup)).toEqual(['offer expires tonight']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['offer expires tonight']);
    expect(JSON.stringify(await storedSettings())).toContain(ruleId);
  });

  it('Ignore hides the finding; the options page lists it and removing it brings the finding back', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    const popup = await openPopup(await tabIdOf(page));
    await popup.getByRole('button', { name: 'Ignore “close the deal” here' }).click();
    await expect.poll(() => listedPhrases(popup)).toEqual(['offer expires tonight']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['offer expires tonight']);
    // Focus moves on to the next finding rather than falling back to the page.
    await expect.poll(() => popup.evaluate(() => document.activeElement?.classList.contains('finding'))).toBe(true);

    const options = await openOptions();
    const ignored = options.getByRole('button', { name: 'Stop ignoring “close the deal”' });
    await ignored.click();
    await expect.poll(() => ignored.count()).toBe(0);
    await expect.poll(() => listedPhrases(popup)).toEqual(['close the deal', 'offer expires tonight']);
  });

  it('the next-finding command message selects the next flagged phrase in the focused composer', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toHaveLength(2);
    const tabId = await tabIdOf(page);
    // What the worker sends on the keyboard command (headless Chromium has no global shortcuts to press).
    await (await serviceWorker()).evaluate((id) => chrome.tabs.sendMessage(id, { type: 'rapport:next-finding' }), tabId);
    // The caret is at the end of the draft, so "next" wraps around to the first finding.
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('offer expires tonight');
  });

  it('helps when the tab is not Gmail or LinkedIn, when no composer is open, and when nothing is flagged', async () => {
    const other = await browser.context.newPage();
    // localhost is the one name the host rules leave alone: a page Rapport has no content script on.
    await other.goto(`https://localhost:${browser.server.port}/`);
    let popup = await openPopup(await tabIdOf(other));
    await popup.getByRole('heading', { name: 'Rapport works in Gmail and LinkedIn' }).waitFor();
    expect(await popup.textContent('main')).toContain('mail.google.com');

    const inbox = await browser.context.newPage();
    await inbox.goto('https://mail.google.com/mail/u/0/');
    popup = await openPopup(await tabIdOf(inbox));
    await popup.getByRole('heading', { name: 'No draft open' }).waitFor();

    const clean = await composeWith(['Hi Sam,', 'I enjoyed your talk on onboarding. Would a checklist help your team?']);
    popup = await openPopup(await tabIdOf(clean));
    await popup.getByRole('heading', { name: 'Nothing flagged' }).waitFor();
    expect(await popup.locator('.all-clear').textContent()).toMatch(/Nice work/);
  });

  it('switches Rapport off for the site and back on', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    const popup = await openPopup(await tabIdOf(page));
    await popup.locator('.finding').first().waitFor();
    const siteSwitch = popup.getByRole('switch', { name: 'On for mail.google.com' });
    await siteSwitch.uncheck();
    await popup.getByRole('heading', { name: 'Rapport is off on mail.google.com' }).waitFor();
    expect(JSON.stringify(await storedSettings())).toContain('"disabledSites":["mail.google.com"]');
    await siteSwitch.check();
    await expect.poll(async () => JSON.stringify(await storedSettings())).toContain('"disabledSites":[]');
    // As a person would: click back into the draft (from the subject line), and Rapport reviews it again.
    await page.bringToFront();
    await page.locator('input[name=subjectbox]').first().click();
    await page.locator(NEW_BODY).first().click();
    await popup.locator('.finding').first().waitFor();
  });

  it('is usable by keyboard alone: every control is reached with a visible focus ring, and Enter activates', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    const popup = await openPopup(await tabIdOf(page));
    await expect.poll(() => popup.locator('.finding').count()).toBe(2);
    const controls = await tagControls(popup);
    const reached = await tabThrough(popup, controls.length + 5);
    expect(reached.map((r) => r.id).sort()).toEqual([...controls].sort());
    expect(reached.filter((r) => !r.visibleFocus)).toEqual([]);

    await popup.getByRole('button', { name: 'Jump to “close the deal” in the draft' }).focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('close the deal');
  });
});

describe('options page', () => {
  it('category off, rule muted and user phrase added change the highlights of an open composer live', async () => {
    const page = await composeWith(['Can we close the deal? This offer expires tonight. Let me circle back.']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal', 'offer expires tonight']);
    const options = await openOptions();

    await options.getByRole('switch', { name: /Manufactured urgency/ }).uncheck();
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal']);

    await options.getByLabel('Search rules').fill('close the deal');
    // The search lists every rule that speaks of closing the deal; the one that flagged this draft is among them.
    await expect.poll(() => options.locator('input[data-rule]').count()).toBeGreaterThan(1);
    // Its examples come with it (virtual:rapport/examples, which the content script does not carry): flagged ones as text.
    const rule = options.locator('li.rule', { has: options.locator('input[data-rule="close-the-deal"]') });
    await rule.getByText('Examples', { exact: true }).click();
    const examples = builtInExamples('close-the-deal');
    await expect.poll(() => rule.locator('ul.examples li').allTextContents()).toEqual([...examples.flag.map((e) => e.text), ...examples.pass]);
    await options.locator('input[data-rule="close-the-deal"]').uncheck();
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual([]);

    const form = options.getByRole('form', { name: 'Add a phrase' });
    await form.getByLabel('Phrase', { exact: true }).fill('circle back');
    await form.getByLabel('Why it is pushy').fill('Vague: say when and why you will write again.');
    await form.getByLabel('Category').selectOption('closing');
    await form.getByRole('button', { name: 'Add phrase' }).click();
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['circle back']);
    await options.getByRole('button', { name: 'Delete “circle back”' }).waitFor();
  });

  it('shows the linter’s own reason for a phrase it would reject, and saves nothing', async () => {
    const options = await openOptions();
    const before = await storedSettings();
    const form = options.getByRole('form', { name: 'Add a phrase' });
    await form.getByLabel('Phrase', { exact: true }).fill('one two three four five six seven eight nine');
    await form.getByLabel('Why it is pushy').fill('Too long.');
    await form.getByRole('button', { name: 'Add phrase' }).click();
    await expect.poll(() => form.locator('.error').textContent()).toBe('Phrase has 9 words; keep it to 8 or fewer.');
    expect(await form.getByLabel('Phrase', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => options.evaluate(() => document.activeElement?.id)).toBe('new-phrase-phrase');
    expect(await storedSettings()).toEqual(before);
  });

  it('a malformed or foreign settings import shows an error and keeps the settings; an export imports back', async () => {
    const options = await openOptions();
    await options.getByRole('radio', { name: /Balanced/ }).check();
    await expect.poll(async () => JSON.stringify(await storedSettings())).toContain('"sensitivity":"balanced"');
    const before = await storedSettings();

    const upload = (name: string, text: string) =>
      options.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await upload('broken.json', '{"version": 1, "sensitivity": ');
    await expect.poll(() => options.getByRole('alert').textContent()).toMatch(/not valid JSON.*Nothing was changed\./);
    expect(await storedSettings()).toEqual(before);
    await upload('other.json', '{"theme": "dark"}');
    await expect.poll(() => options.getByRole('alert').textContent()).toMatch(/not a Rapport settings file/);
    expect(await storedSettings()).toEqual(before);
    expect(await options.getByRole('radio', { name: /Balanced/ }).isChecked()).toBe(true);

    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export settings' }).click();
    const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(exported).toMatchObject({ version: 1, sensitivity: 'balanced' });
    await options.getByRole('radio', { name: /Strict/ }).check();
    await upload('rapport-settings.json', JSON.stringify(exported));
    await expect.poll(() => options.getByRole('radio', { name: /Balanced/ }).isChecked()).toBe(true);
    expect(await options.getByRole('alert').count()).toBe(0);
  });

  it('resets to defaults after confirmation', async () => {
    const options = await openOptions();
    await options.getByRole('radio', { name: /Gentle/ }).check();
    await expect.poll(async () => JSON.stringify(await storedSettings())).toContain('"sensitivity":"gentle"');
    await options.getByRole('button', { name: 'Reset to defaults…' }).click();
    await options.getByRole('button', { name: 'Yes, reset everything' }).click();
    await expect.poll(() => options.getByRole('radio', { name: /Strict/ }).isChecked()).toBe(true);
  });

  it('is usable by keyboard alone: every control is reached with a visible focus ring, and Space toggles', async () => {
    const options = await openOptions();
    const controls = await tagControls(options);
    const reached = await tabThrough(options, controls.length + 5);
    // Radio groups are one tab stop: arrow keys move inside them.
    const radios = await options.locator('input[type=radio]').evaluateAll((els) => els.map((el) => el.getAttribute('data-probe-id')!));
    const expected = controls.filter((id) => !radios.slice(1).includes(id) && id !== radios[0]);
    const reachedIds = reached.map((r) => r.id).filter((id) => !radios.includes(id));
    expect(reachedIds.sort()).toEqual(expected.sort());
    expect(reached.filter((r) => !r.visibleFocus)).toEqual([]);

    await options.getByRole('switch', { name: /Shame and guilt/ }).focus();
    await options.keyboard.press('Space');
    await expect.poll(async () => JSON.stringify(await storedSettings())).toContain('"disabledCategories":["shame"]');
    await options.getByRole('radio', { name: /Strict/ }).focus();
    await options.keyboard.press('ArrowUp');
    await expect.poll(async () => JSON.stringify(await storedSettings())).toContain('"sensitivity":"balanced"');
  });
});

describe('category colours and names', () => {
  it('are the same in the page (card dot and label) as in the popup and on the badge', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal', 'offer expires tonight']);
    const inPage: Record<string, { colour: string; label: string }> = {};
    // The popup groups findings by category: closing holds "close the deal", urgency the offer's deadline.
    for (const [phrase, category] of [['close the deal', 'closing'], ['offer expires tonight', 'urgency']] as const) {
      const point = await highlightPoint(page, phrase, NEW_BODY);
      await page.mouse.move(point.x, point.y);
      const header = page.locator('rapport-ui .card header');
      await expect.poll(async () => (await header.isVisible()) && (await header.textContent())?.length).toBeTruthy();
      inPage[category] = await header.evaluate((el) => ({ colour: getComputedStyle(el.querySelector('.dot')!).backgroundColor, label: el.textContent!.trim() }));
      await page.mouse.move(1, 1);
      await expect.poll(() => page.locator('rapport-ui .card').count()).toBe(0);
    }
    expect(inPage.closing!.colour).not.toBe(inPage.urgency!.colour);
    const tabId = await tabIdOf(page);
    const popup = await openPopup(tabId);
    for (const category of ['closing', 'urgency']) {
      const group = popup.locator(`.group[data-category=${category}]`);
      await group.waitFor();
      expect(await group.locator('.finding mark').allTextContents()).toContain(category === 'closing' ? 'close the deal' : 'offer expires tonight');
      const inPopup = await group.evaluate((el) => ({
        colour: getComputedStyle(el.querySelector('.finding')!).borderLeftColor,
        label: el.querySelector('.group-title')!.textContent!,
      }));
      expect(inPopup.colour, category).toBe(inPage[category]!.colour);
      expect(inPopup.label.toLowerCase(), category).toContain(inPage[category]!.label.toLowerCase());
    }
    // The badge takes the most serious category's colour, the same one the page shows for it.
    const rgb = inPage.closing!.colour.match(/\d+/g)!.map(Number);
    await expect.poll(async () => (await badgeOf(tabId)).colour).toEqual([...rgb, 255]);
  });
});

describe('badge', () => {
  it('shows each tab’s count, tinted by the most serious category, and clears when the draft is clean', async () => {
    const two = await composeWith(PUSHY_DRAFT);
    const one = await composeWith(['Hi Sam,', 'This offer expires tonight.']);
    await expect.poll(() => highlightedTexts(two, NEW_BODY)).toHaveLength(2);
    await expect.poll(() => highlightedTexts(one, NEW_BODY)).toHaveLength(1);
    const twoId = await tabIdOf(two);
    const oneId = await tabIdOf(one);
    expect(twoId).not.toBe(oneId);
    await expect.poll(() => badgeOf(twoId)).toEqual({ text: '2', colour: [0xc2, 0x41, 0x0c, 255] });
    await expect.poll(() => badgeOf(oneId)).toEqual({ text: '1', colour: [0xa1, 0x5c, 0x07, 255] });

    await one.bringToFront();
    await one.locator(NEW_BODY).first().evaluate((el) => (el as HTMLElement).focus());
    await one.keyboard.press('Control+a');
    await one.keyboard.press('Delete');
    await expect.poll(async () => (await badgeOf(oneId)).text).toBe('');
    expect((await badgeOf(twoId)).text).toBe('2');
  });

  it('ignores messages that do not come from a content script in a tab', async () => {
    const options = await openOptions();
    const optionsTab = await tabIdOf(options);
    // An extension page is not a tab's content script: the worker must not badge anything for it.
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'rapport:badge', count: 7, worst: 'shame' }).catch(() => undefined));
    expect((await badgeOf(optionsTab)).text).toBe('');
  });
});

describe('in-page card', () => {
  it('is captured for the README', async () => {
    const page = await composeWith(PUSHY_DRAFT);
    await page.setViewportSize({ width: 1100, height: 640 });
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toContain('close the deal');
    const point = await highlightPoint(page, 'close the deal', NEW_BODY);
    await page.mouse.move(point.x, point.y);
    const card = page.locator('rapport-ui .card');
    await expect.poll(() => card.isVisible()).toBe(true);
    const compose = (await page.locator('[data-fixture-compose=popup]').first().boundingBox())!;
    const cardBox = (await card.boundingBox())!;
    const left = Math.max(0, Math.min(compose.x, cardBox.x) - 8);
    const top = Math.max(0, Math.min(compose.y, cardBox.y) - 8);
    const right = Math.max(compose.x + compose.width, cardBox.x + cardBox.width) + 8;
    const bottom = Math.max(compose.y + compose.height, cardBox.y + cardBox.height) + 8;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'card.png'), clip: { x: left, y: top, width: right - left, height: bottom - top } });
  });
});
