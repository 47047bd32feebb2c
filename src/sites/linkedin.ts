// LinkedIn: the messaging, connection-note, InMail, post and comment editors.

import type { Site } from './types';

export const LINKEDIN_MESSAGE = [
  // Messaging page and the chat overlay bubbles share one form: `.msg-form__contenteditable` is the
  // contenteditable div itself (role=textbox, aria-multiline).
  '.msg-form__contenteditable[contenteditable="true"]',
  // Some builds put contenteditable on a child paragraph wrapper of the same form.
  '.msg-form__msg-content-container [contenteditable="true"][role="textbox"]',
] as const;

export const LINKEDIN_INMAIL_SUBJECT = [
  // InMail and "new message" to a non-connection show a subject input above the body in the same form.
  '.msg-form__subject',
  '.msg-form input[name="subject"]',
] as const;

export const LINKEDIN_CONNECTION_NOTE = [
  // "Add a note" to a connection request: a plain textarea in the invitation modal.
  'textarea#custom-message',
  'textarea[name="message"].connect-button-send-invite__custom-message',
] as const;

export const LINKEDIN_POST = [
  // Share box ("Start a post"): a Quill editor; in current LinkedIn it is rendered inside an open shadow root.
  '.share-creation-state__text-editor .ql-editor[contenteditable="true"]',
  '[data-test-modal-id="sharebox"] .ql-editor[contenteditable="true"]',
] as const;

export const LINKEDIN_COMMENT = [
  // Feed comment and reply boxes: Quill editors inside the comment form.
  '.comments-comment-box .ql-editor[contenteditable="true"]',
  '.comments-comment-texteditor .ql-editor[contenteditable="true"]',
  // Newer comment boxes are a tiptap/ProseMirror editor inside a `data-view-name=comment-box` container
  // (Linkedin-Rich-Post's DOM notes, April 2026).
  '[data-view-name="comment-box"] .ProseMirror[contenteditable="true"]',
  '.comments-comment-box .ProseMirror[contenteditable="true"]',
] as const;

export const LINKEDIN_NOT_LINTED = [
  // Quill's placeholder and mention chips are not the user's prose.
  '.ql-clipboard',
  '.ql-mention',
] as const;

export const LINKEDIN_NOT_COMPOSERS = [
  // Quill keeps a hidden contenteditable paste buffer beside every editor.
  '.ql-clipboard',
  // The global search box is a combobox input, never a message.
  '.search-global-typeahead__input',
  '[role="combobox"]',
] as const;

export const linkedin: Site = {
  id: 'linkedin',
  hostnames: ['www.linkedin.com'],
  editors: [
    { name: 'linkedin-message', selectors: LINKEDIN_MESSAGE, notLinted: LINKEDIN_NOT_LINTED },
    { name: 'linkedin-inmail-subject', selectors: LINKEDIN_INMAIL_SUBJECT, notLinted: [] },
    { name: 'linkedin-connection-note', selectors: LINKEDIN_CONNECTION_NOTE, notLinted: [] },
    { name: 'linkedin-post', selectors: LINKEDIN_POST, notLinted: LINKEDIN_NOT_LINTED },
    { name: 'linkedin-comment', selectors: LINKEDIN_COMMENT, notLinted: LINKEDIN_NOT_LINTED },
  ],
  notComposers: LINKEDIN_NOT_COMPOSERS,
};
