// Builds the command-line checker (dist-cli/cli.js) for Node from src/cli/; the engine is the same code the extension runs.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import { precompile } from './scripts/precompile.mjs';

export default defineConfig({
  plugins: [precompile()],
  build: {
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    ssr: true,
    minify: false,
    rollupOptions: {
      input: { cli: 'src/cli/main.ts', engine: 'src/engine/index.ts' },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: '[name].js', charset: 'ascii', comments: { legal: true, annotation: false, jsdoc: false } },
    },
  },
  ssr: { noExternal: true },
});
