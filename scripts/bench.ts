// npm run bench: engine speed (full lint, keystroke relint, cold start, throughput) against targets and harper.js.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LocalLinter as HarperLinter } from 'harper.js';
import { createLinter, splitSentences, type Linter } from '../src/engine';
import { DOCUMENT, EMAIL } from './bench-texts';
import { brownTexts } from './brown';
import { seededRandom } from './random';

const JSON_OUT = process.argv.includes('--json');
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const TARGETS = {
  emailFullMs: 3,
  emailKeystrokeMs: 0.5,
  docFullMs: 60,
  docKeystrokeMs: 2,
  wordsPerSecondVsHarper: 5,
};

// Repetitions are sized so the whole run stays under ~2 minutes on a shared 2-core machine; harper.js is the slow
// part, so its document and corpus figures get fewer (but still odd-numbered) repetitions.
const REPS = {
  warmup: 15,
  emailFull: 101,
  docFull: 31,
  keystrokes: 301,
  worstKeystrokes: 101,
  coldStarts: 7,
  brownPasses: 5,
  hundredK: 7,
  harperEmail: 41,
  harperDoc: 15,
  harperKeystrokes: 31,
  harperBrownPasses: 3,
  harperHundredK: 3,
};
/** Every BROWN_STRIDE-th Brown text (sorted, so the genres are spread across the sample): about 20,000 words. */
const BROWN_STRIDE = 50;
const HUNDRED_K = 100_000;

/** Progress goes to stderr so --json leaves exactly one object on stdout. */
function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []).length;
}

/** Offsets strictly inside a word (a letter on both sides), where typing a letter changes one word only. */
function inWordOffsets(text: string, from = 0, to = text.length, avoid: Array<[number, number]> = []): number[] {
  const out: number[] = [];
  for (let i = Math.max(1, from); i < to; i++) {
    if (!/\p{L}/u.test(text[i - 1]!) || !/\p{L}/u.test(text[i]!)) continue;
    if (avoid.some(([s, e]) => i >= s && i <= e)) continue;
    out.push(i);
  }
  return out;
}

function makeEdits(text: string, offsets: number[], count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const edits: string[] = [];
  for (let k = 0; k < count; k++) {
    const at = offsets[Math.floor(random() * offsets.length)]!;
    const letter = String.fromCharCode(97 + Math.floor(random() * 26));
    edits.push(text.slice(0, at) + letter + text.slice(at));
  }
  return edits;
}

/** Sentences holding a finding, with the edit offsets that leave the flagged words intact (so they stay flagged). */
function flaggedSentenceOffsets(linter: Linter, text: string): number[] {
  linter.reset();
  const findings = linter.lint(text).findings;
  const ranges = findings.map((f): [number, number] => [f.start, f.end]);
  const out: number[] = [];
  for (const span of splitSentences(text)) {
    if (!findings.some((f) => f.start >= span.start && f.start < span.end)) continue;
    out.push(...inWordOffsets(text, span.start, span.end, ranges));
  }
  return out;
}

interface Stat {
  median: number;
  p95: number;
  n: number;
}

function stat(xs: number[]): Stat {
  return { median: median(xs), p95: quantile(xs, 0.95), n: xs.length };
}

function timeFull(linter: Linter, text: string, reps: number, warmup: number): Stat {
  for (let i = 0; i < warmup; i++) {
    linter.reset();
    linter.lint(text);
  }
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) {
    linter.reset();
    const t0 = now();
    linter.lint(text);
    xs.push(now() - t0);
  }
  return stat(xs);
}

/**
 * Each edit starts from a linter warm on the unedited text (the untimed lint(text) restores that state), so every
 * sample is exactly one keystroke after a settled lint rather than a drifting chain of edits.
 */
function timeKeystrokes(linter: Linter, text: string, edits: string[]): Stat {
  linter.reset();
  for (let i = 0; i < REPS.warmup; i++) {
    linter.lint(text);
    linter.lint(edits[i % edits.length]!);
  }
  const xs: number[] = [];
  for (const edited of edits) {
    linter.lint(text);
    const t0 = now();
    linter.lint(edited);
    xs.push(now() - t0);
  }
  return stat(xs);
}

function timeBrown(linter: Linter, texts: string[], passes: number): number[] {
  const xs: number[] = [];
  for (let p = 0; p < passes; p++) {
    const t0 = now();
    for (const text of texts) {
      linter.reset();
      linter.lint(text);
    }
    xs.push(now() - t0);
  }
  return xs;
}

interface ColdStart {
  /** import() of the bundle + createLinter() + first lint of the email, timed inside the child. */
  ms: number;
  importMs: number;
  firstLintMs: number;
  /** The same end point measured from the child's process start, so including Node's own boot. */
  sinceProcessStartMs: number;
  bundleBytes: number;
  method: string;
}

/**
 * Cold start runs in fresh Node processes on a production build of the engine (vite.cli.config.ts into a temp
 * directory), because a process started through the Vite module runner would mostly time Vite itself.
 */
function coldStart(): ColdStart {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  try {
    const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
    const build = spawnSync(
      process.execPath,
      [vite, 'build', '-c', 'vite.cli.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr}${build.stdout}`);
    // The CLI's engine.js sits under this repository's package.json ("type": "module"); without the same marker
    // here Node first tries the 2 MB bundle as CommonJS and times its own format detection (~15 ms) as ours.
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    const engine = join(dir, 'engine.js');
    const child = join(dir, 'cold.mjs');
    writeFileSync(
      child,
      `const t0 = performance.now();
const { createLinter } = await import(${JSON.stringify(pathToFileURL(engine).href)});
const t1 = performance.now();
const report = createLinter().lint(${JSON.stringify(EMAIL)});
const t2 = performance.now();
if (report.findings.length === 0) throw new Error('no findings on the bench email');
process.stdout.write(JSON.stringify({ ms: t2 - t0, importMs: t1 - t0, firstLintMs: t2 - t1, sinceProcessStartMs: t2 }));
`,
    );
    const runs: Array<Omit<ColdStart, 'bundleBytes' | 'method'>> = [];
    // The first child only fills the OS file cache; the extension's bundle is likewise read from a warm disk cache.
    for (let i = 0; i <= REPS.coldStarts; i++) {
      const r = spawnSync(process.execPath, [child], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`cold-start child failed:\n${r.stderr}`);
      if (i > 0) runs.push(JSON.parse(r.stdout) as Omit<ColdStart, 'bundleBytes' | 'method'>);
    }
    const pick = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
    return {
      ms: pick('ms'),
      importMs: pick('importMs'),
      firstLintMs: pick('firstLintMs'),
      sinceProcessStartMs: pick('sinceProcessStartMs'),
      bundleBytes: readFileSync(engine).length,
      method: `fresh node process: import() of a vite.cli.config.ts build (dist-cli/engine.js equivalent) + createLinter() + first email lint; median of ${runs.length}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * harper.js: every lint is timed through its public async API, plain-text mode (its default is Markdown, which
 * our inputs are not). Returned Lint objects own WASM memory until free(), so they are freed outside the timed
 * region; otherwise the WASM heap grows across repetitions and later samples pay for it.
 */
async function timeHarperCall(linter: HarperLinter, text: string): Promise<number> {
  const t0 = now();
  const lints = await linter.lint(text, { language: 'plaintext' });
  const ms = now() - t0;
  for (const l of lints) l.free();
  return ms;
}

/**
 * A harper.js Linter caches its analysis of every chunk it has linted (relinting the same document is 5-10x
 * faster than the first lint), and there is no reset, so a full lint needs a fresh Linter. Creating one is
 * cheap once the WASM module is loaded, and stays outside the timed region, as Rapport's reset() does.
 */
class HarperPeer {
  constructor(private readonly make: () => HarperLinter) {}

  async fresh(): Promise<HarperLinter> {
    const linter = this.make();
    await linter.setup();
    return linter;
  }

  async full(text: string): Promise<number> {
    const linter = await this.fresh();
    const ms = await timeHarperCall(linter, text);
    await linter.dispose();
    return ms;
  }

  async timeFull(text: string, reps: number, warmup: number): Promise<Stat> {
    for (let i = 0; i < warmup; i++) await this.full(text);
    const xs: number[] = [];
    for (let i = 0; i < reps; i++) xs.push(await this.full(text));
    return stat(xs);
  }

  /** Same protocol as Rapport's keystrokes, plus the relint of unchanged text (harper's fully cached path). */
  async timeRelints(text: string, edits: string[]): Promise<{ unchanged: Stat; keystroke: Stat }> {
    const linter = await this.fresh();
    await timeHarperCall(linter, text);
    const unchanged: number[] = [];
    const keystroke: number[] = [];
    for (const edited of edits) {
      unchanged.push(await timeHarperCall(linter, text));
      keystroke.push(await timeHarperCall(linter, edited));
    }
    await linter.dispose();
    return { unchanged: stat(unchanged), keystroke: stat(keystroke) };
  }
}

/** harper.js exports no package.json (and no require condition), so read it from where npm installs it. */
function harperVersion(): string {
  const file = join(ROOT, 'node_modules', 'harper.js', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms < 10 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(1);
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

async function main(): Promise<void> {
  const started = now();
  const linter = createLinter();
  const emailWords = countWords(EMAIL);
  const docWords = countWords(DOCUMENT);

  progress(`email (${emailWords} words): full lint and keystrokes`);
  const emailFull = timeFull(linter, EMAIL, REPS.emailFull, REPS.warmup);
  const emailEdits = makeEdits(EMAIL, inWordOffsets(EMAIL), REPS.keystrokes, 1);
  const emailKeys = timeKeystrokes(linter, EMAIL, emailEdits);
  const emailWorstOffsets = flaggedSentenceOffsets(linter, EMAIL);
  const emailWorst = timeKeystrokes(linter, EMAIL, makeEdits(EMAIL, emailWorstOffsets, REPS.worstKeystrokes, 2));

  progress(`document (${docWords} words): full lint and keystrokes`);
  const docFull = timeFull(linter, DOCUMENT, REPS.docFull, 5);
  const docEdits = makeEdits(DOCUMENT, inWordOffsets(DOCUMENT), REPS.keystrokes, 3);
  const docKeys = timeKeystrokes(linter, DOCUMENT, docEdits);
  const docWorstOffsets = flaggedSentenceOffsets(linter, DOCUMENT);
  const docWorst = timeKeystrokes(linter, DOCUMENT, makeEdits(DOCUMENT, docWorstOffsets, REPS.worstKeystrokes, 4));

  progress('loading Brown corpus sample');
  const allBrown = brownTexts();
  const brown = allBrown.filter((_, i) => i % BROWN_STRIDE === 0).map((t) => t.text);
  const brownWords = brown.reduce((n, t) => n + countWords(t), 0);
  // Ordinary prose keeps the 100k input from being one document repeated, which the sentence cache would shortcut.
  const hundredK = [DOCUMENT, ...allBrown.filter((_, i) => i % BROWN_STRIDE === 1).map((t) => t.text)]
    .join('\n\n')
    .slice(0, HUNDRED_K);
  if (hundredK.length !== HUNDRED_K) throw new Error('not enough text for the 100,000-character input');

  progress(`Brown throughput: ${brown.length} texts, ${brownWords} words`);
  timeBrown(linter, brown.slice(0, 3), 1);
  const brownMs = median(timeBrown(linter, brown, REPS.brownPasses));
  const wordsPerSecond = brownWords / (brownMs / 1000);

  progress('100,000-character input');
  const hundredKFull = timeFull(linter, hundredK, REPS.hundredK, 2);

  progress('cold start (vite build + fresh node processes)');
  const cold = coldStart();

  progress('harper.js: loading WASM');
  const { LocalLinter } = await import('harper.js');
  const { binary } = await import('harper.js/binary');
  const peer = new HarperPeer(() => new LocalLinter({ binary }));
  const h0 = now();
  await (await peer.fresh()).dispose();
  const harperSetupMs = now() - h0;
  // V8 first runs WASM in baseline code and tiers up hot functions later; the first lint of a new document can
  // take several times longer than the tenth, so warm up on prose that is not timed afterwards.
  for (const text of allBrown.filter((_, i) => i % BROWN_STRIDE === 2).slice(0, 3)) await peer.full(text.text);
  progress('harper.js: email, document, relints');
  const harperEmail = await peer.timeFull(EMAIL, REPS.harperEmail, 5);
  const harperDoc = await peer.timeFull(DOCUMENT, REPS.harperDoc, 2);
  const harperEmailRelint = await peer.timeRelints(EMAIL, emailEdits.slice(0, REPS.harperKeystrokes));
  const harperDocRelint = await peer.timeRelints(DOCUMENT, docEdits.slice(0, REPS.harperKeystrokes));
  progress('harper.js: Brown, 100k');
  const harperBrown: number[] = [];
  for (let p = 0; p < REPS.harperBrownPasses; p++) {
    let ms = 0;
    for (const text of brown) ms += await peer.full(text);
    harperBrown.push(ms);
  }
  const harperWordsPerSecond = brownWords / (median(harperBrown) / 1000);
  const harperHundredK = await peer.timeFull(hundredK, REPS.harperHundredK, 0);

  const ratios = {
    emailFull: harperEmail.median / emailFull.median,
    emailKeystroke: harperEmailRelint.keystroke.median / emailKeys.median,
    docFull: harperDoc.median / docFull.median,
    docKeystroke: harperDocRelint.keystroke.median / docKeys.median,
    wordsPerSecond: wordsPerSecond / harperWordsPerSecond,
    hundredK: harperHundredK.median / hundredKFull.median,
  };
  const pass = {
    emailFull: emailFull.median <= TARGETS.emailFullMs,
    emailKeystroke: emailKeys.median <= TARGETS.emailKeystrokeMs,
    docFull: docFull.median <= TARGETS.docFullMs,
    docKeystroke: docKeys.median <= TARGETS.docKeystrokeMs,
    wordsPerSecond: ratios.wordsPerSecond >= TARGETS.wordsPerSecondVsHarper,
  };
  const totalSeconds = (now() - started) / 1000;

  const result = {
    email: {
      fullMs: emailFull.median,
      keystrokeMs: emailKeys.median,
      words: emailWords,
      fullP95Ms: emailFull.p95,
      keystrokeP95Ms: emailKeys.p95,
      worstKeystrokeMs: emailWorst.median,
      worstKeystrokeP95Ms: emailWorst.p95,
    },
    doc: {
      fullMs: docFull.median,
      keystrokeMs: docKeys.median,
      words: docWords,
      fullP95Ms: docFull.p95,
      keystrokeP95Ms: docKeys.p95,
      worstKeystrokeMs: docWorst.median,
      worstKeystrokeP95Ms: docWorst.p95,
    },
    coldStartMs: cold.ms,
    coldStart: cold,
    wordsPerSecond,
    brown: { texts: brown.length, words: brownWords, passMs: brownMs },
    hundredK: { chars: HUNDRED_K, words: countWords(hundredK), fullMs: hundredKFull.median, fullP95Ms: hundredKFull.p95 },
    peers: {
      'harper.js': {
        emailFullMs: harperEmail.median,
        docFullMs: harperDoc.median,
        wordsPerSecond: harperWordsPerSecond,
        emailKeystrokeMs: harperEmailRelint.keystroke.median,
        emailUnchangedRelintMs: harperEmailRelint.unchanged.median,
        docKeystrokeMs: harperDocRelint.keystroke.median,
        docUnchangedRelintMs: harperDocRelint.unchanged.median,
        emailFullP95Ms: harperEmail.p95,
        docFullP95Ms: harperDoc.p95,
        hundredKMs: harperHundredK.median,
        setupMs: harperSetupMs,
        version: harperVersion(),
        mode:
          'LocalLinter({ binary }) from harper.js/binary, lint(text, { language: "plaintext" }); full lints on a ' +
          'fresh LocalLinter each (it caches per chunk), created outside the timed region',
      },
    },
    ratios,
    targets: TARGETS,
    pass,
    reps: REPS,
    machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
    totalSeconds,
  };

  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }

  const rows: Array<[string, string, string, string, string]> = [
    ['email full lint', fmt(emailFull.median), fmt(emailFull.p95), `<= ${TARGETS.emailFullMs}`, verdict(pass.emailFull)],
    ['email keystroke', fmt(emailKeys.median), fmt(emailKeys.p95), `<= ${TARGETS.emailKeystrokeMs}`, verdict(pass.emailKeystroke)],
    ['email keystroke, flagged sentence', fmt(emailWorst.median), fmt(emailWorst.p95), '', ''],
    ['document full lint', fmt(docFull.median), fmt(docFull.p95), `<= ${TARGETS.docFullMs}`, verdict(pass.docFull)],
    ['document keystroke', fmt(docKeys.median), fmt(docKeys.p95), `<= ${TARGETS.docKeystrokeMs}`, verdict(pass.docKeystroke)],
    ['document keystroke, flagged sentence', fmt(docWorst.median), fmt(docWorst.p95), '', ''],
    ['100,000 characters, full lint', fmt(hundredKFull.median), fmt(hundredKFull.p95), '', ''],
    ['cold start (import + first lint)', fmt(cold.ms), '', '', ''],
  ];
  const line = (cells: string[]) =>
    `${cells[0]!.padEnd(38)}${cells[1]!.padStart(10)}${cells[2]!.padStart(10)}${cells[3]!.padStart(10)}  ${cells[4]!}`;
  const out: string[] = [];
  out.push(`Rapport engine benchmark (node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'})`);
  out.push(`email ${emailWords} words, document ${docWords} words; medians over repeated runs, milliseconds\n`);
  out.push(line(['', 'median', 'p95', 'target', '']));
  for (const r of rows) out.push(line(r));
  out.push(
    `\ncold start: ${fmt(cold.importMs)} ms import (${Math.round(cold.bundleBytes / 1024)} KiB bundle) + ${fmt(cold.firstLintMs)} ms createLinter() and first lint; ` +
      `${fmt(cold.sinceProcessStartMs)} ms counting Node's own boot`,
  );
  const wpsLine = `words/second on Brown prose (${brown.length} texts, ${brownWords} words): ${Math.round(wordsPerSecond).toLocaleString('en-US')}`;
  out.push(wpsLine);

  out.push(
    `\nvs harper.js ${harperVersion()} (LocalLinter, plain text; WASM load + setup ${fmt(harperSetupMs)} ms; ` +
      'full lints on a fresh LocalLinter, since it caches per chunk)',
  );
  out.push(line(['', 'Rapport', 'harper', 'ratio', '']));
  out.push(line(['email full lint (ms)', fmt(emailFull.median), fmt(harperEmail.median), `${ratios.emailFull.toFixed(1)}x`, '']));
  out.push(line(['email keystroke (ms)', fmt(emailKeys.median), fmt(harperEmailRelint.keystroke.median), `${ratios.emailKeystroke.toFixed(1)}x`, '']));
  out.push(line(['document full lint (ms)', fmt(docFull.median), fmt(harperDoc.median), `${ratios.docFull.toFixed(1)}x`, '']));
  out.push(line(['document keystroke (ms)', fmt(docKeys.median), fmt(harperDocRelint.keystroke.median), `${ratios.docKeystroke.toFixed(1)}x`, '']));
  out.push(line(['100,000 characters (ms)', fmt(hundredKFull.median), fmt(harperHundredK.median), `${ratios.hundredK.toFixed(1)}x`, '']));
  out.push(
    line([
      'words/second, Brown',
      Math.round(wordsPerSecond).toLocaleString('en-US'),
      Math.round(harperWordsPerSecond).toLocaleString('en-US'),
      `${ratios.wordsPerSecond.toFixed(1)}x`,
      `>= ${TARGETS.wordsPerSecondVsHarper}x ${verdict(pass.wordsPerSecond)}`,
    ]),
  );
  out.push(
    `(ratio = how many times faster Rapport is; harper relinting unchanged text: email ${fmt(harperEmailRelint.unchanged.median)} ms, ` +
      `document ${fmt(harperDocRelint.unchanged.median)} ms)`,
  );
  out.push(`\nbench took ${totalSeconds.toFixed(1)} s`);
  console.log(out.join('\n'));
}

await main();
