import { describe, expect, it } from 'vitest';
import { parseWebhookBody, signatureHeader, signPayload, verifySignature } from './webhook.ts';

const SECRET = 'whsec_test-secret';
const OLD = 'whsec_old-secret';
const body = Buffer.from('{"posts":[{"id":"x:1","text":"halo"}]}');
const now = new Date('2026-12-02T07:00:00Z');
const t = now.getTime() / 1000;

describe('verifySignature', () => {
  it('computes HMAC-SHA256 over "<t>.<body>" (a known vector)', () => {
    // printf '%s' "$T.$BODY" | openssl dgst -sha256 -hmac whsec_test-secret (docs/connectors.md)
    expect(t).toBe(1796194800);
    expect(signPayload(SECRET, t, body)).toBe(
      'c08790b61aa3f698cefe21ee82cab01aca134d12a6c8daf59a1a555ca9a74142',
    );
  });

  it.each([
    ['valid', signatureHeader(SECRET, t, body), [SECRET], { ok: true }],
    ['valid, old secret during rotation', signatureHeader(OLD, t, body), [SECRET, OLD], { ok: true }],
    [
      'valid, two v1 values',
      `t=${t},v1=${'0'.repeat(64)},v1=${signPayload(SECRET, t, body)}`,
      [SECRET],
      { ok: true },
    ],
    ['missing', undefined, [SECRET], { ok: false, reason: 'missing' }],
    ['empty', '', [SECRET], { ok: false, reason: 'missing' }],
    ['no timestamp', `v1=${signPayload(SECRET, t, body)}`, [SECRET], { ok: false, reason: 'malformed' }],
    ['not hex', `t=${t},v1=zz`, [SECRET], { ok: false, reason: 'malformed' }],
    ['old secret after rotation', signatureHeader(OLD, t, body), [SECRET], { ok: false, reason: 'mismatch' }],
    ['other body', signatureHeader(SECRET, t, '{"posts":[]}'), [SECRET], { ok: false, reason: 'mismatch' }],
    [
      'timestamp changed',
      `t=${t + 1},v1=${signPayload(SECRET, t, body)}`,
      [SECRET],
      { ok: false, reason: 'mismatch' },
    ],
    ['301 s old', signatureHeader(SECRET, t - 301, body), [SECRET], { ok: false, reason: 'expired' }],
    ['301 s ahead', signatureHeader(SECRET, t + 301, body), [SECRET], { ok: false, reason: 'expired' }],
    ['299 s old', signatureHeader(SECRET, t - 299, body), [SECRET], { ok: true }],
  ])('%s', (_name, header, secrets, expected) => {
    expect(verifySignature({ header, body, secrets, now })).toMatchObject(expected);
  });
});

describe('parseWebhookBody', () => {
  it('accepts { posts }, a bare array and JSON Lines', () => {
    expect(parseWebhookBody(body, 'application/json')).toEqual({
      ok: true,
      posts: [{ id: 'x:1', text: 'halo' }],
    });
    expect(parseWebhookBody(Buffer.from('[{"id":"a","text":""}]'), 'application/json')).toMatchObject({
      ok: true,
    });
    expect(
      parseWebhookBody(
        Buffer.from('{"id":"a","text":"1"}\n\n{"id":"b","text":"2"}\n'),
        'application/x-ndjson',
      ),
    ).toMatchObject({ ok: true, posts: [{ id: 'a' }, { id: 'b' }] });
  });

  it('refuses the whole batch, naming each bad post', () => {
    const r = parseWebhookBody(
      Buffer.from('{"posts":[{"id":"a","text":"ok"},{"text":"no id"},{"id":"c"}]}'),
      'application/json',
    );
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.details.map((d) => d.field)).toEqual(['posts.1.id', 'posts.2.text']);
    const lines = parseWebhookBody(Buffer.from('{"id":"a","text":"1"}\n{oops\n'), 'application/x-ndjson');
    expect(lines).toEqual({
      ok: false,
      details: [{ field: 'baris 2', row: 2, message: 'JSON tidak valid / invalid JSON' }],
    });
    expect(parseWebhookBody(Buffer.from('{"posts":[]}'), 'application/json')).toMatchObject({ ok: false });
    expect(parseWebhookBody(Buffer.from('{"x":1}'), 'application/json')).toMatchObject({ ok: false });
  });
});
