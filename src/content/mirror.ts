// A transparent copy of a textarea or input laid exactly over it, in Rapport's own layer, so findings in a
// form field can be highlighted with ordinary Ranges without touching the field.

const COPIED = [
  'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch', 'letterSpacing', 'wordSpacing',
  'lineHeight', 'textTransform', 'textIndent', 'textAlign', 'direction', 'tabSize', 'paddingTop', 'paddingRight',
  'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
] as const;

export class FieldMirror {
  readonly box: HTMLDivElement;
  private readonly textNode: Text;

  constructor(
    private readonly field: HTMLTextAreaElement | HTMLInputElement,
    layer: HTMLElement,
  ) {
    this.box = document.createElement('div');
    this.box.className = 'field-mirror';
    this.box.setAttribute('aria-hidden', 'true');
    this.textNode = document.createTextNode('');
    this.box.append(this.textNode);
    layer.append(this.box);
    this.sync();
  }

  get text(): string {
    return this.textNode.data;
  }

  setText(text: string): void {
    if (this.textNode.data !== text) this.textNode.data = text;
  }

  rangeFor(start: number, end: number): Range | null {
    const len = this.textNode.data.length;
    if (start < 0 || end > len || start >= end) return null;
    const range = new Range();
    range.setStart(this.textNode, start);
    range.setEnd(this.textNode, end);
    return range;
  }

  /** Follows the field's position, size, style and scroll; called once per frame at most. */
  sync(): void {
    const style = getComputedStyle(this.field);
    const rect = this.field.getBoundingClientRect();
    const s = this.box.style;
    for (const prop of COPIED) s[prop] = style[prop];
    // The mirror takes the field's border-box size, so it must size its own box the same way whatever the field uses.
    s.boxSizing = 'border-box';
    s.left = `${rect.left}px`;
    s.top = `${rect.top}px`;
    s.width = `${rect.width}px`;
    s.height = `${rect.height}px`;
    s.whiteSpace = this.field instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre';
    s.overflowWrap = this.field instanceof HTMLTextAreaElement ? 'break-word' : 'normal';
    this.setText(this.field.value);
    this.box.scrollTop = this.field.scrollTop;
    this.box.scrollLeft = this.field.scrollLeft;
  }

  dispose(): void {
    this.box.remove();
  }
}
