// npm run misses -- [--category shame] [--rules-only] [--limit N]: what the rules and the scorer miss and
// wrongly flag on the TRAIN split of data/sentences, by wording group, for rule work. It never prints the test
// split (that stays unseen: npm run eval reports it), only the test split's counts.

import { createLinter, type Category } from '../src/engine';
import { loadSentences, splitData, type SentenceItem } from './data';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = arg('--category') as Category | undefined;
const limit = Number(arg('--limit') ?? 400);
const linter = createLinter({ learned: !process.argv.includes('--rules-only') });
const { train, test } = splitData(loadSentences());

function verdict(item: SentenceItem): { hit: boolean; wrong: boolean; found: string } {
  const findings = linter.lint(item.text).findings;
  const found = findings.map((f) => `${f.ruleId}: "${f.text}"`).join('; ');
  if (item.label === 'clean') return { hit: false, wrong: findings.length > 0, found };
  return { hit: findings.some((f) => f.category === item.label), wrong: findings.some((f) => f.category !== item.label), found };
}

const misses = new Map<string, string[]>();
const alarms: string[] = [];
let pushy = 0;
let caught = 0;
for (const item of train) {
  if (only && item.label !== only && item.label !== 'clean') continue;
  const v = verdict(item);
  if (item.label === 'clean') {
    if (v.wrong) alarms.push(`${item.tactic}: ${v.found}  ← ${item.text}`);
    continue;
  }
  pushy++;
  if (v.hit) caught++;
  else misses.set(item.tactic, [...(misses.get(item.tactic) ?? []), item.text + (v.wrong ? `   [flagged as other: ${v.found}]` : '')]);
}

let printed = 0;
console.log(`TRAIN misses${only ? ` (${only})` : ''}, by wording group:`);
for (const [tactic, texts] of [...misses].sort((a, b) => b[1].length - a[1].length)) {
  if (printed >= limit) break;
  console.log(`\n${tactic} (${texts.length})`);
  for (const t of texts) if (printed++ < limit) console.log(`  ${t}`);
}
console.log(`\nTRAIN false alarms on clean sentences (${alarms.length}):`);
for (const a of alarms) console.log(`  ${a}`);

const testPushy = test.filter((t) => t.label !== 'clean' && (!only || t.label === only));
const testCaught = testPushy.filter((t) => verdict(t).hit).length;
const testClean = test.filter((t) => t.label === 'clean');
const testAlarms = testClean.filter((t) => verdict(t).wrong).length;
console.log(`\ntrain recall ${caught}/${pushy} = ${((100 * caught) / Math.max(1, pushy)).toFixed(1)}%; false alarms ${alarms.length}`);
console.log(`test  recall ${testCaught}/${testPushy.length} = ${((100 * testCaught) / Math.max(1, testPushy.length)).toFixed(1)}%; clean flagged ${testAlarms}/${testClean.length} (counts only: test items are never printed)`);
