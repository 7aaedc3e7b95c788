import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GESTURE_ONE, GESTURE_THREE, GESTURE_TWO, normalise, normaliseEveryStep } from './normalise.ts';

describe('normalise', () => {
  it.each([
    ['G a n j a r', 'ganjar'],
    ['P.r.a.b.o.w.o', 'prabowo'],
    ['pr4bowo gibr4n', 'prabowo gibran'],
    ['h3ra 4nies', 'hera anies'],
    ['mantaaap bangettt', 'mantap banget'],
    ['𝗔𝗠𝗜𝗡', 'amin'],
    ['café', 'cafe'],
    ['2️⃣', '2'],
    ['#AMIN2024', '#amin2024'],
    ['B4yu S4mudr4', 'bayu samudra'],
    ['ibu2 tps3 covid19', 'ibu2 tps3 covid19'],
  ])('%s → %s', (input, expected) => {
    expect(normalise(input).text).toBe(expected);
  });

  it('maps gesture emoji (with skin tones and variation selectors) to stand-ins', () => {
    expect(normalise('☝️ ✌🏽 🤟').text).toBe(`${GESTURE_ONE} ${GESTURE_TWO} ${GESTURE_THREE}`);
  });

  it('keeps offsets back to the original text', () => {
    const text = 'Salam 2️⃣ dari G a n j a r';
    const n = normalise(text);
    const at = n.text.indexOf('ganjar');
    expect(text.slice(n.start[at]!, n.end[at + 5]!)).toBe('G a n j a r');
  });

  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalise(s).text;
        expect(normalise(once).text).toBe(once);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('is idempotent on leetspeak-like and spaced input', () => {
    const alphabet = fc.constantFrom(...'aaabcgiknoprs 0134. #2'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const once = normalise(chars.join('')).text;
        expect(normalise(once).text).toBe(once);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  it('gives every output character a non-empty, ordered range inside the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const n = normalise(s);
        expect(n.start.length).toBe(n.text.length);
        expect(n.end.length).toBe(n.text.length);
        let prev = 0;
        for (let i = 0; i < n.text.length; i++) {
          expect(n.start[i]!).toBeGreaterThanOrEqual(prev);
          expect(n.end[i]!).toBeGreaterThan(n.start[i]!);
          expect(n.end[i]!).toBeLessThanOrEqual(s.length);
          prev = n.start[i]!;
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('skips only steps that cannot change the result (same text and offsets as running every step)', () => {
    const same = (s: string) => {
      const fast = normalise(s);
      const ref = normaliseEveryStep(s);
      expect(fast.text).toBe(ref.text);
      expect([...fast.start]).toEqual([...ref.start]);
      expect([...fast.end]).toEqual([...ref.end]);
    };
    const alphabet = fc.constantFrom(...'aaabcgiknoprs 0134. -_#2\n✌️É'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => same(chars.join(''))),
      { numRuns: 5000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), same), { numRuns: 2000 });
    for (const s of ['ibu2 pagi2', 'pr4bowo', '4nies', 'aa4a', 'G a n j a r', 'k 4 a', 'mantaaap', 'a.b.c'])
      same(s);
  }, 60_000);
});
