// Zips a built extension for its store: dist/ → release/rapport-chrome-<version>.zip, dist-firefox/ → release/rapport-firefox-<version>.zip.
// fflate (pure JavaScript) rather than the zip CLI: the CLI is not on every developer or CI machine, and fixed
// timestamps plus sorted entries make the archive byte-for-byte reproducible.
import { zipSync } from 'fflate';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = { chrome: 'dist', firefox: 'dist-firefox' };
/** Zip timestamps cannot predate 1980; any fixed date keeps builds of the same tree identical. */
const FIXED_TIME = new Date('2024-01-01T00:00:00Z');
/** Never shipped: source maps and editor or OS debris. */
const SKIP = /(\.map|\.DS_Store|Thumbs\.db)$/;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

const target = process.argv[2] ?? 'chrome';
if (!(target in TARGETS)) {
  console.error(`usage: node scripts/package.mjs [${Object.keys(TARGETS).join('|')}]`);
  process.exit(2);
}
const sourceDir = join(ROOT, TARGETS[target]);
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(sourceDir, 'manifest.json'), 'utf8'));
} catch {
  console.error(`${TARGETS[target]}/manifest.json is missing: build first (npm run ${target === 'chrome' ? 'build' : 'build:firefox'}).`);
  process.exit(1);
}
if (!/^\d+(\.\d+){0,3}$/.test(String(manifest.version))) {
  console.error(`manifest version "${manifest.version}" is not a store version (1 to 4 dot-separated integers).`);
  process.exit(1);
}

const entries = {};
for (const file of filesUnder(sourceDir).sort()) {
  if (SKIP.test(file)) continue;
  // Zip paths always use forward slashes, whatever the OS.
  entries[relative(sourceDir, file).split(sep).join('/')] = [readFileSync(file), { mtime: FIXED_TIME, level: 9 }];
}
const outDir = join(ROOT, 'release');
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, `rapport-${target}-${manifest.version}.zip`);
writeFileSync(outFile, zipSync(entries));
console.log(`${relative(ROOT, outFile)}: ${Object.keys(entries).length} files, ${(statSync(outFile).size / 1024).toFixed(1)} KiB`);
