// Answers the popup: the state of the composer the user is writing in, and the actions the popup can ask for.

import type { Finding } from '../engine/types';
import type { ComposerState, ContentReply, PopupToContent } from '../shared/protocol';
import type { Site } from '../sites';
import type { Composer } from './composer';

export interface PopupTarget {
  readonly site: Site;
  /** The composer the user is (or was last) writing in, if it is still attached. */
  activeComposer(): Composer | null;
  /** Opens the keyboard card at the caret; the finding it shows, if any. */
  openAtCaret(composer: Composer): Finding | null;
  apply(composer: Composer, finding: Finding, rewrite: string): Promise<{ ok: boolean; error?: string }>;
  ignore(finding: Finding): Promise<void>;
}

export function composerState(target: PopupTarget): ComposerState | null {
  const composer = target.activeComposer();
  if (!composer?.report) return null;
  return {
    site: target.site.id,
    composer: composer.kind.name,
    findings: [...composer.findings],
    metrics: composer.report.metrics,
    score: composer.report.score,
  };
}

export async function answerPopup(target: PopupTarget, message: PopupToContent): Promise<ContentReply> {
  const composer = target.activeComposer();
  if (message.type === 'rapport:get-state') return { ok: true, state: composerState(target), host: location.hostname };
  if (!composer) return { ok: false, error: 'No composer is open on this page.' };
  if (message.type === 'rapport:next-finding') {
    composer.element.focus({ preventScroll: true });
    const finding = target.openAtCaret(composer);
    if (finding) composer.select(finding);
    return { ok: true, state: composerState(target) };
  }
  const finding = composer.findings.find((f) => f.key === message.key);
  if (!finding) return { ok: false, error: 'That phrase is no longer in the draft.' };
  if (message.type === 'rapport:jump') {
    return composer.select(finding) ? { ok: true, state: composerState(target) } : { ok: false, error: 'Could not select the phrase.' };
  }
  if (message.type === 'rapport:ignore') {
    await target.ignore(finding);
    return { ok: true, state: composerState(target) };
  }
  if (!finding.rewrites.includes(message.rewrite)) return { ok: false, error: 'That rewrite is not one Rapport suggested for this phrase.' };
  const result = await target.apply(composer, finding, message.rewrite);
  return result.ok ? { ok: true, state: composerState(target) } : { ok: false, error: result.error ?? 'Not applied.' };
}
