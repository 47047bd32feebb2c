// Rapport across LinkedIn's single-page lifecycle: composers inside shadow roots that open and close, the chip's
// list, and Ignore / Mute from the card.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { extensionWorld, highlightedTexts, highlightPoint } from '../support/page';
import { extensionSuite } from '../support/suite';

const browser = extensionSuite();

const SHADOW_BODY = '[data-fixture-editor="linkedin-shadow-overlay-body"]';
const MESSAGING = '[data-fixture-editor="linkedin-messaging-body"]';

async function open(url: string): Promise<Page> {
  const page = await browser().context.newPage();
  await page.goto(url);
  return page;
}

describe('LinkedIn', () => {
  it('picks up a chat opened later inside a shadow root, and forgets it with its listeners when it closes', async () => {
    const page = await open('https://www.linkedin.com/in/jane-doe/');
    // The engine loads on the first focus; the shadow-root chat opens afterwards.
    await page.locator('[data-fixture-editor="linkedin-overlay-body"]').focus();
    await page.click('#open-compose-shadow');
    await page.locator(SHADOW_BODY).focus();
    await page.keyboard.type('Last chance to close the deal this week.');
    await expect.poll(() => highlightedTexts(page, SHADOW_BODY)).toContain('close the deal');
    const world = await extensionWorld(page);
    await world.hold('closing', `(function find(root) { return root.querySelector('${SHADOW_BODY}') || [...root.querySelectorAll('*')].map((el) => el.shadowRoot && find(el.shadowRoot)).find(Boolean) || null; })(document)`);
    // Attached, Rapport listens to the editor: the check below can see its listeners.
    expect(await world.listenerTypes('closing')).toEqual(expect.arrayContaining(['input', 'keydown', 'mousemove']));
    await page.click('#close-compose');
    await expect.poll(() => highlightedTexts(page)).not.toContain('close the deal');
    await expect.poll(() => world.listenerTypes('closing')).toEqual([]);
    await page.close();
  });

  it('the chip shows the count and score, and its list opens a finding’s card', async () => {
    const page = await open('https://www.linkedin.com/messaging/thread/1/');
    await page.locator(MESSAGING).focus();
    await page.keyboard.type('This offer expires tonight. Can we close the deal?');
    await expect.poll(() => highlightedTexts(page, MESSAGING)).toEqual(['close the deal', 'offer expires tonight']);
    const chip = page.locator('rapport-ui .chip');
    await expect.poll(() => chip.locator('[data-count]').textContent()).toBe('2');
    expect(Number(await chip.locator('[data-score]').textContent())).toBeLessThan(100);
    await chip.click();
    const list = page.locator('rapport-ui .list');
    await expect.poll(() => list.locator('button').count()).toBe(2);
    await list.locator('button', { hasText: 'close the deal' }).click();
    await expect.poll(() => page.locator('rapport-ui .card').getAttribute('data-rule')).toBe('close-the-deal');
    expect(await page.evaluate((sel) => document.activeElement?.matches(sel), MESSAGING)).toBe(true);
    await page.close();
  });

  it('flags text a site script sets as a textarea’s value (a restored draft), with no input event', async () => {
    const page = await open('https://www.linkedin.com/__fixture/linkedin-generic.html');
    const sel = '[data-fixture-editor="linkedin-plain-textarea"]';
    await page.locator(sel).focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('Hi Sam, thanks for connecting.');
    await expect.poll(() => highlightedTexts(page, sel)).toEqual([]);
    const inputs = await page.evaluate((s) => {
      const ta = document.querySelector(s) as HTMLTextAreaElement;
      let count = 0;
      ta.addEventListener('input', () => count++);
      ta.value = 'Hi Sam, can we close the deal this week?';
      return count;
    }, sel);
    expect(inputs).toBe(0);
    await expect.poll(() => highlightedTexts(page, sel)).toEqual(['close the deal']);
    await page.evaluate((s) => ((document.querySelector(s) as HTMLTextAreaElement).value = 'Hi Sam, would a short call help?'), sel);
    await expect.poll(() => highlightedTexts(page, sel)).toEqual([]);
    await page.close();
  });

  it('a textarea’s highlights follow the field through scrolling and resizing', async () => {
    const page = await open('https://www.linkedin.com/__fixture/linkedin-generic.html');
    const field = page.locator('[data-fixture-editor="linkedin-plain-textarea"]');
    await field.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(`${'A line about your team.\n'.repeat(30)}Can we close the deal?`);
    await expect.poll(() => highlightedTexts(page, '[data-fixture-editor="linkedin-plain-textarea"]')).toEqual(['close the deal']);
    const geometry = () =>
      page.evaluate(() => {
        const ta = document.querySelector('[data-fixture-editor="linkedin-plain-textarea"]') as HTMLTextAreaElement;
        const mirror = document.querySelector('rapport-ui')!.shadowRoot!.querySelector('.field-mirror') as HTMLElement;
        const a = ta.getBoundingClientRect();
        const b = mirror.getBoundingClientRect();
        return { scroll: [ta.scrollTop, mirror.scrollTop], size: [Math.round(a.width), Math.round(b.width), Math.round(a.height), Math.round(b.height)] };
      });
    await field.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(async () => { const g = await geometry(); return g.scroll[0] === g.scroll[1]; }).toBe(true);
    const before = (await geometry()).size[0];
    await field.evaluate((el) => ((el as HTMLElement).style.width = '240px'));
    await expect.poll(async () => { const g = await geometry(); return g.size[0] !== before && g.size[0] === g.size[1] && g.size[2] === g.size[3]; }).toBe(true);
    await page.close();
  });

  it('Alt+Shift+K in the post composer inside a shadow root opens the phrase at the caret, not the draft’s first', async () => {
    const page = await open('https://www.linkedin.com/feed/');
    const share = '[data-fixture-editor="linkedin-share-box"]';
    await page.locator(share).focus();
    const draft = 'This offer expires tonight. Can we close the deal this week?';
    await page.keyboard.type(draft);
    await expect.poll(() => highlightedTexts(page, share)).toEqual(['close the deal', 'offer expires tonight']);
    await page.keyboard.press('Home');
    for (let i = 0; i < draft.indexOf('close the deal') + 4; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Alt+Shift+K');
    const card = page.locator('rapport-ui .card');
    await expect.poll(() => card.getAttribute('data-rule')).toBe('close-the-deal');
    const rewrite = (await card.locator('[data-action=apply]').first().textContent())!.replace(/^1/, '').trim();
    await page.keyboard.press('1');
    // The phrase at the caret was rewritten (with the clause around it, where the rewrite needs it); the first finding stayed.
    await expect.poll(() => page.locator(share).innerText()).toContain(rewrite);
    const after = await page.locator(share).innerText();
    expect(after.startsWith('This offer expires tonight.')).toBe(true);
    expect(after).not.toContain('close the deal');
    await page.close();
  });

  it('Ignore hides that occurrence only; Mute rule silences the rule everywhere', async () => {
    const page = await open('https://www.linkedin.com/messaging/thread/1/');
    await page.locator(MESSAGING).focus();
    await page.keyboard.type('Offer expires tonight. Can we close the deal? Later we close the deal again.');
    await expect.poll(() => highlightedTexts(page, MESSAGING)).toEqual(['Offer expires tonight', 'close the deal', 'close the deal']);
    const first = await highlightPoint(page, 'close the deal', MESSAGING);
    await page.mouse.move(first.x, first.y);
    await page.locator('rapport-ui .card [data-action=ignore]').click();
    await expect.poll(() => highlightedTexts(page, MESSAGING)).toEqual(['Offer expires tonight', 'close the deal']);
    const offer = await highlightPoint(page, 'Offer expires tonight', MESSAGING);
    await page.mouse.move(offer.x, offer.y);
    await expect.poll(() => page.locator('rapport-ui .card').getAttribute('data-rule')).toBe('offer-expires');
    await page.locator('rapport-ui .card [data-action=mute]').click();
    // The muted rule is silent; the clock words are still urgency to another rule, whichever now speaks for them.
    const card = page.locator('rapport-ui .card');
    const ruleOnClockWords = async () => {
      await page.mouse.move(0, 0);
      const clock = (await highlightedTexts(page, MESSAGING)).find((t) => /^(Offer )?expires tonight$/.test(t));
      if (!clock) return null;
      const at = await highlightPoint(page, clock, MESSAGING);
      await page.mouse.move(at.x, at.y);
      return card.getAttribute('data-rule', { timeout: 2000 }).catch(() => null);
    };
    await expect.poll(ruleOnClockWords, { timeout: 15000 }).toMatch(/^(?!offer-expires$)[a-z-]+$/);
    expect(await card.getAttribute('aria-label')).toMatch(/urgency/i);
    expect(await highlightedTexts(page, MESSAGING)).toContain('close the deal');
    // This browser's settings now mute offer-expires: this test stays last in the file.
    await page.close();
  });
});
