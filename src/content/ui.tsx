// Rapport's own layers on the page: shadow-root hosts holding the card, the per-composer chips, field mirrors
// and overlay boxes. User text is only ever rendered as text (Preact text nodes), never as HTML.

import { render } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Finding } from '../engine/types';
import { PROBES } from './probes';
import { cardPosition } from './placement';
import { CATEGORY_COLOURS, CATEGORY_LABELS, HIGHLIGHT_CSS } from './styles';

export interface CardModel {
  finding: Finding;
  anchor: DOMRect;
  /** Opened from the keyboard: number keys apply rewrites while focus stays in the editor. */
  viaKeyboard: boolean;
  notice: string | null;
  onApply(rewrite: string): void;
  onIgnore(): void;
  onMute(): void;
  onClose(): void;
  onHover(inside: boolean): void;
}

export interface ChipModel {
  id: number;
  anchor: DOMRect;
  /** Where the chip goes: off the user's words (see placement.ts). */
  position: { left: number; top: number };
  count: number;
  score: number;
  worst: Finding['category'] | null;
  open: boolean;
  findings: Finding[];
  notice: string | null;
  onToggle(): void;
  onPick(finding: Finding): void;
}

export interface LayerModel {
  card: CardModel | null;
  chips: ChipModel[];
}

// !important: a page rule aimed at the host (say "html > div") must not hide or move Rapport's layers.
const HOST_CSS = `
:host { all: initial !important; }
.layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483646; }
`;

const PAINT_CSS = `${HOST_CSS}
.field-mirror { position: fixed; overflow: hidden; color: transparent; border-style: solid; border-color: transparent;
  background: transparent; margin: 0; pointer-events: none; }
.overlay-box { position: fixed; height: 0; border-bottom: 2px solid; pointer-events: none; }
${HIGHLIGHT_CSS}
`;

const UI_CSS = `${HOST_CSS}
.card, .chip, .list { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2937;
  background: #fff; box-shadow: 0 4px 18px rgba(0,0,0,.18); border-radius: 8px; pointer-events: auto; }
.card { position: fixed; inset: auto; margin: 0; box-sizing: border-box; width: 320px; max-width: calc(100vw - 16px);
  max-height: calc(100vh - 16px); overflow: auto; padding: 12px 14px;
  border: 1px solid #e5e7eb; }
.card header { display: flex; align-items: center; gap: 6px; font-weight: 600; font-size: 12px; text-transform: uppercase;
  letter-spacing: .04em; }
.dot { width: 8px; height: 8px; border-radius: 50%; display: inline-block; }
.message { margin: 6px 0 4px; font-weight: 600; }
.why, .advice { margin: 4px 0; color: #4b5563; }
.example { margin: 4px 0 8px; padding: 6px 8px; border-left: 3px solid #6366f1; background: #f5f7ff; border-radius: 4px; }
.example-label { font-weight: 600; }
.rewrites { list-style: none; margin: 8px 0; padding: 0; display: grid; gap: 4px; }
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid #d1d5db; background: #f9fafb; color: #111827;
  padding: 4px 8px; text-align: left; }
button:hover { background: #eef2ff; border-color: #6366f1; }
button:focus-visible { outline: 2px solid #4f46e5; outline-offset: 1px; }
.rewrite { width: 100%; }
kbd { font: 11px ui-monospace, monospace; border: 1px solid #d1d5db; border-radius: 3px; padding: 0 3px; margin-right: 6px; color: #6b7280; }
.actions { display: flex; gap: 6px; justify-content: flex-end; }
.actions button { background: transparent; border-color: transparent; color: #4b5563; }
.notice { margin: 6px 0 0; color: #b91c1c; }
.chip { position: fixed; display: flex; align-items: center; gap: 6px; padding: 2px 8px; border: 1px solid #e5e7eb;
  border-radius: 999px; font-size: 12px; }
.list { position: fixed; box-sizing: border-box; width: 300px; max-height: 320px; overflow: auto; padding: 8px; border: 1px solid #e5e7eb; }
.list ol { margin: 0; padding: 0; list-style: none; display: grid; gap: 4px; }
.list button { width: 100%; }
@media (prefers-color-scheme: dark) {
  .card, .chip, .list { background: #1f2937; color: #f3f4f6; border-color: #374151; }
  .why, .advice, .actions button { color: #d1d5db; }
  .example { background: #111827; }
  button { background: #111827; color: #f9fafb; border-color: #4b5563; }
  .notice { color: #fca5a5; }
}
`;

const keepFocus = (event: MouseEvent) => event.preventDefault();

function Card({ model }: { model: CardModel }) {
  const { finding } = model;
  const ref = useRef<HTMLDivElement>(null);
  // First placed for a typical card height, then moved once its real size is known (same frame, before paint).
  const estimate = cardPosition(model.anchor, { width: 320, height: 220 }, { width: window.innerWidth, height: window.innerHeight });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const rect = el.getBoundingClientRect();
    const placed = cardPosition(model.anchor, rect, { width: window.innerWidth, height: window.innerHeight });
    el.style.left = `${placed.left}px`;
    el.style.top = `${placed.top}px`;
  });
  return (
    <div
      class="card"
      role="dialog"
      aria-label={`Rapport: ${CATEGORY_LABELS[finding.category]}`}
      data-rule={finding.ruleId}
      style={{ left: `${estimate.left}px`, top: `${estimate.top}px` }}
      onMouseDown={keepFocus}
      onMouseEnter={() => model.onHover(true)}
      onMouseLeave={() => model.onHover(false)}
      ref={(el) => {
        ref.current = el;
        // The top layer keeps the card above the site's own dialogs and stacking contexts.
        if (el && !el.matches(':popover-open')) el.showPopover?.();
      }}
      popover="manual"
    >
      <header>
        <span class="dot" style={{ background: CATEGORY_COLOURS[finding.category] }} />
        {CATEGORY_LABELS[finding.category]}
      </header>
      <p class="message">{finding.message}</p>
      <p class="why">{finding.why}</p>
      {finding.rewrites.length > 0 && (
        <ul class="rewrites" aria-label="Rewrites">
          {finding.rewrites.map((rewrite, i) => (
            <li key={rewrite}>
              <button class="rewrite" data-action="apply" onMouseDown={keepFocus} onClick={(e) => e.isTrusted && model.onApply(rewrite)}>
                {model.viaKeyboard && i < 9 && <kbd>{i + 1}</kbd>}
                {rewrite}
              </button>
            </li>
          ))}
        </ul>
      )}
      {finding.advice && <p class="advice">{finding.advice}</p>}
      {/* No rewrite fits this sentence: the better move is shown to copy from, never applied as a swap. */}
      {finding.rewrites.length === 0 && finding.example && (
        <p class="example" data-role="example">
          <span class="example-label">For example: </span>“{finding.example}”
        </p>
      )}
      <div class="actions">
        <button data-action="ignore" onMouseDown={keepFocus} onClick={(e) => e.isTrusted && model.onIgnore()}>Ignore</button>
        <button data-action="mute" onMouseDown={keepFocus} onClick={(e) => e.isTrusted && model.onMute()}>Mute rule</button>
        <button data-action="close" aria-label="Close" onMouseDown={keepFocus} onClick={(e) => e.isTrusted && model.onClose()}>×</button>
      </div>
      {model.notice && <p class="notice" role="alert">{model.notice}</p>}
    </div>
  );
}

function Chip({ model }: { model: ChipModel }) {
  const colour = model.worst ? CATEGORY_COLOURS[model.worst] : '#16a34a';
  const { left, top } = model.position;
  // The list opens below the chip, or above it when the chip is near the bottom of the viewport.
  const listTop = top + 26 + 320 > window.innerHeight ? Math.max(8, top - 4 - 320) : top + 26;
  const label = model.count === 0 ? 'Rapport: nothing flagged' : `Rapport: ${model.count} flagged`;
  return (
    <>
      <button
        class="chip"
        data-chip={model.id}
        aria-label={`${label}, score ${model.score} out of 100`}
        aria-expanded={model.open}
        style={{ left: `${left}px`, top: `${top}px` }}
        onMouseDown={keepFocus}
        onClick={(e) => e.isTrusted && model.onToggle()}
      >
        <span class="dot" style={{ background: colour }} />
        <span data-count>{model.count}</span>
        <span aria-hidden="true">·</span>
        <span data-score>{model.score}</span>
      </button>
      {model.open && (
        <div class="list" role="region" aria-label="Flagged phrases" style={{ left: `${Math.max(8, Math.min(left - 210, window.innerWidth - 308))}px`, top: `${listTop}px` }} onMouseDown={keepFocus}>
          {model.findings.length === 0 ? (
            <p>Nothing pushy here. Nice, reader-first writing.</p>
          ) : (
            <ol>
              {model.findings.map((f) => (
                <li key={f.key}>
                  <button onMouseDown={keepFocus} onClick={(e) => e.isTrusted && model.onPick(f)}>
                    <span class="dot" style={{ background: CATEGORY_COLOURS[f.category] }} /> “{f.text}” — {f.message}
                  </button>
                </li>
              ))}
            </ol>
          )}
          {model.notice && <p class="notice" role="alert">{model.notice}</p>}
        </div>
      )}
    </>
  );
}

function Layer({ model }: { model: LayerModel }) {
  return (
    <>
      {model.chips.map((chip) => (
        <Chip key={chip.id} model={chip} />
      ))}
      {model.card && <Card key={model.card.finding.key} model={model.card} />}
    </>
  );
}

/**
 * A host element with its own shadow root. Release builds use a plain element with no attributes and a closed
 * root, so page scripts can neither read the findings nor spot the product by name; the e2e build keeps the
 * named, open host that tests and Playwright locators look into.
 */
function attachHost(css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(PROBES ? 'rapport-ui' : 'div');
  if (PROBES) host.setAttribute('data-rapport', '');
  const root = host.attachShadow({ mode: PROBES ? 'open' : 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  document.documentElement.append(host);
  return { host, root };
}

/**
 * Rapport's two layers on the page. Mirrors and overlay boxes sit in a shadow root of their own: the page can
 * reach a highlighted Range (CSS.highlights is shared with it) and walk from a mirror's text node up to its root,
 * so that root holds nothing but copies of the page's own field text. The card and chips live in another.
 */
export class UiLayer {
  private readonly paintHost: HTMLElement;
  private readonly uiHost: HTMLElement;
  /** Mirrors and overlay boxes: below the interactive layer, never catching the pointer. */
  readonly paintLayer: HTMLElement;
  private readonly uiLayer: HTMLElement;

  constructor() {
    const paint = attachHost(PAINT_CSS);
    const ui = attachHost(UI_CSS);
    this.paintHost = paint.host;
    this.uiHost = ui.host;
    this.paintLayer = document.createElement('div');
    this.paintLayer.className = 'layer';
    paint.root.append(this.paintLayer);
    this.uiLayer = document.createElement('div');
    this.uiLayer.className = 'layer';
    ui.root.append(this.uiLayer);
  }

  render(model: LayerModel): void {
    render(<Layer model={model} />, this.uiLayer);
  }

  /** True when a pointer event happened over Rapport's card or chip, which must not count as leaving a highlight. */
  contains(target: EventTarget | null): boolean {
    return target === this.uiHost;
  }

  /** True for Rapport's own host elements, which the composer observer must skip (nothing inside them is the page's). */
  owns(node: Node): boolean {
    return node === this.uiHost || node === this.paintHost;
  }

  dispose(): void {
    render(null, this.uiLayer);
    this.uiHost.remove();
    this.paintHost.remove();
  }
}
