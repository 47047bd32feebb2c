// Runs a TypeScript script (eval, bench) through Vite's module runner, so it sees the same transforms as the
// extension build (the rule pack and compromise model precompiled from rules/) without writing a build to disk.
import { runnerImport } from 'vite';
import { precompile } from './precompile.mjs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run.mjs SCRIPT.ts [ARGS...]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(script), ...rest];
await runnerImport(pathToFileURL(resolve(script)).href, { configFile: false, logLevel: 'warn', plugins: [precompile()] });
