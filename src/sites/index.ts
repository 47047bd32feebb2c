// Finds the site Rapport is on and identifies an editable element as one of that site's editors (or the generic fallback).

import { gmail } from './gmail';
import { linkedin } from './linkedin';
import type { EditorKind, Site } from './types';

export type { EditorKind, Site, SiteId } from './types';

export const SITES: readonly Site[] = [gmail, linkedin];

/** Any other visible text box the user focuses on a supported site. */
export const FALLBACK_EDITOR: EditorKind = { name: 'other', selectors: [], notLinted: [] };

export function siteForHostname(hostname: string): Site | null {
  return SITES.find((s) => s.hostnames.includes(hostname)) ?? null;
}

/** The editable root an event happened in: a textarea, a text input, or the outermost contenteditable. */
export function editableRootOf(path: readonly EventTarget[]): HTMLElement | null {
  for (const target of path) {
    if (!(target instanceof HTMLElement)) continue;
    if (target instanceof HTMLTextAreaElement) return target.readOnly || target.disabled ? null : target;
    if (target instanceof HTMLInputElement) return /^(text|search|)$/.test(target.type) && !target.readOnly && !target.disabled ? target : null;
    if (target.isContentEditable) {
      let root: HTMLElement = target;
      while (root.parentElement?.isContentEditable) root = root.parentElement;
      return root;
    }
  }
  return null;
}

export function identifyEditor(site: Site, element: HTMLElement): EditorKind | null {
  if (site.notComposers.some((selector) => element.matches(selector))) return null;
  for (const kind of site.editors) {
    if (kind.selectors.some((selector) => element.matches(selector))) return kind;
  }
  // Only multi-line boxes get the fallback: single-line inputs elsewhere are search boxes and form fields.
  if (element instanceof HTMLTextAreaElement || (element.isContentEditable && !(element instanceof HTMLInputElement))) {
    return FALLBACK_EDITOR;
  }
  return null;
}

/** Every selector a site uses, for the observer that spots composers appearing after the engine is loaded. */
export function composerSelector(site: Site): string {
  return site.editors.flatMap((k) => k.selectors).join(',');
}
