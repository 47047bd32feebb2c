// Test-only fault injection for the end-to-end fault tests: compiled in only with the other probes, in the e2e
// build (vite build --mode e2e, dist-e2e/); in the release build PROBES is false and this code is removed.

import { PROBES } from './probes';

/** Where a fault can be injected: creating a composer's linter, rebuilding linters after a settings change, loading the engine. */
export type FaultPoint = 'attach' | 'settings' | 'load';

const FAULTS_KEY = 'rapport.faults';
let armed: Partial<Record<FaultPoint, boolean>> = {};

/** Reads which faults the test armed in storage.local (and follows changes); a no-op in real builds. */
export async function loadFaults(): Promise<void> {
  if (!PROBES) return;
  armed = ((await chrome.storage.local.get(FAULTS_KEY))[FAULTS_KEY] as typeof armed | undefined) ?? {};
  chrome.storage.onChanged.addListener((changes) => {
    if (FAULTS_KEY in changes) armed = (changes[FAULTS_KEY]!.newValue as typeof armed | undefined) ?? {};
  });
}

export function injectFault(point: FaultPoint): void {
  if (PROBES && armed[point]) throw new Error(`injected fault: ${point}`);
}
