// Every composer type on Gmail and LinkedIn gets the same proof: exact highlights (never in quotes or signatures),
// a card on hover, an apply that changes only the span through input events, Ctrl+Z, a clean draft, an untouched
// editor DOM, and no network request from the extension.

import type { Locator, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { highlightedTexts, highlightPoint, settled } from '../support/page';
import { extensionSuite } from '../support/suite';

interface ComposerCase {
  name: string;
  url: string;
  /** Button that opens this composer, when it is not open at load. */
  open?: string;
  /** The editor, by the fixture's data-fixture-editor name (Playwright locators pierce open shadow roots). */
  editor: string;
}

const G = 'https://mail.google.com';
const L = 'https://www.linkedin.com';
const CASES: ComposerCase[] = [
  { name: 'Gmail pop-up compose subject', url: `${G}/mail/u/0/`, open: '#open-compose', editor: 'input[name=subjectbox] >> nth=0' },
  { name: 'Gmail full-screen compose', url: `${G}/__fixture/gmail-fullscreen.html`, editor: '[data-fixture-editor=gmail-fullscreen-body]' },
  { name: 'Gmail inline reply', url: `${G}/__fixture/gmail-thread.html`, editor: '[data-fixture-editor=gmail-inline-reply-body]' },
  { name: 'Gmail inline forward', url: `${G}/__fixture/gmail-thread.html`, editor: '[data-fixture-editor=gmail-inline-forward-body]' },
  { name: 'Gmail pop-out window', url: `${G}/mail/u/0/?view=cm&fs=1`, editor: '[data-fixture-editor=gmail-popout-body]' },
  { name: 'Gmail other text box (fallback)', url: `${G}/__fixture/gmail-generic.html`, editor: '[data-fixture-editor=gmail-plain-textarea]' },
  { name: 'LinkedIn messaging page', url: `${L}/messaging/thread/1/`, editor: '[data-fixture-editor=linkedin-messaging-body]' },
  { name: 'LinkedIn chat overlay', url: `${L}/in/jane-doe/`, editor: '[data-fixture-editor=linkedin-overlay-body]' },
  { name: 'LinkedIn chat overlay in a shadow root', url: `${L}/in/jane-doe/`, open: '#open-compose-shadow', editor: '[data-fixture-editor=linkedin-shadow-overlay-body]' },
  { name: 'LinkedIn connection note', url: `${L}/in/jane-doe/`, open: '#open-invite', editor: '[data-fixture-editor=linkedin-invite-note]' },
  { name: 'LinkedIn connection note in a shadow root', url: `${L}/in/jane-doe/`, open: '#open-invite-shadow', editor: '[data-fixture-editor=linkedin-shadow-invite-note]' },
  { name: 'LinkedIn InMail subject', url: `${L}/in/jane-doe/`, open: '#open-inmail', editor: '[data-fixture-editor=linkedin-inmail-body-subject]' },
  { name: 'LinkedIn InMail body', url: `${L}/in/jane-doe/`, open: '#open-inmail', editor: '[data-fixture-editor=linkedin-inmail-body]' },
  { name: 'LinkedIn post composer (shadow root)', url: `${L}/feed/`, open: '#open-compose', editor: '[data-fixture-editor=linkedin-share-box]' },
  { name: 'LinkedIn comment (Quill)', url: `${L}/feed/`, editor: '[data-fixture-editor=linkedin-comment-quill]' },
  { name: 'LinkedIn comment (ProseMirror)', url: `${L}/feed/`, editor: '[data-fixture-editor=linkedin-comment-prosemirror]' },
  { name: 'LinkedIn other text box (fallback)', url: `${L}/__fixture/linkedin-generic.html`, editor: '[data-fixture-editor=linkedin-plain-contenteditable]' },
];

const PUSHY = 'Can we close the deal this week? ';
const PHRASE = 'close the deal';
// The rewrite for this question replaces the whole question: a phrase swap would not read.
const SENTENCE = 'Can we close the deal this week?';

const requests: Request[] = [];
const browser = extensionSuite((b) => b.context.on('request', (r) => requests.push(r)));

function dataName(c: ComposerCase): string {
  return /data-fixture-editor=([\w-]+)/.exec(c.editor)?.[1] ?? '';
}

/** Selector usable inside page.evaluate (no Playwright-only syntax). */
function cssOf(c: ComposerCase): string {
  return dataName(c) ? `[data-fixture-editor="${dataName(c)}"]` : 'input[name=subjectbox]';
}

async function editorText(editor: Locator): Promise<string> {
  return editor.evaluate((el) => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : (el as HTMLElement).innerText));
}

async function openCase(c: ComposerCase): Promise<{ page: Page; editor: Locator }> {
  const page = await browser().context.newPage();
  await page.goto(c.url);
  if (c.open) await page.click(c.open);
  const editor = page.locator(c.editor);
  await editor.focus();
  // Type at the very start, so existing drafts, quotes and signatures stay where they are.
  await page.keyboard.press('Control+Home');
  return { page, editor };
}

describe.each(CASES)('$name', (c) => {
  it('highlights the typed phrase, never inside quotes or signatures, and adds nothing to the editor DOM', async () => {
    const { page, editor } = await openCase(c);
    const htmlBefore = await editor.evaluate((el) => el.innerHTML);
    await page.keyboard.type(PUSHY);
    await expect.poll(() => highlightedTexts(page, cssOf(c))).toContain(PHRASE);
    const inExcluded = await page.evaluate(() => {
      const hits: string[] = [];
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('rapport-')) continue;
        for (const range of highlight as unknown as Iterable<Range>) {
          const el = range.startContainer.parentElement;
          if (el?.closest('.gmail_quote, .gmail_signature, .gmail_attr, [data-smartmail]')) hits.push(range.toString());
        }
      }
      return hits;
    });
    expect(inExcluded).toEqual([]);
    const htmlAfter = await editor.evaluate((el) => el.innerHTML);
    expect(htmlAfter).not.toMatch(/rapport/i);
    if (htmlBefore.length > 0) expect(htmlAfter.length - htmlBefore.length).toBeLessThan(PUSHY.length + 40);
    await page.close();
  });

  it('opens a card on hover, applies a rewrite to exactly the sentence it rewrites through input events, and Ctrl+Z undoes it', async () => {
    const { page, editor } = await openCase(c);
    await page.keyboard.type(PUSHY);
    await expect.poll(() => highlightedTexts(page, cssOf(c))).toContain(PHRASE);
    await settled(page);
    const original = await editorText(editor);
    await editor.evaluate((el) => {
      const w = window as unknown as { inputTypes: string[] };
      w.inputTypes = [];
      el.addEventListener('input', (e) => w.inputTypes.push((e as InputEvent).inputType));
    });
    const point = await highlightPoint(page, PHRASE, cssOf(c));
    await page.mouse.move(point.x, point.y);
    const apply = page.locator('rapport-ui .card [data-action=apply]').first();
    await expect.poll(() => apply.isVisible()).toBe(true);
    const rewrite = (await apply.textContent())!.trim();
    await apply.click();
    await expect.poll(() => editorText(editor)).toBe(original.replace(SENTENCE, rewrite));
    expect(await page.evaluate(() => (window as unknown as { inputTypes: string[] }).inputTypes)).toContain('insertText');
    await page.keyboard.press('Control+z');
    await expect.poll(() => editorText(editor)).toBe(original);
    await page.close();
  });

  it('shows no highlights in a clean draft', async () => {
    const { page, editor } = await openCase(c);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Thanks for sharing your notes on onboarding. Would a short checklist help?');
    await settled(page);
    expect(await editorText(editor)).toContain('checklist');
    expect(await highlightedTexts(page, cssOf(c))).toEqual([]);
    await page.close();
  });
});

describe('privacy', () => {
  it('no request left for anywhere but the fixture pages themselves', () => {
    const extensionOrigin = `chrome-extension://${browser().extensionId}/`;
    const stray = requests
      .map((r) => ({ url: r.url(), type: r.resourceType() }))
      .filter(({ url, type }) => !url.startsWith(extensionOrigin) && !(type === 'document' && /^https:\/\/(mail\.google|www\.linkedin)\.com\//.test(url)) && !url.endsWith('/favicon.ico'));
    expect(requests.length).toBeGreaterThan(CASES.length);
    expect(stray).toEqual([]);
  });
});
