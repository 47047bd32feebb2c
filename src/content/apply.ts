// Applies a rewrite through the editor's own input path, so the site's model sees it and Ctrl+Z undoes it;
// checks the span before and the whole draft after. Rapport undoes only an insert it can prove it made, and
// when the editor did not take the rewrite it changes nothing and says so.

import { selectionIn } from './caret';
import { rangeFor, textOffsetOf, type TextMap } from './text-map';

export type ApplyResult = { ok: true } | { ok: false; reason: string };

export interface ApplyTarget {
  element: HTMLElement;
  read(): TextMap;
}

/** How long to wait for the selectionchange an editor learns a new selection from, when none comes (it was already there). */
const SELECTION_SEEN_MS = 100;

/** Editors swap spaces for no-break spaces freely; that is not a change the user would notice. */
function same(a: string, b: string): boolean {
  return a.replace(/\u00a0/g, ' ') === b.replace(/\u00a0/g, ' ');
}

function isField(el: HTMLElement): el is HTMLTextAreaElement | HTMLInputElement {
  return el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
}

/** Where the user's selection was, so a rewrite the editor refused leaves even the caret as it was. */
function saveSelection(el: HTMLElement): () => void {
  if (isField(el)) {
    const { selectionStart, selectionEnd } = el;
    return () => {
      if (selectionStart !== null && selectionEnd !== null) el.setSelectionRange(selectionStart, selectionEnd);
    };
  }
  const selection = document.getSelection();
  // Inside a shadow root the document's selection is retargeted to the host: take the editor's own when it has it.
  const inside = selectionIn(el);
  const saved = inside ? toRange(inside) : selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
  return () => {
    if (!saved || !selection) return;
    selection.removeAllRanges();
    selection.addRange(saved);
  };
}

function toRange(span: AbstractRange): Range {
  const range = new Range();
  range.setStart(span.startContainer, span.startOffset);
  range.setEnd(span.endContainer, span.endOffset);
  return range;
}

function select(target: ApplyTarget, map: TextMap, start: number, end: number): boolean {
  const el = target.element;
  el.focus({ preventScroll: true });
  if (isField(el)) {
    el.setSelectionRange(start, end);
    return true;
  }
  const range = rangeFor(map, start, end);
  const selection = document.getSelection();
  if (!range || !selection) return false;
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

/** The selection as offsets into the draft (through the editor's shadow root when it has one), or null. */
function selectedSpan(target: ApplyTarget, map: TextMap): { start: number; end: number } | null {
  const el = target.element;
  if (isField(el)) return { start: el.selectionStart ?? -1, end: el.selectionEnd ?? -1 };
  const range = selectionIn(el);
  if (!range) return null;
  return { start: textOffsetOf(map, range.startContainer, range.startOffset), end: textOffsetOf(map, range.endContainer, range.endOffset) };
}

/**
 * Resolves once the page has had its selectionchange (or shortly, when the selection was already there), and every
 * listener of it has run. Editors such as Draft.js learn the selection only from that event: inserting before it
 * would use their old caret and leave the new one inside the rewrite. Page events are only a cue to go on; what
 * happens next is checked against the draft itself.
 */
function selectionSeen(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', done);
      // A task later, so the editor's own selectionchange listeners have run too.
      setTimeout(resolve, 0);
    };
    const timer = setTimeout(done, SELECTION_SEEN_MS);
    document.addEventListener('selectionchange', done);
  });
}

/** Leaves the caret right after the rewrite, where the user's next words belong, unless the editor put it there. */
function caretAfter(target: ApplyTarget, offset: number): void {
  const map = target.read();
  const now = selectedSpan(target, map);
  if (now && now.start === offset && now.end === offset) return;
  select(target, map, offset, offset);
}

const INSERT_TYPES = new Set(['insertText', 'insertReplacementText']);

/**
 * Inserts through execCommand, the one way to insert text that lands on the browser's undo stack and fires the
 * input events Gmail's and LinkedIn's editors listen to (editors with their own model act on its beforeinput).
 * Reports whether the editor was handed this very insert: an input or beforeinput event carrying the rewrite.
 */
function insertThroughEditor(el: HTMLElement, text: string): boolean {
  let handed = false;
  const witness = (event: Event) => {
    const e = event as InputEvent;
    // The browser's own events only: a page script cannot vouch for an insert.
    if (e.isTrusted && INSERT_TYPES.has(e.inputType) && (e.data === text || e.dataTransfer?.getData('text/plain') === text)) handed = true;
  };
  el.addEventListener('beforeinput', witness, true);
  el.addEventListener('input', witness, true);
  try {
    document.execCommand('insertText', false, text);
  } finally {
    el.removeEventListener('beforeinput', witness, true);
    el.removeEventListener('input', witness, true);
  }
  return handed;
}

export async function applyRewrite(target: ApplyTarget, start: number, end: number, expected: string, rewrite: string): Promise<ApplyResult> {
  const before = target.read();
  if (!same(before.text.slice(start, end), expected)) {
    return { ok: false, reason: 'The text changed since it was flagged; nothing was replaced.' };
  }
  const restoreSelection = saveSelection(target.element);
  if (!select(target, before, start, end)) return { ok: false, reason: 'Rapport could not select the phrase; nothing was replaced.' };
  if (!isField(target.element)) await selectionSeen();
  // The user (or the site) may have typed or moved the caret while the editor caught up: then leave everything be.
  const ready = target.read();
  const span = selectedSpan(target, ready);
  if (!same(ready.text, before.text) || span?.start !== start || span.end !== end) {
    return { ok: false, reason: 'The draft changed while Rapport was applying the rewrite; nothing was replaced.' };
  }
  const handed = insertThroughEditor(target.element, rewrite);
  const after = target.read().text;
  const wanted = before.text.slice(0, start) + rewrite + before.text.slice(end);
  if (same(after, wanted)) {
    caretAfter(target, start + rewrite.length);
    return { ok: true };
  }
  // Rapport's insert is proven only when the editor was handed it and the rewrite now stands where the phrase was.
  const ours = handed && same(after.slice(start, start + rewrite.length), rewrite);
  if (!ours) {
    if (same(after, before.text)) restoreSelection();
    // Whatever else changed was not Rapport's doing, so undoing it could take back the user's own last edit.
    return { ok: false, reason: 'This editor did not take the rewrite, so Rapport changed nothing. You can copy the rewrite instead.' };
  }
  document.execCommand('undo');
  if (!same(target.read().text, before.text)) {
    return { ok: false, reason: 'The editor changed more than the flagged phrase and could not be restored automatically: press Ctrl+Z.' };
  }
  return { ok: false, reason: 'The editor changed more than the flagged phrase, so Rapport undid it. Your draft is as it was.' };
}
