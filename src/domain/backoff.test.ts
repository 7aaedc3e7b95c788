import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, retryAfterMs } from './backoff.ts';

const now = new Date('2026-12-02T07:00:00Z');

describe('retryAfterMs', () => {
  it.each([
    [{ retryAfter: '120' }, 120_000],
    [{ retryAfter: ' 0 ' }, 0],
    [{ retryAfter: 'Wed, 02 Dec 2026 07:00:30 GMT' }, 30_000],
    [{ retryAfter: 'Wed, 02 Dec 2026 06:59:00 GMT' }, 0],
    [{ retryAfter: 'soon' }, undefined],
    [{ retryAfter: '-5' }, undefined],
    [{ rateLimitReset: String(now.getTime() / 1000 + 900) }, 900_000],
    [{ rateLimitReset: String(now.getTime() / 1000 - 10) }, 0],
    [{ retryAfter: '7', rateLimitReset: String(now.getTime() / 1000 + 900) }, 7_000],
    [{ retryAfter: 'garbage', rateLimitReset: String(now.getTime() / 1000 + 60) }, 60_000],
    [{}, undefined],
    [{ retryAfter: null, rateLimitReset: null }, undefined],
  ])('%j → %s ms', (hints, expected) => {
    expect(retryAfterMs(hints, now)).toBe(expected);
  });
});

describe('backoffMs', () => {
  it.each([
    [1, 0.5, 500],
    [2, 0.5, 1_000],
    [3, 0.999, 3_996],
    [10, 0.5, 30_000], // capped at 60 s
    [30, 0.999_999, 59_999],
    [1, 0, 0],
  ])('attempt %i with random %f → %i ms', (attempt, r, expected) => {
    expect(backoffMs(attempt, () => r)).toBe(expected);
  });

  it('never exceeds the cap and is never negative', () => {
    for (let attempt = 1; attempt < 50; attempt++) {
      const d = backoffMs(attempt, Math.random, { baseMs: 250, capMs: 5_000 });
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(5_000);
    }
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [429, true],
    [408, true],
    [500, true],
    [502, true],
    [503, true],
    [501, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [200, false],
  ])('%i → %s', (status, expected) => expect(isRetryableStatus(status)).toBe(expected));
});
