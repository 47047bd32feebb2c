// The built-in rule pack and concept lexicon: every file under rules/ and rules/concepts/, bundled as data at
// build time and validated on first use.

import nlp from 'compromise/two';
import { loadConcepts, type ConceptLexicon } from './concepts';
import { inflections, packFor } from './matcher';
import type { LearnedExplanations, LearnedScorer } from './linter';
import explanations from './model/explanations.json';
import weights from './model/weights.json';
import { loadRulePack, type Rule } from './rules';
import { validateModel } from './scorer';

const files = import.meta.glob('../../rules/*.json', { eager: true, import: 'default' });
const conceptFiles = import.meta.glob('../../rules/concepts/*.json', { eager: true, import: 'default' });

let cached: Rule[] | null = null;
let lexicon: ConceptLexicon | null = null;

const strip = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).map(([path, data]) => [path.replace('../../', ''), data]));

/** Throws a RulePackError naming each file and field when a concept is invalid. */
export function builtInConcepts(): ConceptLexicon {
  if (!lexicon) {
    const tags = new Set(Object.keys((nlp.world() as unknown as { model: { one: { tagSet: object } } }).model.one.tagSet));
    lexicon = loadConcepts(strip(conceptFiles), inflections, tags);
  }
  return lexicon;
}

/** Throws a RulePackError naming each file and field when a rule is invalid. */
export function builtInRules(): Rule[] {
  if (!cached) {
    const rules = loadRulePack(strip(files));
    packFor(rules, undefined, builtInConcepts());
    cached = rules;
  }
  return cached;
}

let scorer: LearnedScorer | null = null;

/** The learned sentence scorer shipped in src/engine/model/ (trained by npm run train). */
export function builtInScorer(): LearnedScorer {
  scorer ??= { model: validateModel(weights), explanations: explanations as LearnedExplanations };
  return scorer;
}
