// The ASCII twins of the engine's \p{…} regexes (src/engine/unicode.ts) match exactly what the full regexes match
// on ASCII text, and the full regex is the one used as soon as a text has anything else.

import { describe, expect, it } from 'vitest';
import { ASCII_PROPERTIES, asciiTwin, unicodeRegExp } from '../../src/engine/unicode';
import { seededRandom } from '../../scripts/random';

describe('asciiTwin', () => {
  it('gives each property exactly its ASCII members', () => {
    for (const name of ASCII_PROPERTIES) {
      const full = new RegExp(String.raw`\p{${name}}`, 'u');
      const alone = new RegExp(asciiTwin(String.raw`\p{${name}}`), 'u');
      const inClass = new RegExp(asciiTwin(String.raw`[x\p{${name}}]`), 'u');
      const negated = new RegExp(asciiTwin(String.raw`[^x\p{${name}}]`), 'u');
      for (let c = 0; c < 128; c++) {
        const ch = String.fromCharCode(c);
        expect([name, c, alone.test(ch)]).toEqual([name, c, full.test(ch)]);
        expect(inClass.test(ch)).toBe(ch === 'x' || full.test(ch));
        expect(negated.test(ch)).toBe(!(ch === 'x' || full.test(ch)));
      }
    }
  });

  it('leaves escapes and everything but property classes alone, and refuses what it cannot twin', () => {
    expect(asciiTwin(String.raw`(?<=[\p{L}\]])[\u2014](?=[\p{N}[])\\p{L}`)).toBe(String.raw`(?<=[A-Za-z\]])[\u2014](?=[0-9[])\\p{L}`);
    expect(() => asciiTwin(String.raw`\P{L}`)).toThrow('no ASCII twin');
    expect(() => asciiTwin(String.raw`\p{Script=Greek}`)).toThrow();
  });

  it('matches as the full regex does on random ASCII text, for patterns like the engine uses', () => {
    const patterns: [string, string][] = [
      [String.raw`\d{1,2}(?::\d{2}){2}|[\p{L}\p{N}#$][\p{L}\p{N}%+]*(?:['-][\p{L}\p{N}]+)*'?`, 'gu'],
      [String.raw`(?<=[\p{L}\p{N}\]])[\u2014\u2013](?=[\p{L}\p{N}[])|(?<=\p{L})[!?;](?=\p{L})`, 'gu'],
      [String.raw`\p{L}'s\b`, 'giu'],
      [String.raw`[\s\p{P}\p{S}]`, 'gu'],
      [String.raw`^(I\b|\p{Lu}{2,}|\p{Lu}\p{Ll}*\s+\p{Lu})`, 'gu'],
      [String.raw`([\p{L}\p{N}']+)[^\p{L}\p{N}']*$`, 'gu'],
    ];
    const random = seededRandom(7);
    const alphabet = "aZ9 '-.!?;:#$%+_[]()&*@^`|~<=>\"\\/,sIM\t\n";
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      for (const [source, flags] of patterns) {
        const full = [...text.matchAll(new RegExp(source, flags))].map((m) => [m.index, m[0]]);
        const twin = [...text.matchAll(unicodeRegExp(source, flags)(text))].map((m) => [m.index, m[0]]);
        expect(twin).toEqual(full);
      }
    }
  });

  it('uses the full regex for text with any character above U+007F', () => {
    const letter = unicodeRegExp(String.raw`\p{L}`);
    expect(letter('é').test('é')).toBe(true);
    expect(letter('a').test('a')).toBe(true);
    expect(letter('a').source).toBe('[A-Za-z]');
    expect(letter('é').source).toBe(String.raw`\p{L}`);
    expect(letter('1').test('1')).toBe(false);
  });
});
