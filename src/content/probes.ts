// Test-only instrumentation switch: on only in the e2e/benchmark build (vite build --mode e2e), off in releases,
// where the page must see no marks, no open shadow root and no product names.

declare const __RAPPORT_PROBES__: boolean | undefined;

/**
 * True in the e2e build: performance marks (rapport:boot, rapport:input, rapport:relint) that tests and
 * npm run bench:page wait on, an open shadow root and readable highlight names. A compile-time constant, so a
 * release build drops the instrumentation instead of carrying it switched off.
 */
export const PROBES: boolean = typeof __RAPPORT_PROBES__ === 'boolean' && __RAPPORT_PROBES__;
