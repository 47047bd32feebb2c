// MV3 service worker: keeps each tab's badge in step with its composer and turns keyboard commands into messages.

import browser from 'webextension-polyfill';
import { badgeColour, badgeText, badgeTitle } from './badge';
import { isContentToBackground, type PopupToContent } from '../shared/protocol';

/** Matches the command name in manifest.json "commands". */
export const NEXT_FINDING_COMMAND = 'next-finding';

async function showBadge(tabId: number, count: number, worst: unknown): Promise<void> {
  const text = badgeText(count);
  await browser.action.setBadgeText({ tabId, text });
  if (text === '') return;
  await browser.action.setBadgeBackgroundColor({ tabId, color: badgeColour(worst) });
  // Older Chrome and Firefox versions pick the text colour themselves; white on every tint above meets AA.
  await browser.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
  await browser.action.setTitle({ tabId, title: badgeTitle(count) });
}

async function clearBadge(tabId: number): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: '' });
  await browser.action.setTitle({ tabId, title: badgeTitle(0) });
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only our own content scripts, running in a tab, may drive the toolbar.
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined) return undefined;
  // Extension pages opened in a tab (options, a popup opened as a page) have a sender.tab too, but are not content scripts.
  if (sender.url?.startsWith(browser.runtime.getURL(''))) return undefined;
  if (!isContentToBackground(message)) return undefined;
  const tabId = sender.tab.id;
  if (message.type === 'rapport:badge') {
    // Only the top frame's composer counts: a frame must not overwrite the page's badge.
    if (sender.frameId !== undefined && sender.frameId !== 0) return undefined;
    const work = message.count === 0 ? clearBadge(tabId) : showBadge(tabId, message.count, message.worst);
    return work.then(() => ({ ok: true }));
  }
  // openPopup needs a recent user gesture in some browsers; without one the keyboard command still works.
  return Promise.resolve(browser.action.openPopup?.())
    .then(() => ({ ok: true }))
    .catch((error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }));
});

browser.commands.onCommand.addListener(async (command: string) => {
  if (command !== NEXT_FINDING_COMMAND) return;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const message: PopupToContent = { type: 'rapport:next-finding' };
  // Pages without Rapport have no listener; the command then does nothing, as a shortcut should.
  await browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
});

