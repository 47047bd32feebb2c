// Prints, for every draft in data/drafts/, each flagged sentence before and after each rewrite Rapport offers
// (or the advice and example when no rewrite is safe): the pairs a reviewer reads to judge the rewrites.

import { createLinter, splitSentences } from '../src/engine';
import { loadDrafts } from './data';

const drafts = loadDrafts();
const linter = createLinter();
let pairs = 0;
for (const draft of drafts) {
  const sentences = splitSentences(draft.text);
  for (const f of linter.lint(draft.text).findings) {
    const s = sentences.find((x) => x.start <= f.start && f.end <= x.end)!;
    console.log(`[${draft.register}/${draft.id}] ${f.ruleId} «${f.text}»`);
    console.log(`  before: ${s.text}`);
    for (const rewrite of f.rewrites) {
      const after = draft.text.slice(s.start, f.replaceStart) + rewrite + draft.text.slice(f.replaceEnd, s.end);
      console.log(`  after:  ${after}`);
      pairs++;
    }
    if (f.rewrites.length === 0) console.log(`  advice: ${f.advice ?? ''} Example: ${f.example ?? ''}`);
  }
}
console.log(`${drafts.length} drafts, ${pairs} before/after pairs`);
