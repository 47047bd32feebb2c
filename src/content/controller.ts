// Loaded on first focus of an editor: owns every attached composer and wires the pieces around them (settings
// to linters, the watcher that finds composers, the card, the chips, keys, the badge and the popup port).
// Composers are found by focus (composedPath) and by the watcher, and are disposed with everything they
// registered when they leave the DOM.

import type { Finding } from '../engine/types';
import type { ContentReply, PopupToContent } from '../shared/protocol';
import { updateSettings, watchSettings, withIgnored, type Settings } from '../shared/settings';
import { composerSelector, editableRootOf, identifyEditor, type Site } from '../sites';
import { clearBadge, reportBadge } from './badge';
import { CardState } from './card';
import { Chips } from './chips';
import { Composer, type ComposerEvents } from './composer';
import { injectFault } from './faults';
import { isCardShortcut, keyboardCardAction } from './keys';
import { extensionAlive } from './lifecycle';
import { LinterSource } from './linters';
import { Painter } from './painter';
import { answerPopup, type PopupTarget } from './popup-port';
import { adoptHighlightStyles, removeHighlightStyles } from './styles';
import { UiLayer } from './ui';
import { ComposerWatcher } from './watcher';

export class Controller implements ComposerEvents, PopupTarget {
  private readonly lifetime = new AbortController();
  private readonly composers = new Map<HTMLElement, Composer>();
  private readonly watcher: ComposerWatcher;
  private readonly ui = new UiLayer();
  private readonly painter = new Painter(this.ui.paintLayer);
  private readonly linters: LinterSource;
  private readonly card = new CardState(() => this.render());
  private readonly chips: Chips;
  private active: Composer | null = null;
  private frame = 0;
  private readonly failures = new WeakSet<HTMLElement>();

  /** settings: already loaded, so no composer ever attaches under defaults; onLost: the extension went away. */
  constructor(
    readonly site: Site,
    settings: Settings,
    private readonly onLost: () => void,
  ) {
    adoptHighlightStyles(document);
    const signal = this.lifetime.signal;
    this.linters = new LinterSource(site);
    this.chips = new Chips({ pick: (composer, finding) => this.pick(composer, finding), render: () => this.render() });
    this.watcher = new ComposerWatcher(composerSelector(site), {
      isOwn: (node) => this.ui.owns(node),
      added: (element) => this.attach(element),
      removed: () => {
        for (const composer of [...this.composers.values()]) if (!composer.element.isConnected) this.detach(composer);
      },
    });
    this.watcher.observe(document.documentElement);
    window.addEventListener('scroll', () => this.layout(), { capture: true, passive: true, signal });
    window.addEventListener('resize', () => this.layout(), { passive: true, signal });
    watchSettings((s) => this.alive() && this.applySettings(s), signal);
    this.linters.update(settings);
    this.attachAll();
  }

  /** False (after standing down) when the extension was updated, reloaded or disabled under the page. */
  private alive(): boolean {
    if (this.lifetime.signal.aborted) return false;
    if (extensionAlive()) return true;
    this.standDown();
    return false;
  }

  /** Removes everything Rapport put on the page and stops listening, then lets the entry script say so once. */
  standDown(): void {
    if (this.lifetime.signal.aborted) return;
    this.dispose();
    this.onLost();
  }

  /** Drafts already on the page (a reply Gmail reopened, a half-written message) are checked as soon as the
   *  engine is here, or the site is switched back on, not only when focused. */
  private attachAll(): void {
    this.watcher.existing().forEach((el) => this.attach(el));
    const active = document.activeElement;
    if (active instanceof HTMLElement) {
      const root = editableRootOf([active]);
      if (root) this.focus(root);
    }
  }

  private applySettings(settings: Settings): void {
    const wasEnabled = this.linters.siteEnabled;
    const optionsChanged = this.linters.update(settings);
    if (!this.linters.siteEnabled) {
      for (const composer of [...this.composers.values()]) this.detach(composer);
      return;
    }
    if (!wasEnabled) this.attachAll();
    if (!optionsChanged) return;
    for (const composer of [...this.composers.values()]) {
      composer.guard(() => {
        injectFault('settings');
        composer.setLinter(this.linters.create(composer.element, composer.currentLinter));
      });
    }
    this.card.dropIfGone();
    this.render();
  }

  /** Called by the entry script for every focus inside an editable element. */
  focus(element: HTMLElement): void {
    if (!this.alive()) return;
    const composer = this.attach(element);
    if (composer) this.focused(composer);
  }

  attach(element: HTMLElement): Composer | null {
    // A composer closed while the engine was loading is gone: nothing to attach to.
    if (!element.isConnected || this.lifetime.signal.aborted) return null;
    if (!this.linters.siteEnabled || this.failures.has(element)) return null;
    const existing = this.composers.get(element);
    if (existing) return existing;
    const kind = identifyEditor(this.site, element);
    if (!kind) return null;
    const root = element.getRootNode();
    if (root instanceof ShadowRoot) {
      // Highlights inside a shadow tree are styled only by sheets in that tree.
      adoptHighlightStyles(root);
      this.watcher.observe(root);
    }
    let composer: Composer;
    try {
      injectFault('attach');
      composer = new Composer(element, kind, this.linters.create(element), this.painter, this.ui.paintLayer, this);
    } catch (error) {
      this.standDownFor(element, error);
      return null;
    }
    if (composer.disposed) return null;
    this.composers.set(element, composer);
    // No render here: a composer has nothing to show until its first lint lands (changed()), and reading its
    // geometry now would force the layout of whatever the page just inserted into the page's own task.
    return composer;
  }

  private detach(composer: Composer): void {
    composer.dispose();
    this.composers.delete(composer.element);
    if (this.card.isFor(composer)) this.card.close();
    if (this.active === composer) {
      this.active = null;
      clearBadge();
    }
    this.render();
  }

  // ComposerEvents

  changed(composer: Composer): void {
    if (!this.alive()) return;
    if (composer === this.active) reportBadge(composer.findings);
    this.card.follow(composer);
    this.render();
  }

  focused(composer: Composer): void {
    if (!this.alive() || this.active === composer) return;
    this.active = composer;
    reportBadge(composer.findings);
  }

  pointer(composer: Composer, event: MouseEvent): void {
    if (!this.alive()) return;
    this.card.pointer(composer, event);
  }

  pointerLeft(): void {
    this.card.pointerLeft();
  }

  key(composer: Composer, event: KeyboardEvent): void {
    if (!this.alive()) return;
    if (isCardShortcut(event)) {
      event.preventDefault();
      this.card.openAtCaret(composer);
      return;
    }
    const card = this.card.current;
    if (!card?.viaKeyboard || card.composer !== composer) return;
    const action = keyboardCardAction(event);
    if (action.type === 'close-card') {
      if (event.key === 'Escape') event.preventDefault();
      this.card.close();
      this.render();
    } else if (action.type === 'apply') {
      const rewrite = card.finding.rewrites[action.index];
      if (rewrite !== undefined) {
        event.preventDefault();
        void this.applyFinding(composer, card.finding, rewrite);
      }
    }
  }

  layout(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const composer of this.composers.values()) composer.guard(() => composer.syncLayout());
      this.painter.redrawOverlay();
      this.card.reanchor();
      this.render();
    });
  }

  failed(composer: Composer, error: unknown): void {
    if (!this.alive()) return;
    this.detach(composer);
    this.standDownFor(composer.element, error);
  }

  /** Logged once per text box; Rapport stands down there and the page and draft carry on untouched. */
  private standDownFor(element: HTMLElement, error: unknown): void {
    if (!this.alive() || this.failures.has(element)) return;
    console.warn('[Rapport] stopped checking this text box after an internal error:', error);
    this.failures.add(element);
  }

  // Actions

  apply(composer: Composer, finding: Finding, rewrite: string): Promise<{ ok: boolean; error?: string }> {
    return this.applyFinding(composer, finding, rewrite);
  }

  private async applyFinding(composer: Composer, finding: Finding, rewrite: string): Promise<{ ok: boolean; error?: string }> {
    if (!this.alive()) return { ok: false, error: 'Rapport was updated or switched off; reload the page to use it.' };
    const result = (await composer.guardAsync(() => composer.apply(finding, rewrite))) ?? { ok: false as const, reason: 'Rapport stopped checking this text box.' };
    if (!this.alive()) return result.ok ? { ok: true } : { ok: false, error: result.reason };
    if (result.ok) {
      this.card.close();
      this.render();
      return { ok: true };
    }
    this.card.setNotice(result.reason);
    this.render();
    return { ok: false, error: result.reason };
  }

  async ignore(finding: Finding): Promise<void> {
    await this.saveFromCard((s) => withIgnored(s, finding.key, finding.text));
  }

  private async mute(finding: Finding): Promise<void> {
    await this.saveFromCard((s) => ({ ...s, disabledRules: [...new Set([...s.disabledRules, finding.ruleId])] }));
  }

  /**
   * Closes the card and saves. A lost extension stands Rapport down quietly (Ignore and Mute never throw into the
   * page); if storage refuses (a quota), the card comes back saying why, and the error is rethrown for the popup.
   */
  private async saveFromCard(change: (s: Settings) => Settings): Promise<void> {
    if (!this.alive()) return;
    const card = this.card.current;
    this.card.close();
    this.render();
    try {
      await updateSettings(change);
    } catch (error) {
      if (!this.alive()) return;
      if (card && !this.card.current) {
        this.card.open(card.composer, card.finding, card.anchor, { viaKeyboard: card.viaKeyboard, hovered: card.hovered });
        this.card.setNotice(error instanceof Error ? error.message : String(error));
        this.render();
      }
      throw error;
    }
  }

  private pick(composer: Composer, finding: Finding): void {
    const range = composer.rangeOf(finding);
    range?.startContainer.parentElement?.scrollIntoView({ block: 'nearest' });
    this.card.open(composer, finding, range?.getBoundingClientRect() ?? composer.element.getBoundingClientRect(), { viaKeyboard: false, hovered: true });
    this.chips.close();
    this.render();
  }

  // Rendering

  private render(): void {
    if (this.lifetime.signal.aborted) return;
    this.ui.render({
      card: this.card.model({
        apply: (composer, finding, rewrite) => void this.applyFinding(composer, finding, rewrite),
        ignore: (finding) => void this.ignore(finding).catch(() => undefined),
        mute: (finding) => void this.mute(finding).catch(() => undefined),
      }),
      chips: this.chips.models(this.composers.values()),
    });
  }

  // Popup

  activeComposer(): Composer | null {
    return this.active && !this.active.disposed ? this.active : null;
  }

  openAtCaret(composer: Composer): Finding | null {
    return this.card.openAtCaret(composer, true) ? (this.card.current?.finding ?? null) : null;
  }

  handle(message: PopupToContent): Promise<ContentReply> {
    return answerPopup(this, message);
  }

  dispose(): void {
    for (const composer of [...this.composers.values()]) this.detach(composer);
    this.watcher.disconnect();
    this.lifetime.abort();
    cancelAnimationFrame(this.frame);
    this.card.dispose();
    this.painter.dispose();
    this.ui.dispose();
    removeHighlightStyles();
  }
}

export function startController(site: Site, settings: Settings, onLost: () => void): Controller {
  return new Controller(site, settings, onLost);
}
