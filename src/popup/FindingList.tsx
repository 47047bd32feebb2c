// The flagged phrases grouped by category, each with its why, its rewrites and the actions that act on it.

import type { Finding } from '../engine/types';
import type { FindingGroup } from './breakdown';

export type FindingAction =
  | { kind: 'apply'; finding: Finding; rewrite: string }
  | { kind: 'copy'; finding: Finding; rewrite: string }
  | { kind: 'jump'; finding: Finding }
  | { kind: 'ignore'; finding: Finding }
  | { kind: 'mute'; finding: Finding };

/** DOM id of a finding's list item, so focus can land on the next finding after this one goes away. */
export function findingDomId(index: number): string {
  return `finding-${index}`;
}

function FindingItem({ finding, index, onAction }: { finding: Finding; index: number; onAction: (a: FindingAction) => void }) {
  const titleId = `${findingDomId(index)}-title`;
  return (
    <li class="finding" id={findingDomId(index)} tabIndex={-1} aria-labelledby={titleId} data-rule={finding.ruleId}>
      <p class="finding-phrase" id={titleId}>
        <mark>{finding.text}</mark>
        <span class={`severity severity-${finding.severity}`}>{finding.severity}</span>
      </p>
      <p class="finding-message">{finding.message}</p>
      <p class="finding-why">
        <strong>Why: </strong>
        {finding.why}
      </p>
      {finding.advice && <p class="finding-advice">{finding.advice}</p>}
      {/* No rewrite fits this sentence: the better move is shown to copy from, never applied as a swap. */}
      {finding.rewrites.length === 0 && finding.example && (
        <p class="finding-example" data-role="example">
          <strong>For example: </strong>“{finding.example}”
        </p>
      )}
      {finding.rewrites.length > 0 && (
        <ul class="rewrites" aria-label={`Rewrites for “${finding.text}”`}>
          {finding.rewrites.map((rewrite) => (
            <li class="rewrite">
              <span class="rewrite-text">{rewrite}</span>
              <span class="rewrite-actions">
                <button
                  type="button"
                  class="primary"
                  aria-label={`Apply “${rewrite}” in place of “${finding.replaced}”`}
                  onClick={() => onAction({ kind: 'apply', finding, rewrite })}
                >
                  Apply
                </button>
                <button type="button" aria-label={`Copy “${rewrite}”`} onClick={() => onAction({ kind: 'copy', finding, rewrite })}>
                  Copy
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div class="finding-actions">
        <button type="button" aria-label={`Jump to “${finding.text}” in the draft`} onClick={() => onAction({ kind: 'jump', finding })}>
          Jump
        </button>
        <button type="button" aria-label={`Ignore “${finding.text}” here`} onClick={() => onAction({ kind: 'ignore', finding })}>
          Ignore
        </button>
        <button type="button" aria-label={`Mute the rule ${finding.ruleId} everywhere`} onClick={() => onAction({ kind: 'mute', finding })}>
          Mute rule
        </button>
      </div>
    </li>
  );
}

export function FindingList({ groups, onAction }: { groups: FindingGroup[]; onAction: (a: FindingAction) => void }) {
  let index = 0;
  return (
    <section class="findings" aria-labelledby="findings-title">
      <h2 id="findings-title" class="section-title">
        Flagged phrases
      </h2>
      {groups.map((group) => (
        <section class={`group cat-${group.category}`} aria-labelledby={`group-${group.category}`} data-category={group.category}>
          <h3 id={`group-${group.category}`} class="group-title">
            <span class="cat-dot" aria-hidden="true" />
            {group.label} <span class="group-count">({group.findings.length})</span>
          </h3>
          <ul class="finding-list">
            {group.findings.map((finding) => (
              <FindingItem key={finding.key} finding={finding} index={index++} onAction={onAction} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
