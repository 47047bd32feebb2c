// Loaded on first focus of an editor: owns every attached composer and wires the pieces around them (settings
// to linters, the watcher that finds composers, the card, the chips, keys, the badge and the popup port).
// Composers are found by focus (composedPath) and by the watcher, and are disposed with everything they
// registered when they leave the DOM.

import type { Finding } from '../engine/types';
import type { ContentReply, PopupToContent } from '../shared/protocol';
import { loadSettings, updateSettings, watchSettings, withIgnored, type Settings } from '../shared/settings';
import { composerSelector, editableRootOf, identifyEditor, type Site } from '../sites';
import { clearBadge, reportBadge } from './badge';
import { CardState } from './card';
import { Chips } from './chips';
import { Composer, type ComposerEvents } from './composer';
import { isCardShortcut, keyboardCardAction } from './keys';
import { LinterSource } from './linters';
import { Painter } from './painter';
import { answerPopup, type PopupTarget } from './popup-port';
import { adoptHighlightStyles } from './styles';
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
  readonly ready: Promise<void>;

  constructor(readonly site: Site) {
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
    watchSettings((s) => this.applySettings(s), signal);
    this.ready = loadSettings().then((s) => {
      this.applySettings(s);
      this.attachAll();
    });
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
    for (const composer of this.composers.values()) composer.setLinter(this.linters.create(composer.element));
    this.card.dropIfGone();
    this.render();
  }

  /** Called by the entry script for every focus inside an editable element. */
  focus(element: HTMLElement): void {
    const composer = this.attach(element);
    if (composer) this.focused(composer);
  }

  attach(element: HTMLElement): Composer | null {
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
    const composer = new Composer(element, kind, this.linters.create(element), this.painter, this.ui.paintLayer, this);
    if (composer.disposed) return null;
    this.composers.set(element, composer);
    this.render();
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
    if (composer === this.active) reportBadge(composer.findings);
    this.card.follow(composer);
    this.render();
  }

  focused(composer: Composer): void {
    if (this.active === composer) return;
    this.active = composer;
    reportBadge(composer.findings);
  }

  pointer(composer: Composer, event: MouseEvent): void {
    this.card.pointer(composer, event);
  }

  pointerLeft(): void {
    this.card.pointerLeft();
  }

  key(composer: Composer, event: KeyboardEvent): void {
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
        this.applyFinding(composer, card.finding, rewrite);
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
    // Logged once per composer; Rapport stands down there and the page and draft carry on untouched.
    console.warn('[Rapport] stopped checking this text box after an internal error:', error);
    this.failures.add(composer.element);
    this.detach(composer);
  }

  // Actions

  apply(composer: Composer, finding: Finding, rewrite: string): { ok: boolean; error?: string } {
    return this.applyFinding(composer, finding, rewrite);
  }

  private applyFinding(composer: Composer, finding: Finding, rewrite: string): { ok: boolean; error?: string } {
    const result = composer.guard(() => composer.apply(finding, rewrite)) ?? { ok: false as const, reason: 'Rapport stopped checking this text box.' };
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

  /** Closes the card and saves; if storage refuses (a quota), the card comes back saying why, and the error is rethrown. */
  private async saveFromCard(change: (s: Settings) => Settings): Promise<void> {
    const card = this.card.current;
    this.card.close();
    try {
      await updateSettings(change);
    } catch (error) {
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
    this.ui.render({
      card: this.card.model({
        apply: (composer, finding, rewrite) => this.applyFinding(composer, finding, rewrite),
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
    return this.card.openAtCaret(composer) ? (this.card.current?.finding ?? null) : null;
  }

  handle(message: PopupToContent): Promise<ContentReply> {
    return answerPopup(this, message);
  }

  dispose(): void {
    for (const composer of [...this.composers.values()]) this.detach(composer);
    this.watcher.disconnect();
    this.lifetime.abort();
    this.card.dispose();
    this.painter.dispose();
    this.ui.dispose();
  }
}

export function startController(site: Site): Controller {
  return new Controller(site);
}
