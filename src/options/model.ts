// Pure logic behind the options page: rule search, user-phrase validation (the linter's own), import and export.

import { builtInExamples } from '../engine/examples';
import { builtInRules, compileUserPhrases, type Rule } from '../engine/index';
import type { UserPhrase } from '../engine/types';
import { CATEGORY_INFO } from '../shared/categories';
import { ignoreTokenInfo, isIgnoreToken } from '../engine/ignore-keys';
import { parseSettings, SettingsError, type Settings } from '../shared/settings-model';

/** Settings files are a few KB; anything far bigger is not one, and parsing it would only stall the page. */
export const MAX_IMPORT_BYTES = 1_000_000;

function searchableText(rule: Rule): string {
  const examples = builtInExamples(rule.id);
  return [
    rule.id,
    rule.category,
    CATEGORY_INFO[rule.category].label,
    rule.severity,
    rule.message,
    rule.why,
    rule.advice ?? '',
    ...rule.rewrites.map((r) => r.to),
    ...examples.flag.map((e) => e.text),
    ...examples.pass,
  ]
    .join('\n')
    .toLowerCase();
}

/** Rules whose text contains every word of the query, in any order; an empty query keeps them all. */
export function filterRules(rules: readonly Rule[], query: string): Rule[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rules];
  return rules.filter((rule) => {
    const text = searchableText(rule);
    return words.every((w) => text.includes(w));
  });
}

const FIELD_LABEL: Record<string, string> = {
  phrase: 'Phrase',
  message: 'Message',
  rewrite: 'Rewrite',
  category: 'Category',
  '(entry)': 'Entry',
};

export interface PhraseProblem {
  field: keyof UserPhrase | '(entry)';
  /** A full sentence, e.g. "Phrase has 9 words; keep it to 8 or fewer." */
  text: string;
}

function sentence(field: string, reason: string): string {
  const text = `${FIELD_LABEL[field] ?? field} ${reason}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * What the linter would reject about `candidate` if it replaced entry `index` (or was added, when index is null):
 * the engine's compileUserPhrases is the judge, so the page never accepts a phrase the linter would drop.
 */
export function phraseProblems(
  phrases: readonly UserPhrase[],
  candidate: UserPhrase,
  index: number | null,
  rules: readonly Rule[] = builtInRules(),
): PhraseProblem[] {
  // Checked last, so a duplicate is reported against the entry being edited rather than the older one.
  const others = phrases.filter((_, i) => i !== index);
  const at = `userPhrases[${others.length}].`;
  return compileUserPhrases([...others, candidate], rules)
    .errors.filter((e) => e.field.startsWith(at))
    .map((e) => {
      const field = e.field.slice(at.length);
      return { field: field as PhraseProblem['field'], text: sentence(field, e.reason) };
    });
}

/** A phrase as the user typed it, without empty optional fields. */
export function cleanPhrase(input: { phrase: string; message: string; rewrite: string; category: UserPhrase['category'] }): UserPhrase {
  const rewrite = input.rewrite.trim();
  return {
    phrase: input.phrase.trim().replace(/\s+/g, ' '),
    message: input.message.trim(),
    ...(rewrite ? { rewrite } : {}),
    ...(input.category ? { category: input.category } : {}),
  };
}

export type ImportResult = { ok: true; settings: Settings } | { ok: false; error: string };

/** Reads an exported settings file; any problem yields one clear sentence and no settings. */
export function parseImport(text: string): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, error: 'This file is too large to be Rapport settings.' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `This file is not valid JSON (${error instanceof Error ? error.message : 'parse error'}). Nothing was changed.` };
  }
  let settings: Settings;
  try {
    settings = parseSettings(raw);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    return { ok: false, error: `This file can't be imported: ${error.message}. Nothing was changed.` };
  }
  const { errors } = compileUserPhrases(settings.userPhrases, builtInRules());
  const first = errors[0];
  if (first) {
    const match = /^userPhrases\[(\d+)\]\.(.+)$/.exec(first.field);
    const where = match ? `your phrase ${Number(match[1]) + 1}: ${sentence(match[2]!, first.reason)}` : `${first.field} ${first.reason}.`;
    return { ok: false, error: `This file can't be imported: ${where} Nothing was changed.` };
  }
  return { ok: true, settings };
}

export function exportJson(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

export interface IgnoredEntry {
  key: string;
  ruleId: string;
  /** The flagged words when this device knows them (labels stay local); '' when it does not. */
  phrase: string;
  /** True for a `ruleId|phrase` key, which ignores the phrase everywhere rather than one occurrence. */
  everywhere: boolean;
}

/**
 * Stored ignores are tokens (`o:`/`p:` + rule id + hash, see src/engine/ignore-keys.ts) named by a local label;
 * older keys are `ruleId|phrase` or `ruleId|phrase|sentenceHash` (the engine's Finding.key) and name themselves.
 */
export function describeIgnored(key: string, labels: Readonly<Record<string, string>> = {}): IgnoredEntry {
  if (isIgnoreToken(key)) {
    const { ruleId, kind } = ignoreTokenInfo(key);
    return { key, ruleId, phrase: labels[key] ?? '', everywhere: kind === 'phrase' };
  }
  const first = key.indexOf('|');
  if (first < 0) return { key, ruleId: '', phrase: key, everywhere: true };
  const last = key.lastIndexOf('|');
  const ruleId = key.slice(0, first);
  if (last === first) return { key, ruleId, phrase: key.slice(first + 1), everywhere: true };
  return { key, ruleId, phrase: key.slice(first + 1, last), everywhere: false };
}
