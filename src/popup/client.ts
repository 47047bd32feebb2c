// Talks to the content script of the tab the popup reviews, and tells "no Rapport here" apart from a real reply.

import browser from 'webextension-polyfill';
import { isContentReply, type ContentReply, type PopupToContent } from '../shared/protocol';

export type TabAnswer = { kind: 'reply'; reply: ContentReply } | { kind: 'unreachable' };

/** popup.html?tabId=N reviews tab N (tests, or a popup opened in its own tab); otherwise the active tab. */
export async function resolveTabId(search: string): Promise<number | null> {
  const requested = new URLSearchParams(search).get('tabId');
  if (requested !== null && /^\d+$/.test(requested)) return Number(requested);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export async function askTab(tabId: number, message: PopupToContent): Promise<TabAnswer> {
  let answer: unknown;
  try {
    answer = await browser.tabs.sendMessage(tabId, message);
  } catch {
    // No listener: the page is not Gmail or LinkedIn, or it was open before Rapport was installed.
    return { kind: 'unreachable' };
  }
  // A content script that did not claim the message is as good as none.
  if (answer === undefined) return { kind: 'unreachable' };
  if (!isContentReply(answer)) return { kind: 'reply', reply: { ok: false, error: 'The page answered in a form Rapport does not understand.' } };
  return { kind: 'reply', reply: answer };
}
