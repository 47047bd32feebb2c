// Preact hooks for the extension pages: the current settings, kept fresh when any page or device changes them,
// and an editor that shows a change at once instead of after the storage round trip.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { loadSettings, updateSettings, watchSettings, type Settings } from './settings';

export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    const stop = new AbortController();
    void loadSettings().then((loaded) => stop.signal.aborted || setSettings(loaded));
    watchSettings(setSettings, stop.signal);
    return () => stop.abort();
  }, []);
  return settings;
}

export type SettingsEdit = (current: Settings) => Settings;

/**
 * Settings plus a function that changes them. The change shows immediately: otherwise a re-render before storage
 * answers would put a switch the user just flipped back where it was. Storage stays the source of truth: the
 * edit is applied to freshly loaded settings, so changes made meanwhile in another page are kept.
 */
export function useSettingsEditor(): [Settings | null, (edit: SettingsEdit) => Promise<Settings>] {
  const stored = useSettings();
  const [optimistic, setOptimistic] = useState<Settings | null>(null);
  useEffect(() => setOptimistic(null), [stored]);
  const change = useCallback(
    async (edit: SettingsEdit) => {
      if (stored) setOptimistic((shown) => edit(shown ?? stored));
      const saved = await updateSettings(edit);
      setOptimistic(saved);
      return saved;
    },
    [stored],
  );
  return [optimistic ?? stored, change];
}
