// The word prefilter that spares most sentences a parse never hides a match compromise itself would make.

import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../src/engine';
import { matchSentence, packFor } from '../../src/engine/matcher';
import nlp from '../../src/engine/nlp';

const base = { category: 'urgency', severity: 'medium', message: 'm', why: 'w', rewrites: ['later'], examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e'] } };
const PATTERNS: Record<string, string> = {
  adjacent: '(have|will|did) (you|u) (signed|decided)',
  going: 'going to (close|sign)',
  cannot: 'you can not (wait|miss)',
  ending: 'is (so|very) /^(19|20)[0-9]{2}s?$/',
  final: '(third|fourth) (attempt|try)$',
  emoji: 'you (in|joining) #Emoji?$',
  leading: '^(so|and)? (are|r) you (in|ready)',
  'he-said': 'he said (yes|no)',
};
const pack = packFor(loadRulePack(Object.fromEntries(Object.entries(PATTERNS).map(([id, pattern]) => [`rules/${id}.json`, { ...base, patterns: [pattern] }]))));

const ids = (text: string) => [...new Set(matchSentence(pack, text).map((h) => pack.rules[h.rule]!.id))].sort();
/** What compromise finds on the whole text, tagged, pattern by pattern: the prefilter may only skip what it rules out. */
const truth = (text: string) => Object.keys(PATTERNS).filter((id) => nlp(text).has(PATTERNS[id]!)).sort();

describe('prefilter', () => {
  const cases = [
    'Have you signed the form yet?',
    'Have we, you know, signed it?',
    'We are going to close it.',
    "You can't wait on this one.",
    'You cannot miss this one.',
    'We are gonna close it.',
    'You can wait, there is no rush.',
    'This design is so 1990s.',
    'This is so nice, 1990s or not.',
    'Third attempt.',
    'Third attempt to reach you about the offer.',
    'Subject: fourth try',
    'Are you in 🔥',
    'Are you in or out?',
    'So are you in?',
    'Well, are you ready?',
    'He / she said yes.',
    'He said yes.',
  ];
  it.each(cases)('finds what compromise finds: %s', (text) => {
    expect(ids(text)).toEqual(truth(text));
  });
});
