// The `rapport` command: checks templates and drafts from files or stdin, for sales teams and scripts.

import { readFile } from 'node:fs/promises';
import { createLinter, RulePackError, type Finding, type Linter, type Report } from '../engine';

export interface Io {
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
  out(text: string): void;
  err(text: string): void;
  color: boolean;
}

const USAGE = `Usage: rapport check [--format text|json] [FILE...]
       rapport check --jsonl [FILE]

Checks outreach copy for pushy phrasing (shame, closing, urgency, self-centred) and suggests rewrites.
Reads FILEs, or standard input when no FILE or "-" is given.

Options:
  --format text|json   stylish text (default) or one JSON array of reports
  --jsonl              input is one JSON object per line with "id" and "text"; output is one JSON line per input
  -h, --help           show this help

Exit codes: 0 nothing flagged, 1 something flagged, 2 usage, input or I/O error.`;

class UsageError extends Error {}

interface Args {
  format: 'text' | 'json';
  jsonl: boolean;
  files: string[];
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { format: 'text', jsonl: false, files: [], help: false };
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { ...args, help: true };
  if (command !== 'check') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  let formatGiven = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg === '--jsonl') args.jsonl = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? rest[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format must be "text" or "json", got ${value === undefined ? 'nothing' : `"${value}"`}`);
      args.format = value;
      formatGiven = true;
    } else if (arg === '--') {
      args.files.push(...rest.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
    else args.files.push(arg);
  }
  if (args.jsonl && formatGiven) throw new UsageError('--jsonl already fixes the output format; drop --format');
  if (args.jsonl && args.files.length > 1) throw new UsageError('--jsonl reads one input (a FILE or stdin)');
  return args;
}

/**
 * Maps offsets to 1-based line and column (in characters, not UTF-16 units; lines end at "\n", so a "\r" before it
 * is the last character of its line). One pass over the text up front, then each lookup is two binary searches, so
 * printing n findings costs O(text + n log text) rather than a rescan of the text per finding.
 */
class Positions {
  /** Offset at which each line starts; lineStarts[0] is 0. */
  private readonly lineStarts: number[] = [0];
  /** Offsets of the high halves of surrogate pairs, each pair being one character (e.g. an emoji). */
  private readonly pairs: number[] = [];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) this.lineStarts.push(i + 1);
      else if (code >= 0xd800 && code <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) this.pairs.push(i);
      }
    }
  }

  at(offset: number): { line: number; column: number } {
    const index = countAtMost(this.lineStarts, offset) - 1;
    const lineStart = this.lineStarts[index]!;
    // A pair counts as one character when both halves lie in [lineStart, offset), that is at lineStart..offset-2.
    const pairsBefore = countAtMost(this.pairs, offset - 2) - countAtMost(this.pairs, lineStart - 1);
    return { line: index + 1, column: offset - lineStart - pairsBefore + 1 };
  }
}

/** How many entries of an ascending array are <= value. */
function countAtMost(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const STYLE = { dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', bold: '\x1b[1m', underline: '\x1b[4m', reset: '\x1b[0m' };

function stylish(results: { name: string; text: string; report: Report }[], color: boolean): string {
  const paint = (style: keyof typeof STYLE, s: string) => (color ? `${STYLE[style]}${s}${STYLE.reset}` : s);
  const lines: string[] = [];
  let total = 0;
  for (const { name, text, report } of results) {
    if (report.findings.length === 0) continue;
    lines.push(paint('underline', name));
    const positions = new Positions(text);
    const rows = report.findings.map((f: Finding) => {
      const { line, column } = positions.at(f.start);
      const suggestion = f.rewrites.length > 0 ? `try: "${f.rewrites[0]}"` : f.advice ?? '';
      return { where: `${line}:${column}`, f, suggestion };
    });
    // Folded, not Math.max(...rows): spreading tens of thousands of arguments can overflow the stack.
    const width = rows.reduce((w, r) => Math.max(w, r.where.length), 0);
    for (const { where, f, suggestion } of rows) {
      const category = f.severity === 'high' ? paint('red', f.category) : paint('yellow', f.category);
      lines.push(`  ${paint('dim', where.padEnd(width))}  ${category}  ${f.message}  ${paint('dim', f.ruleId)}`);
      if (suggestion) lines.push(`  ${' '.repeat(width)}  ${paint('dim', '↳')} ${suggestion}`);
    }
    lines.push(`  ${paint('dim', `score ${report.score.value}/100`)}`, '');
    total += report.findings.length;
  }
  if (total > 0) {
    const files = results.filter((r) => r.report.findings.length > 0).length;
    lines.push(paint('bold', `✖ ${total} ${total === 1 ? 'phrase' : 'phrases'} flagged in ${files} ${files === 1 ? 'input' : 'inputs'}`));
  }
  return lines.join('\n') + (lines.length > 0 ? '\n' : '');
}

async function readInput(name: string, io: Io): Promise<string> {
  return name === '-' ? io.readStdin() : io.readFile(name);
}

async function runJsonl(source: string, io: Io, linter: Linter): Promise<number> {
  const text = await readInput(source, io);
  let flagged = false;
  let malformed = 0;
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let item: unknown;
    try {
      item = JSON.parse(raw);
    } catch (error) {
      malformed++;
      io.out(JSON.stringify({ line, error: `not valid JSON: ${(error as Error).message}` }) + '\n');
      return;
    }
    const record = item as { id?: unknown; text?: unknown };
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      malformed++;
      io.out(JSON.stringify({ line, error: 'expected a JSON object with "id" and "text"' }) + '\n');
      return;
    }
    if (typeof record.text !== 'string') {
      malformed++;
      io.out(JSON.stringify({ line, id: record.id ?? null, error: '"text" must be a string' }) + '\n');
      return;
    }
    if (record.id === undefined || (typeof record.id !== 'string' && typeof record.id !== 'number')) {
      malformed++;
      io.out(JSON.stringify({ line, error: '"id" must be a string or number' }) + '\n');
      return;
    }
    linter.reset();
    const report = linter.lint(record.text);
    if (report.findings.length > 0) flagged = true;
    io.out(JSON.stringify({ id: record.id, findings: report.findings, metrics: report.metrics, score: report.score }) + '\n');
  });
  if (malformed > 0) {
    io.err(`rapport: ${malformed} malformed ${malformed === 1 ? 'line' : 'lines'} in ${source === '-' ? 'stdin' : source}\n`);
    return 2;
  }
  return flagged ? 1 : 0;
}

export async function run(argv: string[], io: Io): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`rapport: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let linter: Linter;
  try {
    linter = createLinter();
  } catch (error) {
    if (error instanceof RulePackError) {
      io.err(`rapport: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const sources = args.files.length === 0 ? ['-'] : args.files;
  try {
    if (args.jsonl) return await runJsonl(sources[0]!, io, linter);
    const results: { name: string; text: string; report: Report }[] = [];
    for (const source of sources) {
      const text = await readInput(source, io);
      linter.reset();
      results.push({ name: source === '-' ? '<stdin>' : source, text, report: linter.lint(text) });
    }
    if (args.format === 'json') {
      io.out(JSON.stringify(results.map(({ name, report }) => ({ file: name, ...report })), null, 2) + '\n');
    } else {
      io.out(stylish(results, io.color));
    }
    return results.some((r) => r.report.findings.length > 0) ? 1 : 0;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
    io.err(`rapport: cannot read ${e.path ?? 'input'}: ${reason}\n`);
    return 2;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(): Promise<void> {
  const code = await run(process.argv.slice(2), {
    readStdin,
    readFile: (path) => readFile(path, 'utf8'),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  });
  process.exitCode = code;
}
