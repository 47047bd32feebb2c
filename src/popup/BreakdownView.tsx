// The score as a gauge and its breakdown as bars: reader vs us, questions, length and findings per category.

import type { Breakdown } from './breakdown';
import { describeLength, describeQuestions, describeReaderShare, LENGTH_SCALE_MAX, LENGTH_SWEET_SPOT } from './breakdown';

const GAUGE_RADIUS = 52;
const GAUGE_LENGTH = Math.PI * GAUGE_RADIUS;

export function ScoreGauge({ breakdown }: { breakdown: Breakdown }) {
  const filled = (breakdown.score / 100) * GAUGE_LENGTH;
  return (
    <div class={`gauge band-${breakdown.band}`}>
      <svg viewBox="0 0 128 74" width="128" height="74" role="img" aria-label={`Score ${breakdown.score} of 100. ${breakdown.bandLabel}.`}>
        <path class="gauge-track" d="M 12 66 A 52 52 0 0 1 116 66" fill="none" stroke-width="12" stroke-linecap="round" />
        <path
          class="gauge-fill"
          d="M 12 66 A 52 52 0 0 1 116 66"
          fill="none"
          stroke-width="12"
          stroke-linecap="round"
          stroke-dasharray={`${filled} ${GAUGE_LENGTH}`}
        />
        <text x="64" y="62" text-anchor="middle" class="gauge-value" aria-hidden="true">
          {breakdown.score}
        </text>
      </svg>
      <p class="gauge-label" data-testid="score-band">{breakdown.bandLabel}</p>
    </div>
  );
}

function Meter({ label, value, text, className }: { label: string; value: number; text: string; className: string }) {
  return (
    <div class="metric">
      <div class="metric-head">
        <span class="metric-name">{label}</span>
      </div>
      <div class={`bar ${className}`} role="img" aria-label={`${label}: ${text}`}>
        <span class="bar-fill" style={{ width: `${Math.round(value * 100)}%` }} />
      </div>
      <p class="metric-text">{text}</p>
    </div>
  );
}

export function BreakdownView({ breakdown, reasons }: { breakdown: Breakdown; reasons: { reason: string; delta: number }[] }) {
  const readerShare = breakdown.readerShare;
  const maxCategory = Math.max(1, ...breakdown.categories.map((c) => c.count));
  const sweetStart = (LENGTH_SWEET_SPOT.min / LENGTH_SCALE_MAX) * 100;
  const sweetWidth = ((LENGTH_SWEET_SPOT.max - LENGTH_SWEET_SPOT.min) / LENGTH_SCALE_MAX) * 100;
  return (
    <section class="breakdown" aria-labelledby="breakdown-title">
      <h2 id="breakdown-title" class="visually-hidden">Score breakdown</h2>
      <div class="metric">
        <div class="metric-head">
          <span class="metric-name">About the reader vs about us</span>
        </div>
        <div class="split-bar" role="img" aria-label={`About the reader vs about us: ${describeReaderShare(breakdown)}`}>
          {readerShare === null ? (
            <span class="split-empty" />
          ) : (
            <>
              <span class="split-reader" style={{ width: `${readerShare * 100}%` }} />
              <span class="split-self" style={{ width: `${(1 - readerShare) * 100}%` }} />
            </>
          )}
        </div>
        <p class="metric-text">
          <span class="legend legend-reader" aria-hidden="true" /> reader{' '}
          <span class="legend legend-self" aria-hidden="true" /> us — {describeReaderShare(breakdown)}
        </p>
      </div>
      <div class="metric">
        <div class="metric-head">
          <span class="metric-name">Questions asked</span>
        </div>
        <div class="dots" role="img" aria-label={`Questions asked: ${describeQuestions(breakdown)}`}>
          {Array.from({ length: Math.max(3, Math.min(breakdown.questions, 8)) }, (_, i) => (
            <span class={i < breakdown.questions ? 'dot dot-on' : 'dot'} />
          ))}
        </div>
        <p class="metric-text">{describeQuestions(breakdown)}</p>
      </div>
      <div class="metric">
        <div class="metric-head">
          <span class="metric-name">Length</span>
        </div>
        <div class="length-bar" role="img" aria-label={`Length: ${describeLength(breakdown)}`}>
          <span class="length-sweet" style={{ left: `${sweetStart}%`, width: `${sweetWidth}%` }} />
          <span class={`length-marker length-${breakdown.length}`} style={{ left: `${breakdown.lengthPosition * 100}%` }} />
        </div>
        <p class="metric-text">{describeLength(breakdown)}</p>
      </div>
      <div class="metric">
        <div class="metric-head">
          <span class="metric-name">Findings per category</span>
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
      </div>
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
    </section>
  );
}
