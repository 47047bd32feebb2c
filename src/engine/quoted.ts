// Tells a flagged stretch that only quotes someone else's words ("the site said “only 1 left”") from the writer's own.

const OPENERS = new Set(['"', '“', '„', '«']);
const CLOSERS: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»' };
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The [start, end) stretches of a sentence inside double quotes, when the sentence also has at least three words of
 * its own outside them: a line that is all quote (a UI string in quotes, a subject line) is still the writer's.
 */
export function quotedStretches(text: string): [number, number][] {
  if (!/["“„«]/.test(text)) return [];
  const stretches: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!OPENERS.has(ch)) continue;
    const close = text.indexOf(CLOSERS[ch]!, i + 1);
    if (close === -1) break;
    stretches.push([i + 1, close]);
    i = close;
  }
  if (stretches.length === 0) return [];
  let outside = '';
  let at = 0;
  for (const [s, e] of stretches) {
    outside += text.slice(at, s - 1) + ' ';
    at = e + 1;
  }
  outside += text.slice(at);
  return (outside.match(WORD) ?? []).length >= 3 ? stretches : [];
}

/** Whether [start, end) lies wholly inside one quoted stretch. */
export function isQuoted(stretches: readonly [number, number][], start: number, end: number): boolean {
  return stretches.some(([s, e]) => start >= s && end <= e);
}
