// The built-in rules' flag and pass examples (rules/*.json "examples"). The engine never reads them, so the build
// ships them apart from its pack (scripts/precompile.mjs → virtual:rapport/examples): only the options page and the
// tests import this module, and the content script and the CLI's engine do not carry them.

import examples from 'virtual:rapport/examples';
import type { RuleExamples } from './rules';

/** The examples of the built-in rule `id`; none for any other rule (a user phrase). */
export function builtInExamples(id: string): RuleExamples {
  return Object.hasOwn(examples, id) ? examples[id]! : { flag: [], pass: [] };
}

/** Every built-in rule's examples, by rule id, in the rules' order. */
export function allBuiltInExamples(): Readonly<Record<string, RuleExamples>> {
  return examples;
}
