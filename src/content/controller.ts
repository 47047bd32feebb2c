// Loaded on first focus of an editor: owns the engine, settings, every attached composer, the card and chips,
// and answers the popup; composers are found by focus (composedPath) and by observing the document and the
// shadow roots that hold editors, and are disposed with everything they registered when they leave the DOM.

import browser from 'webextension-polyfill';
import { Linter } from '../engine/linter';
import { builtInRules, builtInScorer } from '../engine/builtin';
import type { Category, Finding } from '../engine/types';
import { CATEGORIES_BY_RANK } from '../shared/categories';
import type { ComposerState, ContentReply, ContentToBackground, PopupToContent } from '../shared/protocol';
import { DEFAULT_SETTINGS, lintOptionsOf, loadSettings, updateSettings, watchSettings, withIgnored, type Settings } from '../shared/settings';
import { composerSelector, editableRootOf, identifyEditor, type Site } from '../sites';
import { Composer, type ComposerEvents } from './composer';
import { Painter } from './painter';
import { adoptHighlightStyles } from './styles';
import { UiLayer, type CardModel, type LayerModel } from './ui';

/** Alt+Shift+K opens the card at the caret (by key position, so it works on any keyboard layout). */
const CARD_SHORTCUT = { code: 'KeyK', altKey: true, shiftKey: true };

interface OpenCard {
  composer: Composer;
  finding: Finding;
  anchor: DOMRect;
  viaKeyboard: boolean;
  notice: string | null;
  hovered: boolean;
}

export class Controller implements ComposerEvents {
  private readonly lifetime = new AbortController();
  private readonly composers = new Map<HTMLElement, Composer>();
  private readonly observedRoots = new WeakSet<Node>();
  private readonly observer: MutationObserver;
  private readonly ui = new UiLayer();
  private readonly painter = new Painter(this.ui.paintLayer);
  private settings: Settings = DEFAULT_SETTINGS;
  private linterOptionsKey = '';
  private active: Composer | null = null;
  private card: OpenCard | null = null;
  private chipOpen: number | null = null;
  private chipNotice: string | null = null;
  private frame = 0;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly failures = new WeakSet<HTMLElement>();
  readonly ready: Promise<void>;

  constructor(private readonly site: Site) {
    adoptHighlightStyles(document);
    const signal = this.lifetime.signal;
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observe(document.documentElement);
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
    document.querySelectorAll<HTMLElement>(composerSelector(this.site)).forEach((el) => this.attach(el));
    const active = document.activeElement;
    if (active instanceof HTMLElement) {
      const root = editableRootOf([active]);
      if (root) this.focus(root);
    }
  }

  private get siteEnabled(): boolean {
    return !this.settings.disabledSites.includes(location.hostname);
  }

  private applySettings(settings: Settings): void {
    const wasEnabled = this.siteEnabled;
    this.settings = settings;
    if (!this.siteEnabled) {
      for (const composer of [...this.composers.values()]) this.detach(composer);
      return;
    }
    if (!wasEnabled) this.attachAll();
    const key = JSON.stringify(lintOptionsOf(settings));
    if (key === this.linterOptionsKey) return;
    this.linterOptionsKey = key;
    for (const composer of this.composers.values()) composer.setLinter(this.newLinter(composer.element));
    if (this.card && !this.card.composer.findings.some((f) => f.key === this.card!.finding.key)) this.card = null;
    this.render();
  }

  private newLinter(element: HTMLElement): Linter {
    // Recipients are read when the composer attaches: stricter on cold outreach, gentler between colleagues.
    let context;
    try {
      context = this.site.context?.(element);
    } catch {
      context = undefined;
    }
    return new Linter(builtInRules(), { ...lintOptionsOf(this.settings), context }, builtInScorer());
  }

  /** Called by the entry script for every focus inside an editable element. */
  focus(element: HTMLElement): void {
    const composer = this.attach(element);
    if (composer) this.focused(composer);
  }

  attach(element: HTMLElement): Composer | null {
    if (!this.siteEnabled || this.failures.has(element)) return null;
    const existing = this.composers.get(element);
    if (existing) return existing;
    const kind = identifyEditor(this.site, element);
    if (!kind) return null;
    const root = element.getRootNode();
    if (root instanceof ShadowRoot) {
      // Highlights inside a shadow tree are styled only by sheets in that tree.
      adoptHighlightStyles(root);
      this.observe(root);
    }
    const composer = new Composer(element, kind, this.newLinter(element), this.painter, this.ui.paintLayer, this);
    if (composer.disposed) return null;
    this.composers.set(element, composer);
    this.render();
    return composer;
  }

  private detach(composer: Composer): void {
    composer.dispose();
    this.composers.delete(composer.element);
    if (this.card?.composer === composer) this.card = null;
    if (this.active === composer) {
      this.active = null;
      this.sendBadge(0, null);
    }
    this.render();
  }

  private observe(root: Node): void {
    if (this.observedRoots.has(root)) return;
    this.observedRoots.add(root);
    this.observer.observe(root, { childList: true, subtree: true });
  }

  private onMutations(records: MutationRecord[]): void {
    let removed = false;
    const selector = composerSelector(this.site);
    for (const record of records) {
      if (record.removedNodes.length > 0) removed = true;
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || this.ui.owns(node)) continue;
        if (node.matches(selector)) this.attach(node as HTMLElement);
        else if (node.firstElementChild) node.querySelectorAll<HTMLElement>(selector).forEach((el) => this.attach(el));
      }
    }
    if (removed) for (const composer of [...this.composers.values()]) if (!composer.element.isConnected) this.detach(composer);
  }

  // ComposerEvents

  changed(composer: Composer): void {
    if (composer === this.active) this.reportBadge(composer);
    if (this.card?.composer === composer) {
      const still = composer.findings.find((f) => f.key === this.card!.finding.key);
      if (still) this.card = { ...this.card, finding: still, anchor: composer.rangeOf(still)?.getBoundingClientRect() ?? this.card.anchor };
      else this.card = null;
    }
    this.render();
  }

  focused(composer: Composer): void {
    if (this.active === composer) return;
    this.active = composer;
    this.reportBadge(composer);
  }

  pointer(composer: Composer, event: MouseEvent): void {
    const hit = composer.findingAt(event.clientX, event.clientY);
    if (hit) {
      clearTimeout(this.hideTimer);
      if (this.card?.finding.key !== hit.finding.key || this.card.composer !== composer) {
        this.card = { composer, finding: hit.finding, anchor: hit.rect, viaKeyboard: false, notice: null, hovered: false };
        this.render();
      }
    } else if (this.card && !this.card.viaKeyboard) this.scheduleHide();
  }

  pointerLeft(): void {
    if (this.card && !this.card.viaKeyboard) this.scheduleHide();
  }

  private scheduleHide(): void {
    clearTimeout(this.hideTimer);
    // A short grace period lets the pointer travel from the highlight to the card.
    this.hideTimer = setTimeout(() => {
      if (this.card && !this.card.hovered && !this.card.viaKeyboard) {
        this.card = null;
        this.render();
      }
    }, 300);
  }

  key(composer: Composer, event: KeyboardEvent): void {
    if (event.code === CARD_SHORTCUT.code && event.altKey === CARD_SHORTCUT.altKey && event.shiftKey === CARD_SHORTCUT.shiftKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.openAtCaret(composer);
      return;
    }
    const card = this.card;
    if (!card?.viaKeyboard || card.composer !== composer) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.card = null;
      this.render();
    } else if (/^[1-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const rewrite = card.finding.rewrites[Number(event.key) - 1];
      if (rewrite !== undefined) {
        event.preventDefault();
        this.applyFinding(composer, card.finding, rewrite);
      }
    } else if (!['Shift', 'Alt', 'Control', 'Meta'].includes(event.key)) {
      this.card = null;
      this.render();
    }
  }

  private openAtCaret(composer: Composer): boolean {
    const hit = composer.findingAtCaret() ?? this.nextAfterCaret(composer);
    if (!hit) return false;
    this.card = { composer, finding: hit.finding, anchor: hit.rect, viaKeyboard: true, notice: null, hovered: false };
    this.render();
    return true;
  }

  private nextAfterCaret(composer: Composer): { finding: Finding; rect: DOMRect } | null {
    const caret = composer.caretOffset();
    const findings = composer.findings;
    const next = findings.find((f) => f.start > caret) ?? findings[0];
    if (!next) return null;
    return { finding: next, rect: composer.rangeOf(next)?.getBoundingClientRect() ?? composer.element.getBoundingClientRect() };
  }

  layout(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const composer of this.composers.values()) composer.guard(() => composer.syncLayout());
      this.painter.redrawOverlay();
      if (this.card) {
        const range = this.card.composer.rangeOf(this.card.finding);
        if (range) this.card = { ...this.card, anchor: range.getBoundingClientRect() };
      }
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

  private applyFinding(composer: Composer, finding: Finding, rewrite: string): { ok: boolean; error?: string } {
    const result = composer.guard(() => composer.apply(finding, rewrite)) ?? { ok: false as const, reason: 'Rapport stopped checking this text box.' };
    if (result.ok) {
      this.card = null;
      this.render();
      return { ok: true };
    }
    if (this.card) this.card = { ...this.card, notice: result.reason };
    this.render();
    return { ok: false, error: result.reason };
  }

  private async ignore(finding: Finding): Promise<void> {
    await this.saveFromCard((s) => withIgnored(s, finding.key, finding.text));
  }

  private async mute(finding: Finding): Promise<void> {
    await this.saveFromCard((s) => ({ ...s, disabledRules: [...new Set([...s.disabledRules, finding.ruleId])] }));
  }

  /** Closes the card and saves; if storage refuses (a quota), the card comes back saying why, and the error is rethrown. */
  private async saveFromCard(change: (s: Settings) => Settings): Promise<void> {
    const card = this.card;
    this.card = null;
    try {
      await updateSettings(change);
    } catch (error) {
      if (card && !this.card) {
        this.card = { ...card, notice: error instanceof Error ? error.message : String(error) };
        this.render();
      }
      throw error;
    }
  }

  // Rendering

  private render(): void {
    const card = this.card;
    const cardModel: CardModel | null = card && {
      finding: card.finding,
      anchor: card.anchor,
      viaKeyboard: card.viaKeyboard,
      notice: card.notice,
      onApply: (rewrite) => this.applyFinding(card.composer, card.finding, rewrite),
      onIgnore: () => void this.ignore(card.finding).catch(() => undefined),
      onMute: () => void this.mute(card.finding).catch(() => undefined),
      onClose: () => {
        this.card = null;
        this.render();
      },
      onHover: (inside) => {
        if (this.card) this.card.hovered = inside;
        if (!inside && this.card && !this.card.viaKeyboard) this.scheduleHide();
        else clearTimeout(this.hideTimer);
      },
    };
    const model: LayerModel = {
      card: cardModel,
      chips: [...this.composers.values()]
        .filter((c) => c.report && c.element.isConnected && c.text.trim().length > 0)
        .map((composer) => ({
          id: composer.id,
          anchor: composer.element.getBoundingClientRect(),
          count: composer.findings.length,
          score: composer.report!.score.value,
          worst: worstCategory(composer.findings),
          open: this.chipOpen === composer.id,
          findings: [...composer.findings],
          notice: this.chipOpen === composer.id ? this.chipNotice : null,
          onToggle: () => {
            this.chipOpen = this.chipOpen === composer.id ? null : composer.id;
            this.chipNotice = null;
            this.render();
          },
          onPick: (finding: Finding) => {
            const range = composer.rangeOf(finding);
            range?.startContainer.parentElement?.scrollIntoView({ block: 'nearest' });
            this.card = { composer, finding, anchor: range?.getBoundingClientRect() ?? composer.element.getBoundingClientRect(), viaKeyboard: false, notice: null, hovered: true };
            this.chipOpen = null;
            this.render();
          },
        })),
    };
    this.ui.render(model);
  }

  // Messages

  state(): ComposerState | null {
    const composer = this.active && !this.active.disposed ? this.active : null;
    if (!composer?.report) return null;
    return {
      site: this.site.id,
      composer: composer.kind.name,
      findings: [...composer.findings],
      metrics: composer.report.metrics,
      score: composer.report.score,
    };
  }

  async handle(message: PopupToContent): Promise<ContentReply> {
    const composer = this.active && !this.active.disposed ? this.active : null;
    if (message.type === 'rapport:get-state') return { ok: true, state: this.state(), host: location.hostname };
    if (!composer) return { ok: false, error: 'No composer is open on this page.' };
    if (message.type === 'rapport:next-finding') {
      composer.element.focus({ preventScroll: true });
      const opened = this.openAtCaret(composer);
      const finding = this.card?.finding;
      if (opened && finding) composer.select(finding);
      return { ok: true, state: this.state() };
    }
    const finding = composer.findings.find((f) => f.key === message.key);
    if (!finding) return { ok: false, error: 'That phrase is no longer in the draft.' };
    if (message.type === 'rapport:jump') {
      return composer.select(finding) ? { ok: true, state: this.state() } : { ok: false, error: 'Could not select the phrase.' };
    }
    if (message.type === 'rapport:ignore') {
      await this.ignore(finding);
      return { ok: true, state: this.state() };
    }
    if (!finding.rewrites.includes(message.rewrite)) return { ok: false, error: 'That rewrite is not one Rapport suggested for this phrase.' };
    const result = this.applyFinding(composer, finding, message.rewrite);
    return result.ok ? { ok: true, state: this.state() } : { ok: false, error: result.error ?? 'Not applied.' };
  }

  private reportBadge(composer: Composer): void {
    this.sendBadge(composer.findings.length, worstCategory(composer.findings));
  }

  private sendBadge(count: number, worst: Category | null): void {
    const message: ContentToBackground = { type: 'rapport:badge', count, worst };
    browser.runtime.sendMessage(message).catch(() => {
      // No listener (the worker is starting or the extension was reloaded): the badge is cosmetic.
    });
  }

  dispose(): void {
    for (const composer of [...this.composers.values()]) this.detach(composer);
    this.observer.disconnect();
    this.lifetime.abort();
    this.painter.dispose();
    this.ui.dispose();
  }
}

function worstCategory(findings: readonly Finding[]): Category | null {
  let worst: Category | null = null;
  for (const f of findings) if (worst === null || CATEGORIES_BY_RANK.indexOf(f.category) < CATEGORIES_BY_RANK.indexOf(worst)) worst = f.category;
  return worst;
}

export function startController(site: Site): Controller {
  return new Controller(site);
}

