// Proves the engine sees through how people type, matches tactics as concept frames, and lets context and the
// learned-findings switch change what it reports, with spans that slice the original text exactly.

import { describe, expect, it } from 'vitest';
import { createLinter, loadRulePack } from '../../src/engine';
import { loadConcepts } from '../../src/engine/concepts';
import { compilePack, inflections, matchSentence } from '../../src/engine/matcher';
import { normalise, originalSpan } from '../../src/engine/normalise';

const rulesOnly = createLinter({ learned: false });
const flagged = (text: string, linter = rulesOnly) => linter.lint(text).findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]);

describe('normalise', () => {
  it('drops zero-width characters and soft hyphens but maps spans back to the original offsets', () => {
    const text = 'Off\u200Ber exp\u00ADires tonight';
    const n = normalise(text);
    expect(n.text).toBe('Offer expires tonight');
    const [s, e] = originalSpan(n, 0, 'Offer expires'.length);
    expect(text.slice(s, e)).toBe('Off\u200Ber exp\u00ADires');
  });

  it('reads placeholders as a name, curly quotes as straight, shouting as lowercase and 2hrs as 2 hrs', () => {
    expect(normalise('Hi {{first_name}}, it’s [Company] time').text).toBe("Hi Alex, it's Alex time");
    // A rival's slot is read as a rival's name, never as the reader's.
    expect(normalise('{{competitor}} and [Competitor name] and {rival_company} signed').text).toBe('Rivalco and Rivalco and Rivalco signed');
    expect(normalise('OFFER ENDS TONIGHT').text).toBe('offer ends tonight');
    expect(normalise('ends in 2hrs at 5PM').text).toBe('ends in 2 hrs at 5 pm');
    // Texting's "2day" means today, so it is not read as two days.
    expect(normalise('sign 2day, ends in 2days').text).toBe('sign 2day, ends in 2 days');
  });

  it('reads a placeholder as what its name says it holds, and a flag covers the placeholder whole', () => {
    expect(normalise('{{competitor}} signed; offer ends [date] at {{time}}; {{discount}} off; {{spots_left}} left').text).toBe(
      'Rivalco signed; offer ends Friday at 5 pm; 20% off; 5 left',
    );
    expect(flagged('Offer ends {{date}}, {{first_name}}.')).toEqual([['offer-expires', 'Offer ends {{date}}']]);
    expect(flagged('[Competitor Name] just signed with us.')).toEqual([['rival-already-ahead', '[Competitor Name] just signed']]);
  });

  it('reads the commonest misspellings as spelled, keeping the span of the word as typed', () => {
    const text = 'Alot of buisness ends Tommorow';
    const n = normalise(text);
    expect(n.text).toBe('A lot of business ends Tomorrow');
    const at = n.text.indexOf('Tomorrow');
    expect(text.slice(...originalSpan(n, at, at + 'Tomorrow'.length))).toBe('Tommorow');
    expect(flagged('This oppurtunity won’t last')).toEqual([['wont-last', 'oppurtunity won’t last']]);
  });
});

describe('text the engine used to miss', () => {
  it.each([
    ['Off\u200Ber exp\u00ADires tonight!', 'urgency'],
    ['OFFER ENDS TONIGHT', 'urgency'],
    ['Hi {{first_name}}, just a few seats remain!', 'urgency'],
    ['Should I go ahead and reserve your seats?', 'closing'],
    ['Can I get your card details to lock this in?', 'closing'],
    ['I need your decision before my quarter ends.', 'closing'],
    ['Most teams figured this out years ago.', 'shame'],
    ['I assumed you cared about your customers.', 'shame'],
    ['No thanks, I enjoy wasting time.', 'shame'],
    ['Fourth attempt to reach you.', 'urgency'],
    ['This could be the most valuable call you take this year.', 'self-centred'],
    ['Allow me to share a bit about my background.', 'self-centred'],
  ])('flags %s as %s, on words of the original text', (text, category) => {
    const findings = rulesOnly.lint(text).findings;
    expect(findings.map((f) => f.category)).toContain(category);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('leaves ordinary notes alone', () => {
    for (const text of [
      'I was out sick yesterday, I’ll call you tomorrow.',
      'We’ll finalize the agenda on Tuesday.',
      'Your password expires on March 3.',
      'No thanks, I’m all set.',
      'Following up on your question about the VPN.',
    ]) {
      expect(flagged(text), text).toEqual([]);
    }
  });
});

describe('concept frames', () => {
  const concepts = loadConcepts(
    {
      'rules/concepts/Deal.json': { note: 'things a seller is offering', terms: ['{offer}', 'deal'] },
      'rules/concepts/Stop.json': { note: 'words that end something', terms: ['{expire}', 'goes away'] },
    },
    inflections,
  );
  const raw = {
      category: 'urgency',
      severity: 'medium',
      frames: [{ all: ['Deal', 'Stop'], within: 3, ordered: true }],
      message: 'clock',
      why: 'why',
      advice: 'advice',
      examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e'] },
  };
  const [rule] = loadRulePack({ 'rules/ends.json': raw });
  const pack = compilePack([rule!], undefined, concepts);

  it('matches the concepts in order within the window, with a tight span', () => {
    const text = 'Heads up: the offer expires soon.';
    const [hit] = matchSentence(pack, text);
    expect(text.slice(hit!.start, hit!.end)).toBe('offer expires');
  });

  it('reads texting shorthand as the words it stands for, in terms and drafts alike, but not initials', () => {
    const shorthand = loadConcepts(
      {
        'rules/concepts/Soon.json': { note: 'a deadline in texting shorthand', terms: ['b4 2nite'] },
        'rules/concepts/You.json': { note: 'the reader, spelled out', terms: ['are you'] },
      },
      inflections,
    );
    const [soon] = loadRulePack({ 'rules/soon.json': { ...raw, frames: [{ all: ['Soon'], within: 3, ordered: false }] } });
    const [you] = loadRulePack({ 'rules/you.json': { ...raw, frames: [{ all: ['You'], within: 3, ordered: false }] } });
    const spans = (rule: typeof soon, text: string) => matchSentence(compilePack([rule!], undefined, shorthand), text).map((h) => text.slice(h.start, h.end));
    expect(spans(soon, 'Reply before tonight!')).toEqual(['before tonight']);
    expect(spans(soon, 'Reply B4 2NITE!')).toEqual(['B4 2NITE']);
    expect(spans(you, 'r u in?')).toEqual(['r u']);
    expect(spans(you, 'The U.S. r&d unit is u-shaped.')).toEqual([]);
  });

  it('does not match out of order, too far apart, or across a clause break', () => {
    expect(matchSentence(pack, 'It expires, the offer.')).toEqual([]);
    expect(matchSentence(pack, 'The offer for the big red boat expires.')).toEqual([]);
    expect(matchSentence(pack, 'The deal; it goes away.')).toEqual([]);
  });

  it('names the file and field of a frame that uses an unknown concept', () => {
    const [bad] = loadRulePack({ 'rules/bad.json': { ...raw, frames: [{ all: ['Deal', 'Nope'], within: 4 }] } });
    expect(() => compilePack([bad!], undefined, concepts)).toThrow('rules/bad.json: frames[0].all[1]: no concept "Nope" in rules/concepts/');
  });

  it('rejects a concept file with a bad term, naming file and field', () => {
    expect(() => loadConcepts({ 'rules/concepts/Bad.json': { note: 'a note that is long enough', terms: ['ok', 'Not Lowercase'] } }, inflections)).toThrow(
      'rules/concepts/Bad.json: terms[1]',
    );
  });
});

describe('rules that read the sentences before', () => {
  it('a follows rule speaks only after its concept', () => {
    expect(flagged('Over 3,000 dentists trust us. Why don\'t you?').map(([id]) => id)).toContain('peers-then-you');
    expect(flagged('We met at the conference. Why don\'t you?').map(([id]) => id)).not.toContain('peers-then-you');
  });

  it('an unlessAfter rule is silenced by its concept in either of the two sentences before, and only there', () => {
    const clock = (text: string) => flagged(text).filter(([id]) => id === 'clock-talk');
    expect(clock('It expires in 10 minutes.')).toEqual([['clock-talk', 'expires in 10 minutes']]);
    expect(clock('Use code SAVE20 at checkout. It expires in 10 minutes.')).toEqual([['clock-talk', 'expires in 10 minutes']]);
    expect(clock('Your verification code is 583920. It expires in 10 minutes.')).toEqual([]);
    expect(clock('Your login code is 8812. Never share it. It expires in 10 minutes.')).toEqual([]);
    expect(clock('Your login code is 8812. Thanks for shopping. Great deals inside. It expires in 10 minutes.')).toEqual([
      ['clock-talk', 'expires in 10 minutes'],
    ]);
  });

  it('names the file and field of an unlessAfter concept that does not exist or is misspelt', () => {
    const concepts = loadConcepts({ 'rules/concepts/Deal.json': { note: 'things a seller is offering', terms: ['deal'] } }, inflections);
    const raw = { category: 'urgency', severity: 'medium', patterns: ['deal ends'], message: 'm', why: 'w', advice: 'a', examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e'] } };
    const [bad] = loadRulePack({ 'rules/bad.json': { ...raw, unlessAfter: ['Nope'] } });
    expect(() => compilePack([bad!], undefined, concepts)).toThrow('rules/bad.json: unlessAfter[0]: no concept "Nope" in rules/concepts/');
    expect(() => loadRulePack({ 'rules/bad.json': { ...raw, unlessAfter: ['lower case'] } })).toThrow('rules/bad.json: unlessAfter[0]');
  });
});

describe('learned findings and context', () => {
  it('learned findings name a category, give advice instead of a rewrite, and can be switched off', () => {
    // Training leaves urgency's and closing's scorers speaking today (see README, Learned scorer). The sentence is one
    // no rule catches and urgency's scorer flags; recheck it after each retrain.
    const text = 'Give before 11:59 p.m. to double your donation.';
    const on = createLinter().lint(text).findings.filter((f) => f.ruleId.startsWith('learned-'));
    const off = createLinter({ learned: false }).lint(text).findings.filter((f) => f.ruleId.startsWith('learned-'));
    expect(off).toEqual([]);
    expect(on.map((f) => f.category)).toEqual(['urgency']);
    for (const f of on) {
      expect(f.rewrites).toEqual([]);
      expect(f.advice).toBeTruthy();
      expect(f.why).toMatch(/learned check/);
      expect(text.slice(f.start, f.end)).toBe(f.text);
    }
  });

  it('internal mail hears only the strongest rules; a reply is not judged as a self-centred pitch', () => {
    const medium = 'Most teams figured this out years ago.';
    expect(flagged(medium).length).toBeGreaterThan(0);
    expect(flagged(medium, createLinter({ learned: false, context: { audience: 'internal' } }))).toEqual([]);
    const bio =
      'Founded in 2009, Acme has served over 4,000 clients. Our award-winning platform handles payroll in 30 countries. A bit about me: I have 15 years of experience in HR tech. Our clients include Nike and Shell. Happy to chat.';
    expect(flagged(bio).some(([id]) => id === 'mostly-about-us')).toBe(true);
    expect(flagged(bio, createLinter({ learned: false, context: { reply: true } })).some(([id]) => id === 'mostly-about-us')).toBe(false);
  });
});
