// Turns findings and metrics into a 0–100 score with the reasons that moved it, so the number can be explained.

import type { Category, Finding, Metrics, Score, ScoreReason, Severity } from './types';

const PENALTY: Record<Severity, number> = { high: 15, medium: 10, low: 5 };
const LABEL: Record<Category, string> = {
  shame: 'shaming or guilt',
  closing: 'pushing to close',
  urgency: 'manufactured urgency',
  'self-centred': 'talking about us',
};

export function scoreReport(findings: readonly Finding[], metrics: Metrics, messageRules: ReadonlySet<string>): Score {
  const reasons: ScoreReason[] = [];
  const byCategory = new Map<Category, { count: number; penalty: number; seen: Set<string> }>();
  for (const f of findings) {
    const entry = byCategory.get(f.category) ?? { count: 0, penalty: 0, seen: new Set<string>() };
    // A message-level judgement spans several sentences but is one problem: count it once.
    const unit = messageRules.has(f.ruleId) ? f.ruleId : `${f.ruleId}@${f.start}`;
    if (!entry.seen.has(unit)) {
      entry.seen.add(unit);
      entry.count++;
      entry.penalty += PENALTY[f.severity];
    }
    byCategory.set(f.category, entry);
  }
  let total = 0;
  for (const [category, { count, penalty }] of byCategory) {
    const delta = -Math.min(penalty, 40);
    total += delta;
    reasons.push({ reason: `${count} ${count === 1 ? 'phrase' : 'phrases'} of ${LABEL[category]}`, delta });
  }
  if (metrics.words >= 40 && metrics.questions === 0) {
    total -= 5;
    reasons.push({ reason: 'asks the reader nothing', delta: -5 });
  }
  if (metrics.words >= 40 && metrics.selfReferences > 2 * Math.max(1, metrics.readerReferences)) {
    total -= 5;
    reasons.push({ reason: `mentions us ${metrics.selfReferences} times and the reader ${metrics.readerReferences}`, delta: -5 });
  }
  reasons.sort((a, b) => a.delta - b.delta);
  return { value: Math.max(0, Math.min(100, 100 + total)), reasons };
}
