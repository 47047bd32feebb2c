// Keeps findings on their words while a relint is pending: shifts them past an edit and drops those it touched.

import type { Finding } from '../engine/types';

/** The single changed stretch between two texts: common prefix and suffix around it. */
export function diffSpan(before: string, after: string): { at: number; removed: number; inserted: number } {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) suffix++;
  return { at: prefix, removed: before.length - prefix - suffix, inserted: after.length - prefix - suffix };
}

export function shiftFindings(findings: readonly Finding[], before: string, after: string): Finding[] {
  if (before === after) return [...findings];
  const { at, removed, inserted } = diffSpan(before, after);
  const delta = inserted - removed;
  const out: Finding[] = [];
  for (const f of findings) {
    // The span Apply replaces contains the highlight; an edit inside it makes the planned rewrite stale.
    if (f.replaceEnd <= at) out.push(f);
    else if (f.replaceStart >= at + removed) {
      out.push({ ...f, start: f.start + delta, end: f.end + delta, replaceStart: f.replaceStart + delta, replaceEnd: f.replaceEnd + delta });
    }
  }
  return out;
}
