// Preact hooks for the extension pages: the current settings, kept fresh when any page or device changes them,
// and an editor that shows a change at once instead of after the storage round trip, and says when a save failed.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { loadSettingsReport, SettingsWriteError, updateSettings, watchSettings, type Settings } from './settings';

/** Settings, and sentences about stored records that could not be read (left untouched, defaults in use). */
export function useSettings(): { settings: Settings | null; problems: string[] } {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    const stop = new AbortController();
    const refresh = () =>
      void loadSettingsReport().then((report) => {
        if (stop.signal.aborted) return;
        setSettings(report.settings);
        setProblems(report.problems);
      });
    refresh();
    watchSettings(refresh, stop.signal);
    return () => stop.abort();
  }, []);
  return { settings, problems };
}

export type SettingsEdit = (current: Settings) => Settings;

export interface SettingsHealth {
  /** Why the last change was not saved, as a sentence for the person; null after a change that worked. */
  saveError: string | null;
  /** Stored records that could not be read (left untouched). */
  problems: string[];
}

/** Settings; an edit function resolving to the saved settings, or null when storage refused (see saveError). */
export type SettingsEditor = [Settings | null, (edit: SettingsEdit) => Promise<Settings | null>, SettingsHealth];

/**
 * Settings plus a function that changes them. The change shows immediately: otherwise a re-render before storage
 * answers would put a switch the user just flipped back where it was. Storage stays the source of truth: the
 * edit is applied to freshly loaded settings, so changes made meanwhile in another page are kept; a refused save
 * puts the shown settings back to what is stored and says why.
 */
export function useSettingsEditor(): SettingsEditor {
  const { settings: stored, problems } = useSettings();
  const [optimistic, setOptimistic] = useState<Settings | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => setOptimistic(null), [stored]);
  const change = useCallback(
    async (edit: SettingsEdit) => {
      if (stored) setOptimistic((shown) => edit(shown ?? stored));
      try {
        const saved = await updateSettings(edit);
        setOptimistic(saved);
        setSaveError(null);
        return saved;
      } catch (error) {
        setOptimistic(null);
        setSaveError(error instanceof SettingsWriteError ? error.message : `Not saved: ${String(error)}. Nothing was changed.`);
        return null;
      }
    },
    [stored],
  );
  return [optimistic ?? stored, change, { saveError, problems }];
}
