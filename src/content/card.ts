// The one card Rapport shows at a time: which finding it is for, where it is anchored, how it opens (hover,
// keyboard, chip list) and when it hides; it keeps following its finding as the composer relints and scrolls.

import type { Finding } from '../engine/types';
import type { Composer } from './composer';
import type { CardModel } from './ui';

/** A short grace period lets the pointer travel from the highlight to the card. */
const HIDE_DELAY_MS = 300;

export interface OpenCard {
  composer: Composer;
  finding: Finding;
  anchor: DOMRect;
  viaKeyboard: boolean;
  notice: string | null;
  hovered: boolean;
}

export interface CardActions {
  apply(composer: Composer, finding: Finding, rewrite: string): void;
  ignore(finding: Finding): void;
  mute(finding: Finding): void;
}

export class CardState {
  current: OpenCard | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly render: () => void) {}

  open(composer: Composer, finding: Finding, anchor: DOMRect, how: { viaKeyboard: boolean; hovered: boolean }): void {
    this.current = { composer, finding, anchor, viaKeyboard: how.viaKeyboard, notice: null, hovered: how.hovered };
  }

  close(): void {
    this.current = null;
  }

  isFor(composer: Composer): boolean {
    return this.current?.composer === composer;
  }

  setNotice(notice: string): void {
    if (this.current) this.current = { ...this.current, notice };
  }

  /** After a relint: follow the finding to its new place, or close when it is gone. */
  follow(composer: Composer): void {
    const card = this.current;
    if (card?.composer !== composer) return;
    const still = composer.findings.find((f) => f.key === card.finding.key);
    if (still) this.current = { ...card, finding: still, anchor: composer.rangeOf(still)?.getBoundingClientRect() ?? card.anchor };
    else this.current = null;
  }

  /** After the settings changed: close when the finding is no longer reported. */
  dropIfGone(): void {
    const card = this.current;
    if (card && !card.composer.findings.some((f) => f.key === card.finding.key)) this.current = null;
  }

  /** After scroll or resize: re-anchor to the finding's words. */
  reanchor(): void {
    const card = this.current;
    if (!card) return;
    const range = card.composer.rangeOf(card.finding);
    if (range) this.current = { ...card, anchor: range.getBoundingClientRect() };
  }

  pointer(composer: Composer, event: MouseEvent): void {
    const hit = composer.findingAt(event.clientX, event.clientY);
    if (hit) {
      clearTimeout(this.hideTimer);
      if (this.current?.finding.key !== hit.finding.key || this.current.composer !== composer) {
        this.open(composer, hit.finding, hit.rect, { viaKeyboard: false, hovered: false });
        this.render();
      }
    } else if (this.current && !this.current.viaKeyboard) this.scheduleHide();
  }

  pointerLeft(): void {
    if (this.current && !this.current.viaKeyboard) this.scheduleHide();
  }

  private scheduleHide(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      if (this.current && !this.current.hovered && !this.current.viaKeyboard) {
        this.current = null;
        this.render();
      }
    }, HIDE_DELAY_MS);
  }

  /**
   * The finding at the caret, else the next one after it (wrapping): true when a card opened. When the caret cannot
   * be found (it is in a quote or signature, or the page hides it) nothing opens, so no other phrase is ever shown as
   * the one at the caret; `fromStartIfLost` is for the popup's "next finding", which then starts at the first.
   */
  openAtCaret(composer: Composer, fromStartIfLost = false): boolean {
    const caret = composer.caretOffset();
    if (caret < 0 && !fromStartIfLost) return false;
    const hit = composer.findingAtCaret() ?? nextAfter(composer, caret);
    if (!hit) return false;
    this.open(composer, hit.finding, hit.rect, { viaKeyboard: true, hovered: false });
    this.render();
    return true;
  }

  model(actions: CardActions): CardModel | null {
    const card = this.current;
    return card && {
      finding: card.finding,
      anchor: card.anchor,
      viaKeyboard: card.viaKeyboard,
      notice: card.notice,
      onApply: (rewrite) => actions.apply(card.composer, card.finding, rewrite),
      onIgnore: () => actions.ignore(card.finding),
      onMute: () => actions.mute(card.finding),
      onClose: () => {
        this.current = null;
        this.render();
      },
      onHover: (inside) => {
        if (this.current) this.current.hovered = inside;
        if (!inside && this.current && !this.current.viaKeyboard) this.scheduleHide();
        else clearTimeout(this.hideTimer);
      },
    };
  }

  dispose(): void {
    clearTimeout(this.hideTimer);
    this.current = null;
  }
}

function nextAfter(composer: Composer, caret: number): { finding: Finding; rect: DOMRect } | null {
  const findings = composer.findings;
  const next = findings.find((f) => f.start > caret) ?? findings[0];
  if (!next) return null;
  return { finding: next, rect: composer.rangeOf(next)?.getBoundingClientRect() ?? composer.element.getBoundingClientRect() };
}
