import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import type { Post } from '../../contracts/post.ts';
import type { Database } from '../../db/database.ts';
import { wireServer } from '../../main/server.ts';
import type { PostSink } from '../../platform/connectors/connector.ts';
import { signatureHeader } from '../../platform/connectors/webhook.ts';
import { type ConnectorsService, createConnectorsService } from './connectors.service.ts';

let database: Database;
let app: FastifyInstance;
let admin: ConnectorsService;
let secret: string;
const masterKey = randomBytes(32);
const delivered: { posts: Post[]; source: string }[] = [];
/** Stands in for the monitoring ingest: idempotent on the post id, like the real one. */
const seen = new Set<string>();
const sink: PostSink = async (posts, { source }) => {
  delivered.push({ posts, source });
  const fresh = posts.filter((p) => !seen.has(p.id));
  for (const p of fresh) seen.add(p.id);
  return { read: posts.length, inserted: fresh.length, duplicates: posts.length - fresh.length, flagged: 0 };
};

beforeAll(async () => {
  database = await openTestDatabase();
  ({ app } = await wireServer(database, { masterKey, postSink: sink }));
  await app.ready();
  admin = createConnectorsService({ db: database.db, masterKey, sink, connectors: {} });
  ({ secret } = await admin.createSource({ name: 'mitra-kaltim', description: 'Mitra pemantauan' }));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const post = (id: string, text = 'Ayo coblos nomor 2!') => ({
  id,
  platform: 'x',
  text,
  author: { handle: 'budi_asn' },
});
const send = (opts: {
  body: string;
  source?: string;
  signature?: string | null;
  key?: string;
  t?: number;
  type?: string;
}) =>
  app.inject({
    method: 'POST',
    url: `/api/ingest/webhook/${opts.source ?? 'mitra-kaltim'}`,
    headers: {
      'content-type': opts.type ?? 'application/json',
      ...(opts.signature === null
        ? {}
        : {
            'netra-signature':
              opts.signature ?? signatureHeader(opts.key ?? secret, opts.t ?? nowSeconds(), opts.body),
          }),
    },
    payload: opts.body,
  });

describe('POST /api/ingest/webhook/:source', () => {
  it('accepts a signed batch and hands it to the ingest, returning its counts', async () => {
    const body = JSON.stringify({ posts: [post('x:w1'), post('x:w2')] });
    const res = await send({ body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ read: 2, inserted: 2, duplicates: 0, flagged: 0 });
    expect(delivered.at(-1)).toEqual({ posts: [post('x:w1'), post('x:w2')], source: 'webhook:mitra-kaltim' });
    const [src] = await admin.listSources();
    expect(src!.lastDeliveryAt).not.toBeNull();
  });

  it('accepts JSON Lines; the same posts again are duplicates (a new signature, not a replay)', async () => {
    const body = `${JSON.stringify(post('x:w1'))}\n${JSON.stringify(post('x:w3'))}\n`;
    const res = await send({ body, type: 'application/x-ndjson', t: nowSeconds() - 1 });
    expect(res.json()).toEqual({ read: 2, inserted: 1, duplicates: 1, flagged: 0 });
  });

  it('refuses a replayed request (same signature) with 409, ingesting nothing', async () => {
    const body = JSON.stringify([post('x:r1')]);
    const signature = signatureHeader(secret, nowSeconds() - 2, body);
    expect((await send({ body, signature })).statusCode).toBe(200);
    const before = delivered.length;
    const again = await send({ body, signature });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONFLICT');
    expect(delivered.length).toBe(before);
  });

  it.each([
    ['no header', { signature: null }, 'tidak ada'],
    ['a malformed header', { signature: 'sha256=abc' }, 'format'],
    ['the wrong secret', { key: 'whsec_wrong' }, 'tidak cocok'],
    ['an old timestamp (replay window)', { t: Math.floor(Date.now() / 1000) - 301 }, '300'],
    ['a timestamp in the future', { t: Math.floor(Date.now() / 1000) + 600 }, '300'],
  ])('refuses %s with 401, ingesting nothing', async (_name, opts, hint) => {
    const before = delivered.length;
    const res = await send({ body: JSON.stringify([post('x:bad')]), ...opts });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', details: [{ field: 'netra-signature' }] });
    expect(res.json().details[0].message).toContain(hint);
    expect(delivered.length).toBe(before);
  });

  it('refuses a body changed after signing', async () => {
    const body = JSON.stringify([post('x:m1')]);
    const res = await send({
      body: body.replace('coblos', 'COBLOS'),
      signature: signatureHeader(secret, nowSeconds(), body),
    });
    expect(res.statusCode).toBe(401);
  });

  it('answers an unknown and a disabled source alike: 404', async () => {
    const body = JSON.stringify([post('x:u1')]);
    const unknown = await send({ body, source: 'tidak-ada' });
    const { secret: other } = await admin.createSource({ name: 'mitra-lama' });
    await admin.setSourceDisabled({ name: 'mitra-lama', disabled: true });
    const disabled = await send({ body, source: 'mitra-lama', key: other });
    expect(unknown.statusCode).toBe(404);
    expect(disabled.statusCode).toBe(404);
    expect(disabled.json()).toEqual(unknown.json());
  });

  it('refuses the whole batch when one post is invalid, naming it (400, nothing ingested)', async () => {
    const before = delivered.length;
    const body = JSON.stringify({ posts: [post('x:v1'), { id: 'x:v2' }, { id: '', text: 'kosong' }] });
    const res = await send({ body });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.map((d: { field: string }) => d.field)).toEqual(['posts.1.text', 'posts.2.id']);
    expect(delivered.length).toBe(before);
    const wrongType = await send({ body: 'id=1', type: 'application/x-www-form-urlencoded' });
    expect(wrongType.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrongType.statusCode).toBeLessThan(500);
  });

  it('rotation: the old secret works during the grace period, and not once revoked', async () => {
    const { secret: fresh } = await admin.rotateSource({ name: 'mitra-kaltim', graceHours: 24 });
    expect(fresh).not.toBe(secret);
    expect((await send({ body: JSON.stringify([post('x:o1')]), key: secret })).statusCode).toBe(200);
    expect((await send({ body: JSON.stringify([post('x:n1')]), key: fresh })).statusCode).toBe(200);
    const { secret: newest } = await admin.rotateSource({ name: 'mitra-kaltim', graceHours: 0 });
    expect((await send({ body: JSON.stringify([post('x:o2')]), key: fresh })).statusCode).toBe(401);
    expect((await send({ body: JSON.stringify([post('x:n2')]), key: newest })).statusCode).toBe(200);
    secret = newest;
  });

  it('stores the secret sealed, never in clear, and audits creation and rotation', async () => {
    const row = await database.db
      .selectFrom('connector_sources')
      .selectAll()
      .where('name', '=', 'mitra-kaltim')
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed.startsWith('v1.')).toBe(true);
    expect(row.secret_sealed).not.toContain(secret.slice(6));
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', row.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'connector_source.create',
      'connector_source.rotate',
      'connector_source.rotate',
    ]);
  });

  it('a delivery that the ingest fails can be retried with the same signature', async () => {
    const failing = createConnectorsService({
      db: database.db,
      masterKey,
      connectors: {},
      sink: async () => {
        throw new Error('database unavailable');
      },
    });
    const body = Buffer.from(JSON.stringify([post('x:f1')]));
    const signature = signatureHeader(secret, nowSeconds(), body);
    await expect(
      failing.receiveWebhook({ source: 'mitra-kaltim', signature, contentType: 'application/json', body }),
    ).rejects.toThrow('database unavailable');
    expect((await send({ body: body.toString(), signature })).statusCode).toBe(200);
  });
});
