import { describe, expect, it } from 'vitest';
import { canonicalContent, casePlaceText, labelOfDecision, packsCovering, postKey } from './monitoring.ts';

describe('postKey', () => {
  it.each([
    ['x:1790', undefined, 'x', '1790'],
    ['x:1790', 'x', 'x', '1790'],
    ['1790', 'x', 'x', '1790'],
    ['fb:123', 'facebook', 'facebook', 'fb:123'],
    ['youtube:abc:def', undefined, 'youtube', 'abc:def'],
    ['plain-id', undefined, 'other', 'plain-id'],
    ['x:', undefined, 'x', 'x:'],
    ['tiktok:9', 'myspace', 'tiktok', '9'],
  ])('%s with platform %s → %s / %s', (id, platform, p, postId) => {
    expect(postKey(id, platform)).toEqual({ platform: p, postId });
  });
});

describe('canonicalContent', () => {
  it('is the same for the same words in another encoding or line ending', () => {
    expect(canonicalContent('Cafe\u0301\r\nok  ')).toBe(canonicalContent('Café\nok'));
  });
  it('changes with the text or the media', () => {
    expect(canonicalContent('a')).not.toBe(canonicalContent('b'));
    expect(canonicalContent('a', ['u1'])).not.toBe(canonicalContent('a', ['u2']));
    expect(canonicalContent('a', [])).toBe(canonicalContent('a'));
  });
});

describe('packsCovering', () => {
  const packs = [
    { id: 'pilpres', region_code: '00' },
    { id: 'kaltim', region_code: '64' },
    { id: 'balikpapan', region_code: '64.71' },
    { id: 'kalsel', region_code: '63' },
  ];
  it.each([
    ['64.71', ['pilpres', 'kaltim', 'balikpapan']],
    ['64.71.01', ['pilpres', 'kaltim', 'balikpapan']],
    ['64.72', ['pilpres', 'kaltim']],
    ['64', ['pilpres', 'kaltim']],
    ['63.71', ['pilpres', 'kalsel']],
    ['00', ['pilpres']],
    [null, ['pilpres']],
  ])('%s → %j', (region, ids) => {
    expect(packsCovering(packs, region).map((p) => p.id)).toEqual(ids);
  });
  it('does not treat a code prefix without a dot as covering (64.7 vs 64.71)', () => {
    expect(packsCovering([{ region_code: '64.7' }], '64.71')).toEqual([]);
  });
});

describe('labelOfDecision', () => {
  it.each([
    [{ kind: 'confirm' } as const, { flag: true }],
    [{ kind: 'dismiss', reason: 'not_partisan' } as const, { flag: false }],
    [{ kind: 'dismiss', reason: 'not_asn' } as const, { flag: true }],
    [{ kind: 'dismiss', reason: 'duplicate' } as const, null],
    [{ kind: 'dismiss', reason: 'out_of_jurisdiction' } as const, null],
  ])('%j → %j', (d, label) => {
    expect(labelOfDecision(d)).toEqual(label);
  });
});

describe('casePlaceText', () => {
  it('names the platform of a case opened from an alert, as letters write it', () => {
    expect(casePlaceText('x', 'alert')).toBe('media sosial X (Twitter)');
    expect(casePlaceText('tiktok', 'alert')).toBe('media sosial TikTok');
  });

  it('keeps any other place as written', () => {
    expect(casePlaceText('x', 'finding')).toBe('x');
    expect(casePlaceText('Aula Kantor Bupati', 'alert')).toBe('Aula Kantor Bupati');
    expect(casePlaceText(null, 'alert')).toBeNull();
  });
});
