// Runs every rule's own flag/pass examples, and checks that applying each rewrite makes the finding go away.

import { describe, expect, it } from 'vitest';
import { builtInRules, createLinter } from '../src/engine';

const rules = builtInRules();

describe.each(rules.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  // Each rule is judged on its own: with every other rule on, a rule with rewrites may win the same words.
  const linter = createLinter({ disabledRules: rules.filter((r) => r.id !== id).map((r) => r.id), learned: false });
  it.each(rule.examples.flag)('flags: %s', (example) => {
    const hits = linter.lint(example).findings.filter((f) => f.ruleId === id);
    expect(hits.length, `expected ${id} to flag "${example}"`).toBeGreaterThan(0);
  });

  it.each(rule.examples.pass)('passes: %s', (example) => {
    const hits = linter.lint(example).findings.filter((f) => f.ruleId === id);
    expect(hits.map((h) => h.text), `expected ${id} not to flag "${example}"`).toEqual([]);
  });

  if (rule.kind === 'phrase') {
    it('every rewrite, applied in place, clears the finding', () => {
      for (const example of rule.examples.flag) {
        const finding = linter.lint(example).findings.find((f) => f.ruleId === id)!;
        for (const rewrite of finding.rewrites) {
          const fixed = example.slice(0, finding.start) + rewrite + example.slice(finding.end);
          const again = linter.lint(fixed).findings.filter((f) => f.ruleId === id);
          expect(again.map((f) => f.text), `"${fixed}" still trips ${id}`).toEqual([]);
        }
      }
    });
  }
});

it('the pack has at least 15 rules in every category', () => {
  const counts = new Map<string, number>();
  for (const r of rules) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  for (const category of ['shame', 'closing', 'urgency', 'self-centred']) {
    expect(counts.get(category) ?? 0, category).toBeGreaterThanOrEqual(15);
  }
});
