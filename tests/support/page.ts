// Helpers for end-to-end tests that inspect what Rapport shows on a page: highlighted ranges, the card, the chip.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Request } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = resolve(ROOT, 'dist');

/** The end-to-end tests run against the real build; build it once when a test run starts without one. */
export function ensureBuilt(): void {
  if (!existsSync(resolve(DIST, 'manifest.json'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
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

/** Resolves once Rapport has relinted after the latest input event it saw (its performance marks are page-visible). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const relints = performance.getEntriesByName('rapport:relint');
    const inputs = performance.getEntriesByName('rapport:input');
    const lastRelint = relints.at(-1);
    const lastInput = inputs.at(-1);
    return !!lastRelint && (!lastInput || lastRelint.startTime > lastInput.startTime);
  });
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
