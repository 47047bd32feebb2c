// The score as a gauge and its breakdown as small pictures: reader vs us, questions, length, findings per category.

import type { ScoreReason } from '../engine/types';
import type { Breakdown } from './breakdown';
import { describeLength, describeQuestions, describeReaderShare, LENGTH_SCALE_MAX, LENGTH_SWEET_SPOT } from './breakdown';

const GAUGE_RADIUS = 46;
const GAUGE_LENGTH = Math.PI * GAUGE_RADIUS;
const GAUGE_ARC = 'M 10 58 A 46 46 0 0 1 102 58';

function ScoreGauge({ breakdown }: { breakdown: Breakdown }) {
  const filled = (breakdown.score / 100) * GAUGE_LENGTH;
  return (
    <div class={`gauge band-${breakdown.band}`}>
      <svg viewBox="0 0 112 66" width="112" height="66" role="img" aria-label={`Score ${breakdown.score} of 100. ${breakdown.bandLabel}.`}>
        <path class="gauge-track" d={GAUGE_ARC} fill="none" stroke-width="11" stroke-linecap="round" />
        <path class="gauge-fill" d={GAUGE_ARC} fill="none" stroke-width="11" stroke-linecap="round" stroke-dasharray={`${filled} ${GAUGE_LENGTH}`} />
        <text x="56" y="56" text-anchor="middle" class="gauge-value" aria-hidden="true">
          {breakdown.score}
        </text>
      </svg>
      <p class="gauge-label">{breakdown.bandLabel}</p>
    </div>
  );
}

function Metric({ name, description, children }: { name: string; description: string; children: preact.ComponentChildren }) {
  return (
    <div class="metric">
      <span class="metric-name">{name}</span>
      <div class="metric-picture" role="img" aria-label={`${name}: ${description}`}>
        {children}
      </div>
      <p class="metric-text" aria-hidden="true">
        {description}
      </p>
    </div>
  );
}

export function ScoreCard({ breakdown, reasons }: { breakdown: Breakdown; reasons: readonly ScoreReason[] }) {
  const share = breakdown.readerShare;
  const maxCategory = Math.max(1, ...breakdown.categories.map((c) => c.count));
  const sweetStart = (LENGTH_SWEET_SPOT.min / LENGTH_SCALE_MAX) * 100;
  const sweetWidth = ((LENGTH_SWEET_SPOT.max - LENGTH_SWEET_SPOT.min) / LENGTH_SCALE_MAX) * 100;
  return (
    <div class="score-card">
      <div class="score-row">
        <ScoreGauge breakdown={breakdown} />
        <div class="metrics">
          <Metric name="About the reader vs about us" description={describeReaderShare(breakdown)}>
            <div class="split-bar">
              {share === null ? null : (
                <>
                  <span class="split-reader" style={{ width: `${share * 100}%` }} />
                  <span class="split-self" style={{ width: `${(1 - share) * 100}%` }} />
                </>
              )}
            </div>
            <div class="split-legend">
              <span class="legend-reader">reader</span>
              <span class="legend-self">us</span>
            </div>
          </Metric>
          <Metric name="Questions asked" description={describeQuestions(breakdown)}>
            <div class="dots">
              {Array.from({ length: Math.max(3, Math.min(breakdown.questions, 8)) }, (_, i) => (
                <span class={i < breakdown.questions ? 'dot dot-on' : 'dot'} />
              ))}
            </div>
          </Metric>
          <Metric name="Length" description={describeLength(breakdown)}>
            <div class="length-bar">
              <span class="length-sweet" style={{ left: `${sweetStart}%`, width: `${sweetWidth}%` }} />
              <span class="length-marker" style={{ left: `${breakdown.lengthPosition * 100}%` }} />
            </div>
          </Metric>
        </div>
      </div>
      <ul class="category-bars" aria-label="Findings per category">
        {breakdown.categories.map((c) => (
          <li class={`cat-${c.category}`}>
            <span class="category-name">{c.label}</span>
            <span class="category-track" aria-hidden="true">
              <span class="category-fill" style={{ width: `${(c.count / maxCategory) * 100}%` }} />
            </span>
            <span class="category-count">{c.count}</span>
          </li>
        ))}
      </ul>
      {reasons.length > 0 && (
        <details class="reasons">
          <summary>What moved the score</summary>
          <ul>
            {reasons.map((r) => (
              <li>
                <span class="delta">{r.delta}</span> {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
