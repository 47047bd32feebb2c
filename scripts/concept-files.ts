// Reads rules/concepts/*.json as the build bundles them (path → parsed JSON), for the scorer's feature fingerprint.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readConceptFiles(dir = 'rules/concepts'): Record<string, unknown> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [`${dir}/${f}`, JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]),
  );
}
