// Bundles the real editor libraries (Quill, Tiptap, Lexical, Draft.js, a React-controlled contenteditable) for the
// fixture pages, into dist-editors/ (gitignored), where the fixture server serves them under /__editors/.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { ROOT } from './page';

export const EDITORS_SOURCE = resolve(ROOT, 'tests/fixtures/editors');
export const EDITORS_DIST = resolve(ROOT, 'dist-editors');

/** Every editor a fixture page can mount with ?editor=<name>&mount=<data-fixture-editor>. */
export const FIXTURE_EDITORS = ['quill', 'tiptap', 'lexical', 'draft', 'react-controlled'] as const;
export type FixtureEditor = (typeof FIXTURE_EDITORS)[number];

function newestSource(): number {
  const inputs = [...readdirSync(EDITORS_SOURCE).map((f) => resolve(EDITORS_SOURCE, f)), resolve(ROOT, 'package-lock.json'), import.meta.filename];
  return Math.max(...inputs.map((f) => statSync(f).mtimeMs));
}

function builtAt(): number {
  const stamps = FIXTURE_EDITORS.map((name) => resolve(EDITORS_DIST, `${name}.js`));
  return stamps.every(existsSync) ? Math.min(...stamps.map((f) => statSync(f).mtimeMs)) : -1;
}

/** Builds the bundles unless they are newer than their sources and the lockfile (a second run costs nothing). */
export async function buildFixtureEditors(): Promise<void> {
  if (builtAt() > newestSource()) return;
  await build({
    configFile: false,
    root: EDITORS_SOURCE,
    logLevel: 'warn',
    // React and Draft.js pick their production build from process.env.NODE_ENV, which the browser lacks.
    define: { 'process.env.NODE_ENV': JSON.stringify('production'), global: 'globalThis' },
    build: {
      outDir: EDITORS_DIST,
      emptyOutDir: true,
      target: 'chrome120',
      minify: false,
      sourcemap: false,
      modulePreload: false,
      rolldownOptions: {
        input: Object.fromEntries(FIXTURE_EDITORS.map((name) => [name, resolve(EDITORS_SOURCE, `${name}.ts`)])),
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        // Library entry modules run for their side effects (mounting): keep them even though they export nothing.
        preserveEntrySignatures: false,
      },
    },
  });
}
