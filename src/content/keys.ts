// What a key pressed in a composer means to Rapport: the card shortcut, or a choice while a keyboard card is open.

/** Alt+Shift+K opens the card at the caret (by key position, so it works on any keyboard layout). */
export const CARD_SHORTCUT = { code: 'KeyK', altKey: true, shiftKey: true };

export type KeyAction = { type: 'open-card' } | { type: 'close-card' } | { type: 'apply'; index: number } | { type: 'none' };

export function isCardShortcut(event: KeyboardEvent): boolean {
  return event.code === CARD_SHORTCUT.code && event.altKey === CARD_SHORTCUT.altKey && event.shiftKey === CARD_SHORTCUT.shiftKey && !event.ctrlKey && !event.metaKey;
}

/** With a keyboard card open: Escape closes it, 1–9 pick a rewrite, any other key (but modifiers) closes it. */
export function keyboardCardAction(event: KeyboardEvent): KeyAction {
  if (event.key === 'Escape') return { type: 'close-card' };
  if (/^[1-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) return { type: 'apply', index: Number(event.key) - 1 };
  if (['Shift', 'Alt', 'Control', 'Meta'].includes(event.key)) return { type: 'none' };
  return { type: 'close-card' };
}
