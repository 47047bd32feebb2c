// The built-in rule pack and concept lexicon: every file under rules/ and rules/concepts/, validated and compiled
// at build time (scripts/precompile.mjs → virtual:rapport/pack), so a bad rule file fails the build, not a user.

import pack from 'virtual:rapport/pack';
import type { ConceptLexicon } from './concepts';
import type { LearnedExplanations, LearnedScorer } from './linter';
import { revivePack } from './matcher';
import explanations from './model/explanations.json';
import weights from './model/weights.json';
import type { Rule } from './rules';
import { validateModel } from './scorer';

export function builtInConcepts(): ConceptLexicon {
  return revivePack(pack).lexicon;
}

export function builtInRules(): Rule[] {
  return revivePack(pack).rules;
}

let scorer: LearnedScorer | null = null;

/** The learned sentence scorer shipped in src/engine/model/ (trained by npm run train). */
export function builtInScorer(): LearnedScorer {
  scorer ??= { model: validateModel(weights), explanations: explanations as LearnedExplanations };
  return scorer;
}
