// Content script entry: stays tiny (no engine, no UI) and only listens for focus; the controller and engine
// load when an editor on Gmail or LinkedIn is first focused and the user has not switched Rapport off for the
// site, so an idle page (or a switched-off site) pays next to nothing. When the extension goes away under the
// page (update, reload, disable) everything Rapport added is removed and it says so once.

import { editableRootOf, siteForHostname, type Site } from '../sites';
import { isPopupToContent, type ContentReply } from '../shared/protocol';
import { SETTINGS_KEYS } from '../shared/settings-store';
import { injectFault, loadFaults } from './faults';
import { announceStandDown, extensionAlive, quietly } from './lifecycle';
import { PROBES } from './probes';

const bootStart = PROBES ? performance.now() : 0;

type Controller = import('./controller').Controller;


const site = siteForHostname(location.hostname);
const lifetime = new AbortController();
/** The controller, or null while the site is switched off; reset after a failed load so a later focus retries. */
let controller: Promise<Controller | null> | null = null;
/** The controller once it is running: standing down must not wait on a load that a lost context left hanging. */
let running: Controller | null = null;
let waitingForSwitchOn = false;

async function start(site: Site): Promise<Controller | null> {
  await loadFaults();
  const { loadSettings } = await import('../shared/settings');
  const settings = await loadSettings();
  if (settings.disabledSites.includes(location.hostname)) {
    waitForSwitchOn();
    return null;
  }
  const { startController } = await import('./controller');
  injectFault('load');
  if (lifetime.signal.aborted || !extensionAlive()) throw new Error('extension context invalidated');
  running = startController(site, settings, standDown);
  return running;
}

function load(): Promise<Controller | null> {
  controller ??= start(site!).then(
    (c) => {
      if (!c) controller = null;
      return c;
    },
    (error: unknown) => {
      controller = null;
      if (!extensionAlive()) standDown();
      // Not cached: the next focus tries again.
      else console.warn('[Rapport] could not start; it will try again when you next click into a text box:', error);
      return null;
    },
  );
  return controller;
}

/** On a switched-off site nothing loads; when the user switches it back on, drafts already open are checked. */
function waitForSwitchOn(): void {
  if (waitingForSwitchOn) return;
  waitingForSwitchOn = true;
  const listener = (changes: Record<string, chrome.storage.StorageChange>) => {
    if (!SETTINGS_KEYS.some((key) => key in changes)) return;
    void load().then((c) => {
      if (!c) return;
      waitingForSwitchOn = false;
      quietly(() => chrome.storage.onChanged.removeListener(listener));
    });
  };
  chrome.storage.onChanged.addListener(listener);
  lifetime.signal.addEventListener('abort', () => quietly(() => chrome.storage.onChanged.removeListener(listener)), { once: true });
}

const onMessage = (message: unknown, sender: chrome.runtime.MessageSender, sendResponse: (reply: unknown) => void): boolean => {
  // Only the extension's own pages may talk to the content script; pages cannot reach this listener, and
  // anything malformed is dropped.
  if (sender.id !== chrome.runtime.id || !isPopupToContent(message)) return false;
  const none: ContentReply = message.type === 'rapport:get-state' ? { ok: true, state: null, host: location.hostname } : { ok: false, error: 'No composer is open on this page.' };
  if (!controller) {
    sendResponse(none);
    return false;
  }
  void controller
    .then((c) => (c ? c.handle(message) : none))
    .then(sendResponse, (error: Error) => sendResponse({ ok: false, error: error.message }));
  return true;
};

/** The extension went away: remove every listener, and (through the controller) every trace on the page. */
function standDown(): void {
  if (lifetime.signal.aborted) return;
  lifetime.abort();
  quietly(() => chrome.runtime.onMessage.removeListener(onMessage));
  announceStandDown();
}

/** True (after standing down) when the extension went away; a load it interrupted may never settle, so no waiting on it. */
function lost(): boolean {
  if (extensionAlive()) return false;
  if (running) running.standDown();
  else standDown();
  return true;
}

if (site) {
  document.addEventListener(
    'focusin',
    (event) => {
      if (!event.isTrusted || lost()) return;
      const element = editableRootOf(event.composedPath());
      if (element) void load().then((c) => c?.focus(element));
    },
    { capture: true, signal: lifetime.signal },
  );
  // Typing is where a lost extension shows first when no composer is attached yet (its load was cut short).
  document.addEventListener('input', (event) => event.isTrusted && controller && !running && lost(), { capture: true, passive: true, signal: lifetime.signal });
  chrome.runtime.onMessage.addListener(onMessage);
}

// What the page pays before anyone writes: measured by npm run bench:page (e2e build only; pages can read marks).
if (PROBES) performance.measure('rapport:boot', { start: bootStart, end: performance.now() });
