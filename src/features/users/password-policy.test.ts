import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblems } from './password-policy.ts';

describe('password rules (NIST SP 800-63B)', () => {
  it.each([
    ['short1', false],
    ['correct horse battery staple', true],
    ['Bismillah123!', false],
    ['password1234', false],
    ['aaaaaaaaaaaaaaa', false],
    ['1234567890123', false],
    ['kucing-oranye-di-atap-rumah', true],
    ['ꦲꦏ꧀ꦱꦫꦗꦮ ꦲꦏ꧀ꦱꦫ', true],
    ['🔥🌋🌊🌪️🌈⚡️❄️☀️🌙⭐️🌍🪐', true],
  ])('%s acceptable: %s', (pw, ok) => {
    expect(passwordProblems(pw).length === 0).toBe(ok);
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblems('analis.kalsel-rahasia', { username: 'analis.kalsel' })).toContain(
      'memuat nama pengguna / contains the username',
    );
  });

  it('has no composition rules: any long random string without the username passes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: MIN_PASSWORD_LENGTH + 4, maxLength: 60 }),
        (pw) => {
          fc.pre([...pw.normalize('NFKC')].length >= MIN_PASSWORD_LENGTH);
          fc.pre(new Set(pw).size > 4);
          const problems = passwordProblems(pw);
          expect(problems.filter((p) => !/umum|urutan|aplikasi/.test(p))).toEqual([]);
        },
      ),
    );
  });

  it('allows at least 64 characters', () => {
    expect(passwordProblems('kata sandi panjang '.repeat(4).slice(0, 64))).toEqual([]);
    expect(passwordProblems(`${'x'.repeat(MAX_PASSWORD_LENGTH + 1)}y`).length).toBeGreaterThan(0);
  });
});
