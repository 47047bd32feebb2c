// Helpers for end-to-end tests that inspect what Rapport shows on a page: highlighted ranges, the card, the chip.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The e2e build (vite build --mode e2e): the release build plus the probes of src/content/probes.ts (performance
 * marks, an open shadow root, readable highlight names) that these helpers read from the page.
 */
export const DIST = resolve(ROOT, 'dist-e2e');
/** The release build, exactly what ships; tests/e2e/invisible.test.ts proves the page sees none of the probes there. */
export const RELEASE_DIST = resolve(ROOT, 'dist');

/** The end-to-end tests run against real builds; build one once when a test run starts without it. */
export function ensureBuilt(dist = DIST): void {
  if (!existsSync(resolve(dist, 'manifest.json'))) {
    const mode = dist === DIST ? ['--mode', 'e2e'] : [];
    execFileSync('npx', ['vite', 'build', ...mode, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
}

export interface Highlighted {
  category: string;
  text: string;
}

interface PaintedRange extends Highlighted {
  /** A point inside the range's first line box, for hovering it. */
  point: { x: number; y: number } | null;
}

/**
 * Every range Rapport has registered with the CSS Custom Highlight API, optionally only those inside the first
 * element matching `within` (searched through open shadow roots; a field's ranges live on Rapport's mirror laid
 * exactly over it).
 */
async function paintedRanges(page: Page, within?: string): Promise<PaintedRange[]> {
  return page.evaluate((selector) => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const direct = root.querySelector(selector!);
      if (direct) return direct;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const f = find(el.shadowRoot); if (f) return f; }
      return null;
    };
    const inside = (scope: Element, range: Range): boolean => {
      if (scope.contains(range.startContainer)) return true;
      const mirror = range.startContainer.parentElement;
      if (!mirror?.classList.contains('field-mirror')) return false;
      const a = scope.getBoundingClientRect();
      const b = mirror.getBoundingClientRect();
      return Math.abs(a.left - b.left) < 1 && Math.abs(a.top - b.top) < 1 && Math.abs(a.width - b.width) < 1;
    };
    const scope = selector ? find(document) : null;
    const out: { category: string; text: string; point: { x: number; y: number } | null }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('rapport-')) continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        if (scope && !inside(scope, range)) continue;
        const rect = range.getClientRects()[0];
        const point = rect ? { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 } : null;
        out.push({ category: name.slice('rapport-'.length), text: range.toString(), point });
      }
    }
    return out;
  }, within ?? null);
}

/** Highlighted text by category, sorted by category then text. */
export async function highlighted(page: Page, within?: string): Promise<Highlighted[]> {
  return (await paintedRanges(page, within))
    .map(({ category, text }) => ({ category, text }))
    .sort((a, b) => a.category.localeCompare(b.category) || a.text.localeCompare(b.text));
}

export async function highlightedTexts(page: Page, within?: string): Promise<string[]> {
  return (await highlighted(page, within)).map((h) => h.text).sort();
}

/** Resolves once Rapport has relinted after the latest input event it saw (the e2e build's performance marks). */
export async function settled(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => {
      const relints = performance.getEntriesByName('rapport:relint');
      const inputs = performance.getEntriesByName('rapport:input');
      const lastRelint = relints.at(-1);
      const lastInput = inputs.at(-1);
      return !!lastRelint && (!lastInput || lastRelint.startTime > lastInput.startTime);
    });
  } catch (error) {
    const seen = await page.evaluate(() => ({
      relints: performance.getEntriesByName('rapport:relint').map((e) => Math.round(e.startTime)),
      inputs: performance.getEntriesByName('rapport:input').map((e) => Math.round(e.startTime)),
    }));
    throw new Error(`no relint after the last input: ${JSON.stringify(seen)}; Rapport logged: ${JSON.stringify(rapportLogs(page))}`, { cause: error });
  }
}

const logs = new WeakMap<Page, string[]>();

/** Everything Rapport wrote to a page's console; it logs only when it stands down after an internal error. */
export function rapportLogs(page: Page): string[] {
  return logs.get(page) ?? [];
}

/** Records Rapport's console messages for every page of a browser context. */
export function recordRapportLogs(context: import('playwright-core').BrowserContext): string[] {
  const all: string[] = [];
  context.on('page', (page) => {
    const mine: string[] = [];
    logs.set(page, mine);
    page.on('console', (message) => {
      if (!message.text().includes('[Rapport]')) return;
      mine.push(message.text());
      all.push(`${page.url()}: ${message.text()}`);
    });
  });
  return all;
}

/** Records every request the browser context makes that is not for the fixture page itself. */
export function watchRequests(page: Page, allowed: (url: string) => boolean): Request[] {
  const stray: Request[] = [];
  page.context().on('request', (request) => {
    if (!allowed(request.url())) stray.push(request);
  });
  return stray;
}

/** A point inside the highlighted range whose text is `text` (optionally inside `within`). */
export async function highlightPoint(page: Page, text: string, within?: string): Promise<{ x: number; y: number }> {
  const point = (await paintedRanges(page, within)).find((r) => r.text === text)?.point;
  if (!point) throw new Error(`no highlight with text "${text}"`);
  return point;
}

/**
 * Event listeners Rapport's content script has on an element. CDP reports only the listeners of the world an
 * object is resolved in, so the element is held and inspected inside the extension's isolated world.
 */
export async function extensionWorld(page: Page): Promise<{
  hold(name: string, expression: string): Promise<void>;
  listenerTypes(name: string): Promise<string[]>;
  /** Evaluates an expression in Rapport's isolated world (where chrome.dom can open its closed shadow roots). */
  evaluate<T>(expression: string): Promise<T>;
}> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const contextId = () => {
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
    if (!world) throw new Error(`no extension world among ${JSON.stringify(contexts.map((c) => c.origin))}`);
    return world.id;
  };
  return {
    async hold(name, expression) {
      await cdp.send('Runtime.evaluate', { expression: `globalThis[${JSON.stringify(name)}] = ${expression}`, contextId: contextId() });
    },
    async listenerTypes(name) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: `globalThis[${JSON.stringify(name)}]`, contextId: contextId() });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      return listeners.map((l) => l.type).sort();
    },
    async evaluate<T>(expression: string) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: contextId(), returnByValue: true, awaitPromise: true });
      if (exceptionDetails) throw new Error(`in the extension world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as T;
    },
  };
}

/** The body of the Gmail fixture's pop-up compose that #open-compose opens. */
export const GMAIL_NEW_BODY = '[data-fixture-editor="gmail-popup-new-body"]';

/** Types lines as a person would, one Enter between them. */
export async function typeLines(page: Page, lines: readonly string[]): Promise<void> {
  for (const [i, line] of lines.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
}

/** Opens Gmail's pop-up compose on a new page, waits until its body has focus, and types `lines` into it. */
export async function openGmailCompose(context: BrowserContext, lines: readonly string[] = []): Promise<Page> {
  const page = await context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/');
  await page.click('#open-compose');
  await expect.poll(() => page.evaluate((sel) => document.activeElement?.matches(sel), GMAIL_NEW_BODY)).toBe(true);
  await typeLines(page, lines);
  return page;
}
