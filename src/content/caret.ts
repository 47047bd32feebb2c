// Where the selection and caret are inside an editor, read through the editor's shadow root when it has one: there
// document.getSelection() is retargeted to the shadow host and says nothing about the text inside.

export interface CaretPosition {
  node: Node;
  offset: number;
}

interface ComposedRangesSelection {
  getComposedRanges(options: { shadowRoots: ShadowRoot[] }): StaticRange[];
}

interface SelectableShadowRoot {
  getSelection?(): Selection | null;
}

/** The selection when it lies inside `element`, else null. */
export function selectionIn(element: HTMLElement): AbstractRange | null {
  const selection = document.getSelection();
  const root = element.getRootNode();
  let range: AbstractRange | null = null;
  if (root instanceof ShadowRoot) {
    if (selection && selection.rangeCount > 0 && 'getComposedRanges' in selection) {
      // The standard way: getComposedRanges() reports positions inside the shadow roots it is given.
      range = (selection as unknown as ComposedRangesSelection).getComposedRanges({ shadowRoots: [root] })[0] ?? null;
    } else {
      // Chromium before getComposedRanges: the shadow root's own (non-standard) selection.
      const own = (root as unknown as SelectableShadowRoot).getSelection?.();
      range = own && own.rangeCount > 0 ? own.getRangeAt(0) : null;
    }
  } else if (selection && selection.rangeCount > 0) {
    range = selection.getRangeAt(0);
  }
  return range && element.contains(range.startContainer) && element.contains(range.endContainer) ? range : null;
}

/** The caret (the start of the selection) when it is inside `element`, else null. */
export function caretIn(element: HTMLElement): CaretPosition | null {
  const range = selectionIn(element);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
