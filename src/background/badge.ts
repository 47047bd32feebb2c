// What the toolbar badge says and which colour it takes for a composer's findings.

import { CATEGORY_INFO, isCategory } from '../shared/categories';

/** Badges hold about four characters; more than this many findings reads as "99+". */
export const BADGE_MAX = 99;

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > BADGE_MAX ? `${BADGE_MAX}+` : String(count);
}

/** The tint of the most serious category; an unknown one (a newer content script) gets the mildest tint. */
export function badgeColour(worst: unknown): string {
  return isCategory(worst) ? CATEGORY_INFO[worst].colour : CATEGORY_INFO['self-centred'].colour;
}

export function badgeTitle(count: number): string {
  return count === 0 ? 'Rapport' : `Rapport — ${count} ${count === 1 ? 'phrase' : 'phrases'} to review`;
}
