// Applies a rewrite through the editor's own input path, so the site's model sees it and Ctrl+Z undoes it;
// checks the span before and the whole draft after. Rapport undoes only an insert it can prove it made, and
// when the editor did not take the rewrite it changes nothing and says so.

import { rangeFor, type TextMap } from './text-map';

export type ApplyResult = { ok: true } | { ok: false; reason: string };

export interface ApplyTarget {
  element: HTMLElement;
  read(): TextMap;
}

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
  const saved = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
  return () => {
    if (!saved || !selection) return;
    selection.removeAllRanges();
    selection.addRange(saved);
  };
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

export function applyRewrite(target: ApplyTarget, start: number, end: number, expected: string, rewrite: string): ApplyResult {
  const before = target.read();
  if (!same(before.text.slice(start, end), expected)) {
    return { ok: false, reason: 'The text changed since it was flagged; nothing was replaced.' };
  }
  const restoreSelection = saveSelection(target.element);
  if (!select(target, before, start, end)) return { ok: false, reason: 'Rapport could not select the phrase; nothing was replaced.' };
  const handed = insertThroughEditor(target.element, rewrite);
  const after = target.read().text;
  const wanted = before.text.slice(0, start) + rewrite + before.text.slice(end);
  if (same(after, wanted)) return { ok: true };
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
