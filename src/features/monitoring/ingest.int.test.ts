import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeAgency, makeStaff } from '../../../test/support/factories.ts';
import type { Post } from '../../contracts/post.ts';
import type { Database } from '../../db/database.ts';
import { createIngester, RAW_PAYLOAD, type ReceivedPost } from './ingest.ts';

let database: Database;
const pack = (name: string) => JSON.parse(readFileSync(`test/fixtures/packs/${name}.json`, 'utf8'));

beforeAll(async () => {
  database = await openTestDatabase();
  for (const p of [
    pack('pilpres-2024'),
    pack('pilkada-kota-balikpapan-2024'),
    pack('pilkada-kab-sukamaju-2029'),
  ])
    await database.db
      .insertInto('election_packs')
      .values({ id: p.id, name: p.name, kind: p.kind, region_code: p.region_code, body: JSON.stringify(p) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
});
afterAll(() => database.close());

const PARTISAN_BPP = 'Ayo warga Balikpapan, 27 November coblos nomor 1 HERA! #HERAuntukBalikpapan';

describe('ingest', () => {
  it('stores each post once, counts duplicates on a re-run, and flags with the packs of the author region', async () => {
    const { db } = database;
    const agency = await makeAgency(db, { regionCode: '64.71' });
    const staff = await makeStaff(db, { agencyId: agency.id, regionCode: '64.71' });
    await db
      .insertInto('social_accounts')
      .values({
        platform: 'x',
        handle: 'Budi_BPP',
        staff_id: staff.id,
        link_source: 'agency',
        profile_url: null,
        platform_user_id: null,
        link_confidence: null,
      })
      .execute();
    const ingester = createIngester({ db });
    const posts: Post[] = [
      {
        id: 'x:100',
        text: PARTISAN_BPP,
        author: { handle: '@budi_bpp' },
        posted_at: '2024-11-20T08:00:00+08:00',
      },
      { id: 'x:101', text: 'Cuaca cerah di Balikpapan hari ini', author: { handle: 'budi_bpp' } },
      // the same words from an unknown author: only the national pack applies (its number 1)
      {
        id: 'x:102',
        text: PARTISAN_BPP,
        author: { handle: 'stranger' },
        posted_at: '2024-11-20T08:00:00+08:00',
      },
      {
        id: '555',
        platform: 'facebook',
        text: 'Halo',
        author: { handle: 'x', name: 'Siti', bio: 'ASN Pemkot Balikpapan' },
      },
    ];
    const first = await ingester.ingestPosts(posts, { source: 'test' });
    expect(first).toMatchObject({ read: 4, inserted: 4, duplicates: 0, flagged: 2 });
    const again = await ingester.ingestPosts(posts, { source: 'test' });
    expect(again).toMatchObject({ read: 4, inserted: 0, duplicates: 4, flagged: 0 });
    const alert = await db
      .selectFrom('alerts')
      .innerJoin('posts', 'posts.id', 'alerts.post_id')
      .select([
        'alerts.pack_id',
        'alerts.region_code',
        'alerts.staff_id',
        'alerts.agency_id',
        'alerts.stage_code',
        'posts.external_id',
        'alerts.signals',
      ])
      .where('posts.external_id', 'in', ['x:100', 'x:102'])
      .execute();
    expect(alert).toHaveLength(2);
    alert.sort((a, b) => a.external_id.localeCompare(b.external_id));
    expect(alert[1]).toMatchObject({
      pack_id: 'pilpres-2024',
      region_code: null,
      staff_id: null,
      external_id: 'x:102',
    });
    expect(alert[0]).toMatchObject({
      pack_id: 'pilkada-kota-balikpapan-2024',
      region_code: '64.71',
      staff_id: staff.id,
      agency_id: agency.id,
      stage_code: 'kampanye',
      external_id: 'x:100',
    });
    const sig = alert[0]!.signals[0]!;
    expect(PARTISAN_BPP.slice(sig.start, sig.end)).toBe(sig.text);
    const stored = await db
      .selectFrom('posts')
      .selectAll()
      .where('external_id', '=', 'x:100')
      .executeTakeFirstOrThrow();
    expect(stored.platform_post_id).toBe('100');
    expect(stored.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.raw).toMatchObject({ id: 'x:100', posted_at: '2024-11-20T08:00:00+08:00' });
    const suggestion = await db
      .selectFrom('account_link_suggestions')
      .selectAll()
      .where('platform', '=', 'facebook')
      .executeTakeFirst();
    expect(suggestion).toMatchObject({ handle: 'x', role: 'asn' });
  });

  it('keeps an edited post as a new version and marks a vanished one deleted, never removing it', async () => {
    const { db } = database;
    const ingester = createIngester({ db });
    await ingester.ingestPosts([{ id: 'x:200', text: 'versi satu' }], { source: 'test' });
    const edited = await ingester.ingestPosts(
      [
        { id: 'x:200', text: 'versi dua' },
        { id: 'x:200', text: 'versi tiga' },
        { id: 'x:200', text: 'versi tiga' },
      ],
      { source: 'test' },
    );
    expect(edited).toMatchObject({ read: 3, inserted: 0, edited: 2, duplicates: 1 });
    const post = await db
      .selectFrom('posts')
      .selectAll()
      .where('external_id', '=', 'x:200')
      .executeTakeFirstOrThrow();
    expect(post).toMatchObject({ text: 'versi tiga', version: 3 });
    const versions = await db
      .selectFrom('post_versions')
      .select(['version', 'text'])
      .where('post_id', '=', post.id)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, text: 'versi satu' },
      { version: 2, text: 'versi dua' },
    ]);
    const gone = await ingester.ingestPosts([{ id: 'x:200', text: 'versi tiga', deleted: true } as Post], {
      source: 'test',
    });
    expect(gone.deleted).toBe(1);
    const after = await db
      .selectFrom('posts')
      .select(['deleted_at', 'text'])
      .where('id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(after.deleted_at).toBeInstanceOf(Date);
    expect(after.text).toBe('versi tiga');
    await expect(db.deleteFrom('posts').where('id', '=', post.id).execute()).rejects.toThrow(/never deleted/);
    expect(await ingester.markPostsDeleted([{ platform: 'x', postId: '200' }], { source: 'test' })).toBe(0);
  });

  it('flags an edit that turns partisan', async () => {
    const { db } = database;
    const ingester = createIngester({ db });
    await ingester.ingestPosts([{ id: 'x:300', text: 'Selamat pagi' }], { source: 'test' });
    const r = await ingester.ingestPosts(
      [
        {
          id: 'x:300',
          text: 'Ayo coblos Prabowo Gibran nomor 2, pasti menang! #Prabowo2024',
          posted_at: '2024-01-20T09:00:00+07:00',
        },
      ],
      { source: 'test' },
    );
    expect(r).toMatchObject({ edited: 1, flagged: 1 });
    const a = await db
      .selectFrom('alerts')
      .innerJoin('posts', 'posts.id', 'alerts.post_id')
      .select(['alerts.post_version', 'alerts.pack_id'])
      .where('posts.external_id', '=', 'x:300')
      .executeTakeFirstOrThrow();
    expect(a).toEqual({ post_version: 2, pack_id: 'pilpres-2024' });
  });

  it('stores each post once when two ingests race on the same posts', async () => {
    const { db } = database;
    const posts: Post[] = Array.from({ length: 300 }, (_, i) => ({
      id: `x:race-${i}`,
      text: i % 3 === 0 ? 'Ayo coblos Prabowo Gibran nomor 2! #Prabowo2024' : `Kabar pagi nomor ${i}`,
      author: { handle: `race_${i % 7}` },
    }));
    // Both check that the posts are new before either writes: one insert meets the other's rows.
    const [a, b] = await Promise.all([
      createIngester({ db }).ingestPosts(posts, { source: 'race-a' }),
      createIngester({ db }).ingestPosts([...posts].reverse(), { source: 'race-b' }),
    ]);
    expect(a.inserted + b.inserted).toBe(300);
    expect(a.duplicates + b.duplicates).toBe(300);
    expect(a.flagged + b.flagged).toBe(100);
    const stored = await db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('external_id', 'like', 'x:race-%')
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(300);
    const alerts = await db
      .selectFrom('alerts')
      .innerJoin('posts', 'posts.id', 'alerts.post_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('posts.external_id', 'like', 'x:race-%')
      .executeTakeFirstOrThrow();
    expect(Number(alerts.n)).toBe(100);
  });

  it('archives the payload exactly as received when the caller has it, else the post as JSON', async () => {
    const { db } = database;
    const line = '{ "id": "x:raw-1",  "text": "Halo \\"semua\\"", "lang": "id", "extra": {"likes": 3} }';
    const received = JSON.parse(line) as ReceivedPost;
    received[RAW_PAYLOAD] = line;
    const plain: Post = { id: 'x:raw-2', text: 'Tanpa baris asli' };
    // As bytes (what `netra ingest` reads): stored without decoding, unless PostgreSQL would refuse
    // them (invalid UTF-8; a \u0000 escape), then as text made storable.
    const asBytes = (l: string | Buffer) => {
      const bytes = typeof l === 'string' ? Buffer.from(l) : l;
      const p = JSON.parse(bytes.toString('utf8')) as ReceivedPost;
      p[RAW_PAYLOAD] = bytes;
      return p;
    };
    const utf8 = '{"id":"x:raw-3","text":"Salam 🙏🏻 dari Balikpapan"}';
    const nul = '{"id":"x:raw-4","text":"a\\u0000b"}';
    const invalid = Buffer.concat([
      Buffer.from('{"id":"x:raw-5","text":"rusak '),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    await createIngester({ db }).ingestPosts(
      [received, plain, asBytes(utf8), asBytes(nul), asBytes(invalid)],
      {
        source: 'test',
      },
    );
    const rows = await db
      .selectFrom('posts')
      .select(['external_id', (eb) => eb.cast<string>('raw', 'text').as('raw'), 'text'])
      .where('external_id', 'in', ['x:raw-1', 'x:raw-2', 'x:raw-3', 'x:raw-4', 'x:raw-5'])
      .orderBy('external_id')
      .execute();
    expect(rows).toEqual([
      { external_id: 'x:raw-1', raw: line, text: 'Halo "semua"' },
      { external_id: 'x:raw-2', raw: JSON.stringify(plain), text: 'Tanpa baris asli' },
      { external_id: 'x:raw-3', raw: utf8, text: 'Salam 🙏🏻 dari Balikpapan' },
      { external_id: 'x:raw-4', raw: '{"id":"x:raw-4","text":"a\\ufffdb"}', text: 'a\uFFFDb' },
      { external_id: 'x:raw-5', raw: '{"id":"x:raw-5","text":"rusak \uFFFD"}', text: 'rusak \uFFFD' },
    ]);
  });

  it('counts right when a stream of new posts turns to known ones, edits and deletions', async () => {
    const { db } = database;
    const ingester = createIngester({ db });
    const batch = (from: number, n: number, text = (i: number) => `Kabar ${i}`) =>
      Array.from({ length: n }, (_, k) => ({ id: `x:stream-${from + k}`, text: text(from + k) }));
    // Two all-new batches: the second no longer looks its posts up before writing.
    expect(await ingester.ingestPosts(batch(0, 50), { source: 'test' })).toMatchObject({ inserted: 50 });
    expect(await ingester.ingestPosts(batch(50, 50), { source: 'test' })).toMatchObject({ inserted: 50 });
    // Then known posts among new ones: one edited to partisan, one deleted, the rest re-sent.
    const mixed = [
      ...batch(90, 10),
      ...batch(100, 5),
      {
        id: 'x:stream-3',
        text: 'Ayo coblos Prabowo Gibran nomor 2! #Prabowo2024',
        posted_at: '2024-01-20T09:00:00+07:00',
      },
      { id: 'x:stream-4', text: 'Kabar 4', deleted: true } as Post,
    ];
    expect(await ingester.ingestPosts(mixed, { source: 'test' })).toMatchObject({
      read: 17,
      inserted: 5,
      duplicates: 10,
      edited: 1,
      deleted: 1,
      flagged: 1,
    });
    // And new posts again: stored once each.
    expect(await ingester.ingestPosts(batch(105, 20), { source: 'test' })).toMatchObject({ inserted: 20 });
    const stored = await db
      .selectFrom('posts')
      .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('version').as('v')])
      .where('external_id', 'like', 'x:stream-%')
      .executeTakeFirstOrThrow();
    expect({ n: Number(stored.n), v: Number(stored.v) }).toEqual({ n: 125, v: 2 });
  });

  it('stores the post time to the microsecond, leaves a time it cannot read empty, and keeps a post that comes deleted', async () => {
    const { db } = database;
    const posts = [
      { id: 'x:time-1', text: 'Apel pagi', posted_at: '2024-01-20T09:15:00.123456+07:00' },
      { id: 'x:time-2', text: 'Rapat dinas', posted_at: '1' },
      { id: 'x:time-3', text: 'Kerja bakti', posted_at: 'kemarin sore' },
      { id: 'x:time-4', text: 'Sudah dihapus', posted_at: '2024-01-21T10:00:00Z', deleted: true } as Post,
    ];
    expect(await createIngester({ db }).ingestPosts(posts, { source: 'test' })).toMatchObject({
      inserted: 4,
      deleted: 1,
    });
    const rows = await db
      .selectFrom('posts')
      .select([
        'external_id',
        (eb) =>
          eb
            .cast<string | null>(
              sql`to_char(posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`,
              'text',
            )
            .as('t'),
        (eb) => eb('deleted_at', 'is not', null).as('deleted'),
      ])
      .where('external_id', 'like', 'x:time-%')
      .orderBy('external_id')
      .execute();
    expect(rows).toEqual([
      { external_id: 'x:time-1', t: '2024-01-20 02:15:00.123456', deleted: false },
      // JavaScript reads "1" as a year; PostgreSQL would not, and a batch must not fail on it.
      { external_id: 'x:time-2', t: expect.stringMatching(/^2001-01-01 /), deleted: false },
      { external_id: 'x:time-3', t: null, deleted: false },
      { external_id: 'x:time-4', t: '2024-01-21 10:00:00.000000', deleted: true },
    ]);
  });

  it('keeps posts tied to existing accounts: a named account cannot go, a batch naming a gone one fails', async () => {
    const { db } = database;
    const account = async (handle: string) =>
      db
        .insertInto('social_accounts')
        .values({
          platform: 'x',
          handle,
          link_source: 'patrol',
          profile_url: null,
          platform_user_id: null,
          link_confidence: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const named = await account('akun_bertahan');
    const ingester = createIngester({ db });
    await ingester.ingestPosts([{ id: 'x:acct-1', text: 'Halo', author: { handle: 'akun_bertahan' } }], {
      source: 'test',
    });
    const stored = await db
      .selectFrom('posts')
      .select('account_id')
      .where('external_id', '=', 'x:acct-1')
      .executeTakeFirstOrThrow();
    expect(stored.account_id).toBe(named.id);
    const refused = (e: unknown) => (e as { code?: string }).code;
    expect(
      refused(
        await db
          .deleteFrom('social_accounts')
          .where('id', '=', named.id)
          .execute()
          .catch((e) => e),
      ),
    ).toBe('23503');
    expect(
      refused(
        await db
          .updateTable('social_accounts')
          .set({ id: '0b6a3c1e-8a4e-4a55-9d8c-1b2f7e0f4a11' })
          .where('id', '=', named.id)
          .execute()
          .catch((e) => e),
      ),
    ).toBe('23503');
    // Other changes to a named account are fine.
    await db
      .updateTable('social_accounts')
      .set({ watch_status: 'paused' })
      .where('id', '=', named.id)
      .execute();

    // An account deleted after the ingester has matched it: here the account of a re-sent post
    // (matched, but the post is a duplicate and stores nothing). The next batch naming it fails
    // whole, as the foreign key made it fail.
    const gone = await account('akun_hilang');
    await ingester.ingestPosts([{ id: 'x:acct-2', text: 'Satu' }], { source: 'test' });
    expect(
      await ingester.ingestPosts([{ id: 'x:acct-2', text: 'Satu', author: { handle: 'akun_hilang' } }], {
        source: 'test',
      }),
    ).toMatchObject({ duplicates: 1 });
    await db.deleteFrom('social_accounts').where('id', '=', gone.id).execute();
    const error = await ingester
      .ingestPosts(
        [
          { id: 'x:acct-3', text: 'Dua', author: { handle: 'akun_hilang' } },
          { id: 'x:acct-4', text: 'Tiga' },
        ],
        { source: 'test' },
      )
      .catch((e) => e);
    expect(refused(error)).toBe('23503');
    expect(
      await db
        .selectFrom('posts')
        .select('external_id')
        .where('external_id', 'in', ['x:acct-3', 'x:acct-4'])
        .execute(),
    ).toEqual([]);
  });
});
