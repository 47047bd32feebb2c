// Applies a rewrite through the editor's own input path, so the site's model sees it and Ctrl+Z undoes it;
// checks the span before and the whole draft after, and undoes anything that changed more than the span.

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

function insertThroughEditor(el: HTMLElement, text: string): void {
  // execCommand is deprecated but remains the one way to insert text that lands on the browser's undo stack
  // and fires the input events that Gmail's and LinkedIn's editors listen to.
  if (document.execCommand('insertText', false, text)) return;
  // Editors that handle input themselves (ProseMirror, Quill, Lexical) act on beforeinput instead.
  el.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertReplacementText', data: text, bubbles: true, cancelable: true, composed: true }));
}

export function applyRewrite(target: ApplyTarget, start: number, end: number, expected: string, rewrite: string): ApplyResult {
  const before = target.read();
  if (!same(before.text.slice(start, end), expected)) {
    return { ok: false, reason: 'The text changed since it was flagged; nothing was replaced.' };
  }
  if (!select(target, before, start, end)) return { ok: false, reason: 'Rapport could not select the phrase; nothing was replaced.' };
  insertThroughEditor(target.element, rewrite);
  const after = target.read().text;
  const wanted = before.text.slice(0, start) + rewrite + before.text.slice(end);
  if (same(after, wanted)) return { ok: true };
  if (!same(after, before.text)) {
    document.execCommand('undo');
    if (!same(target.read().text, before.text)) {
      return { ok: false, reason: 'The editor changed more than the flagged phrase and could not be restored automatically: press Ctrl+Z.' };
    }
    return { ok: false, reason: 'The editor changed more than the flagged phrase, so Rapport undid it. Your draft is as it was.' };
  }
  return { ok: false, reason: 'This editor did not accept the change; nothing was replaced. You can copy the rewrite instead.' };
}
