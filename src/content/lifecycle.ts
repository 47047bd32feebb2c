// Whether this content script still belongs to a live extension: after an update, reload or disable, the page
// keeps the old script but every runtime API is gone ("Extension context invalidated"), so Rapport stands down.

/** False once the extension that injected this script was updated, reloaded or disabled. */
export function extensionAlive(): boolean {
  try {
    return typeof chrome !== 'undefined' && !!chrome.runtime?.id;
  } catch {
    return false;
  }
}

let announced = false;

/** Says once per page that Rapport has stepped back, and why. */
export function announceStandDown(): void {
  if (announced) return;
  announced = true;
  console.info('[Rapport] Rapport was updated or switched off, so it has stepped back on this page. Reload the page to use it again.');
}

/** Runs fn and swallows what a dead extension context throws (removing listeners from a gone API, for example). */
export function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // The API belongs to an extension context that no longer exists: nothing is left to undo.
  }
}
