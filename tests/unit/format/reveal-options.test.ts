import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkOptionValue,
  isRevealOption,
  REVEAL_OPTION_TYPES,
  RESERVED_OPTION_KEYS,
  type OptionKind,
} from '../../../src/format/reveal-options.ts';
import type { JsonValue } from '../../../src/format/types.ts';

const ROWS = Object.entries(REVEAL_OPTION_TYPES);

/** Values that fit each kind, derived here independently of the checker. */
const GOOD: Record<OptionKind, JsonValue[]> = {
  boolean: [true, false],
  false: [false],
  null: [null],
  number: [0, 1.5, -1, 5000],
  string: ['', 'ease-in-out', 'alert(1)'],
  strings: [[], ['opacity', 'color']],
  object: [{}, { smartypants: true }],
  size: [960, 0.5, '960', '100%', '80.5%'],
};

/** One sample of every shape, with the kinds it belongs to: it fits a row exactly when they meet. */
const SAMPLES: { value: JsonValue; kinds: OptionKind[] }[] = [
  { value: true, kinds: ['boolean'] },
  { value: false, kinds: ['boolean', 'false'] },
  { value: null, kinds: ['null'] },
  { value: 7, kinds: ['number', 'size'] },
  { value: 'alert(1)', kinds: ['string'] },
  { value: '100%', kinds: ['string', 'size'] },
  { value: '960px', kinds: ['string'] },
  { value: ['opacity'], kinds: ['strings'] },
  { value: [1], kinds: [] },
  { value: { a: 1 }, kinds: ['object'] },
];

describe('the option table', () => {
  it('has a row for every key of RevealConfig in reveal.js/dist/config.d.ts (plugins and dependencies belong to the page)', () => {
    const source = readFileSync('node_modules/reveal.js/dist/config.d.ts', 'utf8');
    const body = source.slice(source.indexOf('interface RevealConfig {'), source.indexOf('declare const defaultConfig'));
    const keys = [...body.matchAll(/^ {4}(\w+)\?:/gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(80);
    for (const key of keys) {
      if (key === 'plugins' || key === 'dependencies') expect(RESERVED_OPTION_KEYS).toContain(key);
      else expect(REVEAL_OPTION_TYPES, key).toHaveProperty(key);
    }
  });

  it('knows every row as a reveal.js option', () => {
    for (const [key] of ROWS) expect(isRevealOption(key), key).toBe(true);
  });

  it('leaves keys it does not know alone (plugins take anything)', () => {
    expect(checkOptionValue('menu', 'alert(1)')).toBeNull();
    expect(checkOptionValue('contorls', 42)).toBeNull();
  });
});

describe.each(ROWS)('%s', (key, type) => {
  it('takes every value of its kinds and each of its strings', () => {
    const good = [...type.accepts.flatMap((kind) => GOOD[kind]), ...(type.values ?? [])];
    expect(good.length).toBeGreaterThan(0);
    for (const value of good) expect(checkOptionValue(key, value), JSON.stringify(value)).toBeNull();
  });

  it('refuses the values of other kinds, saying what it takes', () => {
    for (const { value, kinds } of SAMPLES) {
      const fits = kinds.some((kind) => type.accepts.includes(kind));
      const result = checkOptionValue(key, value);
      if (fits) {
        expect(result, JSON.stringify(value)).toBeNull();
      } else {
        expect(result, JSON.stringify(value)).not.toBeNull();
        expect(result!.expected).toMatch(/\S/);
      }
    }
  });

  it('suggests a value that fits for a near miss: a misspelt string, a quoted number, true, false or null', () => {
    for (const member of type.values ?? []) {
      expect(checkOptionValue(key, member.toUpperCase())).toMatchObject({ suggestion: member });
      if (member.length >= 4) {
        const misspelt = member.slice(0, 1) + member.slice(2);
        expect(checkOptionValue(key, misspelt), misspelt).toMatchObject({ suggestion: member });
      }
    }
    if (type.accepts.includes('size')) {
      expect(checkOptionValue(key, '960px')).toEqual({ expected: expect.any(String), suggestion: 960 });
    } else if (type.accepts.includes('number')) {
      expect(checkOptionValue(key, '0.1')).toEqual({ expected: expect.any(String), suggestion: 0.1 });
    }
    if (type.accepts.includes('boolean')) {
      expect(checkOptionValue(key, 'true')).toMatchObject({ suggestion: true });
      expect(checkOptionValue(key, 'false')).toMatchObject({ suggestion: false });
    }
    if (type.accepts.includes('null') && !type.accepts.includes('string')) {
      expect(checkOptionValue(key, 'null')).toMatchObject({ suggestion: null });
    }
    // Nothing to suggest for a value that is nowhere near.
    if (!type.accepts.includes('string')) expect(checkOptionValue(key, 'alert(1)')).toEqual({ expected: expect.any(String) });
  });
});

describe('what an option takes, in words', () => {
  it.each([
    ['width', 'a number of pixels or a percentage such as "80%"'],
    ['margin', 'a number'],
    ['controls', 'true, false, "speaker" or "speaker-only"'],
    ['controlsLayout', '"edges" or "bottom-right"'],
    ['slideNumber', 'true, false, "h.v", "h/v", "c" or "c/t"'],
    ['autoSlide', 'a number or false'],
    ['view', 'null, "print" or "scroll"'],
    ['keyboard', 'true, false or an object'],
    ['markdown', 'an object'],
    ['autoAnimateStyles', 'a list of strings'],
  ])('%s: %s', (key, expected) => {
    expect(checkOptionValue(key, [1])).toEqual({ expected });
  });

  it('is lenient where reveal.js is: a size as a string of digits, a percentage, a whole or decimal number', () => {
    for (const value of ['960', '1024', '80%', 1600]) expect(checkOptionValue('width', value)).toBeNull();
    expect(checkOptionValue('width', 'alert(1)')).toEqual({ expected: 'a number of pixels or a percentage such as "80%"' });
  });

  it('refuses numbers that JSON cannot carry to the page', () => {
    expect(checkOptionValue('margin', Number.NaN)).not.toBeNull();
    expect(checkOptionValue('pdfMaxPagesPerSlide', Number.POSITIVE_INFINITY)).not.toBeNull();
  });
});
