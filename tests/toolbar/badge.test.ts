// Unit tests for the toolbar badge's text, tint and tooltip.
import { describe, expect, it } from 'vitest';
import { badgeColour, badgeText, badgeTitle } from '../../src/background/badge';
import { CATEGORY_INFO } from '../../src/shared/categories';

describe('badge', () => {
  it('is empty for no findings and caps long counts', () => {
    expect([0, 1, 9, 99, 100, 1234].map(badgeText)).toEqual(['', '1', '9', '99', '99+', '99+']);
  });
  it('takes the worst category’s tint, and the mildest for anything unknown', () => {
    expect(badgeColour('shame')).toBe(CATEGORY_INFO.shame.colour);
    expect(badgeColour('closing')).toBe(CATEGORY_INFO.closing.colour);
    expect(badgeColour('rudeness')).toBe(CATEGORY_INFO['self-centred'].colour);
    expect(badgeColour(null)).toBe(CATEGORY_INFO['self-centred'].colour);
  });
  it('says how many phrases to review in the tooltip', () => {
    expect([0, 1, 3].map(badgeTitle)).toEqual(['Rapport', 'Rapport — 1 phrase to review', 'Rapport — 3 phrases to review']);
  });
});
