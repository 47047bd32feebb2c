// Vite plugin that does at build time what the engine used to do on first use: validates and compiles rules/ and
// rules/concepts/ into `virtual:rapport/pack`, and ships compromise's expanded lexicon and parsed post-tagger net as
// `virtual:rapport/compromise`. The rules' flag and pass examples, which the engine never reads, go to a module of
// their own, `virtual:rapport/examples`, which only the options page and the tests import. All are generated on every
// build from the files themselves, so they cannot drift.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACK_ID = 'virtual:rapport/pack';
const COMPROMISE_ID = 'virtual:rapport/compromise';
const EXAMPLES_ID = 'virtual:rapport/examples';

/**
 * compromise 14.17.0 files whose contents src/engine/nlp.ts re-assembles; a new version must be reviewed before
 * its parts are trusted to fit together the same way (its two.js plugin order, the pre-tagger plugin's shape and
 * the post-tagger's lazily built net).
 */
const COMPROMISE_REVIEWED = {
  'src/two.js': '28ca6a346ed49feef3ed1839f7ba01f4',
  'src/2-two/preTagger/plugin.js': 'c5f0038b8c358362c3ecc6e7c27b5335',
  'src/2-two/postTagger/compute/index.js': '104e6e3f89cbe8142f1f331c15c28147',
  'src/2-two/postTagger/plugin.js': '2ffbf9c3faf900d64857c96ac1d4f531',
};

function compromiseRoot() {
  const require = createRequire(join(ROOT, 'package.json'));
  let dir = dirname(require.resolve('compromise'));
  while (!readdirSync(dir).includes('package.json')) dir = dirname(dir);
  return dir;
}

// ---------------------------------------------------------------------------------------------------------------
// Values → JavaScript source. Plain data goes through JSON.parse (V8 parses JSON far faster than object literals);
// Sets, Maps, RegExps, undefined and non-finite numbers, which JSON cannot hold, become constructor calls.

const jsonSafe = new WeakMap();

function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isJsonSafe(value) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  if (jsonSafe.has(value)) return jsonSafe.get(value);
  let safe;
  if (Array.isArray(value)) safe = value.length === Object.keys(value).length && value.every(isJsonSafe);
  else safe = Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).every((k) => k !== '__proto__' && isJsonSafe(value[k]));
  jsonSafe.set(value, safe);
  return safe;
}

/** JSON or a JS literal with non-ASCII escaped: one such character would make V8 hold and scan the bundle as UTF-16. */
function ascii(source) {
  return source.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function quote(text) {
  return ascii(JSON.stringify(text));
}

/**
 * JSON text as a JS string literal for JSON.parse. Its non-ASCII characters (only ever inside its strings) are
 * escaped in the JSON itself, not in the literal: the literal's value is then ASCII, which V8 scans and keeps as a
 * one-byte string and JSON.parse reads on its faster one-byte path, where one escaped character in the literal
 * would make the whole value (hundreds of KB) two-byte.
 */
function quoteJson(json) {
  return quote(ascii(json));
}

// Values JSON cannot hold travel inside JSON as tagged strings or arrays starting with a NUL-prefixed tag, and are
// rebuilt by REVIVE, a walk cheaper than having V8 parse the same data as object literals.
const TAG = '\u0000rapport:';

function encode(value, path) {
  if (value === undefined) return `${TAG}undefined`;
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return `${TAG}${Object.is(value, -0) ? '-0' : String(value)}`;
  if (typeof value === 'string') {
    if (value.startsWith(TAG)) throw new Error(`${path}: a string cannot start with ${JSON.stringify(TAG)}`);
    return value;
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw new Error(`${path}: cannot ship a ${typeof value} as data`);
    return value;
  }
  if (value instanceof RegExp) return [`${TAG}RegExp`, value.source, value.flags];
  if (value instanceof Set) return [`${TAG}Set`, ...[...value].map((v, i) => encode(v, `${path}[${i}]`))];
  if (value instanceof Map) return [`${TAG}Map`, ...[...value].map(([k, v], i) => [encode(k, `${path}[${i}]`), encode(v, `${path}[${i}]`)])];
  if (Array.isArray(value)) {
    if (value.length !== Object.keys(value).length) throw new Error(`${path}: sparse or decorated array`);
    return value.map((v, i) => encode(v, `${path}[${i}]`));
  }
  if (!isPlainObject(value)) throw new Error(`${path}: cannot ship a ${value.constructor?.name ?? 'object'} as data`);
  if (Object.getPrototypeOf(value) === null || Object.hasOwn(value, '__proto__')) {
    // JSON.parse makes ordinary objects; the rare null-prototype object or "__proto__" key goes through the tag.
    return [`${TAG}Object`, Object.getPrototypeOf(value) === null, ...Object.keys(value).map((k) => [k, encode(value[k], `${path}.${k}`)])];
  }
  return Object.fromEntries(Object.keys(value).map((k) => [k, encode(value[k], `${path}.${k}`)]));
}

/**
 * `encode`, plus where its tags are: null when nowhere, 1 when the value itself is tagged, else an object keyed like
 * the value holding only the keys whose members have tags (reviveAt's map).
 */
function encodeMapped(value, path) {
  if (isJsonSafe(value)) return { encoded: value, at: null };
  const plainObject = typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__');
  if (!Array.isArray(value) && !plainObject) return { encoded: encode(value, path), at: 1 };
  if (Array.isArray(value) && value.length !== Object.keys(value).length) throw new Error(`${path}: sparse or decorated array`);
  const at = {};
  const keys = Object.keys(value);
  const members = keys.map((k) => {
    const member = encodeMapped(value[k], Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`);
    if (member.at !== null) at[k] = member.at;
    return member.encoded;
  });
  // A value whose first member is a tag string would read as tagged itself; no such arrays are shipped.
  if (Array.isArray(value) && typeof members[0] === 'string' && members[0].startsWith(TAG)) return { encoded: encode(value, path), at: 1 };
  return { encoded: Array.isArray(value) ? members : Object.fromEntries(keys.map((k, i) => [k, members[i]])), at };
}

/**
 * The decoder, emitted once into each generated module that needs it. `revive` decodes a whole tagged value;
 * `reviveAt` walks only the branches a map built with the data names (`1` where a tagged value sits), so a value
 * of thousands of plain strings and numbers with a few Sets in it is not visited node by node at startup.
 */
export const REVIVE = `const revive = (v) => {
  if (typeof v === 'string') {
    if (!v.startsWith(${JSON.stringify(TAG)})) return v;
    const t = v.slice(${TAG.length});
    return t === 'undefined' ? undefined : t === '-0' ? -0 : Number(t);
  }
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const t = typeof v[0] === 'string' && v[0].startsWith(${JSON.stringify(TAG)}) ? v[0].slice(${TAG.length}) : null;
    if (t === 'Set') return new Set(v.slice(1).map(revive));
    if (t === 'Map') return new Map(v.slice(1).map(([k, x]) => [revive(k), revive(x)]));
    if (t === 'RegExp') return new RegExp(v[1], v[2]);
    if (t === 'Object') {
      const o = v[1] ? Object.create(null) : {};
      for (let i = 2; i < v.length; i++) Object.defineProperty(o, v[i][0], { value: revive(v[i][1]), enumerable: true, writable: true, configurable: true });
      return o;
    }
    for (let i = 0; i < v.length; i++) v[i] = revive(v[i]);
    return v;
  }
  for (const k of Object.keys(v)) v[k] = revive(v[k]);
  return v;
};
const reviveAt = (v, at) => {
  if (at === 1) return revive(v);
  for (const k in at) v[k] = reviveAt(v[k], at[k]);
  return v;
};`;

/**
 * A JavaScript expression that evaluates to a deep copy of `value` (shared references become copies), in ASCII.
 * It uses `revive` (REVIVE) when the value holds anything JSON cannot.
 */
export function toSource(value, path = '$') {
  if (isJsonSafe(value)) {
    const json = JSON.stringify(value);
    return json.length > 200 ? `JSON.parse(${quoteJson(json)})` : ascii(json);
  }
  // A small object keeps its JSON-safe members out of the walk: the pack's rules and concepts, the model's switches.
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__') && Object.keys(value).length <= 64) {
    return `{${Object.keys(value).map((k) => `${quote(k)}:${toSource(value[k], `${path}.${k}`)}`).join(',')}}`;
  }
  const { encoded, at } = encodeMapped(value, path);
  return `reviveAt(${jsonSource(encoded)}, ${at === 1 ? '1' : jsonSource(at)})`;
}

function jsonSource(value) {
  const json = JSON.stringify(value);
  return json.length > 200 ? `JSON.parse(${quoteJson(json)})` : ascii(json);
}

/**
 * compromise match objects (the post-tagger's net, the pack's compiled patterns) with each one's `regs` left as JSON
 * text: a sentence tries a few dozen of the thousand, and nlp.ts parses a match's regs (decodeRegs) when it is first
 * tried. The texts travel as one string, a line each, so they are not escaped twice.
 */
function matchListSource(list, path) {
  const lines = list.map((m, i) => {
    if (!Array.isArray(m.regs)) throw new Error(`${path}[${i}]: a match object without parsed regs`);
    return ascii(JSON.stringify(encode(m.regs, `${path}[${i}].regs`)));
  });
  // The placeholder keeps `regs` where buildNet put it among the keys.
  return `lazyRegs(${toSource(list.map((m) => ({ ...m, regs: 0 })), path)}, ${quote(lines.join('\n'))})`;
}

/** Emitted beside REVIVE where matchListSource is used; decodeRegs is what nlp.ts calls. */
const LAZY_REGS = `const lazyRegs = (list, text) => {
  const lines = text.split('\\n');
  for (let i = 0; i < list.length; i++) list[i].regs = lines[i];
  return list;
};
export const decodeRegs = (text) => revive(JSON.parse(text));`;

// ---------------------------------------------------------------------------------------------------------------
// compromise: the pre-tagger's model after its import-time expansion, and the post-tagger's net after parsing.

/** src/engine/lexicon.ts's hashOf, which reads the table this file packs (precompiled.test.ts checks they agree). */
function hashOf(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The 24,000-word lexicon for src/engine/lexicon.ts (wordTable), as its packWordTable builds it: lines of one
 * character naming the word's tag(s) and the word, in the lexicon's key order, and an open-addressing hash table
 * of line offsets (base64 of little-endian int32s), so startup neither fills an object with 24,000 keys nor hashes
 * them. (Words sharing tags share one array, as they do in compromise's own lexicon.)
 */
function lexiconExports(lexicon) {
  const words = Object.keys(lexicon);
  const table = [];
  const at = new Map();
  let size = 1;
  while (size * 4 < words.length * 5) size *= 2;
  const slots = new Int32Array(size);
  let lines = '';
  words.forEach((word, i) => {
    if (word.includes('\n')) throw new Error(`lexicon: word ${JSON.stringify(word)} holds a newline`);
    const key = JSON.stringify(lexicon[word]);
    if (!at.has(key)) {
      at.set(key, table.length);
      table.push(lexicon[word]);
    }
    if (i > 0) lines += '\n';
    let slot = hashOf(word) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = lines.length + 1;
    // Printable ASCII from the space on: 95 codes.
    lines += String.fromCharCode(32 + at.get(key)) + word;
  });
  if (table.length > 95) throw new Error(`lexicon: ${table.length} distinct tag values; the one-character code holds 95`);
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('lexicon: the slots are packed little-endian; build on a little-endian machine');
  return [
    `export const lexiconLines = ${quote(lines)};`,
    `export const lexiconSlots = ${quote(Buffer.from(slots.buffer).toString('base64'))};`,
    `export const lexiconValues = ${toSource(table, 'lexicon')};`,
  ].join('\n');
}

let compromiseSource = null;

function compromiseModule() {
  compromiseSource ??= generateCompromiseModule();
  return compromiseSource;
}

async function generateCompromiseModule() {
  const root = compromiseRoot();
  for (const [file, md5] of Object.entries(COMPROMISE_REVIEWED)) {
    const actual = createHash('md5').update(readFileSync(join(root, file))).digest('hex');
    if (actual !== md5) {
      throw new Error(`compromise/${file} changed (md5 ${actual}); review src/engine/nlp.ts and scripts/precompile.mjs against it`);
    }
  }
  const file = (path) => pathToFileURL(join(root, 'src', path)).href;
  // The pre-tagger plugin's model as its module builds it (that module touches no nlp instance). Everything else
  // comes from compromise's published CommonJS builds, each its own instance: importing the ESM two.js here would
  // extend the compromise/one singleton that the pack's compile (in this process) assembles again.
  const { default: preTagger } = await import(file('2-two/preTagger/plugin.js'));
  const require = createRequire(join(ROOT, 'package.json'));
  // The lexicon compromise/one starts with (abbreviations). The pre-tagger merges its words over it key by key; the
  // build does that merge once and ships the base it merged over, for the runtime to check.
  const lexiconBase = { ...require('compromise/one').world().model.one.lexicon };
  const lexicon = Object.assign({ ...lexiconBase }, preTagger.model.one.lexicon);
  const { lexicon: _, ...oneRest } = preTagger.model.one;
  const world = require('compromise/two').world();
  // buildNet parses match objects in place and cannot parse one twice, so it gets copies.
  const net = world.methods.one.buildNet(world.model.two.matches.map((m) => ({ ...m })), world);
  const matches = [...new Set([...Object.values(net.hooks).flat(), ...net.always])];
  const at = new Map(matches.map((m, i) => [m, i]));
  const hooks = Object.fromEntries(Object.entries(net.hooks).map(([k, list]) => [k, list.map((m) => at.get(m))]));
  const part = (name, path) => `export { default as ${name} } from ${JSON.stringify(join(root, 'src', path))};`;
  return [
    '// Generated by scripts/precompile.mjs from compromise; not a source file.',
    REVIVE,
    LAZY_REGS,
    part('preTagCompute', '2-two/preTagger/compute/index.js'),
    part('preTagMethods', '2-two/preTagger/methods/index.js'),
    part('preTagTags', '2-two/preTagger/tagSet/index.js'),
    part('contractionTwo', '2-two/contraction-two/plugin.js'),
    // The post-tagger plugin's api and compute, without its model: the net built from model.two.matches ships below.
    part('postTagApi', '2-two/postTagger/api.js'),
    part('postTagCompute', '2-two/postTagger/compute/index.js'),
    part('lazy', '2-two/lazy/plugin.js'),
    part('swap', '2-two/swap/plugin.js'),
    `export const preTagHooks = ${toSource(preTagger.hooks)};`,
    `export const lexiconBase = ${toSource(lexiconBase, 'lexiconBase')};`,
    lexiconExports(lexicon),
    `export const preTaggerModel = ${toSource({ ...preTagger.model, one: oneRest }, 'preTaggerModel')};`,
    `const matches = ${matchListSource(matches, 'postTaggerNet')};`,
    `const pick = (list) => list.map((i) => matches[i]);`,
    `const hookIndex = ${toSource(hooks)};`,
    'const hooks = {};',
    'for (const k of Object.keys(hookIndex)) hooks[k] = pick(hookIndex[k]);',
    `export const postTaggerNet = { hooks, always: pick(${toSource(net.always.map((m) => at.get(m)))}), isNet: true };`,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The rule pack: validated and compiled by the engine's own code (src/engine/precompile.ts), in a module runner
// without this plugin, so the compile sees compromise exactly as the published package builds it.

function readJsonDir(dir, prefix) {
  const files = {};
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    try {
      files[`${prefix}/${name}`] = JSON.parse(text);
    } catch (error) {
      throw new Error(`${prefix}/${name}: (file): not JSON (${error.message})`);
    }
  }
  return files;
}

/**
 * Compiles the pack in this process, and the examples module beside it; the CLI entry at the bottom of this file runs
 * it for packModules.
 */
async function compilePackSources(rulesDir) {
  const { runnerImport } = await import('vite');
  // The runner gets this plugin too, for virtual:rapport/compromise; the pack itself is not imported there.
  const { module } = await runnerImport(pathToFileURL(join(ROOT, 'src/engine/precompile.ts')).href, {
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    plugins: [precompile({ rulesDir, pack: false })],
  });
  const { packConceptForms, packIndexLine, unpackConceptIndex, compiledMatch } = module;
  const { pack: data, examples } = module.precompilePack(readJsonDir(rulesDir, 'rules'), readJsonDir(join(rulesDir, 'concepts'), 'rules/concepts'));
  const { rules, entries, compiled, concepts, conceptIndex, ...eager } = data;
  // Each rule's head, and the rest of it as a line (src/engine/rules.ts shippedRules).
  const { RULE_BODY_FIELDS } = module;
  const ruleKeys = JSON.stringify(['id', 'category', 'severity', 'kind', ...RULE_BODY_FIELDS, 'threshold']);
  for (const rule of rules) {
    if (JSON.stringify(Object.keys(rule)) !== ruleKeys) throw new Error(`pack: rule ${rule.id} has keys ${Object.keys(rule).join(', ')}; shippedRules expects ${ruleKeys}`);
  }
  eager.ruleHeads = rules.map((r) => [r.id, r.category, r.severity, r.kind, r.threshold]);
  eager.conceptNames = concepts.map((c) => c.name);
  eager.conceptWords = conceptIndex.map(([word]) => word);
  const indexed = unpackConceptIndex(concepts, conceptIndex);
  const wordNumbers = new Map(eager.conceptWords.map((w, i) => [w, i]));
  if (compiled.length !== entries.length) throw new Error('pack: one compiled match per entry expected');
  const members = Object.keys(eager).map((k) => `${quote(k)}:${toSource(eager[k], `pack.${k}`)}`);
  // The net's entries, a line each, decoded by src/engine/matcher.ts (revivePack) the first time a sentence could
  // match one: a lint reaches a few dozen of the thousand, so startup parses none of them. Their compiled matches
  // (compromise's regs, needs and wants; a quarter of the pack) are not shipped: matcher.ts compiledMatch makes one
  // from its entry's match text when the entry is first live, as compilePack made them here. Checked here.
  compiled.forEach((m, i) => {
    const again = JSON.stringify(encode(compiledMatch(entries[i].match, i), `pack.compiled[${i}]`));
    if (again !== JSON.stringify(encode(m, `pack.compiled[${i}]`))) throw new Error(`pack.compiled[${i}]: compiledMatch("${entries[i].match}", ${i}) is not what compilePack made`);
  });
  const lines = {
    rules: rules.map((r, i) => ascii(JSON.stringify(encode(Object.fromEntries(RULE_BODY_FIELDS.map((k) => [k, r[k]])), `pack.rules[${i}]`)))).join('\n'),
    count: entries.length,
    entries: entryLines(entries),
    // Each concept's note and forms (src/engine/concepts.ts shippedConcepts parses one when it is first read).
    // Each form as where the index holds it, so the terms' words ship once (src/engine/concepts.ts packConceptForms).
    concepts: concepts.map((c, i) => ascii(JSON.stringify({ note: c.note, forms: packConceptForms(indexed, i, wordNumbers) }))).join('\n'),
    // Per first word of the concept index, its terms without that word (src/engine/concepts.ts PackedTermIndex
    // unpacks a word's line the first time a text has that word).
    conceptIndex: conceptIndex
      .map(([word, pairs]) => {
        const list = [];
        for (let i = 0; i < pairs.length; i += 2) list.push({ words: concepts[pairs[i]].forms[pairs[i + 1]], concept: pairs[i] });
        return ascii(JSON.stringify(packIndexLine(word, list)));
      })
      .join('\n'),
  };
  members.push(`"lines":{${Object.keys(lines).map((k) => `${quote(k)}:${typeof lines[k] === 'number' ? lines[k] : quote(lines[k])}`).join(',')}}`);
  members.push('"decode":(line) => revive(JSON.parse(line))');
  return {
    pack: `// Generated by scripts/precompile.mjs from rules/; not a source file.\n${REVIVE}\nexport default {${members.join(',')}};\n`,
    // Per rule id, in the rules' order, its examples (src/engine/examples.ts); plain JSON.
    examples: `// Generated by scripts/precompile.mjs from rules/; not a source file.\nexport default ${toSource(examples, 'examples')};\n`,
  };
}

/**
 * The net's entries, a line of plain JSON each, with each required word list (a Set) as an array: src/engine/matcher.ts
 * (decodeEntry) makes just those into Sets, without revive's tags (a sixth of the lines' bytes) or a walk over every
 * string. The build checks that nothing else in an entry needs more than JSON.
 */
function entryLines(entries) {
  return entries
    .map((entry, i) => {
      const { required, ...rest } = entry;
      const sets = Array.isArray(required) && required.every((set) => set instanceof Set && [...set].every((w) => typeof w === 'string'));
      if (!sets || !isJsonSafe(rest)) throw new Error(`pack.entries[${i}]: decodeEntry in src/engine/matcher.ts expects plain JSON but for the Sets in required`);
      // The spread keeps `required` where compilePack put it among the keys.
      return ascii(JSON.stringify({ ...entry, required: required.map((set) => [...set]) }));
    })
    .join('\n');
}

/** Each member as one line of ASCII JSON (revive's tags for what JSON cannot hold), to be decoded one at a time. */
function lineList(list, path) {
  return list.map((v, i) => ascii(JSON.stringify(encode(v, `${path}[${i}]`)))).join('\n');
}

/** The pack module's source for the rule and concept files in `rulesDir` (see packModules). */
export async function packModule(rulesDir = join(ROOT, 'rules')) {
  return (await packModules(rulesDir)).pack;
}

/**
 * The sources of the pack module and of the examples module for the rule and concept files in `rulesDir`; rejects
 * naming file and field. The compile runs in a child process: it assembles compromise from compromise/one, a
 * singleton per process, which a script run through scripts/run.mjs (bench, eval) has already extended in this one.
 */
export function packModules(rulesDir = join(ROOT, 'rules')) {
  return new Promise((resolvePack, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--pack', rulesDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePack(JSON.parse(Buffer.concat(out).toString('utf8')));
      else reject(new Error(Buffer.concat(err).toString('utf8').trim() || `pack compile exited with ${code}`));
    });
  });
}

/**
 * compromise's mergeDeep (src/API/extend.js) adds each key of a plugin's model as `Object.assign(model, { [key]: v })`:
 * every such literal with a new key name adds a transition to one shared object shape, and importing compromise/one
 * merges some 1,200 keys (its Unicode and abbreviation tables), tens of millions of instructions at startup. The
 * same [[Set]] as a plain assignment (`model[key] = v`, keys of __proto__ and the like are skipped as before) builds
 * the same model without them. Only the reviewed file is rewritten, and only where it reads as reviewed.
 */
const EXTEND_REVIEWED = '0c197bea7fb320c17b9dc97354370367';

function fasterMerge(code, id) {
  const md5 = createHash('md5').update(code).digest('hex');
  if (md5 !== EXTEND_REVIEWED) throw new Error(`${id} changed (md5 ${md5}); review scripts/precompile.mjs fasterMerge against it`);
  const out = code
    .replace('if (!model[key]) Object.assign(model, { [key]: {} })', 'if (!model[key]) model[key] = {}')
    .replace('Object.assign(model, { [key]: plugin[key] })', 'model[key] = plugin[key]');
  if (out.includes('Object.assign(model, {')) throw new Error(`${id}: fasterMerge left a merge unrewritten`);
  return { code: out, map: null };
}

/**
 * compromise's regex literals with \p{…} classes (title case, letters, numbers…), rewritten to src/engine/unicode.ts's
 * UnicodeTwin, which matches the same but runs an ASCII twin on all-ASCII text: V8 builds each property class from
 * ICU's tables whenever it parses such a literal (when the code is compiled, when the literal is evaluated, when it
 * first runs), a few percent of the engine's cold start. A literal with the g or y flag is left as it is.
 */
const REGEX_LITERAL = /(?<![\w$)\]])\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/([a-z]*)/g;
const UNICODE_TWIN = join(ROOT, 'src/engine/unicode.ts');

function unicodeTwins(code, id) {
  if (!code.includes('\\p{')) return null;
  // Each twin is made once, at the top of the module: a literal inside a function is a new regex per call, but one
  // without g or y keeps no state, so sharing one is the same.
  const twins = [];
  const out = code.replace(REGEX_LITERAL, (literal, source, flags, offset) => {
    if (!source.includes('\\p{') || /[gy]/.test(flags)) return literal;
    // Commented-out code keeps its literal.
    const lineStart = code.lastIndexOf('\n', offset) + 1;
    if (code.slice(lineStart, offset).includes('//')) return literal;
    new RegExp(source, flags);
    twins.push(`const __unicodeTwin${twins.length} = new __UnicodeTwin(${JSON.stringify(source)}, ${JSON.stringify(flags)});`);
    return `__unicodeTwin${twins.length - 1}`;
  });
  if (twins.length === 0) return null;
  return { code: [`import { UnicodeTwin as __UnicodeTwin } from ${JSON.stringify(UNICODE_TWIN)};`, ...twins, out].join('\n'), map: null };
}

/** Where the generated modules are written (node_modules/ is never committed); one file per module, per checkout. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'rapport-precompile');

/** Writes through a temporary file and a rename, so a build running beside this one never reads half a module. */
function writeModule(file, source) {
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file) && readFileSync(file, 'utf8') === source) return;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, source);
  renameSync(temporary, file);
}

/**
 * The plugin. The generated modules are written to files and reached through resolve.alias rather than served as
 * virtual modules, because @crxjs builds each standalone content script in a second Vite build that gets the
 * parent's resolve options but none of its plugins. They are generated in the config hook, before anything is
 * resolved, on every build, test run and script run.
 * @param {{ rulesDir?: string, pack?: boolean }} [options] pack: false only generates the compromise module (used
 * by the pack's own compile, which must not recurse).
 */
export function precompile(options = {}) {
  const rulesDir = resolve(options.rulesDir ?? join(ROOT, 'rules'));
  const withPack = options.pack !== false;
  const files = { pack: join(CACHE, 'pack.mjs'), examples: join(CACHE, 'examples.mjs'), compromise: join(CACHE, 'compromise.mjs') };
  const rulesFiles = () =>
    [rulesDir, join(rulesDir, 'concepts')].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f)));
  const writePack = async () => {
    const sources = await packModules(rulesDir);
    writeModule(files.pack, sources.pack);
    writeModule(files.examples, sources.examples);
  };
  return {
    name: 'rapport-precompile',
    async config() {
      await Promise.all([compromiseModule().then((source) => writeModule(files.compromise, source)), withPack ? writePack() : null]);
      const alias = [{ find: PACK_ID, replacement: files.pack }, { find: EXAMPLES_ID, replacement: files.examples }, { find: COMPROMISE_ID, replacement: files.compromise }];
      return { resolve: { alias } };
    },
    buildStart() {
      if (withPack) for (const file of rulesFiles()) this.addWatchFile(file);
    },
    async watchChange(id) {
      // A rule edited under `vite build --watch` or vitest's watch mode: the pack is rebuilt before the rebuild reads it.
      if (withPack && resolve(id).startsWith(rulesDir)) await writePack();
    },
    transform: {
      filter: { id: /compromise[\\/]src[\\/].*\.js$/ },
      handler(code, id) {
        if (/[\\/]API[\\/]extend\.js$/.test(id)) return fasterMerge(code, id);
        return unicodeTwins(code, id);
      },
    },
    resolveId: {
      filter: { id: /^compromise\/two$/ },
      handler() {
        // compromise/two would extend the compromise/one singleton a second time: every import gets the engine's.
        return join(ROOT, 'src/engine/nlp.ts');
      },
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--pack') {
  try {
    process.stdout.write(JSON.stringify(await compilePackSources(resolve(process.argv[3]))));
  } catch (error) {
    // RulePackError lists every "file: field: reason"; that text is what the build shows.
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
