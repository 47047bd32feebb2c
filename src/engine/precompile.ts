// Build-time only (scripts/precompile.mjs runs it): validates rules/ and rules/concepts/ and compiles them into the
// pack the engine ships as data, so neither the extension nor the CLI validates or parses a rule at startup.

import { loadConcepts, packConceptIndex } from './concepts';

export { packConceptForms, packIndexLine, unpackConceptIndex } from './concepts';
export { RULE_BODY_FIELDS } from './rules';
export { compiledMatch } from './matcher';
import { compilePack, inflections, type PackData } from './matcher';
import nlp from './nlp';
import { loadRuleFiles, type RuleExamples } from './rules';

export type { PackData };

/**
 * The engine's pack, and the rules' examples, which the build ships apart from it (virtual:rapport/examples). Throws
 * a RulePackError naming each file and field when a rule or concept is invalid, as the build's error.
 */
export function precompilePack(
  ruleFiles: Record<string, unknown>,
  conceptFiles: Record<string, unknown>,
): { pack: PackData; examples: Record<string, RuleExamples> } {
  const tags = new Set(Object.keys((nlp.world() as unknown as { model: { one: { tagSet: object } } }).model.one.tagSet));
  const lexicon = loadConcepts(conceptFiles, inflections, tags);
  const { rules, examples } = loadRuleFiles(ruleFiles);
  const { lexicon: _, ...pack } = compilePack(rules, undefined, lexicon);
  return { pack: { ...pack, concepts: lexicon.concepts, conceptIndex: packConceptIndex(lexicon) }, examples };
}
