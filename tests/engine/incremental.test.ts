// A linter that relints after edits, reusing what it parsed before, reports exactly what a fresh full lint reports.

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/random';
import { createLinter } from '../../src/engine';

const DRAFT = `Hi Jordan,

I saw your post about hiring three SDRs — congrats. We're the leading platform for ramping reps, and closing this deal today would help us both.
This offer expires tonight, so act now! Everyone in your industry is already using it.

No pressure, but can we close the deal? Our team has helped 200 companies. I would love to show you.
Deal closed today if you sign now.

Best,
Sam`;

const PIECES = [' ', 'x', '.', '!', '?', '\n', '\n\n', 'close the deal', ' act now', 'we are the best', '’', '😀', 'é', 'deal', 'Offer expires tonight.'];

describe('incremental relint', () => {
  it('equals a full lint after each of 400 random edits', () => {
    const random = seededRandom(20261122);
    const incremental = createLinter();
    let text = DRAFT;
    incremental.lint(text);
    for (let step = 0; step < 400; step++) {
      const at = Math.floor(random() * (text.length + 1));
      const remove = random() < 0.4 ? Math.floor(random() * 12) : 0;
      const insert = random() < 0.8 ? PIECES[Math.floor(random() * PIECES.length)]! : '';
      text = text.slice(0, at) + insert + text.slice(at + remove);
      const fresh = createLinter().lint(text);
      expect(incremental.lint(text), `after edit ${step}: ${JSON.stringify(text)}`).toEqual(fresh);
    }
  });

  it('does reuse work: a relint after an edit re-parses only the changed sentence', () => {
    const linter = createLinter();
    const first = linter.lint(DRAFT);
    const edited = DRAFT.replace('Best,', 'Best wishes,');
    const second = linter.lint(edited);
    // Findings before the edit keep their offsets; findings after it shift by the inserted length.
    const shift = edited.length - DRAFT.length;
    const cut = DRAFT.indexOf('Best,');
    expect(second.findings.map((f) => [f.ruleId, f.start])).toEqual(
      first.findings.map((f) => [f.ruleId, f.start < cut ? f.start : f.start + shift]),
    );
  });
});
