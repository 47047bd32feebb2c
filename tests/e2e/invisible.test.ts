// What the page itself can see of Rapport, in Chromium with the release build (dist/, no test probes): after a whole
// type → flag → apply → undo session it finds no extension URL, id or rapport-named thing in its DOM, no open shadow
// root with findings, no performance entries, no product-named highlights, and cannot fetch the extension's files.

import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from '../support/browser';
import { ensureBuilt, extensionWorld, recordRapportLogs, RELEASE_DIST } from '../support/page';

let browser: LaunchedBrowser;
let rapportErrors: string[] = [];

beforeAll(async () => {
  ensureBuilt(RELEASE_DIST);
  browser = await launchWithExtension(RELEASE_DIST);
  rapportErrors = recordRapportLogs(browser.context);
});
afterAll(async () => browser?.close());
afterEach(() => expect(rapportErrors).toEqual([]));

/** Installed before any page script: what a curious page would record while the user writes. */
function recordFromThePage(): void {
  const seen = { untrusted: [] as string[], messages: [] as string[] };
  (window as unknown as { __pageSaw: typeof seen }).__pageSaw = seen;
  const types = ['input', 'beforeinput', 'keydown', 'keyup', 'keypress', 'focus', 'blur', 'focusin', 'focusout', 'click',
    'mousedown', 'mouseup', 'mouseover', 'mousemove', 'pointerdown', 'change', 'select', 'selectionchange', 'scroll', 'resize',
    'compositionstart', 'compositionend', 'paste', 'copy', 'toggle', 'beforetoggle', 'animationstart', 'transitionend'];
  for (const type of types) {
    window.addEventListener(type, (e) => { if (!e.isTrusted) seen.untrusted.push(`${type} on ${(e.target as Element)?.localName ?? 'window'}`); }, true);
  }
  window.addEventListener('message', (e) => seen.messages.push(JSON.stringify(e.data)), true);
}

interface PageView {
  /** Tag names, attribute names and values anywhere in the DOM (open shadow roots included) that mention Rapport. */
  rapportNames: string[];
  extensionUrlInDom: boolean;
  extensionIdInDom: boolean;
  /** Elements Rapport added at the top of the document: what they look like from the page. */
  hosts: { tag: string; attributes: string[]; openShadowRoot: boolean }[];
  /** Open shadow roots (and any root reachable from a highlight's ranges) whose text holds a finding's message. */
  rootsShowingFindings: number;
  /** Roots a page script can reach, and how: 'open' or 'highlight' (from a Range in CSS.highlights). */
  reachableRoots: string[];
  performanceEntries: string[];
  highlights: { name: string; texts: string[] }[];
  stylesMentioningRapport: string[];
  globals: string[];
  saw: { untrusted: string[]; messages: string[] };
}

async function pageView(page: Page, extensionId: string, findingMessages: string[]): Promise<PageView> {
  return page.evaluate(([id, messages]) => {
    const elements: Element[] = [];
    const roots: { root: ShadowRoot; how: string }[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        elements.push(el);
        if (el.shadowRoot) {
          roots.push({ root: el.shadowRoot, how: 'open' });
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    const highlights = [...CSS.highlights].map(([name, h]) => ({ name, ranges: [...(h as unknown as Iterable<Range>)] }));
    for (const { ranges } of highlights) {
      for (const range of ranges) {
        const root = range.startContainer.getRootNode();
        if (root instanceof ShadowRoot && !roots.some((r) => r.root === root)) roots.push({ root, how: 'highlight' });
      }
    }
    const html = document.documentElement.outerHTML + roots.map((r) => r.root.innerHTML).join('');
    const names = elements.flatMap((el) => [el.localName, ...[...el.attributes].flatMap((a) => [a.name, a.value])]);
    const sheets = [...document.adoptedStyleSheets, ...document.styleSheets].flatMap((sheet) => {
      try {
        return [...sheet.cssRules].map((r) => r.cssText);
      } catch {
        return [];
      }
    });
    const shows = (text: string) => messages.some((m) => text.includes(m));
    return {
      rapportNames: names.filter((n) => /rapport/i.test(n)),
      extensionUrlInDom: /chrome-extension:/i.test(html),
      extensionIdInDom: html.includes(id),
      hosts: [...document.documentElement.children]
        .filter((el) => el !== document.head && el !== document.body)
        .map((el) => ({ tag: el.localName, attributes: el.getAttributeNames(), openShadowRoot: el.shadowRoot !== null })),
      rootsShowingFindings: roots.filter((r) => shows(r.root.textContent ?? '')).length + (shows(document.documentElement.textContent ?? '') ? 1 : 0),
      reachableRoots: roots.map((r) => r.how),
      performanceEntries: performance.getEntries()
        .filter((e) => e.entryType === 'mark' || e.entryType === 'measure' || /rapport|chrome-extension/i.test(e.name))
        .map((e) => `${e.entryType} ${e.name}`),
      highlights: highlights.map(({ name, ranges }) => ({ name, texts: ranges.map((r) => r.toString()) })),
      stylesMentioningRapport: sheets.filter((t) => /rapport/i.test(t)),
      globals: Object.getOwnPropertyNames(window).filter((n) => /rapport/i.test(n)),
      saw: (window as unknown as { __pageSaw: PageView['saw'] }).__pageSaw,
    };
  }, [extensionId, findingMessages] as const);
}

/** The card's first rewrite and its on-screen centre, read inside Rapport's own world (its shadow root is closed). */
interface CardSeen {
  message: string;
  rewrite: string;
  x: number;
  y: number;
}

const READ_CARD = `(() => {
  for (const el of document.documentElement.children) {
    const root = chrome.dom.openOrClosedShadowRoot(el);
    const card = root && root.querySelector('[role=dialog]');
    if (!card) continue;
    const apply = card.querySelector('[data-action=apply]');
    if (!apply) return null;
    const rect = apply.getBoundingClientRect();
    return { message: card.querySelector('.message').textContent, rewrite: apply.textContent.trim(), x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }
  return null;
})()`;

/** Where the page sees a highlighted range with this text (any highlight name), for hovering it. */
async function pointOver(page: Page, text: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((wanted) => {
    for (const [, highlight] of CSS.highlights) {
      for (const range of highlight as unknown as Iterable<Range>) {
        if (range.toString() !== wanted) continue;
        const rect = range.getClientRects()[0];
        // Near the start: a small field's chip can sit over the middle of the words.
        if (rect) return { x: rect.left + Math.min(rect.width / 2, 4), y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, text);
}

async function highlightedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => [...CSS.highlights].flatMap(([, h]) => [...(h as unknown as Iterable<Range>)].map((r) => r.toString())).sort());
}

/**
 * Hovers the flagged phrase, clicks the card's first rewrite, checks the draft (the rewrite replaces `replaced`, the
 * clause or sentence around the phrase), then undoes it with Ctrl+Z.
 */
async function applyAndUndo(page: Page, phrase: string, replaced: string, read: () => Promise<string>): Promise<CardSeen> {
  await expect.poll(() => highlightedTexts(page)).toContain(phrase);
  const original = await read();
  const world = await extensionWorld(page);
  let card: CardSeen | null = null;
  // A card opened on a half-typed sentence has no rewrite that fits yet (advice only) and closes when the relint of
  // the whole sentence replaces its finding: hover again until the card offers a rewrite.
  await expect
    .poll(async () => {
      const point = (await pointOver(page, phrase))!;
      await page.mouse.move(point.x, point.y);
      card = await world.evaluate<CardSeen | null>(READ_CARD);
      if (!card) await page.mouse.move(0, 0);
      return card;
    })
    .not.toBeNull();
  const seen = card! as CardSeen;
  await page.mouse.click(seen.x, seen.y);
  await expect.poll(read).toBe(original.replace(replaced, seen.rewrite));
  await expect.poll(() => highlightedTexts(page)).not.toContain(phrase);
  await page.keyboard.press('Control+z');
  await expect.poll(read).toBe(original);
  await expect.poll(() => highlightedTexts(page)).toContain(phrase);
  return seen;
}

function expectNothingVisible(view: PageView): void {
  expect(view.rapportNames).toEqual([]);
  expect(view.extensionUrlInDom).toBe(false);
  expect(view.extensionIdInDom).toBe(false);
  // Rapport's hosts are there (so these checks can fail), plain and closed.
  expect(view.hosts.length).toBeGreaterThan(0);
  for (const host of view.hosts) expect(host).toEqual({ tag: 'div', attributes: [], openShadowRoot: false });
  expect(view.rootsShowingFindings).toBe(0);
  expect(view.performanceEntries).toEqual([]);
  expect(view.stylesMentioningRapport).toEqual([]);
  expect(view.globals).toEqual([]);
  expect(view.saw.messages).toEqual([]);
  // Highlights are painted (the page can see ranges), under names that say nothing about the product.
  expect(view.highlights.some((h) => h.texts.length > 0)).toBe(true);
  for (const { name } of view.highlights) expect(name).not.toMatch(/rapport|urgency|closing|shame|self-centred/i);
}

/** Every file of the build, as the page would guess them, plus paths older builds exposed. */
function extensionPaths(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(RELEASE_DIST, join(dir, e.name))]));
  return [...walk(RELEASE_DIST), 'assets/builtin-DnVY9wSI.js', 'assets/controller-BRTmAsAh.js'];
}

describe('what the page can see', () => {
  it('Gmail: after typing, a flag, a mouse apply and Ctrl+Z, the page finds no trace of Rapport', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(recordFromThePage);
    const pageConsole: string[] = [];
    page.on('console', (m) => pageConsole.push(m.text()));
    await page.goto('https://mail.google.com/mail/u/0/');
    await page.click('#open-compose');
    const body = page.locator('[data-fixture-editor="gmail-popup-new-body"]');
    await expect.poll(() => body.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Hi Sam,');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Can we close the deal this week? This offer expires tonight.');
    const card = await applyAndUndo(page, 'close the deal', 'Can we close the deal this week?', () => body.evaluate((el) => (el as HTMLElement).innerText));
    const view = await pageView(page, browser.extensionId!, [card.message]);
    expectNothingVisible(view);
    expect(view.reachableRoots).toEqual([]);
    // Applying goes through the editor's own input path (execCommand): the page sees trusted edits, as from typing.
    expect(view.saw.untrusted).toEqual([]);
    expect(pageConsole.filter((m) => /rapport/i.test(m))).toEqual([]);
    await page.close();
  });

  it('LinkedIn: a textarea session leaves no trace either; its highlight ranges lead only to a copy of the field text', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(recordFromThePage);
    await page.goto('https://www.linkedin.com/__fixture/linkedin-generic.html');
    const field = page.locator('[data-fixture-editor="linkedin-plain-textarea"]');
    await field.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Happy to share notes, but we need to close the deal this week.');
    const card = await applyAndUndo(page, 'close the deal', 'we need to close the deal this week', () => field.inputValue());
    const view = await pageView(page, browser.extensionId!, [card.message]);
    expectNothingVisible(view);
    // The one root a page can reach (through a Range in CSS.highlights) is the transparent mirror of its own field.
    expect(view.reachableRoots.filter((how) => how === 'highlight')).toHaveLength(1);
    await page.close();
  });

  it('cannot fetch, import or load any file of the extension, though the extension itself can', async () => {
    const id = browser.extensionId!;
    const urls = extensionPaths().map((p) => `chrome-extension://${id}/${p}`);
    const page = await browser.context.newPage();
    await page.goto('https://www.linkedin.com/feed/');
    const fromPage = await page.evaluate(async (list) => {
      const attempt = async (url: string) => {
        const fetched = await fetch(url).then((r) => `fetched ${r.status}`, () => 'blocked');
        const script = await new Promise<string>((resolve) => {
          const el = document.createElement('script');
          el.type = url.endsWith('.js') ? 'module' : 'text/plain';
          el.onload = () => resolve('ran');
          el.onerror = () => resolve('blocked');
          el.src = url;
          document.head.append(el);
          if (el.type === 'text/plain') resolve('blocked');
        });
        const image = await new Promise<string>((resolve) => {
          const img = new Image();
          img.onload = () => resolve('loaded');
          img.onerror = () => resolve('blocked');
          img.src = url;
        });
        return [fetched, script, image].filter((r) => r !== 'blocked').map((r) => `${url}: ${r}`);
      };
      return (await Promise.all(list.map(attempt))).flat();
    }, urls);
    expect(fromPage).toEqual([]);
    // The same URLs are right: inside the extension (its service worker) the real files load.
    const worker = browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${id}/`))!;
    const fromExtension = await worker.evaluate(
      async (list) => Promise.all(list.map((url) => fetch(url).then((r) => r.status, () => 0))),
      urls.filter((u) => /manifest\.json|content\/index\.js|icon-16/.test(u)),
    );
    expect(fromExtension).toEqual([200, 200, 200]);
    await page.close();
  });
});
