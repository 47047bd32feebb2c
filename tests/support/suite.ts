// One Chromium with the built extension per end-to-end file, and any test during which Rapport stood down fails.

import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchWithExtension, type LaunchedBrowser } from './browser';
import { DIST, ensureBuilt, recordRapportLogs } from './page';

/** Registers the file's hooks; the returned function gives the browser once beforeAll has launched it. */
export function extensionSuite(onLaunch?: (browser: LaunchedBrowser) => void): () => LaunchedBrowser {
  let browser: LaunchedBrowser | undefined;
  let rapportErrors: string[] = [];
  beforeAll(async () => {
    ensureBuilt();
    browser = await launchWithExtension(DIST);
    rapportErrors = recordRapportLogs(browser.context);
    onLaunch?.(browser);
  });
  afterAll(async () => browser?.close());
  // Rapport stands down quietly (one console line) after an internal error; in these tests that is a failure.
  afterEach(() => expect(rapportErrors).toEqual([]));
  return () => {
    if (!browser) throw new Error('the extension browser is not launched yet');
    return browser;
  };
}
