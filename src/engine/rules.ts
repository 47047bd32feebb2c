// Validates rule files (data under rules/) with errors that name the file and field, and normalises them into
// the shape the engine compiles.

import type { FrameSpec } from './frames';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from './types';

export interface MessageThreshold {
  /** The message must have at least this many words before it can be judged. */
  minWords: number;
  minSentences: number;
  /** Fires when at least this share of sentences open with I/We/Our/My… */
  minSelfLedShare: number;
  /** …and self references outnumber reader references by at least this factor. */
  minSelfToReaderRatio: number;
  /** Sentences that pitch the sender (our platform, years of experience, a bit about me…) the message needs. */
  minPitchSentences: number;
}

export interface Rule {
  id: string;
  category: Category;
  severity: Severity;
  kind: 'phrase' | 'message';
  patterns: string[];
  /** Concepts that co-occur in one clause (see frames.ts); a phrase rule needs patterns, frames or both. */
  frames: FrameSpec[];
  exceptions: string[];
  message: string;
  why: string;
  rewrites: string[];
  advice: string | null;
  threshold: MessageThreshold | null;
  examples: { flag: string[]; pass: string[] };
}

export class RuleError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}: ${field}: ${reason}`);
    this.name = 'RuleError';
  }
}

const FIELDS = new Set([
  '$schema', 'category', 'severity', 'kind', 'patterns', 'frames', 'exceptions', 'message', 'why', 'rewrites', 'advice',
  'threshold', 'examples',
]);
const THRESHOLD_FIELDS = ['minWords', 'minSentences', 'minSelfLedShare', 'minSelfToReaderRatio', 'minPitchSentences'] as const;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rule id from a path such as "/rules/close-the-deal.json". */
export function ruleIdFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.json$/, '');
}

export function validateRule(file: string, data: unknown): { rule: Rule | null; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const fail = (field: string, reason: string) => errors.push(new RuleError(file, field, reason));
  const id = ruleIdFromPath(file);
  if (!ID.test(id)) fail('(file name)', `rule id "${id}" must be lowercase words joined by hyphens`);
  if (!isRecord(data)) {
    fail('(root)', 'must be a JSON object');
    return { rule: null, errors };
  }
  for (const key of Object.keys(data)) if (!FIELDS.has(key)) fail(key, 'unknown field');

  const text = (field: string, required: boolean): string | null => {
    const value = data[field];
    if (value === undefined && !required) return null;
    if (typeof value !== 'string' || value.trim() === '') {
      fail(field, 'must be a non-empty string');
      return null;
    }
    return value;
  };
  const list = (field: string, value: unknown, min: number): string[] => {
    if (value === undefined && min === 0) return [];
    if (!Array.isArray(value)) {
      fail(field, `must be an array of strings${min > 0 ? ` with at least ${min}` : ''}`);
      return [];
    }
    value.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') fail(`${field}[${i}]`, 'must be a non-empty string');
    });
    if (value.length < min) fail(field, `needs at least ${min} entries, has ${value.length}`);
    const seen = new Set<string>();
    value.forEach((item, i) => {
      if (typeof item === 'string' && seen.has(item)) fail(`${field}[${i}]`, `duplicate entry "${item}"`);
      seen.add(String(item));
    });
    return value.filter((item): item is string => typeof item === 'string');
  };

  const category = data.category;
  if (!CATEGORIES.includes(category as Category)) fail('category', `must be one of ${CATEGORIES.join(', ')}`);
  const severity = data.severity;
  if (!SEVERITIES.includes(severity as Severity)) fail('severity', `must be one of ${SEVERITIES.join(', ')}`);
  const kind = data.kind ?? 'phrase';
  if (kind !== 'phrase' && kind !== 'message') fail('kind', 'must be "phrase" or "message"');

  const message = text('message', true);
  const why = text('why', true);
  const advice = text('advice', false);
  const rewrites = list('rewrites', data.rewrites, 0);
  if (rewrites.length === 0 && advice === null) fail('rewrites', 'give at least one rewrite, or advice instead');

  const patterns = list('patterns', data.patterns, 0);
  const frames = frameList(data.frames, fail);
  if (kind === 'phrase' && patterns.length === 0 && frames.length === 0) fail('patterns', 'a phrase rule needs at least one pattern or frame');
  const exceptions = list('exceptions', data.exceptions, 0);
  if (kind === 'message' && patterns.length > 0) fail('patterns', 'a message rule is judged on the whole message and takes no patterns');
  if (kind === 'message' && frames.length > 0) fail('frames', 'a message rule is judged on the whole message and takes no frames');

  let threshold: MessageThreshold | null = null;
  if (kind === 'message') {
    const raw = data.threshold;
    if (!isRecord(raw)) fail('threshold', `a message rule needs a threshold object with ${THRESHOLD_FIELDS.join(', ')}`);
    else {
      const values: Partial<MessageThreshold> = {};
      for (const key of THRESHOLD_FIELDS) {
        const v = raw[key];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`threshold.${key}`, 'must be a non-negative number');
        else values[key] = v;
      }
      for (const key of Object.keys(raw)) {
        if (!(THRESHOLD_FIELDS as readonly string[]).includes(key)) fail(`threshold.${key}`, 'unknown field');
      }
      if (Object.keys(values).length === THRESHOLD_FIELDS.length) threshold = values as MessageThreshold;
    }
  } else if (data.threshold !== undefined) {
    fail('threshold', 'only message rules take a threshold');
  }

  let examples = { flag: [] as string[], pass: [] as string[] };
  if (!isRecord(data.examples)) fail('examples', 'must be an object with "flag" and "pass" arrays');
  else {
    for (const key of Object.keys(data.examples)) {
      if (key !== 'flag' && key !== 'pass') fail(`examples.${key}`, 'unknown field');
    }
    examples = {
      flag: list('examples.flag', data.examples.flag, 3),
      pass: list('examples.pass', data.examples.pass, 2),
    };
  }

  if (errors.length > 0) return { rule: null, errors };
  return {
    rule: {
      id,
      category: category as Category,
      severity: severity as Severity,
      kind: kind as Rule['kind'],
      patterns,
      frames,
      exceptions,
      message: message!,
      why: why!,
      rewrites,
      advice,
      threshold,
      examples,
    },
    errors,
  };
}

const FRAME_FIELDS = new Set(['all', 'within', 'ordered', 'unless']);

function frameList(value: unknown, fail: (field: string, reason: string) => void): FrameSpec[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fail('frames', 'must be an array of {"all": [concepts], "within": n}');
    return [];
  }
  const out: FrameSpec[] = [];
  value.forEach((raw, i) => {
    const at = `frames[${i}]`;
    if (!isRecord(raw)) return fail(at, 'must be an object with "all" and "within"');
    for (const key of Object.keys(raw)) if (!FRAME_FIELDS.has(key)) fail(`${at}.${key}`, 'unknown field');
    const names = (field: string, v: unknown, min: number): string[] | null => {
      if (v === undefined && min === 0) return [];
      if (!Array.isArray(v) || v.length < min || v.some((c) => typeof c !== 'string' || !/^[A-Z][A-Za-z]+$/.test(c))) {
        fail(`${at}.${field}`, `must be an array of at least ${min} concept names (capitalised, as in rules/concepts/)`);
        return null;
      }
      return v as string[];
    };
    const all = names('all', raw.all, 1);
    const unless = names('unless', raw.unless, 0);
    const within = raw.within;
    if (typeof within !== 'number' || !Number.isInteger(within) || within < 2 || within > 25) {
      fail(`${at}.within`, 'must be a whole number of words from 2 to 25');
    }
    if (raw.ordered !== undefined && typeof raw.ordered !== 'boolean') fail(`${at}.ordered`, 'must be true or false');
    if (all && unless && typeof within === 'number') out.push({ all, unless, within, ordered: raw.ordered === true });
  });
  return out;
}

/** Validates a whole pack; throws one error listing every problem so a broken pack cannot load half-way. */
export function loadRulePack(files: Record<string, unknown>): Rule[] {
  const rules: Rule[] = [];
  const errors: RuleError[] = [];
  const ids = new Map<string, string>();
  for (const [file, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const result = validateRule(file, data);
    errors.push(...result.errors);
    if (!result.rule) continue;
    const previous = ids.get(result.rule.id);
    if (previous) {
      errors.push(new RuleError(file, '(file name)', `duplicate rule id "${result.rule.id}" (also ${previous})`));
      continue;
    }
    ids.set(result.rule.id, file);
    rules.push(result.rule);
  }
  if (errors.length > 0) throw new RulePackError(errors);
  return rules;
}

export class RulePackError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(`invalid rules:\n${errors.map((e) => `  ${e.message}`).join('\n')}`);
    this.name = 'RulePackError';
  }
}
