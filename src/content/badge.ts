// Tells the background worker what the toolbar badge should say for the composer the user is writing in.

import browser from 'webextension-polyfill';
import type { Category, Finding } from '../engine/types';
import { CATEGORIES_BY_RANK } from '../shared/categories';
import type { ContentToBackground } from '../shared/protocol';
import { extensionAlive, quietly } from './lifecycle';

/** The most serious category among the findings, which tints the badge and the chip. */
export function worstCategory(findings: readonly Finding[]): Category | null {
  let worst: Category | null = null;
  for (const f of findings) if (worst === null || CATEGORIES_BY_RANK.indexOf(f.category) < CATEGORIES_BY_RANK.indexOf(worst)) worst = f.category;
  return worst;
}

export function reportBadge(findings: readonly Finding[]): void {
  sendBadge(findings.length, worstCategory(findings));
}

export function clearBadge(): void {
  sendBadge(0, null);
}

/**
 * What the badge was last told on this page (and at which address: the browser may reset a tab's badge when it
 * navigates). A relint after every keystroke mostly finds the same count and tint: telling the worker again would
 * cost a message round trip per keystroke for nothing.
 */
let lastSent: string | null = null;

function sendBadge(count: number, worst: Category | null): void {
  // A page whose extension was reloaded has no one to tell.
  if (!extensionAlive()) return;
  const said = `${count}|${worst}|${location.href}`;
  if (said === lastSent) return;
  lastSent = said;
  const message: ContentToBackground = { type: 'rapport:badge', count, worst };
  quietly(() => {
    browser.runtime.sendMessage(message).catch(() => {
      // No listener (the worker is starting or the extension was reloaded): the badge is cosmetic, but say it
      // again next time rather than assume it was shown.
      if (lastSent === said) lastSent = null;
    });
  });
}
