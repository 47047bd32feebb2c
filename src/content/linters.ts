// Turns the user's settings into linters for composers: which options they run with, and whether the site is on.

import { builtInRules, builtInScorer } from '../engine/builtin';
import { Linter } from '../engine/linter';
import { DEFAULT_SETTINGS, lintOptionsOf, type Settings } from '../shared/settings';
import type { Site } from '../sites';

export class LinterSource {
  private settings: Settings = DEFAULT_SETTINGS;
  private optionsKey = '';

  constructor(private readonly site: Site) {}

  get current(): Settings {
    return this.settings;
  }

  get siteEnabled(): boolean {
    return !this.settings.disabledSites.includes(location.hostname);
  }

  /** Takes new settings; true when linters built before now run with different options. */
  update(settings: Settings): boolean {
    this.settings = settings;
    const key = JSON.stringify(lintOptionsOf(settings));
    if (key === this.optionsKey) return false;
    this.optionsKey = key;
    return true;
  }

  /** previous: the composer's current linter, whose analysed sentences carry over when only filtering options changed. */
  create(element: HTMLElement, previous?: Linter): Linter {
    // Recipients are read when the composer attaches: stricter on cold outreach, gentler between colleagues.
    let context;
    try {
      context = this.site.context?.(element);
    } catch {
      context = undefined;
    }
    return new Linter(builtInRules(), { ...lintOptionsOf(this.settings), context }, builtInScorer(), previous);
  }
}
