// Gmail: what the page says about the message being written (who it goes to, whether it is a reply), so the engine
// can be stricter on cold outreach and gentler on mail between colleagues.

import type { OutreachContext } from '../engine/types';

export const GMAIL_COMPOSE_ROOT = [
  // Inline reply/forward composes are `div.M9` inside the thread; pop-up and full-screen composes are `div.M9` too
  // (gmail.js compose lookup, InboxSDK gmail-compose-view.ts).
  '.M9',
  // Pop-out window: the compose table `.iN` is the outermost compose element (InboxSDK, 2026-07).
  '.iN',
] as const;

export const GMAIL_RECIPIENT = [
  // Recipient chips carry the address in data-hovercard-id (InboxSDK gmail-compose-view/get-recipients.ts).
  '[name="to"] [data-hovercard-id]',
  '[name="cc"] [data-hovercard-id]',
  // Older chips and the thread header name the address in an `email` attribute (gmail.js get.compose_ids).
  '[name="to"] [email]',
  '[name="cc"] [email]',
] as const;

export const GMAIL_THREAD_MESSAGE = [
  // An expanded or collapsed message of the open conversation (gmail.js: `div.adn.ads[data-message-id]`).
  '.adn.ads',
] as const;

export const GMAIL_THREAD_COMPOSE_HOST = [
  // An inline reply/forward sits in the message's reply container `.ip` (InboxSDK gmail-message-view.ts) or in
  // gmail.js's inline-compose area `.AO`; a pop-up or full-screen compose is in neither.
  '.ip',
  '.AO',
] as const;

export const GMAIL_MAIN_VIEW = [
  // Gmail's main view wrapper, which holds the open conversation (InboxSDK, gmail.js).
  '.nH',
] as const;

export const GMAIL_SUBJECT_FIELD = [
  // The visible subject of new messages, and the hidden one inline composes keep (gmail.js).
  'input[name="subjectbox"]',
  'input[name="subject"]',
] as const;

const ADDRESS = /[^\s@<>"]+@([^\s@<>"]+\.[a-z]{2,})/i;

/** The signed-in account's domain, from the tab title Gmail keeps as "… - me@domain - Gmail". */
function accountDomain(title: string): string | null {
  const m = / - ([^\s@]+@[^\s@]+) - Gmail$/.exec(title);
  return m ? (ADDRESS.exec(m[1]!)?.[1]?.toLowerCase() ?? null) : null;
}

export function gmailContext(editor: HTMLElement, doc: Document = editor.ownerDocument): OutreachContext {
  const compose = editor.closest(GMAIL_COMPOSE_ROOT.join(','));
  const domains = new Set<string>();
  for (const chip of compose?.querySelectorAll<HTMLElement>(GMAIL_RECIPIENT.join(',')) ?? []) {
    const address = chip.getAttribute('data-hovercard-id') ?? chip.getAttribute('email') ?? '';
    const domain = ADDRESS.exec(address)?.[1]?.toLowerCase();
    if (domain) domains.add(domain);
  }
  const own = accountDomain(doc.title);
  const audience: OutreachContext['audience'] =
    domains.size === 0 || !own ? 'unknown' : [...domains].every((d) => d === own) ? 'internal' : 'external';
  // A compose inside an open conversation, or one whose subject Gmail prefixed, answers an existing thread.
  const inThread =
    compose !== null &&
    doc.querySelector(GMAIL_THREAD_MESSAGE.join(',')) !== null &&
    compose.closest(GMAIL_MAIN_VIEW.join(',')) !== null &&
    compose.closest(GMAIL_THREAD_COMPOSE_HOST.join(',')) !== null;
  const subject = compose?.querySelector<HTMLInputElement>(GMAIL_SUBJECT_FIELD.join(','))?.value ?? doc.title;
  return { audience, reply: inThread || /^(re|fw|fwd):/i.test(subject.trim()) };
}
