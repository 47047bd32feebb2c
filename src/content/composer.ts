// One editor Rapport is attached to: reads its text, relints incrementally after input (debounced, never
// mid-composition), paints findings, finds the finding under the pointer or caret, and cleans up on abort.

import type { Linter } from '../engine/linter';
import type { Finding, Report } from '../engine/types';
import type { EditorKind } from '../sites';
import { applyRewrite, type ApplyResult } from './apply';
import { caretIn } from './caret';
import { FieldMirror } from './mirror';
import { PROBES } from './probes';
import type { Painter } from './painter';
import { shiftFindings } from './shift';
import { yieldToPage } from './slicing';
import { readEditor, rangeFor, textOffsetOf, type TextMap } from './text-map';

export const RELINT_DELAY_MS = 150;
/** How often a form field's value is compared with the text Rapport last saw (script writes fire no event). */
const FIELD_WATCH_MS = 300;

export interface ComposerEvents {
  changed(composer: Composer): void;
  focused(composer: Composer): void;
  pointer(composer: Composer, event: MouseEvent): void;
  pointerLeft(composer: Composer, event: MouseEvent): void;
  key(composer: Composer, event: KeyboardEvent): void;
  layout(): void;
  failed(composer: Composer, error: unknown): void;
}

let nextId = 1;

export class Composer {
  readonly id = nextId++;
  readonly lifetime = new AbortController();
  report: Report | null = null;
  /** How many relints have completed; tests and the popup wait on it changing. */
  relints = 0;
  private map: TextMap = { text: '', segments: [] };
  private painted: { finding: Finding; range: Range }[] = [];
  private mirror: FieldMirror | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The relint in progress (it may span several tasks on a long draft); aborted when the text changes again. */
  private job: AbortController | null = null;
  private composing = false;
  private textWatch: MutationObserver | null = null;

  constructor(
    readonly element: HTMLElement,
    readonly kind: EditorKind,
    private linter: Linter,
    private readonly painter: Painter,
    paintLayer: HTMLElement,
    private readonly events: ComposerEvents,
  ) {
    if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) {
      this.mirror = new FieldMirror(element, paintLayer);
    }
    const signal = this.lifetime.signal;
    const on = <K extends keyof HTMLElementEventMap>(type: K, handler: (e: HTMLElementEventMap[K]) => void) =>
      element.addEventListener(type, (e) => this.guard(() => handler(e)), { signal, passive: type !== 'keydown' });
    on('input', () => this.onInput());
    on('compositionstart', () => {
      this.composing = true;
      clearTimeout(this.timer);
    });
    on('compositionend', () => {
      this.composing = false;
      this.schedule();
    });
    on('focus', () => this.events.focused(this));
    on('mousemove', (e) => e.isTrusted && this.events.pointer(this, e));
    on('mouseleave', (e) => e.isTrusted && this.events.pointerLeft(this, e));
    on('keydown', (e) => e.isTrusted && this.events.key(this, e));
    on('scroll', () => this.events.layout());
    const resize = new ResizeObserver(() => this.events.layout());
    resize.observe(element);
    if (this.mirror) {
      // A site script that sets a field's .value (a restored draft, a template) fires no event and no mutation:
      // compare the value with the text last seen, a string comparison a few times a second.
      const field = element as HTMLTextAreaElement | HTMLInputElement;
      const watch = setInterval(() => this.guard(() => field.value !== this.map.text && this.onInput()), FIELD_WATCH_MS);
      signal.addEventListener('abort', () => clearInterval(watch));
    } else {
      // Editors that run their own undo (Quill, ProseMirror, Lexical, Draft.js) and site scripts (templates,
      // mentions, a restored draft) change the text with no input event: watch the text itself. Rapport never
      // writes inside the editor, so every record here is the editor's or the site's.
      this.textWatch = new MutationObserver(() => this.guard(() => this.schedule()));
      this.textWatch.observe(element, { characterData: true, childList: true, subtree: true });
    }
    signal.addEventListener('abort', () => {
      clearTimeout(this.timer);
      this.job?.abort();
      this.textWatch?.disconnect();
      resize.disconnect();
      this.painter.clear(this);
      this.mirror?.dispose();
      this.painted = [];
    });
    // Attaching often happens inside the page's own task (a draft it just inserted): lint in a task of our own.
    this.relint({ deferred: true });
  }

  get disposed(): boolean {
    return this.lifetime.signal.aborted;
  }

  get findings(): readonly Finding[] {
    return this.painted.map((p) => p.finding);
  }

  get text(): string {
    return this.map.text;
  }

  /** read(), for a relint: the changes it reads need no relint of their own (typing is seen as input and as mutations). */
  private readWatched(): TextMap {
    const map = this.read();
    this.textWatch?.takeRecords();
    return map;
  }

  read(): TextMap {
    const el = this.element;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return { text: el.value, segments: [] };
    return readEditor(el, this.kind.notLinted);
  }

  /** The composer's current linter, which the next one takes its analysed sentences from. */
  get currentLinter(): Linter {
    return this.linter;
  }

  setLinter(linter: Linter): void {
    this.linter = linter;
    this.relint();
  }

  /** Runs fn, and on any failure stands this composer down instead of breaking the page or the draft. */
  guard<T>(fn: () => T): T | undefined {
    if (this.disposed) return undefined;
    try {
      return fn();
    } catch (error) {
      this.events.failed(this, error);
      return undefined;
    }
  }

  private onInput(): void {
    if (PROBES) performance.mark('rapport:input:start');
    if (this.mirror) {
      // Field text has no live Ranges: move the painted findings with the edit until the relint lands.
      const before = this.map.text;
      const after = (this.element as HTMLTextAreaElement).value;
      this.mirror.setText(after);
      this.map = { text: after, segments: [] };
      this.paint(shiftFindings(this.findings, before, after));
    }
    this.schedule();
    if (PROBES) performance.measure('rapport:input', 'rapport:input:start');
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.job?.abort();
    if (this.composing) return;
    this.timer = setTimeout(() => this.guard(() => this.relint()), RELINT_DELAY_MS);
  }

  /** Starts a relint now: short drafts finish before this task ends, long ones yield to the page between batches. */
  relint(how: { deferred?: boolean } = {}): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.job?.abort();
    const job = new AbortController();
    this.job = job;
    const started = how.deferred ? yieldToPage() : Promise.resolve();
    started.then(() => (job.signal.aborted || this.disposed ? undefined : this.run(job.signal))).catch((error: unknown) => {
      if (!job.signal.aborted) this.events.failed(this, error);
    });
  }

  private async run(signal: AbortSignal): Promise<void> {
    const started = performance.now();
    let busy = 0;
    let batch = started;
    let yielded = false;
    const pause = async () => {
      busy += performance.now() - batch;
      yielded = true;
      await yieldToPage();
      batch = performance.now();
    };
    let map = this.readWatched();
    let report = await this.linter.lintSliced(map.text, { pause, signal });
    // After yielding, the text may have moved on without an input event (a site script): lint what is there now.
    while (report && yielded && !signal.aborted && !this.disposed) {
      const now = this.readWatched();
      if (now.text === map.text) {
        map = now;
        break;
      }
      map = now;
      yielded = false;
      report = await this.linter.lintSliced(map.text, { pause, signal });
    }
    if (!report || signal.aborted || this.disposed) return;
    this.job = null;
    this.map = map;
    this.mirror?.sync();
    this.report = report;
    this.paint(report.findings);
    this.relints++;
    busy += performance.now() - batch;
    // Test and benchmark builds only: marks are page-visible and would grow by one per keystroke.
    if (PROBES) performance.measure('rapport:relint', { start: started, duration: busy });
    this.events.changed(this);
  }

  private paint(findings: readonly Finding[]): void {
    const painted: { finding: Finding; range: Range }[] = [];
    for (const finding of findings) {
      const range = this.mirror ? this.mirror.rangeFor(finding.start, finding.end) : rangeFor(this.map, finding.start, finding.end);
      if (range) painted.push({ finding, range });
    }
    this.painted = painted;
    this.painter.paint(this, painted.map(({ finding, range }) => ({ category: finding.category, range })));
  }

  rangeOf(finding: Finding): Range | null {
    return this.painted.find((p) => p.finding.key === finding.key && p.finding.start === finding.start)?.range ?? null;
  }

  findingAt(x: number, y: number): { finding: Finding; rect: DOMRect } | null {
    for (const { finding, range } of this.painted) {
      for (const rect of range.getClientRects()) {
        if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 2 && y <= rect.bottom + 2) return { finding, rect };
      }
    }
    return null;
  }

  /** Where the text ends on screen (its last visible character, quotes and signature included), so the chip keeps off it. */
  textEndRect(): DOMRect | null {
    if (this.mirror) {
      const length = this.mirror.text.length;
      return length > 0 ? (this.mirror.rangeFor(length - 1, length)?.getBoundingClientRect() ?? null) : null;
    }
    const walker = document.createTreeWalker(this.element, NodeFilter.SHOW_TEXT);
    let node = walker.lastChild() as Text | null;
    while (node && node.data.trim() === '') node = walker.previousNode() as Text | null;
    if (!node) return null;
    const end = node.data.trimEnd().length;
    const range = new Range();
    range.setStart(node, end - 1);
    range.setEnd(node, end);
    return range.getBoundingClientRect();
  }

  /** The finding the caret is in or touching, for the keyboard shortcut. */
  findingAtCaret(): { finding: Finding; rect: DOMRect } | null {
    const offset = this.caretOffset();
    if (offset < 0) return null;
    const hit = this.painted.find(({ finding }) => offset >= finding.start && offset <= finding.end);
    return hit ? { finding: hit.finding, rect: hit.range.getBoundingClientRect() } : null;
  }

  /** The caret as an offset into the draft's text, or -1 when it is not in the text Rapport reads. */
  caretOffset(): number {
    const el = this.element;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.selectionStart ?? -1;
    const caret = caretIn(el);
    if (!caret) return -1;
    const offset = textOffsetOf(this.map, caret.node, caret.offset);
    if (offset >= 0) return offset;
    // The editor may have re-rendered its text nodes since the last relint: the same words are still the same offsets.
    const now = this.read();
    return now.text === this.map.text ? textOffsetOf(now, caret.node, caret.offset) : -1;
  }

  async apply(finding: Finding, rewrite: string): Promise<ApplyResult> {
    // A rewrite may replace the clause or sentence around the flagged words: it covers [replaceStart, replaceEnd).
    const target = { element: this.element, read: () => this.read() };
    const result = await applyRewrite(target, finding.replaceStart, finding.replaceEnd, finding.replaced, rewrite);
    this.guard(() => this.relint());
    return result;
  }

  /** guard() for work that finishes later: a rejection stands this composer down too. */
  async guardAsync<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (this.disposed) return undefined;
    try {
      return await fn();
    } catch (error) {
      if (!this.disposed) this.events.failed(this, error);
      return undefined;
    }
  }

  /** Selects the finding's words in the editor and scrolls them into view (Jump). */
  select(finding: Finding): boolean {
    const el = this.element;
    el.focus({ preventScroll: true });
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
      el.setSelectionRange(finding.start, finding.end);
      this.rangeOf(finding)?.startContainer.parentElement?.scrollIntoView?.({ block: 'nearest' });
      return true;
    }
    const range = this.rangeOf(finding);
    const selection = document.getSelection();
    if (!range || !selection) return false;
    selection.removeAllRanges();
    selection.addRange(range.cloneRange());
    (range.startContainer.parentElement ?? el).scrollIntoView({ block: 'nearest' });
    return true;
  }

  syncLayout(): void {
    this.mirror?.sync();
  }

  dispose(): void {
    this.lifetime.abort();
  }
}
