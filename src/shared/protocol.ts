// The one typed message protocol between the popup, the background worker and the content script.

import type { Category, Finding, Metrics, Score } from '../engine/types';

/** What the content script knows about the composer the user is (or was last) writing in. */
export interface ComposerState {
  site: 'gmail' | 'linkedin' | 'other';
  composer: string;
  findings: Finding[];
  metrics: Metrics;
  score: Score;
}

export type PopupToContent =
  | { type: 'rapport:get-state' }
  | { type: 'rapport:apply'; key: string; rewrite: string }
  | { type: 'rapport:jump'; key: string }
  | { type: 'rapport:ignore'; key: string }
  | { type: 'rapport:next-finding' };

export type ContentToBackground =
  | { type: 'rapport:badge'; count: number; worst: Category | null }
  | { type: 'rapport:open-popup' };

export type ContentReply =
  /** host: the page's location.hostname, so the popup can offer the per-site switch even with no composer open. */
  | { ok: true; state: ComposerState | null; host?: string }
  | { ok: false; error: string };

/** Content scripts run only on these hosts (see manifest.json content_scripts.matches). */
export const SITE_HOSTS: Readonly<Record<Exclude<ComposerState['site'], 'other'>, string>> = {
  gmail: 'mail.google.com',
  linkedin: 'www.linkedin.com',
};

/** Replies cross a context boundary too: checked before the popup trusts their shape. */
export function isContentReply(value: unknown): value is ContentReply {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.ok === false) return typeof m.error === 'string';
  if (m.ok !== true) return false;
  if (m.host !== undefined && typeof m.host !== 'string') return false;
  if (m.state === null) return true;
  if (typeof m.state !== 'object' || m.state === undefined) return false;
  const state = m.state as Record<string, unknown>;
  return Array.isArray(state.findings) && typeof state.metrics === 'object' && state.metrics !== null
    && typeof state.score === 'object' && state.score !== null;
}

const POPUP_TYPES = new Set(['rapport:get-state', 'rapport:apply', 'rapport:jump', 'rapport:ignore', 'rapport:next-finding']);

/** Messages arrive from other extension contexts only, but are still checked field by field before use. */
export function isPopupToContent(value: unknown): value is PopupToContent {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (typeof m.type !== 'string' || !POPUP_TYPES.has(m.type)) return false;
  if (m.type === 'rapport:apply') return typeof m.key === 'string' && typeof m.rewrite === 'string' && m.rewrite.length < 2000;
  if (m.type === 'rapport:jump' || m.type === 'rapport:ignore') return typeof m.key === 'string';
  return true;
}

export function isContentToBackground(value: unknown): value is ContentToBackground {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'rapport:open-popup') return true;
  return m.type === 'rapport:badge' && Number.isInteger(m.count) && (m.count as number) >= 0 && (m.worst === null || typeof m.worst === 'string');
}
