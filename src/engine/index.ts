// The engine's public API: lint once, or keep a Linter for incremental relints on every keystroke.

import { builtInRules, builtInScorer } from './builtin';
import { Linter } from './linter';
import type { LintOptions, Report } from './types';

export * from './types';
export { Linter, LEARNED_RULE_PREFIX, phraseKey, normaliseForKey, compileUserPhrases } from './linter';
export { builtInRules, builtInScorer, builtInConcepts } from './builtin';
export { loadRulePack, validateRule, RuleError, RulePackError, type Rule } from './rules';
export { splitSentences } from './split';
export { ignoreToken, ignoreTokenInfo, isIgnoreToken, type IgnoreKind } from './ignore-keys';

/** A linter over the built-in rules; keep one per editor and call lint() after every edit. */
export function createLinter(options: LintOptions = {}): Linter {
  return new Linter(builtInRules(), options, builtInScorer());
}

export function lint(text: string, options: LintOptions = {}): Report {
  return createLinter(options).lint(text);
}
