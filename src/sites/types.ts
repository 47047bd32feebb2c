// The shape every site description has: which editors Rapport lints there and which parts of them it leaves alone.

import type { OutreachContext } from '../engine/types';

export type SiteId = 'gmail' | 'linkedin';

export interface EditorKind {
  /** Stable name shown in state and used by tests, e.g. "gmail-body". */
  name: string;
  /** CSS selectors for the editable element itself; any one matching identifies this kind. */
  selectors: readonly string[];
  /** Subtrees inside the editor that are not the user's new writing (quoted history, signatures). */
  notLinted: readonly string[];
}

export interface Site {
  id: SiteId;
  hostnames: readonly string[];
  editors: readonly EditorKind[];
  /** Editable elements that are never the user's writing (editor internals, search boxes). */
  notComposers: readonly string[];
  /** What the page says about the message in this editor (audience, reply); absent where the site cannot tell. */
  context?: (editor: HTMLElement) => OutreachContext;
}
