// The one stylesheet Rapport adds to a page (and to shadow roots holding an editor): highlight colours per category.

import type { Category } from '../engine/types';

export const CATEGORY_COLOURS: Record<Category, string> = {
  shame: '#9333ea',
  closing: '#dc2626',
  urgency: '#c2410c',
  'self-centred': '#2563eb',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  shame: 'Shame',
  closing: 'Closing',
  urgency: 'Urgency',
  'self-centred': 'Self-centred',
};

export function highlightName(category: Category): string {
  return `rapport-${category}`;
}

export const HIGHLIGHT_CSS = Object.entries(CATEGORY_COLOURS)
  .map(
    ([category, colour]) =>
      `::highlight(${highlightName(category as Category)}) { text-decoration: underline wavy ${colour}; ` +
      `text-decoration-thickness: 1.5px; text-underline-offset: 3px; background-color: ${colour}1f; }`,
  )
  .join('\n');

const adopted = new WeakSet<Document | ShadowRoot>();
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
