// Vite plugin that does at build time what the engine used to do on first use: validates and compiles rules/ and
// rules/concepts/ into `virtual:rapport/pack`, and ships compromise's expanded lexicon and parsed post-tagger net as
// `virtual:rapport/compromise`. Both are generated on every build from the files themselves, so they cannot drift.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACK_ID = 'virtual:rapport/pack';
const COMPROMISE_ID = 'virtual:rapport/compromise';

/**
 * compromise 14.17.0 files whose contents src/engine/nlp.ts re-assembles; a new version must be reviewed before
 * its parts are trusted to fit together the same way (its two.js plugin order, the pre-tagger plugin's shape and
 * the post-tagger's lazily built net).
 */
const COMPROMISE_REVIEWED = {
  'src/two.js': '28ca6a346ed49feef3ed1839f7ba01f4',
  'src/2-two/preTagger/plugin.js': 'c5f0038b8c358362c3ecc6e7c27b5335',
  'src/2-two/postTagger/compute/index.js': '104e6e3f89cbe8142f1f331c15c28147',
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

/** A JavaScript expression that evaluates to a deep copy of `value` (shared references become copies). */
export function toSource(value, path = '$') {
  if (value === undefined) return 'void 0';
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '-0';
    return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  }
  if (typeof value === 'string') return quote(value);
  if (typeof value !== 'object') throw new Error(`${path}: cannot ship a ${typeof value} as data`);
  if (value instanceof RegExp) return `new RegExp(${quote(value.source)}, ${quote(value.flags)})`;
  if (value instanceof Set) return `new Set(${toSource([...value], path)})`;
  if (value instanceof Map) return `new Map(${toSource([...value], path)})`;
  if (Array.isArray(value) || isPlainObject(value)) {
    if (isJsonSafe(value)) {
      const json = JSON.stringify(value);
      return json.length > 200 ? `JSON.parse(${quote(json)})` : ascii(json);
    }
    if (Array.isArray(value)) {
      if (value.length !== Object.keys(value).length) throw new Error(`${path}: sparse or decorated array`);
      return `[${value.map((v, i) => toSource(v, `${path}[${i}]`)).join(',')}]`;
    }
    const body = Object.keys(value)
      .map((k) => `${k === '__proto__' ? '["__proto__"]' : quote(k)}:${toSource(value[k], `${path}.${k}`)}`)
      .join(',');
    return Object.getPrototypeOf(value) === null ? `Object.assign(Object.create(null),{${body}})` : `{${body}}`;
  }
  throw new Error(`${path}: cannot ship a ${value.constructor?.name ?? 'object'} as data`);
}

// ---------------------------------------------------------------------------------------------------------------
// compromise: the pre-tagger's model after its import-time expansion, and the post-tagger's net after parsing.

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
  // A fresh import of compromise's own modules, in this (build) process.
  const { default: preTagger } = await import(file('2-two/preTagger/plugin.js'));
  const { default: nlp } = await import(file('two.js'));
  const world = nlp.world();
  // buildNet parses match objects in place and cannot parse one twice, so it gets copies: the world stays untouched
  // for anything else in this process (the pack's compile runs in a module runner that may share this instance).
  const net = world.methods.one.buildNet(world.model.two.matches.map((m) => ({ ...m })), world);
  const matches = [...new Set([...Object.values(net.hooks).flat(), ...net.always])];
  const at = new Map(matches.map((m, i) => [m, i]));
  const hooks = Object.fromEntries(Object.entries(net.hooks).map(([k, list]) => [k, list.map((m) => at.get(m))]));
  const part = (name, path) => `export { default as ${name} } from ${JSON.stringify(join(root, 'src', path))};`;
  return [
    '// Generated by scripts/precompile.mjs from compromise; not a source file.',
    part('preTagCompute', '2-two/preTagger/compute/index.js'),
    part('preTagMethods', '2-two/preTagger/methods/index.js'),
    part('preTagTags', '2-two/preTagger/tagSet/index.js'),
    part('contractionTwo', '2-two/contraction-two/plugin.js'),
    part('postTag', '2-two/postTagger/plugin.js'),
    part('lazy', '2-two/lazy/plugin.js'),
    part('swap', '2-two/swap/plugin.js'),
    `export const preTagHooks = ${toSource(preTagger.hooks)};`,
    `export const preTaggerModel = ${toSource(preTagger.model, 'preTaggerModel')};`,
    `const matches = ${toSource(matches, 'postTaggerNet')};`,
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

/** The pack module's source for the rule and concept files in `rulesDir`; throws naming file and field. */
export async function packModule(rulesDir = join(ROOT, 'rules')) {
  const { runnerImport } = await import('vite');
  // The runner gets this plugin too, for virtual:rapport/compromise; the pack itself is not imported there.
  const { module } = await runnerImport(pathToFileURL(join(ROOT, 'src/engine/precompile.ts')).href, {
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    plugins: [precompile({ rulesDir })],
  });
  const data = module.precompilePack(readJsonDir(rulesDir, 'rules'), readJsonDir(join(rulesDir, 'concepts'), 'rules/concepts'));
  return `// Generated by scripts/precompile.mjs from rules/; not a source file.\nexport default ${toSource(data, 'pack')};\n`;
}

/** @param {{ rulesDir?: string }} [options] */
export function precompile(options = {}) {
  const rulesDir = resolve(options.rulesDir ?? join(ROOT, 'rules'));
  let pack = null;
  return {
    name: 'rapport-precompile',
    resolveId: {
      filter: { id: /^virtual:rapport\// },
      handler(id) {
        if (id === PACK_ID || id === COMPROMISE_ID) return `\0${id}`;
        return null;
      },
    },
    load: {
      filter: { id: /^\0virtual:rapport\// },
      handler: load,
    },
    watchChange(id) {
      if (resolve(id).startsWith(rulesDir)) pack = null;
    },
  };

  async function load(id) {
    if (id === `\0${COMPROMISE_ID}`) return compromiseModule();
    if (id !== `\0${PACK_ID}`) return null;
    for (const dir of [rulesDir, join(rulesDir, 'concepts')]) {
      this.addWatchFile?.(dir);
      for (const f of readdirSync(dir)) if (f.endsWith('.json')) this.addWatchFile?.(join(dir, f));
    }
    pack ??= packModule(rulesDir);
    try {
      return await pack;
    } catch (error) {
      // A broken rule file fails this build with its file and field named; the next build reads the files again.
      pack = null;
      throw error;
    }
  }
}
