// Rapport in Gmail's composers, in real Chromium with the built extension on the real origin (mapped to fixtures).

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { extensionWorld, highlighted, highlightedTexts, highlightPoint, GMAIL_NEW_BODY as NEW_BODY, openGmailCompose, settled, typeLines } from '../support/page';
import { extensionSuite } from '../support/suite';

const browser = extensionSuite();


const newCompose = (): Promise<Page> => openGmailCompose(browser().context);

/** The compose body's text the way a user sees it (line breaks from blocks), without signature and quotes. */
async function draftText(page: Page): Promise<string> {
  return page.locator(NEW_BODY).first().evaluate((el) => (el as HTMLElement).innerText);
}

describe('Gmail pop-up compose', () => {
  it('highlights exactly the pushy words as the user types, and nothing in the signature', async () => {
    const page = await newCompose();
    await typeLines(page, ['Hi Sam,', 'This offer expires tonight. Can we close the deal?']);
    // The signature of this compose says "We are the leading provider": it is not the draft, so it is not flagged.
    await expect.poll(() => highlighted(page, NEW_BODY)).toEqual([
      { category: 'closing', text: 'close the deal' },
      { category: 'urgency', text: 'offer expires tonight' },
    ]);
    await page.close();
  });

  it('leaves the draft HTML exactly as typed: Rapport adds nothing inside the editor', async () => {
    const page = await newCompose();
    await typeLines(page, ['Last call: this offer expires tonight.']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toContain('offer expires tonight');
    const html = await page.locator(NEW_BODY).innerHTML();
    expect(html).not.toMatch(/rapport|<mark|<span[^>]*style/i);
    // Relints leave it untouched too.
    await page.keyboard.type(' Thanks');
    await expect.poll(() => page.locator(NEW_BODY).innerHTML()).toBe(html.replace('tonight.', 'tonight. Thanks'));
    await page.close();
  });

  it('shows no highlights for a clean draft', async () => {
    const page = await newCompose();
    await typeLines(page, ['Hi Sam,', 'I enjoyed your talk on onboarding. Would a checklist help your team?']);
    await settled(page);
    expect(await highlighted(page, NEW_BODY)).toEqual([]);
    await page.close();
  });

  it('opens a card on hover with the reason and rewrites, without moving focus or the caret', async () => {
    const page = await newCompose();
    await typeLines(page, ['Can we close the deal this week?']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal']);
    // Half-typed, the question has no rewrite that fits it yet (only advice): wait for the relint of the whole line.
    await settled(page);
    const caretBefore = await page.evaluate(() => document.getSelection()?.focusOffset);
    const point = await highlightPoint(page, 'close the deal', NEW_BODY);
    await page.mouse.move(point.x, point.y);
    const card = page.locator('rapport-ui .card');
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.textContent()).toMatch(/Pushing to close/);
    expect(await card.locator('[data-action=apply]').count()).toBeGreaterThan(0);
    expect(await page.evaluate((sel) => document.activeElement?.matches(sel), NEW_BODY)).toBe(true);
    expect(await page.evaluate(() => document.getSelection()?.focusOffset)).toBe(caretBefore);
    await page.close();
  });

  it('applies a rewrite to exactly the sentence it rewrites through input events, and Ctrl+Z restores the original', async () => {
    const page = await newCompose();
    await typeLines(page, ['Hi Sam,', 'Can we close the deal this week? Thanks.']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal']);
    await settled(page);
    const original = await draftText(page);
    await page.evaluate((sel) => {
      const w = window as unknown as { inputEvents: string[] };
      w.inputEvents = [];
      document.querySelector(sel)!.addEventListener('input', (e) => w.inputEvents.push((e as InputEvent).inputType));
    }, NEW_BODY);
    const point = await highlightPoint(page, 'close the deal', NEW_BODY);
    await page.mouse.move(point.x, point.y);
    const apply = page.locator('rapport-ui .card [data-action=apply]').first();
    const rewrite = (await apply.textContent())!.trim();
    await apply.click();
    await expect.poll(() => draftText(page)).toBe(original.replace('Can we close the deal this week?', rewrite));
    expect(await page.evaluate(() => (window as unknown as { inputEvents: string[] }).inputEvents)).toContain('insertText');
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual([]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => draftText(page)).toBe(original);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal']);
    await page.close();
  });

  it('picks up a compose opened later and forgets one that closes', async () => {
    const page = await newCompose();
    await typeLines(page, ['Last chance: the offer expires tonight.']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toContain('offer expires tonight');
    await page.click('#open-compose');
    await typeLines(page, ['Can we close the deal?']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toContain('close the deal');
    // The newest compose is first; closing it removes its highlights and leaves the other's.
    // Hold the closing editor inside Rapport's world, where its listeners are visible (and present, so the check can fail).
    const world = await extensionWorld(page);
    await world.hold('closing', `document.querySelector('${NEW_BODY}')`);
    expect(await world.listenerTypes('closing')).toEqual(expect.arrayContaining(['input', 'keydown', 'mousemove']));
    await page.click('#close-compose');
    await expect.poll(() => highlightedTexts(page)).not.toContain('close the deal');
    expect(await highlightedTexts(page, NEW_BODY)).toContain('offer expires tonight');
    await expect.poll(() => world.listenerTypes('closing')).toEqual([]);
    await page.close();
  });

  it('opens the card at the caret with Alt+Shift+K and applies a rewrite with its number key', async () => {
    const page = await newCompose();
    await typeLines(page, ['Can we close the deal this week?']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal']);
    await settled(page);
    const original = await draftText(page);
    // Put the caret inside the flagged words, as a keyboard user would.
    await page.keyboard.press('Home');
    for (let i = 0; i < 'Can we clo'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Alt+Shift+K');
    const card = page.locator('rapport-ui .card');
    await expect.poll(() => card.isVisible()).toBe(true);
    const first = (await card.locator('[data-action=apply]').first().textContent())!.replace(/^1/, '').trim();
    expect(await page.evaluate((sel) => document.activeElement?.matches(sel), NEW_BODY)).toBe(true);
    await page.keyboard.press('1');
    await expect.poll(() => draftText(page)).toBe(original.replace('Can we close the deal this week?', first));
    await expect.poll(() => card.count()).toBe(0);
    await page.close();
  });

  it('Alt+Shift+K with the caret where Rapport does not read (the signature) opens no card for some other phrase', async () => {
    const page = await newCompose();
    await typeLines(page, ['Can we close the deal this week?']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal']);
    // The caret in the signature's text: not the draft, so there is no "phrase at the caret".
    await page.evaluate((sel) => {
      const signature = document.querySelector(`${sel} .gmail_signature`)!;
      const walker = document.createTreeWalker(signature, NodeFilter.SHOW_TEXT);
      document.getSelection()!.collapse(walker.nextNode(), 3);
      const w = window as unknown as { shortcutSeen: boolean[] };
      w.shortcutSeen = [];
      // Bubbling to the window after Rapport's own listener on the editor: this proves the key reached Rapport.
      window.addEventListener('keydown', (e) => e.code === 'KeyK' && w.shortcutSeen.push(e.defaultPrevented));
    }, NEW_BODY);
    await page.keyboard.press('Alt+Shift+K');
    await expect.poll(() => page.evaluate(() => (window as unknown as { shortcutSeen: boolean[] }).shortcutSeen)).toEqual([true]);
    expect(await page.locator('rapport-ui .card').count()).toBe(0);
    await page.close();
  });

  it('Alt+Shift+K on an empty line opens the next phrase after the caret, not the draft’s first', async () => {
    const page = await newCompose();
    await typeLines(page, ['This offer expires tonight.', '', 'Can we close the deal?']);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal', 'offer expires tonight']);
    // The empty line holds only a <br>: the caret sits between elements, not in any text.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Alt+Shift+K');
    await expect.poll(() => page.locator('rapport-ui .card').getAttribute('data-rule')).toBe('close-the-deal');
    await page.close();
  });

  it('flags text a site script writes into the body (a template, a restored draft) with no input event', async () => {
    const page = await newCompose();
    await typeLines(page, ['Hi Sam,']);
    await settled(page);
    const inputs = await page.evaluate((sel) => {
      const body = document.querySelector(sel)!;
      let count = 0;
      body.addEventListener('input', () => count++);
      const line = document.createElement('div');
      line.textContent = 'Can we close the deal this week?';
      body.insertBefore(line, body.querySelector('.gmail_signature_prefix'));
      return count;
    }, NEW_BODY);
    expect(inputs).toBe(0);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal']);
    // And when the script takes the words out again, so does Rapport.
    await page.evaluate((sel) => {
      const line = [...document.querySelectorAll(`${sel} div`)].find((d) => d.textContent === 'Can we close the deal this week?')!;
      line.firstChild!.textContent = 'Would a short call help?';
    }, NEW_BODY);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual([]);
    await page.close();
  });

  it('does not relint mid-composition (IME), and relints once the composition is committed', async () => {
    const page = await newCompose();
    await typeLines(page, ['Hello Sam. ']);
    await settled(page);
    const cdp = await page.context().newCDPSession(page);
    const started = await page.evaluate(() => performance.now());
    for (const partial of ['close', 'close the', 'close the deal']) {
      await cdp.send('Input.imeSetComposition', { text: partial, selectionStart: partial.length, selectionEnd: partial.length });
    }
    // Proving that nothing happens needs the relint delay (150 ms) to pass: wait on the page's clock, well past it.
    await page.waitForFunction((t) => performance.now() > t + 600, started);
    const during = await page.evaluate((t) => performance.getEntriesByName('rapport:relint').filter((e) => e.startTime > t).length, started);
    expect(during).toBe(0);
    expect(await highlightedTexts(page, NEW_BODY)).toEqual([]);
    await cdp.send('Input.insertText', { text: 'close the deal' });
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual(['close the deal']);
    await page.close();
  });
});
