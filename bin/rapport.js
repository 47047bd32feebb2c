#!/usr/bin/env node
// Entry point of the `rapport` command; the CLI itself is built into dist-cli/ by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist-cli/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('rapport: the CLI is not built yet; run `npm run build` first\n');
  process.exit(2);
}
const { main } = await import(built);
await main();
