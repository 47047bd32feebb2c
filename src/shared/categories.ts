// How each finding category is named, ranked and coloured in the toolbar, popup and options page.

import { CATEGORIES, type Category } from '../engine/types';

export interface CategoryInfo {
  label: string;
  /** One line for people deciding whether to switch the category off. */
  summary: string;
  /** Lower is more serious; the badge is tinted by the most serious category present. */
  rank: number;
  /** Badge background: white text on it meets WCAG AA (≥ 4.5:1). */
  badge: string;
}

export const CATEGORY_INFO: Readonly<Record<Category, CategoryInfo>> = {
  shame: {
    label: 'Shame and guilt',
    summary: 'Guilt trips and put-downs that make the reader feel small for not replying or not buying.',
    rank: 0,
    badge: '#b91c1c',
  },
  closing: {
    label: 'Pushing to close',
    summary: 'Pressure to sign, buy or book before the reader has said what they need.',
    rank: 1,
    badge: '#c2410c',
  },
  urgency: {
    label: 'Manufactured urgency',
    summary: 'Deadlines and scarcity the reader did not ask for.',
    rank: 2,
    badge: '#a15c07',
  },
  'self-centred': {
    label: 'About us, not them',
    summary: 'Copy that talks about the sender instead of the reader and their situation.',
    rank: 3,
    badge: '#6d28d9',
  },
};

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** Categories from most to least serious. */
export const CATEGORIES_BY_RANK: readonly Category[] = [...CATEGORIES].sort(
  (a, b) => CATEGORY_INFO[a].rank - CATEGORY_INFO[b].rank,
);
