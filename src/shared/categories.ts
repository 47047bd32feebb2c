// How each finding category is named, ranked and coloured everywhere Rapport shows it: the page (highlights,
// card, chip), the toolbar badge, the popup and the options page. The one source of these names and colours.

import { CATEGORIES, type Category } from '../engine/types';

export interface CategoryInfo {
  label: string;
  /** One line for people deciding whether to switch the category off. */
  summary: string;
  /** Lower is more serious; the badge is tinted by the most serious category present. */
  rank: number;
  /** Highlights, dots and badge on light surfaces: white badge text on it meets WCAG AA (≥ 4.5:1). */
  colour: string;
  /** The same category on dark surfaces (popup and options in dark mode): ≥ 3:1 against their background. */
  darkColour: string;
}

export const CATEGORY_INFO: Readonly<Record<Category, CategoryInfo>> = {
  shame: {
    label: 'Shame and guilt',
    summary: 'Guilt trips and put-downs that make the reader feel small for not replying or not buying.',
    rank: 0,
    colour: '#b91c1c',
    darkColour: '#ff8f8f',
  },
  closing: {
    label: 'Pushing to close',
    summary: 'Pressure to sign, buy or book before the reader has said what they need.',
    rank: 1,
    colour: '#c2410c',
    darkColour: '#ffab70',
  },
  urgency: {
    label: 'Manufactured urgency',
    summary: 'Deadlines and scarcity the reader did not ask for.',
    rank: 2,
    colour: '#a15c07',
    darkColour: '#f2c14e',
  },
  'self-centred': {
    label: 'About us, not them',
    summary: 'Copy that talks about the sender instead of the reader and their situation.',
    rank: 3,
    colour: '#6d28d9',
    darkColour: '#c4a5ff',
  },
};

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** Categories from most to least serious. */
export const CATEGORIES_BY_RANK: readonly Category[] = [...CATEGORIES].sort(
  (a, b) => CATEGORY_INFO[a].rank - CATEGORY_INFO[b].rank,
);

/** The category colours as CSS custom properties (--cat-<category>) for the popup and options page, light and dark. */
export function categoryColoursCss(): string {
  const vars = (pick: (info: CategoryInfo) => string) =>
    CATEGORIES.map((c) => `--cat-${c}: ${pick(CATEGORY_INFO[c])};`).join(' ');
  return `:root { ${vars((i) => i.colour)} }\n@media (prefers-color-scheme: dark) { :root { ${vars((i) => i.darkColour)} } }`;
}

/** Adds the category colours to an extension page without inline styles (a constructed, adopted sheet). */
export function adoptCategoryColours(doc: Document): void {
  const sheet = new doc.defaultView!.CSSStyleSheet();
  sheet.replaceSync(categoryColoursCss());
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
