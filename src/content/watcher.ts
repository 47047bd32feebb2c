// Finds composers as they enter the page and notices when they leave: one MutationObserver over the document
// and every shadow root that holds an editor.

export interface WatcherEvents {
  /** Rapport's own host elements: nothing inside them is the page's. */
  isOwn(node: Node): boolean;
  added(element: HTMLElement): void;
  /** Something left the DOM; the owner checks which of its composers are no longer connected. */
  removed(): void;
}

export class ComposerWatcher {
  private readonly observer: MutationObserver;
  private readonly observedRoots = new WeakSet<Node>();

  constructor(
    private readonly selector: string,
    private readonly events: WatcherEvents,
  ) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  observe(root: Node): void {
    if (this.observedRoots.has(root)) return;
    this.observedRoots.add(root);
    this.observer.observe(root, { childList: true, subtree: true });
  }

  /** Every composer already in the document. */
  existing(): HTMLElement[] {
    return [...document.querySelectorAll<HTMLElement>(this.selector)];
  }

  private onMutations(records: MutationRecord[]): void {
    let removed = false;
    for (const record of records) {
      if (record.removedNodes.length > 0) removed = true;
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || this.events.isOwn(node)) continue;
        if (node.matches(this.selector)) this.events.added(node as HTMLElement);
        else if (node.firstElementChild) node.querySelectorAll<HTMLElement>(this.selector).forEach((el) => this.events.added(el));
      }
    }
    if (removed) this.events.removed();
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}
