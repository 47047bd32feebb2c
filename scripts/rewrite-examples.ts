// Prints what every rewrite of a rule does to its flag examples; with --write, records it as the examples' "after"
// (review the diff: the recorded sentences are the rule's promise, and tests/rules.test.ts holds the rule to them).

import { readFileSync, writeFileSync } from 'node:fs';
import { builtInRules, createLinter } from '../src/engine';
import { builtInExamples } from '../src/engine/examples';

const write = process.argv.includes('--write');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const rules = builtInRules();
for (const rule of rules) {
  if (only.length > 0 && !only.includes(rule.id)) continue;
  const linter = createLinter({ disabledRules: rules.filter((r) => r.id !== rule.id).map((r) => r.id), learned: false });
  const afters: string[][] = [];
  console.log(`== ${rule.id}`);
  for (const example of builtInExamples(rule.id).flag) {
    const finding = linter.lint(example.text).findings.find((f) => f.ruleId === rule.id);
    const after = (finding?.rewrites ?? []).map((r) => example.text.slice(0, finding!.replaceStart) + r + example.text.slice(finding!.replaceEnd));
    afters.push(after);
    console.log(`   ${example.text}${finding ? '' : '   (NOT FLAGGED)'}`);
    for (const a of after) console.log(`     → ${a}`);
    if (after.length === 0) console.log(`     (advice only: ${finding?.advice ?? ''})`);
  }
  if (!write) continue;
  const file = `rules/${rule.id}.json`;
  const data = JSON.parse(readFileSync(file, 'utf8')) as { examples: { flag: unknown[] } };
  data.examples.flag = builtInExamples(rule.id).flag.map((e, i) => ({ text: e.text, after: afters[i] }));
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
