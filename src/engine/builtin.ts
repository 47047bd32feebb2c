// The built-in rule pack: every file under rules/, bundled as data at build time and validated on first use.

import { packFor } from './matcher';
import { loadRulePack, type Rule } from './rules';

const files = import.meta.glob('../../rules/*.json', { eager: true, import: 'default' });

let cached: Rule[] | null = null;

/** Throws a RulePackError naming each file and field when a rule is invalid. */
export function builtInRules(): Rule[] {
  if (!cached) {
    const rules = loadRulePack(Object.fromEntries(Object.entries(files).map(([path, data]) => [path.replace('../../', ''), data])));
    packFor(rules);
    cached = rules;
  }
  return cached;
}
