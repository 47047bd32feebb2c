// Loads Rapport's own labelled data (data/) and splits it into train and test by whole wording groups, so the
// test split measures phrasings the model and the rules were never shown.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Category } from '../src/engine';
import { fnv1a } from '../src/engine/linter';

export type Label = Category | 'clean';
export interface SentenceItem {
  text: string;
  label: Label;
  tactic: string;
  register: string;
  file: string;
}
export interface MessageItem {
  text: string;
  labels: Label[];
  tactic: string;
  register: string;
  context?: { audience?: 'external' | 'internal'; reply?: boolean };
}

const DATA = resolve(process.env.RAPPORT_DATA ?? 'data');
const LABELS = new Set<Label>(['shame', 'closing', 'urgency', 'self-centred', 'clean']);

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim())
    .map(({ line, i }) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`${path}:${i + 1}: not JSON (${(error as Error).message})`);
      }
    });
}

export function loadSentences(): SentenceItem[] {
  const dir = join(DATA, 'sentences');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((file) =>
      readJsonl<SentenceItem>(join(dir, file)).map((item, i) => {
        if (!LABELS.has(item.label) || typeof item.text !== 'string' || typeof item.tactic !== 'string') {
          throw new Error(`data/sentences/${file}:${i + 1}: needs text, tactic and a label in ${[...LABELS].join(', ')}`);
        }
        return { ...item, file };
      }),
    );
}

/** A realistic draft in data/drafts/, on which every rewrite is tried (tests/rewrites.test.ts, rewrite-drafts). */
export interface DraftItem {
  id: string;
  register: string;
  text: string;
}

export function loadDrafts(): DraftItem[] {
  return readJsonl<DraftItem>(join(DATA, 'drafts', 'drafts.jsonl'));
}

export function loadMessages(): MessageItem[] {
  return readJsonl<MessageItem>(join(DATA, 'messages', 'messages.jsonl'));
}

/**
 * Test groups: within each family (the part of `tactic` before "/"), every fourth wording group in a fixed
 * hash order. Whole groups move together, so no test phrasing has a near-twin in training.
 */
export function testGroups(tactics: Iterable<string>): Set<string> {
  const families = new Map<string, string[]>();
  for (const tactic of new Set(tactics)) {
    const family = tactic.split('/')[0]!;
    families.set(family, [...(families.get(family) ?? []), tactic]);
  }
  const test = new Set<string>();
  for (const groups of families.values()) {
    groups.sort((a, b) => fnv1a(a) - fnv1a(b) || a.localeCompare(b));
    groups.forEach((g, i) => {
      if (i % 4 === 1) test.add(g);
    });
  }
  return test;
}

export function splitData<T extends { tactic: string }>(items: T[]): { train: T[]; test: T[] } {
  const test = testGroups(items.map((i) => i.tactic));
  return { train: items.filter((i) => !test.has(i.tactic)), test: items.filter((i) => test.has(i.tactic)) };
}
