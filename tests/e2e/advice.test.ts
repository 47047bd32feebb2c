// Advice-only findings in real Chromium with the built extension: where no rewrite is safe, the card and the popup
// show the advice and an example of the better move, and offer no Apply button.

import type { Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { highlightedTexts, highlightPoint, GMAIL_NEW_BODY as NEW_BODY, openGmailCompose, settled } from '../support/page';
import { extensionSuite } from '../support/suite';

const browser = extensionSuite();

// did-you-see-my-emails has no template for a count of emails, so it speaks in advice; the close has a rewrite.
const ADVICE_ONLY = 'Did you see my last 3 emails';
const DRAFT = ['Hi Sam,', 'Did you see my last 3 emails? Can we close the deal this week?'];

const composeWith = (lines: string[]): Promise<Page> => openGmailCompose(browser().context, lines);

async function serviceWorker(): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  const context = browser().context;
  return context.serviceWorkers().find(isOurs) ?? context.waitForEvent('serviceworker', { predicate: isOurs });
}

async function tabIdOf(page: Page): Promise<number> {
  await page.bringToFront();
  return (await serviceWorker()).evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id!;
  });
}

describe('a finding with no safe rewrite', () => {
  it('the card shows its advice and an example, with no Apply button', async () => {
    const page = await composeWith(DRAFT);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toEqual([ADVICE_ONLY, 'close the deal']);
    await settled(page);
    const point = await highlightPoint(page, ADVICE_ONLY, NEW_BODY);
    await page.mouse.move(point.x, point.y);
    const card = page.locator('rapport-ui .card');
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.getAttribute('data-rule')).toBe('did-you-see-my-emails');
    expect(await card.locator('.advice').textContent()).toContain('easy way to say not now');
    expect(await card.locator('[data-role=example]').textContent()).toContain('I know things get busy');
    expect(await card.locator('[data-action=apply]').count()).toBe(0);

    // The contrast that makes the check able to fail: the close in the same draft does offer Apply, and no example.
    await page.mouse.move(0, 0);
    await expect.poll(() => card.count()).toBe(0);
    const close = await highlightPoint(page, 'close the deal', NEW_BODY);
    await page.mouse.move(close.x, close.y);
    await expect.poll(() => card.getAttribute('data-rule')).toBe('close-the-deal');
    expect(await card.locator('[data-action=apply]').count()).toBeGreaterThan(0);
    expect(await card.locator('[data-role=example]').count()).toBe(0);
    await page.close();
  });

  it('the popup lists its advice and an example, with no Apply or Copy button', async () => {
    const page = await composeWith(DRAFT);
    await expect.poll(() => highlightedTexts(page, NEW_BODY)).toContain(ADVICE_ONLY);
    await settled(page);
    const popup = await browser().context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${browser().extensionId}/src/popup/index.html?tabId=${await tabIdOf(page)}`);
    const adviceOnly = popup.locator('.finding', { has: popup.locator('mark', { hasText: ADVICE_ONLY }) });
    await adviceOnly.waitFor();
    expect(await adviceOnly.locator('.finding-advice').textContent()).toContain('easy way to say not now');
    expect(await adviceOnly.locator('[data-role=example]').textContent()).toContain('I know things get busy');
    expect(await adviceOnly.getByRole('button', { name: /^(Apply|Copy)/ }).count()).toBe(0);
    // Jump, Ignore and Mute still work on it.
    expect(await adviceOnly.getByRole('button', { name: /^Jump/ }).count()).toBe(1);

    const withRewrite = popup.locator('.finding', { has: popup.locator('mark', { hasText: 'close the deal' }) });
    expect(await withRewrite.getByRole('button', { name: /^Apply/ }).count()).toBeGreaterThan(0);
    expect(await withRewrite.locator('[data-role=example]').count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
