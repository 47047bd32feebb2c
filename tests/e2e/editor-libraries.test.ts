// The composer matrix on real editor libraries (Quill 2, Tiptap 3/ProseMirror, Lexical, Draft.js, a React-controlled
// contenteditable) mounted in Gmail and LinkedIn composer shells: exact highlights, hover and keyboard card, apply in
// the editor's own model with the caret after the rewrite, the editor's own Ctrl+Z and re-flagging without typing,
// text changed by a site script, and an editor that still works afterwards.

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureEditors, type FixtureEditor } from '../support/editors';
import { highlighted, highlightedTexts, highlightPoint, settled } from '../support/page';
import { extensionSuite } from '../support/suite';

interface EditorCase {
  library: FixtureEditor;
  shell: string;
  /** Fixture page whose composer the editor replaces. */
  page: string;
  /** That composer's data-fixture-editor name: the library's editable takes its place and its attributes. */
  mount: string;
}

const GMAIL = 'https://mail.google.com/__fixture/gmail-fullscreen.html';
const LINKEDIN_FEED = 'https://www.linkedin.com/feed/';
const LINKEDIN_MESSAGING = 'https://www.linkedin.com/messaging/thread/1/';

// Quill and Tiptap go where LinkedIn really runs them (its comment boxes); Lexical, Draft.js and the React editor take
// the messaging box, whose selector accepts any contenteditable textbox in the message form. Every library also
// runs as the Gmail body (`.Ap [g_editable=true]`). Quill is not mounted in the shadow-root post composer: Quill 2
// reads its selection from document.getSelection(), which a shadow root retargets, so it garbles typing there
// by itself, with or without Rapport.
const CASES: EditorCase[] = [
  { library: 'quill', shell: 'Gmail full-screen compose', page: GMAIL, mount: 'gmail-fullscreen-body' },
  { library: 'quill', shell: 'LinkedIn comment box', page: LINKEDIN_FEED, mount: 'linkedin-comment-quill' },
  { library: 'tiptap', shell: 'Gmail full-screen compose', page: GMAIL, mount: 'gmail-fullscreen-body' },
  { library: 'tiptap', shell: 'LinkedIn comment box', page: LINKEDIN_FEED, mount: 'linkedin-comment-prosemirror' },
  { library: 'lexical', shell: 'Gmail full-screen compose', page: GMAIL, mount: 'gmail-fullscreen-body' },
  { library: 'lexical', shell: 'LinkedIn messaging', page: LINKEDIN_MESSAGING, mount: 'linkedin-messaging-body' },
  { library: 'draft', shell: 'Gmail full-screen compose', page: GMAIL, mount: 'gmail-fullscreen-body' },
  { library: 'draft', shell: 'LinkedIn messaging', page: LINKEDIN_MESSAGING, mount: 'linkedin-messaging-body' },
  { library: 'react-controlled', shell: 'Gmail full-screen compose', page: GMAIL, mount: 'gmail-fullscreen-body' },
  { library: 'react-controlled', shell: 'LinkedIn messaging', page: LINKEDIN_MESSAGING, mount: 'linkedin-messaging-body' },
];

const DRAFT = 'This offer expires tonight. Can we close the deal this week?';
const PHRASE = 'close the deal';
const BOTH = ['close the deal', 'offer expires tonight'];
const CARD = 'rapport-ui .card';

beforeAll(buildFixtureEditors, 120_000);
const browser = extensionSuite();

const plain = (s: string) => s.replace(/\u00a0/g, ' ');

/** The draft and caret as the editor's own model holds them (quill.getText(), the ProseMirror doc, Lexical's
 *  editor state, Draft's ContentState, React state). */
async function model(page: Page): Promise<{ text: string; caret: number }> {
  return page.evaluate(() => ({ text: window.fixtureEditor!.text(), caret: window.fixtureEditor!.caret() })).then((m) => ({ ...m, text: plain(m.text) }));
}

/** What the editor shows, as a user would read it. */
async function shown(page: Page): Promise<string> {
  return page.evaluate(() => window.fixtureEditor!.element.innerText).then((t) => plain(t).replace(/\n+$/, ''));
}

/** The chips' counts: one chip per attached composer with text (the Gmail subject has one with no findings). */
async function chipCounts(page: Page): Promise<string[]> {
  return page.locator('rapport-ui .chip [data-count]').allTextContents();
}

async function openEditor(c: EditorCase): Promise<{ page: Page; within: string }> {
  const page = await browser().context.newPage();
  await page.goto(`${c.page}?editor=${c.library}&mount=${c.mount}`);
  await page.waitForFunction((library) => window.fixtureEditor?.library === library, c.library);
  await page.locator('[data-fixture-library]').focus();
  // The engine loads on this first focus; on a busy machine that alone can take seconds. Once Rapport has linted the
  // empty editor it is attached, and what follows measures only what each test is about.
  await page.waitForFunction(() => performance.getEntriesByName('rapport:relint').length > 0);
  return { page, within: `[data-fixture-editor="${c.mount}"]` };
}

/**
 * A person reads the card before choosing a rewrite. Editors group edits made close together into one undo step
 * (ProseMirror within 500 ms, this Quill within 400 ms), so an apply straight after the last keystroke would be undone
 * together with the typing: wait on the page's clock until that window has passed, as it has for a reader.
 */
async function pauseAsAReader(page: Page, typedAt: number): Promise<void> {
  await page.waitForFunction((t) => performance.now() > t + 600, typedAt);
}

const pageNow = (page: Page) => page.evaluate(() => performance.now());

/** Waits for a lint that started after `t`, so it read everything typed before then (the card shows its rewrites). */
async function lintedSince(page: Page, t: number): Promise<void> {
  await page.waitForFunction((since) => performance.getEntriesByName('rapport:relint').some((e) => e.startTime > since), t);
}

/**
 * Checks the draft after Apply: the rewrite stands where the flagged words (or the clause or sentence around them
 * that it rewrites) were, and nothing else changed. Returns where the caret belongs: right after the rewrite.
 */
function expectApplied(after: string, rewrite: string): number {
  const at = after.indexOf(rewrite);
  expect(at, `"${rewrite}" in "${after}"`).toBeGreaterThanOrEqual(0);
  const prefix = after.slice(0, at);
  const suffix = after.slice(at + rewrite.length);
  expect(DRAFT.startsWith(prefix) && DRAFT.endsWith(suffix), `only the flagged part of "${DRAFT}" changed: "${after}"`).toBe(true);
  expect(DRAFT.slice(prefix.length, DRAFT.length - suffix.length)).toContain(PHRASE);
  // The other finding's sentence is untouched.
  expect(prefix).toContain('This offer expires tonight.');
  return at + rewrite.length;
}

const withRewrite = (page: Page, rewrite: string) => model(page).then((m) => m.text.includes(rewrite));

/** Puts the caret `offset` characters into the (single-line) draft with the keyboard, as a user would. */
async function caretTo(page: Page, offset: number): Promise<void> {
  await page.keyboard.press('Home');
  for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => model(page).then((m) => m.caret)).toBe(offset);
}

describe.each(CASES)('$library in $shell', (c) => {
  it('flags exactly, applies from the hover card in the editor’s model, and its own Ctrl+Z brings the phrase back flagged with no typing', async () => {
    const { page, within } = await openEditor(c);
    await page.keyboard.type(DRAFT);
    const typedAt = await pageNow(page);
    await expect.poll(() => highlighted(page, within)).toEqual([
      { category: 'closing', text: 'close the deal' },
      { category: 'urgency', text: 'offer expires tonight' },
    ]);
    expect(await model(page)).toEqual({ text: DRAFT, caret: DRAFT.length });
    await expect.poll(() => chipCounts(page)).toContain('2');
    await lintedSince(page, typedAt);

    const point = await highlightPoint(page, PHRASE, within);
    await page.mouse.move(point.x, point.y);
    const card = page.locator(CARD);
    await expect.poll(() => card.getAttribute('data-rule')).toBe('close-the-deal');
    const apply = card.locator('[data-action=apply]').first();
    const rewrite = (await apply.textContent())!.trim();
    await pauseAsAReader(page, typedAt);
    await apply.click();
    await expect.poll(() => withRewrite(page, rewrite)).toBe(true);
    const applied = (await model(page)).text;
    const caret = expectApplied(applied, rewrite);
    expect(await shown(page)).toBe(applied);
    expect((await model(page)).caret).toBe(caret);
    // The other finding keeps its highlight and the chip its honest count.
    await expect.poll(() => highlightedTexts(page, within)).toEqual(['offer expires tonight']);
    await expect.poll(() => chipCounts(page)).toContain('1');

    await page.keyboard.press('Control+z');
    await expect.poll(() => model(page).then((m) => m.text)).toBe(DRAFT);
    // Editors with their own undo fire no input event here: Rapport sees the restored text by itself.
    await expect.poll(() => highlightedTexts(page, within)).toEqual(BOTH);
    await expect.poll(() => chipCounts(page)).toContain('2');

    // Still a working editor: typing lands at the end, model and screen agree, findings stay exact.
    await page.keyboard.press('End');
    await page.keyboard.type(' Thanks.');
    await expect.poll(() => model(page).then((m) => m.text)).toBe(`${DRAFT} Thanks.`);
    expect(await shown(page)).toBe(`${DRAFT} Thanks.`);
    await expect.poll(() => highlightedTexts(page, within)).toEqual(BOTH);
    await page.close();
  });

  it('Alt+Shift+K opens the card of the phrase at the caret, its number key applies it, and typing goes on after the rewrite', async () => {
    const { page, within } = await openEditor(c);
    await page.keyboard.type(DRAFT);
    const typedAt = await pageNow(page);
    await expect.poll(() => highlightedTexts(page, within)).toEqual(BOTH);
    await lintedSince(page, typedAt);
    // Inside "close the deal", which is not the draft's first finding.
    await caretTo(page, DRAFT.indexOf(PHRASE) + 4);
    await page.keyboard.press('Alt+Shift+K');
    const card = page.locator(CARD);
    await expect.poll(() => card.getAttribute('data-rule')).toBe('close-the-deal');
    const rewrite = (await card.locator('[data-action=apply]').first().textContent())!.replace(/^1/, '').trim();
    await page.keyboard.press('1');
    await expect.poll(() => withRewrite(page, rewrite)).toBe(true);
    const applied = (await model(page)).text;
    const caret = expectApplied(applied, rewrite);
    await expect.poll(() => model(page).then((m) => m.caret)).toBe(caret);
    await expect.poll(() => card.count()).toBe(0);

    await page.keyboard.type(' soon');
    const typed = `${applied.slice(0, caret)} soon${applied.slice(caret)}`;
    await expect.poll(() => model(page).then((m) => m.text)).toBe(typed);
    expect(await shown(page)).toBe(typed);
    await expect.poll(() => highlightedTexts(page, within)).toEqual(['offer expires tonight']);
    await page.close();
  });

  it('re-flags text a site script changes through the editor’s API, with no input event', async () => {
    const { page, within } = await openEditor(c);
    await page.keyboard.type('Thanks for the notes on onboarding.');
    await settled(page);
    expect(await highlightedTexts(page, within)).toEqual([]);
    await page.evaluate(() => window.fixtureEditor!.insertAtEnd(' Can we close the deal this week?'));
    await expect.poll(() => model(page).then((m) => m.text)).toBe('Thanks for the notes on onboarding. Can we close the deal this week?');
    await expect.poll(() => highlightedTexts(page, within)).toEqual(['close the deal']);
    // Rapport's painting writes nothing in the editor, so watching the text never sets off a relint of its own.
    const relints = () => page.evaluate(() => performance.getEntriesByName('rapport:relint').length);
    const count = await relints();
    const now = await pageNow(page);
    await page.waitForFunction((t) => performance.now() > t + 600, now);
    expect(await relints()).toBe(count);
    await page.close();
  });
});
