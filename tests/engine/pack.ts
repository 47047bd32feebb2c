// A small, fixed rule pack for engine tests, so they prove engine behaviour independently of how the shipped rules are tuned.

import { Linter, loadRulePack, type LintOptions, type Rule } from '../../src/engine';

const base = {
  why: 'Because it rushes the reader.',
  examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e'] },
};

export const testRules: Rule[] = loadRulePack({
  'rules/deal-talk.json': {
    ...base,
    category: 'closing',
    severity: 'high',
    patterns: ['{close} (the|this|that) {deal}', '{deal} {close}'],
    exceptions: ['(merger|acquisition) {close}', 'no pressure'],
    message: '“{match}” treats the reader as a deal.',
    rewrites: ['see whether this fits'],
  },
  'rules/act-now.json': {
    ...base,
    category: 'urgency',
    severity: 'medium',
    patterns: ['[<verb>(act|buy|order|sign)] (now|today)'],
    message: 'Pushes the reader to {verb} on our clock.',
    rewrites: ['{verb} whenever it suits you'],
  },
  'rules/leading.json': {
    ...base,
    category: 'self-centred',
    severity: 'low',
    patterns: ['we are the (leading|best)'],
    message: 'About us, not them.',
    rewrites: ['we help teams like yours'],
  },
  'rules/about-us.json': {
    ...base,
    category: 'self-centred',
    severity: 'medium',
    kind: 'message',
    threshold: { minWords: 20, minSentences: 4, minSelfLedShare: 0.5, minSelfToReaderRatio: 2, minPitchSentences: 0 },
    message: 'Mostly about us.',
    advice: 'Lead with the reader.',
  },
});

export function testLinter(options: LintOptions = {}): Linter {
  return new Linter(testRules, options);
}
