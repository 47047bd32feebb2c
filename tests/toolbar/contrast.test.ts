// Checks WCAG AA contrast of the badge tints and of the popup/options theme, in light and dark mode.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_INFO, categoryColoursCss } from '../../src/shared/categories';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The custom properties of the first rule block after `marker` in theme.css. */
function palette(css: string, marker: string): Record<string, string> {
  const start = css.indexOf(marker);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

const css = readFileSync(new URL('../../src/shared/theme.css', import.meta.url), 'utf8');
// The category colours join the theme the way the pages get them: appended from categories.ts.
const withCategories = (theme: Record<string, string>, dark: boolean) => ({
  ...theme,
  ...Object.fromEntries(Object.entries(CATEGORY_INFO).map(([c, i]) => [`cat-${c}`, dark ? i.darkColour : i.colour])),
});
const THEMES = { light: withCategories(palette(css, ':root {'), false), dark: withCategories(palette(css, '@media (prefers-color-scheme: dark)'), true) };

describe('badge colours', () => {
  it('keep white badge text at AA (4.5:1) on every category tint', () => {
    for (const [category, info] of Object.entries(CATEGORY_INFO)) expect(contrast(info.colour, '#ffffff'), category).toBeGreaterThanOrEqual(4.5);
  });
});

describe('category colours', () => {
  it('come only from src/shared/categories.ts: theme.css defines none of its own', () => {
    expect(css).not.toMatch(/--cat-[\w-]+\s*:/);
  });
  it('are written to --cat-* for light and dark from categories.ts', () => {
    const sheet = categoryColoursCss();
    expect(palette(sheet, ':root {')).toEqual(Object.fromEntries(Object.entries(CATEGORY_INFO).map(([c, i]) => [`cat-${c}`, i.colour])));
    expect(palette(sheet, '@media (prefers-color-scheme: dark)')).toEqual(Object.fromEntries(Object.entries(CATEGORY_INFO).map(([c, i]) => [`cat-${c}`, i.darkColour])));
  });
});

describe.each(Object.entries(THEMES))('%s theme', (_name, colours) => {
  it('has every colour the pages use', () => {
    expect(Object.keys(colours).length).toBeGreaterThan(20);
  });
  it('meets AA for text (4.5:1) on page and surface backgrounds', () => {
    for (const text of ['text', 'muted', 'accent', 'danger', 'ok', 'reader', 'self']) {
      for (const bg of ['bg', 'surface']) expect(contrast(colours[text]!, colours[bg]!), `${text} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(colours['accent-text']!, colours.accent!), 'button text').toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.text!, colours.mark!), 'highlighted phrase').toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.text!, colours['surface-strong']!), 'hovered button').toBeGreaterThanOrEqual(4.5);
  });
  it('meets 3:1 for focus rings, bars and category marks against the background', () => {
    for (const mark of ['focus', 'reader', 'self', 'band-warm', 'band-mixed', 'band-pushy', 'cat-shame', 'cat-closing', 'cat-urgency', 'cat-self-centred']) {
      expect(contrast(colours[mark]!, colours.bg!), mark).toBeGreaterThanOrEqual(3);
    }
  });
});
