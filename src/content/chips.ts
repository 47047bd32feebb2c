// The per-composer chip (count and score beside the editor) and its list of flagged phrases.

import type { Finding } from '../engine/types';
import { worstCategory } from './badge';
import type { Composer } from './composer';
import { placeChip } from './placement';
import type { ChipModel } from './ui';

/** The chip's size for placement: a dot, a count up to two digits and a score (see .chip in ui.tsx). */
const CHIP_SIZE = { width: 84, height: 24 };

export interface ChipActions {
  /** A phrase picked from a chip's list: open its card. */
  pick(composer: Composer, finding: Finding): void;
  render(): void;
}

export class Chips {
  /** The composer whose list is open, by id. */
  private openId: number | null = null;
  private notice: string | null = null;

  constructor(private readonly actions: ChipActions) {}

  close(): void {
    this.openId = null;
  }

  models(composers: Iterable<Composer>): ChipModel[] {
    const all = [...composers].filter((c) => c.element.isConnected);
    const boxes = all.map((c) => c.element.getBoundingClientRect());
    const viewport = { width: window.innerWidth, height: window.innerHeight };
    return all
      .filter((c) => c.report && c.text.trim().length > 0)
      .map((composer) => ({
        id: composer.id,
        anchor: composer.element.getBoundingClientRect(),
        position: placeChip({
          box: composer.element.getBoundingClientRect(),
          textEnd: composer.textEndRect(),
          singleLine: composer.element instanceof HTMLInputElement,
          chip: CHIP_SIZE,
          viewport,
          avoid: boxes,
        }),
        count: composer.findings.length,
        score: composer.report!.score.value,
        worst: worstCategory(composer.findings),
        open: this.openId === composer.id,
        findings: [...composer.findings],
        notice: this.openId === composer.id ? this.notice : null,
        onToggle: () => {
          this.openId = this.openId === composer.id ? null : composer.id;
          this.notice = null;
          this.actions.render();
        },
        onPick: (finding: Finding) => this.actions.pick(composer, finding),
      }));
  }
}
