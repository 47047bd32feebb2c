// Reads an editor's text in one walk and keeps a map from text offsets back to DOM positions, so findings can
// become Ranges; line breaks come from <br> and block elements, and excluded subtrees are skipped.

export interface TextSegment {
  node: Text;
  /** Offset in the joined text where this node's data starts. */
  start: number;
}

export interface TextMap {
  text: string;
  segments: TextSegment[];
}

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IMG', 'svg', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT']);

export function readEditor(root: Element, notLinted: readonly string[]): TextMap {
  const segments: TextSegment[] = [];
  const parts: string[] = [];
  let length = 0;
  let endsWithBreak = true;
  const excluded = notLinted.length > 0 ? notLinted.join(',') : null;

  const append = (s: string) => {
    parts.push(s);
    length += s.length;
    endsWithBreak = s.endsWith('\n');
  };
  const breakLine = () => {
    if (!endsWithBreak) append('\n');
  };

  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const data = (child as Text).data;
        if (data.length === 0) continue;
        segments.push({ node: child as Text, start: length });
        append(data);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const el = child as Element;
        if (SKIPPED.has(el.tagName)) continue;
        if (el.tagName === 'BR') {
          append('\n');
          continue;
        }
        if (excluded && el.matches(excluded)) {
          // Quoted history and signatures still separate what comes before and after them.
          breakLine();
          continue;
        }
        if ((el as HTMLElement).hidden) continue;
        const block = BLOCKS.has(el.tagName);
        if (block) breakLine();
        walk(el);
        if (block) breakLine();
      }
    }
  };
  walk(root);
  return { text: parts.join(''), segments };
}

/** Index of the last segment starting at or before offset (binary search). */
function segmentAt(map: TextMap, offset: number, preferNext: boolean): number {
  let lo = 0;
  let hi = map.segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map.segments[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === -1) return 0;
  const seg = map.segments[found]!;
  // An offset at the very end of one node is also the start of the next: ranges start in the next node.
  if (preferNext && offset === seg.start + seg.node.data.length && found + 1 < map.segments.length) return found + 1;
  return found;
}

export function domPosition(map: TextMap, offset: number, preferNext = false): { node: Text; offset: number } | null {
  if (map.segments.length === 0) return null;
  const i = segmentAt(map, offset, preferNext);
  const seg = map.segments[i]!;
  const inNode = Math.max(0, Math.min(seg.node.data.length, offset - seg.start));
  return { node: seg.node, offset: inNode };
}

/** A live Range over [start, end) of the joined text, or null if the text no longer maps onto the DOM. */
export function rangeFor(map: TextMap, start: number, end: number): Range | null {
  const from = domPosition(map, start, true);
  const to = domPosition(map, end, false);
  if (!from || !to) return null;
  const range = new Range();
  try {
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
  } catch {
    return null;
  }
  return range;
}

/**
 * Text offset of a DOM position inside the editor (for caret-based lookups), or -1 when it is in text Rapport does
 * not read (quoted history, a signature). A position between nodes, as editors leave the caret on an empty line or
 * beside a chip, counts as the start of the first text after it.
 */
export function textOffsetOf(map: TextMap, node: Node, offset: number): number {
  if (node.nodeType === Node.TEXT_NODE) {
    for (const seg of map.segments) if (seg.node === node) return seg.start + offset;
    return -1;
  }
  const point = document.createRange();
  try {
    point.setStart(node, offset);
  } catch {
    return -1;
  }
  for (const seg of map.segments) if (point.comparePoint(seg.node, 0) >= 0) return seg.start;
  return map.text.length;
}
