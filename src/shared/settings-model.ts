// User settings: their shape, defaults, and validation of a settings file (export/import); no storage here.

import { ignoreToken } from '../engine/ignore-keys';
import { CATEGORIES, type Category, type LintOptions, type Sensitivity, type UserPhrase } from '../engine/types';

export interface Settings {
  version: 1;
  disabledCategories: Category[];
  disabledRules: string[];
  sensitivity: Sensitivity;
  userPhrases: UserPhrase[];
  ignored: string[];
  /** Hostnames where the user switched Rapport off. */
  disabledSites: string[];
  /** Findings from the learned sentence scorer, beside the rules. */
  learnedFindings: boolean;
  /** The flagged words of each ignore token, kept on this device only, so the options page can name them. */
  ignoredLabels: Record<string, string>;
}

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  disabledCategories: [],
  disabledRules: [],
  sensitivity: 'strict',
  userPhrases: [],
  ignored: [],
  disabledSites: [],
  learnedFindings: true,
  ignoredLabels: {},
};

const SENSITIVITIES: Sensitivity[] = ['gentle', 'balanced', 'strict'];

export class SettingsError extends Error {}

function stringList(value: unknown, field: string, max = 5000): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new SettingsError(`"${field}" must be a list of strings`);
  if (value.length > max) throw new SettingsError(`"${field}" has more than ${max} entries`);
  return [...new Set(value as string[])];
}

/** Parses settings from storage or an imported file; throws SettingsError with a reason a person can act on. */
export function parseSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SettingsError('settings must be a JSON object');
  const data = raw as Record<string, unknown>;
  if (data.version !== 1) throw new SettingsError('this is not a Rapport settings file (expected "version": 1)');
  const known = new Set(Object.keys(DEFAULT_SETTINGS));
  const unknown = Object.keys(data).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new SettingsError(`unknown setting ${unknown.map((k) => `"${k}"`).join(', ')}`);
  const disabledCategories = stringList(data.disabledCategories, 'disabledCategories');
  const badCategory = disabledCategories.find((c) => !CATEGORIES.includes(c as Category));
  if (badCategory) throw new SettingsError(`"disabledCategories" has unknown category "${badCategory}"`);
  const sensitivity = data.sensitivity ?? 'strict';
  if (!SENSITIVITIES.includes(sensitivity as Sensitivity)) throw new SettingsError(`"sensitivity" must be one of ${SENSITIVITIES.join(', ')}`);
  const learnedFindings = data.learnedFindings ?? true;
  if (typeof learnedFindings !== 'boolean') throw new SettingsError('"learnedFindings" must be true or false');
  const labels = data.ignoredLabels ?? {};
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels) || Object.values(labels).some((v) => typeof v !== 'string')) {
    throw new SettingsError('"ignoredLabels" must map ignore keys to text');
  }
  const phrases = data.userPhrases ?? [];
  if (!Array.isArray(phrases)) throw new SettingsError('"userPhrases" must be a list');
  const userPhrases: UserPhrase[] = phrases.map((p, i) => {
    if (typeof p !== 'object' || p === null) throw new SettingsError(`"userPhrases" entry ${i + 1} must be an object`);
    const { phrase, message, rewrite, category } = p as Record<string, unknown>;
    if (typeof phrase !== 'string' || typeof message !== 'string') throw new SettingsError(`"userPhrases" entry ${i + 1} needs "phrase" and "message" text`);
    if (rewrite !== undefined && typeof rewrite !== 'string') throw new SettingsError(`"userPhrases" entry ${i + 1}: "rewrite" must be text`);
    if (category !== undefined && !CATEGORIES.includes(category as Category)) throw new SettingsError(`"userPhrases" entry ${i + 1}: unknown category "${String(category)}"`);
    return { phrase, message, ...(rewrite ? { rewrite } : {}), ...(category ? { category: category as Category } : {}) };
  });
  return {
    version: 1,
    disabledCategories: disabledCategories as Category[],
    disabledRules: stringList(data.disabledRules, 'disabledRules'),
    sensitivity: sensitivity as Sensitivity,
    userPhrases,
    ignored: stringList(data.ignored, 'ignored'),
    disabledSites: stringList(data.disabledSites, 'disabledSites'),
    learnedFindings,
    ignoredLabels: labels as Record<string, string>,
  };
}

export function lintOptionsOf(settings: Settings): LintOptions {
  return {
    disabledCategories: settings.disabledCategories,
    disabledRules: settings.disabledRules,
    sensitivity: settings.sensitivity,
    userPhrases: settings.userPhrases,
    ignored: settings.ignored,
    learned: settings.learnedFindings,
  };
}

/** Settings with one more finding ignored: stored as a token (no draft words), its words as a local label. */
export function withIgnored(settings: Settings, findingKey: string, flaggedText: string): Settings {
  const token = ignoreToken(findingKey);
  if (settings.ignored.includes(token)) return settings;
  return { ...settings, ignored: [...settings.ignored, token], ignoredLabels: { ...settings.ignoredLabels, [token]: flaggedText } };
}
