// Settings in the extension: the model (settings-model.ts) bound to browser.storage through settings-store.ts.

import browser from 'webextension-polyfill';
import { createSettingsStore, SETTINGS_KEYS, type StorageLike } from './settings-store';
import type { Settings } from './settings-model';

export * from './settings-model';
export { SettingsWriteError } from './settings-store';

const store = createSettingsStore(browser.storage as unknown as StorageLike);

export async function loadSettings(): Promise<Settings> {
  return (await store.load()).settings;
}

/** Settings plus sentences about stored records that could not be read (and were left untouched). */
export async function loadSettingsReport(): Promise<{ settings: Settings; problems: string[] }> {
  const { settings, problems } = await store.load();
  return { settings, problems };
}

/** Replaces every setting (import, reset); throws SettingsWriteError, with nothing changed, when storage refuses. */
export async function saveSettings(settings: Settings): Promise<Settings> {
  return store.replace(settings);
}

/** Changes settings from their freshly stored state; throws SettingsWriteError, with nothing changed, when storage refuses. */
export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  return store.update(change);
}

/** Calls back with fresh settings whenever they change in any area; stops when the signal aborts. */
export function watchSettings(onChange: (settings: Settings) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>) => {
    if (SETTINGS_KEYS.some((key) => key in changes)) void loadSettings().then((s) => signal.aborted || onChange(s), () => undefined);
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => {
    try {
      browser.storage.onChanged.removeListener(listener);
    } catch {
      // The extension context is gone (update or reload): its listeners went with it.
    }
  }, { once: true });
}
