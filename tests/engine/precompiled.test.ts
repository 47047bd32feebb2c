// What the build precompiles (scripts/precompile.mjs) is exactly what the engine would compute at runtime: the same
// compromise tags as the published package, the same pack as compiling rules/ now, and a bad file fails the build.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lexiconLines, lexiconSlots } from 'virtual:rapport/compromise';
import shippedExamples from 'virtual:rapport/examples';
import shipped from 'virtual:rapport/pack';
import { packModule, REVIVE, toSource } from '../../scripts/precompile.mjs';
import { DOCUMENT, EMAIL } from '../../scripts/bench-texts';
import { loadMessages, loadSentences } from '../../scripts/data';
import { builtInRules, compileUserPhrases, createLinter } from '../../src/engine';
import { loadConcepts } from '../../src/engine/concepts';
import { packWordTable } from '../../src/engine/lexicon';
import { compilePack, decodeAll, inflections, packFor, revivePack } from '../../src/engine/matcher';
import nlp, { readyMatch } from '../../src/engine/nlp';
import { loadRuleFiles, RULE_BODY_FIELDS } from '../../src/engine/rules';

type Nlp = typeof nlp;
// The published CommonJS build, loaded by Node itself: compromise exactly as its authors ship it.
const published = createRequire(import.meta.url)('compromise/two') as Nlp;

interface TermLike {
  text: string;
  normal: string;
  implicit?: string;
  pre: string;
  post: string;
  tags: Set<string>;
}

function tagsOf(tagger: Nlp, text: string): string[][] {
  return (tagger(text).docs as unknown as TermLike[][]).map((terms) =>
    terms.map((t) => `${t.pre}${t.text}${t.post}|${t.normal}|${t.implicit ?? ''}|${[...t.tags].sort().join(',')}`),
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'rapport-precompile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the compromise the engine ships', () => {
  it('starts from the same model as the published compromise/two (lexicon, suffix models, tag set)', () => {
    const ours = nlp.world() as unknown as { model: unknown };
    const theirs = published.world() as unknown as { model: { two: { matches: unknown } } };
    // All but the post-tagger's match list, which ships as the net built from it (the tagging test below runs it).
    const { matches, ...two } = theirs.model.two;
    expect(matches).toBeInstanceOf(Array);
    expect(ours.model).toEqual({ ...theirs.model, two });
  });

  it('tags data/ (every 4th sentence, every message), the bench texts and tricky inputs as the published compromise does', () => {
    // Every 4th sentence keeps each data file and register in the sample while tagging thousands of texts twice on
    // a shared machine; scripts/findings.ts compares every finding on all of data/ when the engine changes.
    const texts = [
      EMAIL,
      DOCUMENT,
      ...loadSentences()
        .filter((_, i) => i % 4 === 0)
        .map((s) => s.text),
      ...loadMessages().map((m) => m.text),
      "It's Bob's, isn't it? We ain't done; I'd've said so. Call 555-0100 by 5pm on Jan. 3rd — $1,200 (20% off)!",
    ];
    let differ = 0;
    const firstDifferences: string[] = [];
    for (const text of texts) {
      const a = tagsOf(nlp, text);
      const b = tagsOf(published, text);
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        differ++;
        if (firstDifferences.length < 3) firstDifferences.push(text);
      }
    }
    expect(firstDifferences).toEqual([]);
    expect(differ).toBe(0);
  }, 180_000);
});

describe('the lexicon the build ships', () => {
  it('is packed as src/engine/lexicon.ts packs it (same lines, same hash, same slots)', () => {
    const lines = lexiconLines.split('\n');
    const packed = packWordTable(
      lines.map((l) => l.slice(1)),
      lines.map((l) => l[0]).join(''),
    );
    expect(packed.lines).toBe(lexiconLines);
    expect(Buffer.from(packed.slots.buffer).toString('base64')).toBe(lexiconSlots);
  });
});

describe('the rule pack the build ships', () => {
  it('equals rules/ and rules/concepts/ validated and compiled at runtime, with the examples shipped apart', () => {
    const read = (dir: string, prefix: string) =>
      Object.fromEntries(
        readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => [`${prefix}/${f}`, JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]),
      );
    const tags = new Set(Object.keys((nlp.world() as unknown as { model: { one: { tagSet: object } } }).model.one.tagSet));
    const lexicon = loadConcepts(read('rules/concepts', 'rules/concepts'), inflections, tags);
    const files = loadRuleFiles(read('rules', 'rules'));
    const { lexicon: _, ...runtime } = compilePack(files.rules, undefined, lexicon);
    // The build ships the concepts' forms and the index over them as text unpacked as they are read; read whole,
    // they are the same.
    const shippedLexicon = revivePack(shipped).lexicon;
    expect(shippedLexicon.concepts).toEqual(lexicon.concepts);
    expect({ ...shippedLexicon, byFirstWord: new Map(shippedLexicon.byFirstWord) }).toEqual(lexicon);
    // The build ships the entries and compiled matches as text decoded when first needed, and each pattern's regs as
    // text parsed when the pattern is first tried; decoded, they are the same.
    const { lexicon: __, ...rest } = decodeAll(revivePack(shipped));
    rest.compiled.forEach((m: object) => readyMatch(m as { regs?: unknown }));
    expect(rest).toEqual(runtime);
    // A rule has no examples; every rule's examples, and no others, ship in virtual:rapport/examples (the options
    // page's and the tests' source), in the rules' order.
    expect(rest.rules.every((r) => !('examples' in r))).toBe(true);
    expect(Object.keys(shippedExamples)).toEqual(rest.rules.map((r) => r.id));
    expect(shippedExamples).toEqual(files.examples);
    expect(new Set(shipped.lines.rules.split('\n').map((line: string) => Object.keys(JSON.parse(line) as object).join()))).toEqual(new Set([RULE_BODY_FIELDS.join()]));
  });

  it('is the pack every linter over the built-in rules uses, with no compile at startup', () => {
    expect(packFor(builtInRules())).toBe(revivePack(shipped));
    expect(createLinter().lint('Sign today and we will close the deal.').findings.length).toBeGreaterThan(0);
  });

  it("takes a user's phrases without recompiling, into the same pack as compiling everything at once", () => {
    const base = packFor(builtInRules());
    // A words-only exception of a built-in rule, which a user phrase then also flags (one entry, both roles).
    const exception = base.entries.find((e) => e.flags.length === 0 && /^[a-z]+(?: [a-z]+)+$/.test(e.match))!.match;
    const { rules: user, errors } = compileUserPhrases(
      [
        { phrase: 'circle back', message: 'Says nothing new.' },
        { phrase: exception, message: 'Mine too.', category: 'closing' },
        { phrase: 'per my last email', message: 'Scolds.', rewrite: 'as I mentioned' },
      ],
      builtInRules(),
    );
    expect(errors).toEqual([]);
    const all = [...builtInRules(), ...user];
    const fileOf = (r: { id: string }) => (r.id.startsWith('user-') ? 'userPhrases' : `rules/${r.id}.json`);
    const extended = compilePack(all, fileOf, base.lexicon, base);
    expect(extended).toEqual(compilePack(all, fileOf, base.lexicon));
    expect(extended.entries.find((e) => e.match === exception)!.flags).toHaveLength(1);
    expect(base.entries.find((e) => e.match === exception)!.flags).toEqual([]);
    const phrases = { userPhrases: [{ phrase: 'per my last email', message: 'Scolds.' }] };
    expect(createLinter(phrases).lint('Per my last email, the deal closes today.').findings.map((f) => f.text)).toContain('Per my last email');
  });

  it('fails the build, naming the file and the field, when a rule or concept is invalid', async () => {
    const dir = join(scratch, 'rules');
    mkdirSync(join(dir, 'concepts'), { recursive: true });
    writeFileSync(join(dir, 'concepts', 'Hurry.json'), JSON.stringify({ note: 'Words that rush the reader along.', terms: ['hurry', 'rush'] }));
    const rule = {
      category: 'urgency',
      severity: 'medium',
      patterns: ['act now'],
      message: 'm',
      why: 'w',
      rewrites: ['when it suits you'],
      examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e'] },
    };
    writeFileSync(join(dir, 'act-now.json'), JSON.stringify(rule));
    await expect(packModule(dir)).resolves.toContain('act now');

    writeFileSync(join(dir, 'act-now.json'), JSON.stringify({ ...rule, category: 'pressure' }));
    await expect(packModule(dir)).rejects.toThrow('rules/act-now.json: category: must be one of');

    writeFileSync(join(dir, 'act-now.json'), JSON.stringify({ ...rule, frames: [{ all: ['Hurry', 'Nope'], within: 6 }] }));
    await expect(packModule(dir)).rejects.toThrow('rules/act-now.json: frames[0].all[1]: no concept "Nope" in rules/concepts/');

    writeFileSync(join(dir, 'act-now.json'), JSON.stringify(rule));
    writeFileSync(join(dir, 'concepts', 'Hurry.json'), JSON.stringify({ note: 'short', terms: ['hurry'] }));
    await expect(packModule(dir)).rejects.toThrow('rules/concepts/Hurry.json: note:');

    writeFileSync(join(dir, 'concepts', 'Hurry.json'), '{ not json');
    await expect(packModule(dir)).rejects.toThrow('rules/concepts/Hurry.json: (file): not JSON');
  }, 120_000);
});

describe('toSource', () => {
  it('ships values JSON cannot hold (Sets, Maps, RegExps, undefined, -0, Infinity, __proto__ keys) intact', async () => {
    const tricky = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const value = {
      set: new Set(['a', 'b']),
      map: new Map<string, unknown>([['k', [1, 2]]]),
      regex: /^[’‘]x\d+$/giu,
      nothing: undefined,
      negativeZero: -0,
      infinite: [Infinity, -Infinity],
      ['__proto__']: { polluted: true },
      text: 'curly ’ quotes, “marks”, emoji 🚀 and \u2028 separators',
      big: Array.from({ length: 100 }, (_, i) => ({ word: `w${i}`, tags: ['Noun', 'Singular'] })),
      bare: tricky,
    };
    const file = join(scratch, 'value.mjs');
    writeFileSync(file, `${REVIVE}\nexport default ${toSource(value)};\n`);
    const { default: copy } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: typeof value };
    expect(copy).toEqual(value);
    expect(Object.is(copy.negativeZero, -0)).toBe(true);
    expect('nothing' in copy).toBe(true);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(copy)).toContain('__proto__');
    expect(Object.getPrototypeOf(copy.bare)).toBe(null);
    expect(copy.regex.flags).toBe('giu');
    expect(/^[\x00-\x7f]*$/.test(toSource(value))).toBe(true);
    expect(() => toSource(['\u0000rapport:Set', new Set()])).toThrow('$[0]: a string cannot start with');
  });
});
