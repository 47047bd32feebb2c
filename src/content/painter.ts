// Paints findings without touching the editor's DOM: one CSS Custom Highlight per category, shared by every
// composer on the page, or overlay boxes drawn in Rapport's own layer where the Highlight API is missing.

import { CATEGORIES, type Category } from '../engine/types';
import { CATEGORY_COLOURS, highlightName } from './styles';

export interface PaintedRange {
  category: Category;
  range: Range;
}

export class Painter {
  private readonly highlights = new Map<Category, Highlight>();
  private readonly owned = new Map<object, PaintedRange[]>();
  private readonly overlayLayer: HTMLElement | null;

  constructor(layer: HTMLElement) {
    const supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
    this.overlayLayer = supported ? null : layer;
    if (supported) {
      for (const category of CATEGORIES) {
        const highlight = new Highlight();
        this.highlights.set(category, highlight);
        CSS.highlights.set(highlightName(category), highlight);
      }
    }
  }

  /** Replaces everything one owner (a composer) has painted. */
  paint(owner: object, ranges: PaintedRange[]): void {
    for (const old of this.owned.get(owner) ?? []) this.highlights.get(old.category)?.delete(old.range);
    if (ranges.length === 0) this.owned.delete(owner);
    else this.owned.set(owner, ranges);
    for (const r of ranges) this.highlights.get(r.category)?.add(r.range);
    if (this.overlayLayer) this.redrawOverlay();
  }

  clear(owner: object): void {
    this.paint(owner, []);
  }

  /** Overlay boxes follow layout, so they are redrawn on scroll, resize and after each paint (batched per frame by the caller). */
  redrawOverlay(): void {
    const layer = this.overlayLayer;
    if (!layer) return;
    layer.replaceChildren();
    for (const ranges of this.owned.values()) {
      for (const { category, range } of ranges) {
        for (const rect of range.getClientRects()) {
          const box = document.createElement('div');
          box.className = 'overlay-box';
          box.style.cssText = `left:${rect.left}px;top:${rect.bottom - 3}px;width:${rect.width}px;border-bottom-color:${CATEGORY_COLOURS[category]}`;
          layer.append(box);
        }
      }
    }
  }

  dispose(): void {
    for (const category of CATEGORIES) {
      if (CSS.highlights?.get(highlightName(category)) === this.highlights.get(category)) CSS.highlights.delete(highlightName(category));
    }
    this.owned.clear();
    this.overlayLayer?.replaceChildren();
  }
}
