// Builds the extension from manifest.json with @crxjs/vite-plugin: dist/ for Chrome, or dist-firefox/ with --mode firefox.
import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vitest/config';
import manifest from './manifest.json' with { type: 'json' };
import { precompile } from './scripts/precompile.mjs';

// Firefox's MV3 manifest is derived from the Chrome one: an event page (background.scripts) and a gecko id.
/** Fixed forever once published: Firefox keys storage and updates on it. */
export const GECKO_ID = '{beec2cda-c302-4e73-9311-9f7a22ac4e3b}';
/** The first Firefox (an ESR) that understands data_collection_permissions, which new listings must declare. */
export const GECKO_MIN_VERSION = '140.0';
/** Firefox for Android gained data_collection_permissions later than desktop. */
export const GECKO_ANDROID_MIN_VERSION = '142.0';

type Manifest = Record<string, unknown> & { background?: { service_worker?: string; scripts?: string[]; type?: string } };

export function firefoxManifest(chrome: Manifest): Manifest {
  const { background, ...rest } = chrome;
  const worker = background?.service_worker;
  if (!worker) throw new Error('manifest.json needs background.service_worker to derive the Firefox build');
  return {
    ...rest,
    // Firefox has no extension service workers; it runs the same module as a non-persistent background script.
    background: { scripts: [worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        // Rapport reads drafts only inside the browser and sends nothing anywhere.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
    },
  };
}

/**
 * Content scripts are built as one classic script each (everything inlined), not crxjs's ES-module loader: that
 * loader imports chunks by chrome-extension:// URL, which needs web_accessible_resources the page can fetch and
 * makes Vite add <link rel=modulepreload> elements with the extension's id to the page.
 */
const CONTENT_SCRIPTS = manifest.content_scripts.flatMap((c) => c.js);

export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  return {
    define: { __RAPPORT_PROBES__: JSON.stringify(mode === 'e2e') },
    plugins: [
      precompile(),
      crx({
        manifest: (firefox ? firefoxManifest(manifest) : manifest) as never,
        browser: firefox ? 'firefox' : 'chrome',
        contentScripts: { standaloneFiles: CONTENT_SCRIPTS },
      }),
    ],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      // The e2e build (probes on: see src/content/probes.ts) never overwrites the release build beside it.
      outDir: firefox ? 'dist-firefox' : mode === 'e2e' ? 'dist-e2e' : 'dist',
      emptyOutDir: true,
      target: firefox ? 'firefox128' : 'chrome120',
      sourcemap: false,
      // The modulepreload polyfill fetches chunks with fetch() and the preload helper writes <link> elements into
      // whatever document runs it; extension pages load from disk and need neither.
      modulePreload: false,
    },
    test: {
      include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // A 2-core machine running Chromium is slow to settle; conditions are polled, so a long ceiling costs nothing when things work.
      expect: { poll: { timeout: 15_000 } },
      // End-to-end files each start a Chromium; on two cores running them side by side is slower and flakier, not faster.
      fileParallelism: false,
    },
  };
});
