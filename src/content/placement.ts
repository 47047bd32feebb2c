// Where Rapport's chip and card go: the chip in a corner of the box the text does not reach, else just outside
// the box, never over the user's words or another text box; the card beside its phrase; both inside the viewport.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface ChipPlacementInput {
  /** The composer's border box. */
  box: Box;
  /** The last character of its text (where the text ends), or null when unknown. */
  textEnd: Box | null;
  /** A single-line field: text runs left to right, never down. */
  singleLine: boolean;
  chip: { width: number; height: number };
  viewport: { width: number; height: number };
  /** Boxes the chip must not cover (every composer on the page, this one included). */
  avoid: readonly Box[];
}

const GAP = 4;
const MARGIN = 8;

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function rectAt(left: number, top: number, chip: { width: number; height: number }): Box {
  return { left, top, right: left + chip.width, bottom: top + chip.height };
}

export function placeChip(input: ChipPlacementInput): { left: number; top: number } {
  const { box, textEnd, chip, viewport, avoid, singleLine } = input;
  const inViewport = (r: Box) => r.left >= MARGIN && r.top >= MARGIN && r.right <= viewport.width - MARGIN && r.bottom <= viewport.height - MARGIN;
  const clear = (r: Box) => inViewport(r) && !avoid.some((a) => overlaps(a, r));

  // Inside the box, in the corner the text has not reached (the text flows down, or right on one line).
  const inside = singleLine
    ? rectAt(box.right - chip.width - GAP, box.top + (box.bottom - box.top - chip.height) / 2, chip)
    : rectAt(box.right - chip.width - GAP, box.bottom - chip.height - GAP, chip);
  const fitsInside = inside.left >= box.left + GAP && inside.top >= box.top + (singleLine ? 0 : GAP);
  const textClear = !textEnd || (singleLine ? textEnd.right + GAP <= inside.left : textEnd.bottom + GAP <= inside.top);
  if (fitsInside && textClear && inViewport(inside)) return { left: inside.left, top: inside.top };

  // Outside the box: below its right end, to its right, above its right end.
  const outside = [
    rectAt(box.right - chip.width, box.bottom + GAP, chip),
    rectAt(box.right + GAP, box.top, chip),
    rectAt(box.right - chip.width, box.top - chip.height - GAP, chip),
  ];
  const free = outside.find(clear);
  if (free) return { left: free.left, top: free.top };

  // A box taller than the viewport: the bottom corner of its visible part, when the text ends above it.
  const visibleBottom = Math.min(box.bottom, viewport.height - MARGIN);
  const visibleCorner = rectAt(Math.min(box.right, viewport.width - MARGIN) - chip.width - GAP, visibleBottom - chip.height - GAP, chip);
  if (!singleLine && inViewport(visibleCorner) && visibleCorner.top >= box.top + GAP && (!textEnd || textEnd.bottom + GAP <= visibleCorner.top)) {
    return { left: visibleCorner.left, top: visibleCorner.top };
  }

  // Nowhere free: below the box, pulled inside the viewport.
  const below = outside[0]!;
  return {
    left: Math.max(MARGIN, Math.min(below.left, viewport.width - chip.width - MARGIN)),
    top: Math.max(MARGIN, Math.min(below.top, viewport.height - chip.height - MARGIN)),
  };
}

/** Below the phrase when the card fits there, else above it, else as near as the viewport allows: always inside it. */
export function cardPosition(anchor: { left: number; top: number; bottom: number }, size: { width: number; height: number }, viewport: { width: number; height: number }): { left: number; top: number } {
  const margin = 8;
  const left = Math.max(margin, Math.min(anchor.left, viewport.width - size.width - margin));
  const below = anchor.bottom + 6;
  const above = anchor.top - 6 - size.height;
  if (below + size.height <= viewport.height - margin) return { left, top: below };
  if (above >= margin) return { left, top: above };
  return { left, top: Math.max(margin, Math.min(below, viewport.height - size.height - margin)) };
}

