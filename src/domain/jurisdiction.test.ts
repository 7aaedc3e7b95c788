import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithinJurisdiction, regionAncestry, regionLevel } from './jurisdiction.ts';

describe('isWithinJurisdiction', () => {
  it.each([
    ['64.71', '00', true],
    ['64.71', '64', true],
    ['64.71.01', '64.71', true],
    ['64.71', '64.71', true],
    ['64', '64.71', false],
    ['64.72', '64.71', false],
    ['64.710', '64.71', false],
    ['63.71', '64', false],
    ['6', '64', false],
  ])('%s within %s → %s', (code, root, expected) => {
    expect(isWithinJurisdiction(code, root)).toBe(expected);
  });

  const code = fc
    .array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.map((p) => String(p).padStart(2, '0')).join('.'));

  it('every ancestor contains its descendant, and nothing outside the chain is an ancestor', () => {
    fc.assert(
      fc.property(code, code, (a, b) => {
        const ancestors = regionAncestry(a);
        for (const root of ancestors) expect(isWithinJurisdiction(a, root)).toBe(true);
        if (!ancestors.includes(b)) expect(isWithinJurisdiction(a, b)).toBe(false);
      }),
    );
  });

  it('levels count the segments', () => {
    expect(regionLevel('00')).toBe(0);
    expect(regionLevel('64')).toBe(1);
    expect(regionLevel('64.71')).toBe(2);
    expect(regionLevel('64.71.01')).toBe(3);
  });
});
