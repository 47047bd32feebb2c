// The one stylesheet Rapport adds to a page (and to shadow roots holding an editor): highlight colours per category.

import { CATEGORIES, type Category } from '../engine/types';
import { CATEGORY_INFO } from '../shared/categories';
import { PROBES } from './probes';

/** Page colours and names come from the one source the toolbar uses too. */
export const CATEGORY_COLOURS: Record<Category, string> = Object.fromEntries(
  CATEGORIES.map((c) => [c, CATEGORY_INFO[c].colour]),
) as Record<Category, string>;

export const CATEGORY_LABELS: Record<Category, string> = Object.fromEntries(
  CATEGORIES.map((c) => [c, CATEGORY_INFO[c].label]),
) as Record<Category, string>;

/**
 * A fresh name per page load: CSS.highlights and document.adoptedStyleSheets are shared with the page, so a fixed
 * name would announce Rapport to any script that lists them. The e2e build keeps readable rapport-<category> names.
 */
const SESSION_NAMES = new Map<Category, string>(
  Object.keys(CATEGORY_COLOURS).map((category) => {
    // A CSS identifier: a letter, then random base-36 digits.
    const random = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');
    return [category as Category, PROBES ? `rapport-${category}` : `h${random}`];
  }),
);

export function highlightName(category: Category): string {
  return SESSION_NAMES.get(category)!;
}

export const HIGHLIGHT_CSS = Object.entries(CATEGORY_COLOURS)
  .map(
    ([category, colour]) =>
      `::highlight(${highlightName(category as Category)}) { text-decoration: underline wavy ${colour}; ` +
      `text-decoration-thickness: 1.5px; text-underline-offset: 3px; background-color: ${colour}1f; }`,
  )
  .join('\n');

const adopted = new Set<Document | ShadowRoot>();
let sheet: CSSStyleSheet | null = null;

/** Adds the highlight styles to a document or shadow root once, without touching its DOM (a constructed, adopted sheet). */
export function adoptHighlightStyles(root: Document | ShadowRoot): void {
  if (adopted.has(root)) return;
  adopted.add(root);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
  }
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** Takes the highlight styles back out of every document and shadow root they were added to. */
export function removeHighlightStyles(): void {
  for (const root of adopted) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
  adopted.clear();
}
