// The per-composer chip (count and score beside the editor) and its list of flagged phrases.

import type { Finding } from '../engine/types';
import { worstCategory } from './badge';
import type { Composer } from './composer';
import type { ChipModel } from './ui';

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
    return [...composers]
      .filter((c) => c.report && c.element.isConnected && c.text.trim().length > 0)
      .map((composer) => ({
        id: composer.id,
        anchor: composer.element.getBoundingClientRect(),
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
