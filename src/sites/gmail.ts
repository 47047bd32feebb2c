// Gmail: where the compose body and subject live in every compose variant, and what inside the body is not the user's draft.

import { gmailContext } from './gmail-context';
import type { Site } from './types';

export const GMAIL_BODY = [
  // Pop-up ("mole"), full-screen, inline reply/forward and pop-out compose all render the body as Gmail's own
  // editable div inside the `.Ap` body cell (InboxSDK gmail-compose-view.ts, 2026-07).
  '.Ap [g_editable="true"][contenteditable="true"]',
  // Same body when a build drops the `.Ap` wrapper: it keeps the `Am … editable` classes and role=textbox
  // (gmail.js compose body lookup; inline-reply bodies carry `Am aO9 Al editable`).
  'div.Am.editable[contenteditable="true"][role="textbox"]',
] as const;

export const GMAIL_SUBJECT = [
  // New messages and full-screen compose: the visible subject box (InboxSDK gmail-compose-view.ts).
  'input[name="subjectbox"]',
] as const;

export const GMAIL_NOT_LINTED = [
  // Quoted history of a reply or forward, with its "On … wrote:" attribution line.
  '.gmail_quote',
  '.gmail_quote_container',
  '.gmail_attr',
  // The collapsed "show trimmed content" quote, which Gmail keeps in the body until sent.
  '.ajR',
  '.adL',
  // The user's signature block and the "--" line Gmail puts before it.
  '.gmail_signature',
  '[data-smartmail="gmail_signature"]',
  '.gmail_signature_prefix',
] as const;

export const GMAIL_NOT_COMPOSERS = [
  // The search bar and the recipient chips' inputs are editable but never prose.
  'input[name="q"]',
  '[role="combobox"]',
] as const;

export const gmail: Site = {
  id: 'gmail',
  hostnames: ['mail.google.com'],
  editors: [
    { name: 'gmail-body', selectors: GMAIL_BODY, notLinted: GMAIL_NOT_LINTED },
    { name: 'gmail-subject', selectors: GMAIL_SUBJECT, notLinted: [] },
  ],
  notComposers: GMAIL_NOT_COMPOSERS,
  context: gmailContext,
};
