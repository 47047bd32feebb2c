// Preact hook for the extension pages: the current settings, kept fresh when any page or device changes them.

import { useEffect, useState } from 'preact/hooks';
import { loadSettings, watchSettings, type Settings } from './settings';

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
