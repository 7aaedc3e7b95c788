import { describe, expect, it } from 'vitest';
import { storable, storableJson } from './ingest.ts';

describe('storable text for PostgreSQL', () => {
  it('replaces NUL and lone surrogates one code unit for one', () => {
    const cut = '😂'.slice(0, 1);
    expect(storable(`a\u0000b${cut}`)).toBe('a\uFFFDb\uFFFD');
    expect(storable('ok 😂')).toBe('ok 😂');
  });
  it.each([
    [{ t: `x${'😂'.slice(0, 1)}` }, { t: 'x\uFFFD' }],
    [{ t: `${'😂'.slice(1)}y` }, { t: '\uFFFDy' }],
    [{ t: 'a\u0000b' }, { t: 'a\uFFFDb' }],
    [{ t: '\\u0000 is text' }, { t: '\\u0000 is text' }],
    [{ t: '\\\u0000' }, { t: '\\\uFFFD' }],
    [{ t: '😂 fine' }, { t: '😂 fine' }],
  ])('%j → %j', (input, output) => {
    expect(JSON.parse(storableJson(JSON.stringify(input)))).toEqual(output);
  });
});
