// Content script entry: stays tiny (no engine, no UI) and only listens for focus; the controller and engine
// load when an editor on Gmail or LinkedIn is first focused, so an idle page pays next to nothing.

import { editableRootOf, siteForHostname } from '../sites';
import { isPopupToContent } from '../shared/protocol';
import { PROBES } from './probes';

const bootStart = PROBES ? performance.now() : 0;

type Controller = import('./controller').Controller;

const site = siteForHostname(location.hostname);
let controller: Promise<Controller> | null = null;

function load(): Promise<Controller> {
  controller ??= import('./controller').then(async ({ startController }) => {
    const c = startController(site!);
    await c.ready;
    return c;
  });
  return controller;
}

if (site) {
  document.addEventListener(
    'focusin',
    (event) => {
      if (!event.isTrusted) return;
      const element = editableRootOf(event.composedPath());
      if (element) void load().then((c) => c.focus(element));
    },
    { capture: true },
  );

  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Only the extension's own pages may talk to the content script; pages cannot reach this listener, and
    // anything malformed is dropped.
    if (sender.id !== chrome.runtime.id || !isPopupToContent(message)) return false;
    if (!controller) {
      sendResponse(message.type === 'rapport:get-state' ? { ok: true, state: null, host: location.hostname } : { ok: false, error: 'No composer is open on this page.' });
      return false;
    }
    void controller.then((c) => c.handle(message)).then(sendResponse, (error: Error) => sendResponse({ ok: false, error: error.message }));
    return true;
  });
}

// What the page pays before anyone writes: measured by npm run bench:page (e2e build only; pages can read marks).
if (PROBES) performance.measure('rapport:boot', { start: bootStart, end: performance.now() });
