// Chip and card placement: off the user's words, off other text boxes, inside the viewport.
import { describe, expect, it } from 'vitest';
import { cardPosition, placeChip, type Box } from '../../src/content/placement';

const viewport = { width: 1280, height: 720 };
const chip = { width: 84, height: 24 };
const box: Box = { left: 100, top: 100, right: 700, bottom: 400 };
const chipBox = (p: { left: number; top: number }): Box => ({ left: p.left, top: p.top, right: p.left + chip.width, bottom: p.top + chip.height });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('chip placement', () => {
  it('sits in the bottom-right corner of the box when the text ends above it', () => {
    const p = placeChip({ box, textEnd: { left: 300, top: 120, right: 308, bottom: 138 }, singleLine: false, chip, viewport, avoid: [box] });
    expect(p.top + chip.height).toBeLessThanOrEqual(box.bottom);
    expect(p.top).toBeGreaterThan(138);
    expect(p.left + chip.width).toBeLessThanOrEqual(box.right);
  });

  it('goes outside the box, off every text box, when the text reaches the corner', () => {
    const below: Box = { left: 100, top: 410, right: 700, bottom: 600 };
    const p = placeChip({ box, textEnd: { left: 650, top: 380, right: 658, bottom: 398 }, singleLine: false, chip, viewport, avoid: [box, below] });
    expect(overlaps(chipBox(p), box)).toBe(false);
    expect(overlaps(chipBox(p), below)).toBe(false);
  });

  it('keeps a subject line chip off the body below it, and inside the subject when the subject is short', () => {
    const subject: Box = { left: 100, top: 60, right: 700, bottom: 90 };
    const short = placeChip({ box: subject, textEnd: { left: 200, top: 65, right: 207, bottom: 85 }, singleLine: true, chip, viewport, avoid: [subject, box] });
    expect(overlaps(chipBox(short), box)).toBe(false);
    expect(short.left).toBeGreaterThan(207);
    const long = placeChip({ box: subject, textEnd: { left: 690, top: 65, right: 697, bottom: 85 }, singleLine: true, chip, viewport, avoid: [subject, box] });
    expect(overlaps(chipBox(long), box)).toBe(false);
    expect(overlaps(chipBox(long), subject)).toBe(false);
  });

  it('stays inside the viewport', () => {
    const full: Box = { left: 0, top: 0, right: 1280, bottom: 2000 };
    const p = placeChip({ box: full, textEnd: { left: 10, top: 1900, right: 20, bottom: 1920 }, singleLine: false, chip, viewport, avoid: [full] });
    expect(p.left).toBeGreaterThanOrEqual(0);
    expect(p.top + chip.height).toBeLessThanOrEqual(viewport.height);
  });
});

describe('card placement', () => {
  const size = { width: 320, height: 300 };
  it('opens below the phrase when there is room', () => {
    expect(cardPosition({ left: 50, top: 100, bottom: 118 }, size, viewport)).toEqual({ left: 50, top: 124 });
  });
  it('flips above the phrase near the bottom, and is pulled in from the right edge', () => {
    const p = cardPosition({ left: 1200, top: 600, bottom: 618 }, size, viewport);
    expect(p.top + size.height).toBeLessThanOrEqual(600);
    expect(p.left + size.width).toBeLessThanOrEqual(viewport.width);
  });
  it('stays inside a viewport too short for either side', () => {
    const p = cardPosition({ left: 10, top: 150, bottom: 170 }, size, { width: 400, height: 320 });
    expect(p.top).toBeGreaterThanOrEqual(8);
    expect(p.top + size.height).toBeLessThanOrEqual(320);
  });
});
