// Fills rewrite templates with the words a pattern captured and matches the capitalisation of the flagged span.

import { placeholders } from './matcher';

/** Null when the template names a capture this particular match did not make. */
export function fillTemplate(template: string, values: Record<string, string>): string | null {
  for (const name of placeholders(template)) if (!(name in values)) return null;
  return template.replace(/\{([a-zA-Z][\w-]*)\}/g, (_, name: string) => values[name]!);
}

function isAllCaps(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** "Offer ends TONIGHT" style shouting keeps its case only when the whole span shouts; otherwise the first letter follows the span. */
export function matchCase(replacement: string, original: string): string {
  if (replacement.length === 0) return replacement;
  if (isAllCaps(original)) return replacement.toUpperCase();
  const first = original.match(/\p{L}/u)?.[0];
  if (!first) return replacement;
  const upper = first === first.toUpperCase() && first !== first.toLowerCase();
  if (upper) return replacement[0]!.toUpperCase() + replacement.slice(1);
  // "I" stays capital mid-sentence, as do proper names the rule author capitalised past the first word.
  if (/^I\b/.test(replacement)) return replacement;
  return replacement[0]!.toLowerCase() + replacement.slice(1);
}
