// npm run demo: opens Chromium with the built extension on local copies of Gmail's and LinkedIn's composers, so
// anyone can try Rapport without an account. The real hostnames are mapped onto a local server; nothing goes online.

import { launchWithExtension } from '../tests/support/browser';
import { RELEASE_DIST } from '../tests/support/page';

const headed = !process.argv.includes('--headless');
const browser = await launchWithExtension(RELEASE_DIST, { headed });
const pages = [
  'https://mail.google.com/mail/u/0/',
  'https://mail.google.com/__fixture/gmail-thread.html',
  'https://www.linkedin.com/messaging/thread/demo/',
  'https://www.linkedin.com/feed/',
  'https://www.linkedin.com/in/jane-doe/',
];
for (const url of pages) {
  const page = await browser.context.newPage();
  await page.goto(url);
}
await browser.context.pages().find((p) => p.url() === 'about:blank')?.close();
console.log(`Rapport demo: ${pages.length} tabs with Gmail and LinkedIn composers (local copies; nothing goes online).`);
console.log('Type into a compose box: pushy phrases are underlined; hover one for the reason and rewrites.');
if (!headed) {
  await browser.close();
} else {
  console.log('Close the browser window to end the demo.');
  await new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
  await browser.close();
}
