// Proves the fixture server, host mapping and fixtures work in real Chromium: every composer is present and accepts typing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdFor, launchWithExtension, type LaunchedBrowser } from '../support/browser';
import { fixtureFor, fixtureUrl, listFixtures, startFixtureServer, type FixtureServer } from '../support/server';

/** Puts the caret at the very start of an editor, so typed text never lands in a quote or signature. */
async function typeAtStart(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.evaluate((el) => {
    (el as HTMLElement).focus();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const first = walker.nextNode();
    const range = document.createRange();
    if (first) range.setStart(first, 0);
    else range.setStart(el.querySelector('p') ?? el, 0);
    range.collapse(true);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  });
  await page.keyboard.type(text);
}

const editorText = (l: Locator) => l.evaluate((el) => (el as HTMLElement).innerText);

describe('fixture routing', () => {
  it('maps real-site URLs and /__fixture paths to files', async () => {
    expect(fixtureFor(new URL('https://mail.google.com/mail/u/0/'))).toBe('gmail-compose.html');
    expect(fixtureFor(new URL('https://mail.google.com/mail/u/1/#inbox/FMfcgz'))).toBe('gmail-compose.html');
    expect(fixtureFor(new URL('https://mail.google.com/mail/u/0/?view=cm&fs=1&tf=1'))).toBe('gmail-popout.html');
    expect(fixtureFor(new URL('https://www.linkedin.com/messaging/thread/2-abc/'))).toBe('linkedin-messaging.html');
    expect(fixtureFor(new URL('https://www.linkedin.com/in/jane-doe/'))).toBe('linkedin-profile.html');
    expect(fixtureFor(new URL('https://www.linkedin.com/feed/'))).toBe('linkedin-feed.html');
    expect(fixtureFor(new URL('https://www.linkedin.com/__fixture/linkedin-generic.html'))).toBe('linkedin-generic.html');
    expect(fixtureFor(new URL('https://www.linkedin.com/__fixture/../package.json'))).toBeUndefined();
    expect(fixtureFor(new URL('https://www.linkedin.com/jobs/'))).toBeUndefined();
    const files = await listFixtures();
    for (const name of ['gmail-compose', 'gmail-fullscreen', 'gmail-thread', 'gmail-popout', 'gmail-generic',
      'linkedin-messaging', 'linkedin-profile', 'linkedin-feed', 'linkedin-generic']) {
      expect(files).toContain(`${name}.html`);
    }
  });
});

describe('fixtures in Chromium (no extension)', () => {
  let server: FixtureServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithExtension(undefined, { server });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Fixtures must be self-contained; anything but the mapped hosts would be a fixture bug.
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol !== 'data:' && !['mail.google.com', 'www.linkedin.com'].includes(url.hostname)) outsideRequests.push(req.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves mail.google.com/mail/u/0/ as the inbox with a pop-up reply compose', async () => {
    const response = await page.goto('https://mail.google.com/mail/u/0/');
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).hostname).toBe('mail.google.com');

    const dialogs = page.locator('div.dw .nH > .nH > .no div.AD [role=dialog]');
    await expect.poll(() => dialogs.count()).toBe(1);
    const compose = dialogs.first();
    const subject = compose.locator('input[name=subjectbox]');
    const body = compose.locator('div[contenteditable=true][role=textbox][aria-label="Message Body"][g_editable=true].Am.Al.editable');
    expect(await body.count()).toBe(1);
    expect(await compose.locator('.Ap [g_editable=true]').count()).toBe(1);
    expect(await body.locator('.gmail_quote').count()).toBeGreaterThan(0);
    expect(await body.locator('div.gmail_signature[data-smartmail=gmail_signature]').count()).toBe(1);

    await subject.fill('');
    await subject.pressSequentially('Checking in');
    expect(await subject.inputValue()).toBe('Checking in');
    await typeAtStart(page, body, 'Typed here. ');
    expect(await editorText(body)).toMatch(/^Typed here\. Hi Sam,/);

    // Composers appear and disappear after load.
    await page.locator('#open-compose[gh=cm]').click();
    await expect.poll(() => dialogs.count()).toBe(2);
    const fresh = page.locator('[data-fixture-editor=gmail-popup-new-body]');
    await typeAtStart(page, fresh, 'New message. ');
    expect(await editorText(fresh)).toContain('New message.');
    expect(await fresh.locator('.gmail_signature').count()).toBe(1);
    await page.locator('#close-compose').click();
    await expect.poll(() => dialogs.count()).toBe(1);
    await compose.locator('.Hm .Ha').click();
    await expect.poll(() => dialogs.count()).toBe(0);
  });

  it('gmail full-screen compose lives in .aSs .aSt and closes by emptying div.aaZ', async () => {
    await page.goto(fixtureUrl('mail.google.com', 'gmail-fullscreen'));
    const body = page.locator('.aSs .aSt [role=dialog] div.aaZ .Ap [g_editable=true][role=textbox]');
    await body.waitFor();
    await typeAtStart(page, body, 'Full screen. ');
    expect(await editorText(body)).toMatch(/^Full screen\. Hello Priya/);
    await page.locator('#close-compose').click();
    await expect.poll(() => page.locator('.aSs .aSt [role=dialog] div.aaZ > *').count()).toBe(0);
    expect(await page.locator('.aSs .aSt [role=dialog]').count()).toBe(1);
    await page.locator('#open-compose').click();
    await expect.poll(() => body.count()).toBe(1);
  });

  it('gmail thread has inline reply (collapsed quote) and inline forward composers', async () => {
    await page.goto(fixtureUrl('mail.google.com', 'gmail-thread'));
    const reply = page.locator('.AO .h7 #reply-container.ip.adB .M9 [g_editable=true].Am.aO9');
    const forward = page.locator('[data-fixture-compose=inline-forward] [g_editable=true]');
    await expect.poll(() => page.locator('.AO .M9 [g_editable=true]').count()).toBe(2);
    expect(await page.locator('.AO .M9 input[name=subjectbox]').count()).toBe(0);

    expect(await reply.locator('.gmail_quote').count()).toBe(0);
    await page.locator('#reply-container .ajR[aria-label="Show trimmed content"]').click();
    // Gmail marks both the wrapper div and the blockquote with gmail_quote.
    await expect.poll(() => reply.locator('div.gmail_quote > blockquote.gmail_quote').count()).toBe(1);
    await typeAtStart(page, reply, 'Reply. ');
    expect(await editorText(reply)).toMatch(/^Reply\. Hi Sam/);

    expect(await forward.locator('.gmail_quote .gmail_attr').textContent()).toContain('Forwarded message');
    await typeAtStart(page, forward, 'Fwd note. ');
    expect(await editorText(forward)).toMatch(/^Fwd note\. Priya/);

    await page.locator('#close-compose').click();
    await expect.poll(() => reply.count()).toBe(0);
    expect(await page.locator('#reply-container.adB').count()).toBe(0);
    await page.locator('#reply-link').click();
    await expect.poll(() => page.locator('#reply-container.adB .M9 [g_editable=true]').count()).toBe(1);
  });

  it('gmail pop-out window is served for ?view=cm', async () => {
    await page.goto('https://mail.google.com/mail/u/0/?view=cm&fs=1&tf=1');
    expect(await page.locator('body.xE.xp').count()).toBe(1);
    const body = page.locator('[role=main] [role=dialog] .Ap [g_editable=true]');
    await body.waitFor();
    expect(await body.locator('[data-smartmail=gmail_signature]').count()).toBe(1);
    expect(await body.locator('blockquote.gmail_quote').count()).toBe(1);
    await typeAtStart(page, body, 'Popped. ');
    expect(await editorText(body)).toMatch(/^Popped\. Hi Dana/);
  });

  it('gmail generic textarea and contenteditable accept typing', async () => {
    await page.goto(fixtureUrl('mail.google.com', 'gmail-generic'));
    const textarea = page.locator('textarea#plain-textarea');
    await textarea.fill('');
    await textarea.pressSequentially('Back Monday.');
    expect(await textarea.inputValue()).toBe('Back Monday.');
    const editable = page.locator('#plain-contenteditable[contenteditable=true]');
    await typeAtStart(page, editable, 'Sig: ');
    expect(await editorText(editable)).toMatch(/^Sig: Alex Rivera/);
  });

  it('linkedin messaging page composer is .msg-form__contenteditable inside .msg-form', async () => {
    const response = await page.goto('https://www.linkedin.com/messaging/thread/2-abc123/');
    expect(response?.status()).toBe(200);
    const editor = page.locator('form.msg-form .msg-form__contenteditable[contenteditable=true][role=textbox]');
    await editor.waitFor();
    const send = page.locator('form.msg-form .msg-form__send-button');
    expect(await send.isDisabled()).toBe(true);
    await typeAtStart(page, editor, 'Hi Jane, thanks for replying.');
    expect(await editorText(editor)).toContain('Hi Jane, thanks for replying.');
    await expect.poll(() => send.isEnabled()).toBe(true);
  });

  it('linkedin profile opens chat bubble, InMail and invite note, in light DOM and in the shadow root', async () => {
    await page.goto('https://www.linkedin.com/in/jane-doe/');
    const bubbles = page.locator('#msg-overlay .msg-overlay-conversation-bubble');
    await expect.poll(() => bubbles.count()).toBe(1);
    const bubbleEditor = bubbles.first().locator('.msg-overlay-conversation-bubble__content-wrapper form.msg-form .msg-form__contenteditable[role=textbox]');
    await typeAtStart(page, bubbleEditor, 'Great meeting you.');
    expect(await editorText(bubbleEditor)).toContain('Great meeting you.');

    await page.locator('#open-inmail').click();
    await expect.poll(() => bubbles.count()).toBe(2);
    const inmail = page.locator('[data-fixture-compose=inmail]');
    await inmail.locator('input.msg-form__subject[name=subject]').pressSequentially('Idea for your ops team');
    expect(await inmail.locator('input[name=subject]').inputValue()).toBe('Idea for your ops team');
    await typeAtStart(page, inmail.locator('.msg-form__contenteditable'), 'Hi Jane.');
    expect(await editorText(inmail.locator('.msg-form__contenteditable'))).toContain('Hi Jane.');

    await page.locator('#open-invite').click();
    const note = page.locator('.artdeco-modal.send-invite[role=dialog] textarea#custom-message[name=message]');
    await note.waitFor();
    await note.pressSequentially('Enjoyed your talk.');
    expect(await note.inputValue()).toBe('Enjoyed your talk.');
    expect(await page.locator('.send-invite .custom-message-counter').textContent()).toBe('18/300');

    await page.locator('#close-compose').click();
    await expect.poll(() => note.count()).toBe(0);
    await page.locator('#close-compose').click();
    await expect.poll(() => bubbles.count()).toBe(1);

    // Shadow-root variants: CSS locators pierce open shadow roots; document.querySelector must not see them.
    await page.locator('#open-compose-shadow').click();
    const shadowEditor = page.locator('#interop-outlet .msg-overlay-conversation-bubble .msg-form__contenteditable');
    await shadowEditor.waitFor();
    expect(await page.evaluate(() => document.querySelector('[data-fixture-editor=linkedin-shadow-overlay-body]'))).toBeNull();
    expect(await page.evaluate(() => !!document.getElementById('interop-outlet')?.shadowRoot?.querySelector('.msg-form__contenteditable'))).toBe(true);
    await typeAtStart(page, shadowEditor, 'From the shadows.');
    expect(await editorText(shadowEditor)).toContain('From the shadows.');

    await page.locator('#open-invite-shadow').click();
    const shadowNote = page.locator('#interop-outlet textarea#custom-message');
    await shadowNote.pressSequentially('Hello!');
    expect(await shadowNote.inputValue()).toBe('Hello!');
    await page.locator('#close-compose').click();
    await expect.poll(() => shadowNote.count()).toBe(0);
  });

  it('linkedin feed has the share box inside #interop-outlet shadow root plus Quill and ProseMirror comment boxes', async () => {
    await page.goto('https://www.linkedin.com/feed/');
    const share = page.locator('#interop-outlet [data-test-modal-id=sharebox] .share-creation-state__text-editor .ql-editor[contenteditable=true][role=textbox]');
    await share.waitFor();
    expect(await page.evaluate(() => document.querySelector('.share-creation-state__text-editor'))).toBeNull();
    expect(await share.evaluate((el) => el.getRootNode() instanceof ShadowRoot)).toBe(true);
    await typeAtStart(page, share, 'Lessons from our first year.');
    expect(await editorText(share)).toContain('Lessons from our first year.');
    expect(await share.evaluate((el) => el.classList.contains('ql-blank'))).toBe(false);
    expect(await page.locator('#interop-outlet .share-actions__primary-action').isEnabled()).toBe(true);

    await page.locator('#close-compose').click();
    await expect.poll(() => share.count()).toBe(0);
    await page.locator('button.share-box-feed-entry__trigger').click();
    await expect.poll(() => share.count()).toBe(1);

    const quill = page.locator('.comments-comment-box__form .comments-comment-texteditor .ql-editor[data-test-ql-editor-contenteditable=true]');
    await typeAtStart(page, quill, 'Congrats on the launch!');
    expect(await editorText(quill)).toContain('Congrats on the launch!');
    expect(await page.locator('.comments-comment-box .ql-clipboard').textContent()).toBe('');

    const prose = page.locator('[data-view-name=comment-box] .tiptap.ProseMirror[contenteditable=true][role=textbox]');
    await typeAtStart(page, prose, 'Nice post.');
    expect(await editorText(prose)).toContain('Nice post.');
    expect(await prose.locator('p.is-editor-empty').count()).toBe(0);
  });

  it('linkedin generic textarea and contenteditable accept typing', async () => {
    await page.goto(fixtureUrl('www.linkedin.com', 'linkedin-generic'));
    const textarea = page.locator('textarea#plain-textarea');
    await textarea.fill('');
    await textarea.pressSequentially('Ops lead.');
    expect(await textarea.inputValue()).toBe('Ops lead.');
    const editable = page.locator('#plain-contenteditable');
    await typeAtStart(page, editable, 'More ');
    expect(await editorText(editable)).toMatch(/^More Notes/);
  });

  it('fixtures requested nothing outside the mapped hosts', () => {
    expect(outsideRequests).toEqual([]);
  });

  it('unmapped hosts do not resolve', async () => {
    await expect(page.goto('https://example.com/')).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
  });
});

describe('launchWithExtension with an unpacked extension', () => {
  let dir: string;
  let browser: LaunchedBrowser | undefined;

  beforeAll(async () => {
    // A throwaway MV3 extension stands in for dist/ so this file does not depend on a build.
    dir = await mkdtemp(join(tmpdir(), 'rapport-probe-ext-'));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({
      manifest_version: 3,
      name: 'fixture probe',
      version: '0.0.1',
      background: { service_worker: 'sw.js' },
      content_scripts: [{ matches: ['https://mail.google.com/*', 'https://www.linkedin.com/*'], js: ['probe.js'], run_at: 'document_idle' }],
    }));
    await writeFile(join(dir, 'sw.js'), 'self.addEventListener("install", () => {});\n');
    await writeFile(join(dir, 'probe.js'), 'document.documentElement.dataset.rapportProbe = location.hostname;\n');
    browser = await launchWithExtension(dir);
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the extension id and runs content scripts on the mapped origins', async () => {
    const computed = await extensionIdFor(dir);
    expect(browser!.extensionId).toMatch(/^[a-p]{32}$/);
    // The service worker's URL is the browser's word on the id; the path-derived id must agree with it.
    expect(browser!.extensionId).toBe(computed);

    const page = await browser!.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.rapportProbe)).toBe('mail.google.com');
    await page.goto('https://www.linkedin.com/feed/');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.rapportProbe)).toBe('www.linkedin.com');
    await page.close();
  });
});
