// npm run findings: every finding the engine gives on the bench texts, data/, the shared corpus and a Brown sample,
// under several option sets, as one JSON document; `--compare FILE` diffs against a saved run, so a speed change
// can prove it changed no result.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLinter, type LintOptions, type Report } from '../src/engine';
import { DOCUMENT, EMAIL } from './bench-texts';
import { brownTexts } from './brown';
import { loadMessages, loadSentences } from './data';

// Like eval's RAPPORT_CORPUS: the shared corpus sits beside the checkout unless told otherwise.
const CORPUS = resolve(process.env.RAPPORT_CORPUS_DIR ?? '../shared/corpus');
const OPTION_SETS: Record<string, LintOptions> = {
  default: {},
  external: { context: { audience: 'external' } },
  internal: { context: { audience: 'internal' } },
  reply: { context: { reply: true } },
  gentleNoModel: { sensitivity: 'gentle', learned: false },
  userPhrase: { userPhrases: [{ phrase: 'circle back', message: 'Says nothing new.', rewrite: 'follow up' }] },
};

function corpusTexts(file: string): string[] {
  const path = resolve(CORPUS, file);
  if (!existsSync(path)) throw new Error(`${path} not found (set RAPPORT_CORPUS_DIR)`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

function inputs(): Record<string, string[]> {
  return {
    bench: [EMAIL, DOCUMENT],
    sentences: loadSentences().map((s) => s.text),
    messages: loadMessages().map((m) => m.text),
    outreach: corpusTexts('outreach.jsonl'),
    workEmail: corpusTexts('work-email-dev.jsonl'),
    brown: brownTexts()
      .filter((_, i) => i % 10 === 0)
      .map((t) => t.text),
  };
}

/** Reports, with every field the engine returns; message sets and full lints only (keystroke paths are tested apart). */
function snapshot(): Record<string, Record<string, Report[]>> {
  const texts = inputs();
  const out: Record<string, Record<string, Report[]>> = {};
  for (const [name, options] of Object.entries(OPTION_SETS)) {
    const linter = createLinter(options);
    out[name] = {};
    for (const [set, list] of Object.entries(texts)) {
      // The default options see everything; the rest see the texts where context and options matter most.
      if (name !== 'default' && (set === 'brown' || set === 'sentences')) continue;
      out[name]![set] = list.map((text) => {
        linter.reset();
        return linter.lint(text);
      });
    }
  }
  return out;
}

function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  if (typeof a !== 'object' || a === null) return a === b ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b as object)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

const current = snapshot();
const compareAt = process.argv.indexOf('--compare');
if (compareAt === -1) {
  process.stdout.write(`${JSON.stringify(current)}\n`);
} else {
  const saved = JSON.parse(readFileSync(process.argv[compareAt + 1]!, 'utf8')) as unknown;
  const difference = firstDifference(saved, JSON.parse(JSON.stringify(current)), '$');
  let findings = 0;
  for (const sets of Object.values(current)) for (const reports of Object.values(sets)) for (const r of reports) findings += r.findings.length;
  if (difference) {
    console.error(`findings differ: ${difference}`);
    process.exit(1);
  }
  console.log(`identical: ${findings} findings over ${Object.keys(current).length} option sets`);
}
