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
  /**
   * Optional (0 when absent): list items about the sender (bullets under a heading like "What I've shipped:" or
   * "Quick context:" after a line about us) the message needs; when set, only the list and its heading are flagged.
   */
  minSelfListItems: number;
}

/** How a rewrite leads the reader somewhere better; a finding offers at most one rewrite per approach. */
export const APPROACHES = ['plain', 'ask', 'help', 'timing', 'reader'] as const;
export type Approach = (typeof APPROACHES)[number];

export interface RewriteSpec {
  /** plain: say it without the pressure; ask: ask about their situation; help: offer help; timing: hand the timing back; reader: lead with the reader. */
  approach: Approach | null;
  /** Template: `{match}`, the pattern's named captures and `find`'s named groups are filled in. */
  to: string;
  /**
   * Regular expression (case-insensitive) run on the sentence: its first match that covers the flagged words is the
   * span the rewrite replaces (a clause, or `^.+$` for the whole sentence). Null: the flagged words themselves.
   */
  find: RegExp | null;
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
  /**
   * Concepts the previous sentence must hold for this rule to speak: a push split over two sentences ("Over 3,000
   * dentists trust us. Why don't you?"), whose second half means nothing alone. Empty for most rules.
   */
  follows: string[];
  /**
   * Concepts that silence this rule when either of the two sentences before holds one: a notice whose second half
   * reads as a push only alone ("Your login code is 448291. It expires in 10 minutes."). Empty for most rules.
   */
  unlessAfter: string[];
  message: string;
  why: string;
  rewrites: RewriteSpec[];
  advice: string | null;
  /** The better move, shown with the advice when no rewrite fits the sentence. */
  example: string | null;
  threshold: MessageThreshold | null;
}

/**
 * A rule file's flag and pass examples. They are not part of a Rule: the engine never reads them, so the build ships
 * them apart from its pack (`virtual:rapport/examples`, read through src/engine/examples.ts) to the options page and
 * the tests alone.
 */
export interface RuleExamples {
  flag: FlagExample[];
  pass: string[];
}

export interface FlagExample {
  text: string;
  /** The whole text after each rewrite offered for it is applied, in order; null when the file gives a bare string. */
  after: string[] | null;
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
  'example', 'threshold', 'examples', 'follows', 'unlessAfter',
]);
const THRESHOLD_FIELDS = ['minWords', 'minSentences', 'minSelfLedShare', 'minSelfToReaderRatio', 'minPitchSentences'] as const;
const OPTIONAL_THRESHOLD_FIELDS = ['minSelfListItems'] as const;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rule id from a path such as "/rules/close-the-deal.json". */
export function ruleIdFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.json$/, '');
}

export function validateRule(file: string, data: unknown): { rule: Rule | null; examples: RuleExamples | null; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const fail = (field: string, reason: string) => errors.push(new RuleError(file, field, reason));
  const id = ruleIdFromPath(file);
  if (!ID.test(id)) fail('(file name)', `rule id "${id}" must be lowercase words joined by hyphens`);
  if (!isRecord(data)) {
    fail('(root)', 'must be a JSON object');
    return { rule: null, examples: null, errors };
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
  const example = text('example', false);
  const patterns = list('patterns', data.patterns, 0);
  const rewrites = rewriteList(data.rewrites, patterns, fail);
  if (rewrites.length === 0 && advice === null) fail('rewrites', 'give at least one rewrite, or advice instead');

  const frames = frameList(data.frames, fail);
  if (kind === 'phrase' && patterns.length === 0 && frames.length === 0) fail('patterns', 'a phrase rule needs at least one pattern or frame');
  const exceptions = list('exceptions', data.exceptions, 0);
  // Concepts of the sentences before (follows, unlessAfter): names only, and no message rule reads them.
  const sentenceBefore = (field: 'follows' | 'unlessAfter', like: string) => {
    const names = list(field, data[field], 0);
    names.forEach((name, i) => {
      if (!/^[A-Z][A-Za-z]+$/.test(name)) fail(`${field}[${i}]`, `"${name}" must name a concept, like ${like}`);
    });
    if (kind === 'message' && names.length > 0) fail(field, 'a message rule is judged on the whole message and follows no sentence');
    return names;
  };
  const follows = sentenceBefore('follows', 'Crowd');
  const unlessAfter = sentenceBefore('unlessAfter', 'SecurityCode');
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
      for (const key of OPTIONAL_THRESHOLD_FIELDS) {
        const v = raw[key] ?? 0;
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`threshold.${key}`, 'must be a non-negative number');
        else values[key] = v;
      }
      for (const key of Object.keys(raw)) {
        if (![...THRESHOLD_FIELDS, ...OPTIONAL_THRESHOLD_FIELDS].includes(key as never)) fail(`threshold.${key}`, 'unknown field');
      }
      if (Object.keys(values).length === THRESHOLD_FIELDS.length + OPTIONAL_THRESHOLD_FIELDS.length) threshold = values as MessageThreshold;
    }
  } else if (data.threshold !== undefined) {
    fail('threshold', 'only message rules take a threshold');
  }

  let examples: RuleExamples = { flag: [], pass: [] };
  if (!isRecord(data.examples)) fail('examples', 'must be an object with "flag" and "pass" arrays');
  else {
    for (const key of Object.keys(data.examples)) {
      if (key !== 'flag' && key !== 'pass') fail(`examples.${key}`, 'unknown field');
    }
    examples = {
      flag: flagExamples(data.examples.flag, fail),
      pass: list('examples.pass', data.examples.pass, 2),
    };
  }

  if (errors.length > 0) return { rule: null, examples: null, errors };
  return {
    rule: {
      id,
      category: category as Category,
      severity: severity as Severity,
      kind: kind as Rule['kind'],
      patterns,
      frames,
      exceptions,
      follows,
      unlessAfter,
      message: message!,
      why: why!,
      rewrites,
      advice,
      example,
      threshold,
    },
    examples,
    errors,
  };
}

const REWRITE_FIELDS = new Set(['approach', 'to', 'find']);

/** Placeholder names in a template: `{n}`, `{when}`, `{match}`. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([a-zA-Z][\w-]*)\}/g)].map((m) => m[1]!);
}

function rewriteList(value: unknown, patterns: string[], fail: (field: string, reason: string) => void): RewriteSpec[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fail('rewrites', 'must be an array of {"approach", "to", "find"?} objects (or plain strings)');
    return [];
  }
  const out: RewriteSpec[] = [];
  const approaches = new Map<Approach, boolean>();
  value.forEach((raw, i) => {
    const at = `rewrites[${i}]`;
    let spec: RewriteSpec;
    if (typeof raw === 'string') {
      if (raw.trim() === '') return fail(at, 'must be a non-empty string');
      spec = { approach: null, to: raw, find: null };
    } else if (isRecord(raw)) {
      for (const key of Object.keys(raw)) if (!REWRITE_FIELDS.has(key)) fail(`${at}.${key}`, 'unknown field');
      if (!APPROACHES.includes(raw.approach as Approach)) return fail(`${at}.approach`, `must be one of ${APPROACHES.join(', ')}`);
      if (typeof raw.to !== 'string' || raw.to.trim() === '') return fail(`${at}.to`, 'must be a non-empty string');
      let find: RegExp | null = null;
      if (raw.find !== undefined) {
        if (typeof raw.find !== 'string' || raw.find === '') return fail(`${at}.find`, 'must be a non-empty regular expression');
        try {
          find = new RegExp(raw.find, 'iu');
        } catch (error) {
          return fail(`${at}.find`, `is not a valid regular expression (${(error as Error).message})`);
        }
        if (find.test('')) return fail(`${at}.find`, 'matches the empty string, so it could replace nothing');
      }
      spec = { approach: raw.approach as Approach, to: raw.to, find };
      const open = approaches.get(spec.approach!);
      // Within one approach the first rewrite that fits the sentence wins; one without `find` or captures always fits.
      if (open === false) fail(at, `an earlier "${spec.approach}" rewrite always fits (no "find", no captures), so this one can never be offered`);
      const alwaysFits = find === null && placeholders(spec.to).every((name) => name === 'match');
      approaches.set(spec.approach!, !alwaysFits);
    } else {
      return fail(at, 'must be an object {"approach", "to", "find"?} or a string');
    }
    const groups = new Set<string>(['match']);
    for (const p of patterns) for (const m of p.matchAll(/<([a-zA-Z][\w-]*)>/g)) groups.add(m[1]!);
    if (spec.find) for (const m of spec.find.source.matchAll(/\(\?<([a-zA-Z][\w-]*)>/g)) groups.add(m[1]!);
    for (const name of placeholders(spec.to)) {
      if (!groups.has(name)) fail(typeof raw === 'string' ? at : `${at}.to`, `{${name}} names no capture group in patterns${spec.find ? ' or find' : ''}`);
    }
    out.push(spec);
  });
  return out;
}

function flagExamples(value: unknown, fail: (field: string, reason: string) => void): FlagExample[] {
  if (!Array.isArray(value)) {
    fail('examples.flag', 'must be an array with at least 3 entries');
    return [];
  }
  if (value.length < 3) fail('examples.flag', `needs at least 3 entries, has ${value.length}`);
  const out: FlagExample[] = [];
  const seen = new Set<string>();
  value.forEach((raw, i) => {
    const at = `examples.flag[${i}]`;
    let example: FlagExample;
    if (typeof raw === 'string' && raw.trim() !== '') example = { text: raw, after: null };
    else if (isRecord(raw)) {
      for (const key of Object.keys(raw)) if (key !== 'text' && key !== 'after') fail(`${at}.${key}`, 'unknown field');
      if (typeof raw.text !== 'string' || raw.text.trim() === '') return fail(`${at}.text`, 'must be a non-empty string');
      const after = raw.after;
      if (!Array.isArray(after) || after.some((a) => typeof a !== 'string' || a.trim() === '')) {
        return fail(`${at}.after`, 'must be an array of the whole text after each rewrite is applied ([] when none fits)');
      }
      example = { text: raw.text, after: after as string[] };
    } else return fail(at, 'must be a non-empty string or {"text", "after"}');
    if (seen.has(example.text)) fail(at, `duplicate entry "${example.text}"`);
    seen.add(example.text);
    out.push(example);
  });
  return out;
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
  return loadRuleFiles(files).rules;
}

/** loadRulePack, with each rule's examples beside the rules (keyed by rule id, in the rules' order). */
export function loadRuleFiles(files: Record<string, unknown>): { rules: Rule[]; examples: Record<string, RuleExamples> } {
  const rules: Rule[] = [];
  const examples: Record<string, RuleExamples> = {};
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
    examples[result.rule.id] = result.examples!;
  }
  if (errors.length > 0) throw new RulePackError(errors);
  return { rules, examples };
}

export class RulePackError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(`invalid rules:\n${errors.map((e) => `  ${e.message}`).join('\n')}`);
    this.name = 'RulePackError';
  }
}

/** What a linter reads of every rule when it is built; the build ships the rest of a rule apart (shippedRules). */
export type RuleHead = [id: string, category: Category, severity: Severity, kind: Rule['kind'], threshold: MessageThreshold | null];

/** A rule's fields that the build ships as a line of JSON, in a Rule's key order (threshold, in the head, comes last). */
export const RULE_BODY_FIELDS = ['patterns', 'frames', 'exceptions', 'follows', 'unlessAfter', 'message', 'why', 'rewrites', 'advice', 'example'] as const;

/**
 * The rules as the build ships them (scripts/precompile.mjs): each rule's head at once, and its patterns, messages
 * and rewrites (with their RegExps) as a line `decode` parses the first time any of them is read, so
 * startup parses none of the rules' text. Each rule has a Rule's keys in a Rule's order; once read, they are
 * plain data properties.
 */
export function shippedRules(heads: readonly RuleHead[], lines: string, decode: (line: string) => unknown): Rule[] {
  const bodies = heads.length === 0 ? [] : lines.split('\n');
  if (bodies.length !== heads.length) throw new Error(`shippedRules: ${bodies.length} lines for ${heads.length} rules`);
  return heads.map(([id, category, severity, kind, threshold], i) => {
    const rule = { id, category, severity, kind } as Rule;
    const read = (): Record<string, unknown> => {
      const body = decode(bodies[i]!) as Record<string, unknown>;
      for (const key of RULE_BODY_FIELDS) Object.defineProperty(rule, key, { value: body[key], writable: true, enumerable: true, configurable: true });
      return body;
    };
    const lazy = (key: (typeof RULE_BODY_FIELDS)[number]): PropertyDescriptor => ({
      get: () => read()[key],
      set: (value: unknown) => {
        read();
        Object.defineProperty(rule, key, { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    });
    for (const key of RULE_BODY_FIELDS) Object.defineProperty(rule, key, lazy(key));
    Object.defineProperty(rule, 'threshold', { value: threshold, writable: true, enumerable: true, configurable: true });
    return rule;
  });
}
