// The rapport command: output formats, stdin and files, jsonl error lines, and exit codes 0 / 1 / 2.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const bin = join(root, 'bin/rapport.js');
const dir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
const pushy = join(dir, 'pushy.txt');
const clean = join(dir, 'clean.txt');

function rapport(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist-cli/cli.js'))) {
    execFileSync('npx', ['vite', 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  writeFileSync(pushy, 'Hi Sam,\n\nThis offer expires tonight. Can we close the deal?\n');
  writeFileSync(clean, 'Hi Sam,\n\nI enjoyed your talk on onboarding. Would a checklist help your team?\n');
});

describe('rapport check', () => {
  it('prints file:line:col, category, message and a rewrite, and exits 1 when something is flagged', () => {
    const { code, stdout } = rapport(['check', pushy]);
    expect(code).toBe(1);
    expect(stdout).toContain(pushy);
    expect(stdout).toMatch(/3:6\s+urgency\s+.*offer expires tonight/);
    expect(stdout).toMatch(/3:36\s+closing\s+.*close the deal/);
    expect(stdout).toContain('try: "');
  });

  it('gives line:col in characters (an emoji is one) on lines ended by CRLF, matching the JSON offsets', () => {
    const text = [
      'Hi Sam,',
      '',
      '😀 This offer expires tonight.',
      '👍🏽👍🏽 Can we close the deal?',
      'Offer expires tonight.',
      '🙂 x 😀 Offer expires tonight, so can we close the deal?',
      '',
    ].join('\r\n');
    const file = join(dir, 'crlf-emoji.txt');
    writeFileSync(file, text);
    const { code, stdout } = rapport(['check', file]);
    expect(code).toBe(1);
    const where = [...stdout.matchAll(/^ {2}(\d+:\d+)\s+\w+\s+.*\s(\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    // Columns count code points: 👍🏽 is two (hand and skin tone), four UTF-16 units; a "\r" ends its line.
    expect(where).toEqual([
      '3:8 offer-expires',
      '4:13 close-the-deal',
      '5:1 offer-expires',
      '6:7 offer-expires',
      '6:40 close-the-deal',
    ]);
    // The same positions, worked out naively from each finding's UTF-16 start offset in the JSON output.
    const [report] = JSON.parse(rapport(['check', '--format', 'json', file]).stdout);
    const naive = report.findings.map((f: { start: number; ruleId: string }) => {
      const before = text.slice(0, f.start).split('\n');
      return `${before.length}:${[...before.at(-1)!].length + 1} ${f.ruleId}`;
    });
    expect(naive).toEqual(where);
  });

  it('positions every finding in a large input with many findings', () => {
    const count = 20_000;
    const prefixes = ['', '😀 ', '👍🏽👍🏽 x ', 'Sam, 🙂 '];
    const lines = Array.from({ length: count }, (_, i) => `${prefixes[i % prefixes.length]}Note ${i}: this offer expires tonight.`);
    const file = join(dir, 'many.txt');
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    const { code, stdout } = rapport(['check', file]);
    expect(code).toBe(1);
    const where = [...stdout.matchAll(/^ {2}(\d+:\d+)\s+urgency\s.*offer-expires$/gm)].map((m) => m[1]);
    const expected = lines.map((line, i) => `${i + 1}:${[...line.slice(0, line.indexOf('offer'))].length + 1}`);
    expect(where.length).toBe(count);
    expect(where).toEqual(expected);
    expect(stdout).toContain(`✖ ${count} phrases flagged in 1 input`);
  }, 120_000);

  it('exits 0 and prints nothing for clean text', () => {
    expect(rapport(['check', clean])).toMatchObject({ code: 0, stdout: '' });
  });

  it('reads stdin when given no file or "-"', () => {
    expect(rapport(['check'], 'Offer expires tonight.').code).toBe(1);
    expect(rapport(['check', '-'], 'Thanks for your time.').code).toBe(0);
  });

  it('prints one JSON array with --format json', () => {
    const { code, stdout } = rapport(['check', '--format', 'json', pushy, clean]);
    expect(code).toBe(1);
    const reports = JSON.parse(stdout);
    expect(reports.map((r: { file: string }) => r.file)).toEqual([pushy, clean]);
    expect(reports[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['offer-expires', 'close-the-deal']);
    expect(reports[1].findings).toEqual([]);
    expect(reports[1].score.value).toBeLessThanOrEqual(100);
  });

  it('exits 2 with a clear message on a usage error or a missing file', () => {
    const usage = rapport(['check', '--format', 'xml']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format must be "text" or "json", got "xml"');
    expect(rapport(['lint']).stderr).toContain('unknown command "lint"');
    const missing = rapport(['check', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.txt: no such file');
  });
});

describe('rapport check --jsonl', () => {
  it('writes one line per input with id, findings, metrics and score', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Last week you asked about pricing. Offer expires tonight!' }),
      JSON.stringify({ id: 7, text: 'Thanks for the intro.' }),
    ].join('\n');
    const { code, stdout } = rapport(['check', '--jsonl'], input);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 7]);
    expect(Object.keys(lines[0])).toEqual(['id', 'findings', 'metrics', 'score']);
    expect(lines[0].findings[0]).toMatchObject({ ruleId: 'offer-expires', category: 'urgency', text: 'Offer expires tonight' });
    expect(lines[1].findings).toEqual([]);
  });

  it('reports malformed lines with their line number, processes the rest, and exits 2', () => {
    const input = ['{"id":1,"text":"Offer expires tonight."}', '{not json', '', '{"id":2}', '[1]', '{"id":3,"text":"Hello."}'].join('\n');
    const { code, stdout, stderr } = rapport(['check', '--jsonl'], input);
    expect(code).toBe(2);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id ?? `line ${l.line}`)).toEqual([1, 'line 2', 2, 'line 5', 3]);
    expect(lines[1].error).toMatch(/not valid JSON/);
    expect(lines[2]).toMatchObject({ line: 4, error: '"text" must be a string' });
    expect(stderr).toContain('3 malformed lines');
  });
});
