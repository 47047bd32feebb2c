// The lexicon compromise reads (src/engine/lexicon.ts) behaves as the plain object it stands in for.

import { describe, expect, it } from 'vitest';
import { packWordTable, wordTable } from '../../src/engine/lexicon';

const WORDS = ['7', 'approx', 'constructor', 'sign up', 'act', 'acted', 'act now'];
const VALUES = ['Value', 'Abbreviation', ['Noun', 'Singular'], 'PhrasalVerb'];
const CODES = [0, 1, 2, 3, 0, 1, 3];

function both(): [Record<string, unknown>, Record<string, unknown>] {
  const plain: Record<string, unknown> = {};
  WORDS.forEach((w, i) => (plain[w] = VALUES[CODES[i]!]));
  const { lines, slots } = packWordTable(WORDS, CODES.map((c) => String.fromCharCode(32 + c)).join(''));
  const table = wordTable(lines, slots, VALUES);
  return [plain, table];
}

describe('wordTable', () => {
  it('reads like the object with the same words', () => {
    const [plain, table] = both();
    expect(table).toEqual(plain);
    expect(Object.keys(table)).toEqual(Object.keys(plain));
    for (const word of [...WORDS, 'ac', 'acts', '', 'approx\nact', 'toString', 'hasOwnProperty', '__proto__']) {
      expect(table[word]).toBe(plain[word]);
      expect(Object.hasOwn(table, word)).toBe(Object.hasOwn(plain, word));
      expect(word in table).toBe(word in plain);
    }
    // Words that share a value share the same array, as in compromise's own lexicon.
    expect(table['constructor']).toBe(VALUES[2]);
    expect(table.hasOwnProperty('sign up')).toBe(true);
    expect(table.hasOwnProperty('sign')).toBe(false);
  });

  it('takes added, changed and deleted words as the object would', () => {
    const [plain, table] = both();
    for (const o of [plain, table]) {
      Object.assign(o, { zebra: 'Noun', act: 'Verb' });
      delete o['acted'];
      delete o['nothing'];
    }
    expect(table).toEqual(plain);
    expect(table['act']).toBe('Verb');
    expect(table['acted']).toBeUndefined();
    expect(Object.hasOwn(table, 'acted')).toBe(false);
    expect(Object.keys(table)).toEqual(Object.keys(plain));
    table['acted'] = 'PastTense';
    expect(table['acted']).toBe('PastTense');
  });

  it('refuses slots that were not built over its lines', () => {
    const { slots } = packWordTable(['a', 'b'], '  ');
    expect(() => wordTable(' c\n b', slots, ['X'])).toThrow('were not built over these lines');
    expect(() => packWordTable(['a\nb'], ' ')).toThrow('holds a newline');
  });
});
