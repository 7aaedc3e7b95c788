import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type {
  AccountView,
  AgencyNode,
  StaffDetail,
  StaffQuery,
  StaffSummary,
} from '../../contracts/registry.ts';
import type { Tables } from '../../db/tables.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';
import { rankCorrections, singleEdits } from '../../domain/name-typos.ts';
import type { AccountRow, AgencyRow, StaffRow } from '../../domain/registry-import.ts';

type Db = Kysely<Tables> | Transaction<Tables>;

/**
 * Region-subtree filter in SQL: `code = root OR code LIKE root || '.%'` (index-friendly with
 * text_pattern_ops); the national root "00" sees everything. Every read takes the actor's root.
 */
export function inRegion(column: string, root: string): RawBuilder<boolean> {
  if (root === NATIONAL) return sql<boolean>`true`;
  return sql<boolean>`(${sql.ref(column)} = ${root} OR ${sql.ref(column)} LIKE ${`${root}.%`})`;
}

/** Rows counted up to this for list totals (an exact count of millions costs more than it tells). */
export const COUNT_CAP = 10_000;

// ---------------------------------------------------------------------------------------------
// Reads

type StaffRowDb = {
  id: string;
  nip: string | null;
  name: string;
  status: StaffSummary['status'];
  position_type: StaffSummary['positionType'];
  position_name: string | null;
  rank: string | null;
  agency_id: string;
  agency_name: string;
  unit_name: string | null;
  region_code: string;
  active: boolean;
};

const toSummary = (r: StaffRowDb): StaffSummary => ({
  id: r.id,
  nip: r.nip,
  name: r.name,
  status: r.status,
  positionType: r.position_type,
  positionName: r.position_name,
  rank: r.rank,
  agency: { id: r.agency_id, name: r.agency_name },
  unit: r.unit_name,
  regionCode: r.region_code,
  active: r.active,
});

/**
 * A name search ranks at most this many full-text matches (a lone given name matches ~1 in 60
 * staff, 80,000 of 5 million): 40 pages of 25. Each candidate costs a heap fetch and a
 * word_similarity (~20 µs); 2,000 put a lone given name at the 100 ms limit (docs/benchmarks.md).
 * A search that finds more asks the user to add a word or a filter rather than page further.
 */
export const NAME_CANDIDATES = 1_000;
/** Dictionary words tried per query word when correcting typos. */
const CORRECTIONS_PER_WORD = 5;
/** Trigram-similar dictionary words fetched per query word before ranking by edit distance. */
const TRIGRAM_CANDIDATES = 8;

/**
 * Typo correction: each word of the query is replaced by the closest words of the staff-name
 * dictionary (`staff_name_words`), giving a tsquery such as `(agus) & (saputra | saputri) &
 * (daulay)`. Candidates are the dictionary words one edit away (looked up by primary key, see
 * src/domain/name-typos.ts) and the most trigram-similar words, ranked by edit distance. A word
 * with no candidate at all is left out when other words remain; undefined when none remains.
 */
async function correctedTsquery(db: Db, text: string): Promise<string | undefined> {
  const words = [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 1 && w.length <= 40),
    ),
  ].slice(0, 6);
  if (!words.length) return undefined;
  const edits = words.map((w) => new Set(singleEdits(w)));
  const [trigram, known] = await Promise.all([
    sql<{ i: number; word: string; sim: number }>`
      SELECT q.i, c.word, c.sim FROM unnest(${words}::text[]) WITH ORDINALITY AS q(w, i)
      CROSS JOIN LATERAL (SELECT word, similarity(word, q.w) AS sim FROM staff_name_words WHERE word % q.w
                          ORDER BY sim DESC, word LIMIT ${TRIGRAM_CANDIDATES}) c`.execute(db),
    sql<{ word: string }>`
      SELECT word FROM staff_name_words
      WHERE word = ANY(${[...new Set([...words, ...edits.flatMap((e) => [...e])])]}::text[])`.execute(db),
  ]);
  const groups = words
    .map((w, i) =>
      rankCorrections(
        w,
        [
          ...trigram.rows
            .filter((r) => Number(r.i) === i + 1)
            .map((r) => ({ word: r.word, similarity: Number(r.sim) })),
          ...known.rows.filter((r) => r.word === w || edits[i]!.has(r.word)).map((r) => ({ word: r.word })),
        ],
        CORRECTIONS_PER_WORD,
      ),
    )
    .filter((g) => g.length > 0);
  if (!groups.length) return undefined;
  // Dictionary words are letters and digits only (the trigger splits on anything else).
  return groups
    .map((g) => `(${g.map((w) => `'${w.replace(/[^\p{L}\p{N}]/gu, '')}'`).join(' | ')})`)
    .join(' & ');
}

/** How a search text is read: an 18-digit NIP, a NIP prefix, an "@handle", or a name. */
export function classifyQuery(q: string): { kind: 'nip' | 'nipPrefix' | 'handle' | 'name'; value: string } {
  const compact = q.replace(/[\s.-]/g, '');
  if (/^\d{18}$/.test(compact)) return { kind: 'nip', value: compact };
  if (/^\d{4,17}$/.test(compact)) return { kind: 'nipPrefix', value: compact };
  if (q.startsWith('@') && q.length > 1) return { kind: 'handle', value: q.slice(1).toLowerCase() };
  return { kind: 'name', value: q };
}

/**
 * Staff in the actor's jurisdiction with filters and paging. A name search matches the Indonesian
 * full-text vector (every word), ranking up to NAME_CANDIDATES matches by word similarity (a single
 * word lists the names beginning with it first, see byOneWord); when it finds nothing, the words are corrected against the name dictionary ("Santosa" → "Santoso") and
 * searched again. Text searches report `hasMore` only; filter-only lists also count up to COUNT_CAP.
 */
export async function searchStaff(
  db: Db,
  root: string,
  query: Omit<StaffQuery, 'page' | 'pageSize'> & { page: number; pageSize: number },
  opts: { count?: boolean } = {},
): Promise<{ items: StaffSummary[]; hasMore: boolean; total: number | null; totalCapped: boolean }> {
  const where: RawBuilder<unknown>[] = [inRegion('s.region_code', root)];
  if (query.region) where.push(inRegion('s.region_code', query.region));
  if (query.agencyId) where.push(sql`s.agency_id = ${query.agencyId}`);
  if (query.status) where.push(sql`s.status = ${query.status}`);
  if (query.positionType) where.push(sql`s.position_type = ${query.positionType}`);
  if (query.active) where.push(sql`s.active = ${query.active === 'true'}`);
  const q = query.q ? classifyQuery(query.q) : undefined;
  const run = async (extra: RawBuilder<unknown> | null, order: RawBuilder<unknown>) => {
    const cond = sql.join(extra ? [...where, extra] : where, sql` AND `);
    const rows = await sql<StaffRowDb>`
      SELECT s.id, s.nip, s.name, s.status, s.position_type, s.position_name, s.rank, s.agency_id,
             a.name AS agency_name, u.name AS unit_name, s.region_code, s.active
      FROM staff s JOIN agencies a ON a.id = s.agency_id LEFT JOIN units u ON u.id = s.unit_id
      WHERE ${cond}
      ORDER BY ${order}
      LIMIT ${query.pageSize + 1} OFFSET ${(query.page - 1) * query.pageSize}`.execute(db);
    return { rows: rows.rows, cond };
  };
  /**
   * Full-text match, ranked by word similarity among at most NAME_CANDIDATES matches. The candidates
   * carry their name, so ranking and paging happen before the joins: only the page's rows are
   * looked up again and joined to agencies and units (not every candidate, which cost a lone given
   * name half of its time at 5 million staff).
   */
  const byName = async (
    tsquery: RawBuilder<unknown>,
    text: string,
    page: { offset: number; limit: number; exclude?: RawBuilder<unknown> } = {
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize + 1,
    },
  ) => {
    const conds = [...where, sql`s.search @@ ${tsquery}`];
    if (page.exclude) conds.push(sql`NOT ${page.exclude}`);
    const cond = sql.join(conds, sql` AND `);
    const rows = await sql<StaffRowDb>`
      WITH c AS MATERIALIZED (SELECT s.id, s.name FROM staff s WHERE ${cond} LIMIT ${NAME_CANDIDATES}),
      p AS MATERIALIZED (SELECT c.id, word_similarity(${text}, c.name) AS rank FROM c
                         ORDER BY rank DESC, c.name, c.id
                         LIMIT ${page.limit} OFFSET ${page.offset})
      SELECT s.id, s.nip, s.name, s.status, s.position_type, s.position_name, s.rank, s.agency_id,
             a.name AS agency_name, u.name AS unit_name, s.region_code, s.active
      FROM p JOIN staff s ON s.id = p.id JOIN agencies a ON a.id = s.agency_id LEFT JOIN units u ON u.id = s.unit_id
      ORDER BY p.rank DESC, s.name, s.id`.execute(db);
    return { rows: rows.rows, cond };
  };
  /**
   * One word ("Dimas"): first the names that begin with it — Indonesian names usually begin with
   * the given name — alphabetically, read in order from the B-tree on `lower(name) COLLATE "C"`
   * (migration 0011) as one key range, which stops after one page however common the name is; then, once those run
   * out, the names that contain the word elsewhere ("Ahmad Dimas"), by full text. Full text alone
   * had to build a bitmap of every match first (83,000 for a common given name at 5 million staff).
   */
  const byOneWord = async (word: string) => {
    const offset = (query.page - 1) * query.pageSize;
    const want = query.pageSize + 1;
    // The word alone or followed by a space (or a control character): one range of the C-collated
    // index, read in order — an OR of `=` and `LIKE` would make PostgreSQL walk the whole index.
    const key = sql`lower(s.name) COLLATE "C"`;
    const starts = sql`(${key} >= ${word} AND ${key} < ${`${word}!`})`;
    const first = await run(starts, sql`lower(s.name) COLLATE "C", s.id`);
    if (first.rows.length === want) return first;
    // How many begin with the word: known from this page, else counted (at most `offset`).
    const beginning =
      first.rows.length > 0 || offset === 0
        ? offset + first.rows.length
        : (
            await sql<{ n: number }>`
              SELECT count(*)::int AS n FROM (SELECT 1 FROM staff s WHERE ${first.cond} LIMIT ${offset}) t`.execute(
              db,
            )
          ).rows[0]!.n;
    const rest = await byName(sql`plainto_tsquery('indonesian', ${word})`, word, {
      offset: Math.max(0, offset - beginning),
      limit: want - first.rows.length,
      exclude: starts,
    });
    return { rows: [...first.rows, ...rest.rows], cond: first.cond };
  };
  let result: { rows: StaffRowDb[]; cond: RawBuilder<unknown> };
  if (q?.kind === 'nip') result = await run(sql`s.nip = ${q.value}`, sql`s.id`);
  else if (q?.kind === 'nipPrefix') result = await run(sql`s.nip LIKE ${`${q.value}%`}`, sql`s.nip`);
  else if (q?.kind === 'handle')
    result = await run(
      sql`s.id IN (SELECT staff_id FROM social_accounts WHERE lower(handle) LIKE ${`%${q.value.replace(/[%_\\]/g, '\\$&')}%`})`,
      sql`s.name, s.id`,
    );
  else if (q?.kind === 'name') {
    const word = q.value.trim().toLowerCase();
    result = /^[\p{L}\p{N}'-]{2,}$/u.test(word)
      ? await byOneWord(word)
      : await byName(sql`plainto_tsquery('indonesian', ${q.value})`, q.value);
    if (result.rows.length === 0 && query.page === 1) {
      const corrected = await correctedTsquery(db, q.value);
      if (corrected) result = await byName(sql`to_tsquery('indonesian', ${corrected})`, q.value);
    }
  } else result = await run(null, sql`s.name, s.id`);
  const hasMore = result.rows.length > query.pageSize;
  let total: number | null = null;
  if (!q && opts.count !== false) {
    const c = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM staff s WHERE ${result.cond} LIMIT ${COUNT_CAP + 1}) t`.execute(
      db,
    );
    total = c.rows[0]!.n;
  }
  return {
    items: result.rows.slice(0, query.pageSize).map(toSummary),
    hasMore,
    total: total === null ? null : Math.min(total, COUNT_CAP),
    totalCapped: total !== null && total > COUNT_CAP,
  };
}

type AccountRowDb = {
  id: string;
  platform: AccountView['platform'];
  handle: string;
  profile_url: string | null;
  platform_user_id: string | null;
  staff_id: string | null;
  staff_name: string | null;
  staff_nip: string | null;
  link_source: AccountView['linkSource'];
  link_confidence: number | null;
  watch_status: AccountView['watchStatus'];
  region_code: string | null;
};

const toAccount = (r: AccountRowDb): AccountView => ({
  id: r.id,
  platform: r.platform,
  handle: r.handle,
  profileUrl: r.profile_url,
  platformUserId: r.platform_user_id,
  staff: r.staff_id ? { id: r.staff_id, name: r.staff_name!, nip: r.staff_nip } : null,
  linkSource: r.link_source,
  linkConfidence: r.link_confidence === null ? null : Number(r.link_confidence),
  watchStatus: r.watch_status,
  regionCode: r.region_code,
});

/** An account's supervising region: its staff member's, else its own. */
const ACCOUNT_REGION = 'coalesce(st.region_code, sa.region_code)';

export async function listAccounts(
  db: Db,
  root: string,
  query: {
    q?: string;
    platform?: string;
    watchStatus?: string;
    staffId?: string;
    page: number;
    pageSize: number;
  },
): Promise<AccountView[]> {
  const where: RawBuilder<unknown>[] = [
    root === NATIONAL
      ? sql`true`
      : sql`(${sql.raw(ACCOUNT_REGION)} = ${root} OR ${sql.raw(ACCOUNT_REGION)} LIKE ${`${root}.%`})`,
  ];
  if (query.platform) where.push(sql`sa.platform = ${query.platform}`);
  if (query.watchStatus) where.push(sql`sa.watch_status = ${query.watchStatus}`);
  if (query.staffId) where.push(sql`sa.staff_id = ${query.staffId}`);
  if (query.q) {
    const h = query.q.replace(/^@/, '');
    where.push(sql`(sa.handle ILIKE ${`%${h.replace(/[%_\\]/g, '\\$&')}%`} OR sa.platform_user_id = ${h})`);
  }
  const rows = await sql<AccountRowDb>`
    SELECT sa.id, sa.platform, sa.handle, sa.profile_url, sa.platform_user_id, sa.staff_id,
           st.name AS staff_name, st.nip AS staff_nip, sa.link_source, sa.link_confidence, sa.watch_status,
           ${sql.raw(ACCOUNT_REGION)} AS region_code
    FROM social_accounts sa LEFT JOIN staff st ON st.id = sa.staff_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY sa.platform, lower(sa.handle)
    LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`.execute(db);
  return rows.rows.map(toAccount);
}

export async function findAccount(db: Db, root: string, id: string): Promise<AccountView | undefined> {
  const [a] = await listAccountsById(db, root, [id]);
  return a;
}

async function listAccountsById(db: Db, root: string, ids: string[]): Promise<AccountView[]> {
  const scope =
    root === NATIONAL
      ? sql`true`
      : sql`(${sql.raw(ACCOUNT_REGION)} = ${root} OR ${sql.raw(ACCOUNT_REGION)} LIKE ${`${root}.%`})`;
  const rows = await sql<AccountRowDb>`
    SELECT sa.id, sa.platform, sa.handle, sa.profile_url, sa.platform_user_id, sa.staff_id,
           st.name AS staff_name, st.nip AS staff_nip, sa.link_source, sa.link_confidence, sa.watch_status,
           ${sql.raw(ACCOUNT_REGION)} AS region_code
    FROM social_accounts sa LEFT JOIN staff st ON st.id = sa.staff_id
    WHERE sa.id = ANY(${ids}::uuid[]) AND ${scope}`.execute(db);
  return rows.rows.map(toAccount);
}

/** One staff member with accounts, or undefined when absent or outside the jurisdiction. */
export async function findStaff(
  db: Db,
  root: string,
  id: string,
): Promise<
  Omit<StaffDetail, 'abilities' | 'alerts' | 'cases' | 'pledges' | 'sectionsAvailable'> | undefined
> {
  const r = await sql<
    StaffRowDb & {
      birth_date: string | null;
      appointed_on: string | null;
      sex: 'male' | 'female' | null;
      region_name: string;
    }
  >`
    SELECT s.id, s.nip, s.name, s.status, s.position_type, s.position_name, s.rank, s.agency_id,
           a.name AS agency_name, u.name AS unit_name, s.region_code, s.active,
           to_char(s.birth_date, 'YYYY-MM-DD') AS birth_date, s.appointed_on, s.sex, r.name AS region_name
    FROM staff s JOIN agencies a ON a.id = s.agency_id LEFT JOIN units u ON u.id = s.unit_id
    JOIN regions r ON r.code = s.region_code
    WHERE s.id = ${id} AND ${inRegion('s.region_code', root)}`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  const accounts = await listAccounts(db, root, { staffId: id, page: 1, pageSize: 100 });
  return {
    ...toSummary(row),
    birthDate: row.birth_date,
    appointedOn: row.appointed_on,
    sex: row.sex,
    regionName: row.region_name,
    accounts,
  };
}

export async function findStaffInScope(db: Db, root: string, id: string) {
  return db
    .selectFrom('staff as s')
    .select(['s.id', 's.region_code'])
    .where('s.id', '=', id)
    .where(inRegion('s.region_code', root))
    .executeTakeFirst();
}

/** Agencies in the jurisdiction with their unit trees and staff counts. */
export async function listAgencies(
  db: Db,
  root: string,
  query: { q?: string; region?: string },
): Promise<AgencyNode[]> {
  const where: RawBuilder<unknown>[] = [inRegion('a.region_code', root)];
  if (query.region) where.push(inRegion('a.region_code', query.region));
  if (query.q)
    where.push(sql`(a.name ILIKE ${`%${query.q.replace(/[%_\\]/g, '\\$&')}%`} OR ${query.q} <% a.name)`);
  const agencies = await sql<{
    id: string;
    name: string;
    kind: string;
    region_code: string;
    region_name: string;
    parent_id: string | null;
    task_force_head: string | null;
    staff_count: number;
  }>`
    SELECT a.id, a.name, a.kind, a.region_code, r.name AS region_name, a.parent_id, a.task_force_head,
           (SELECT count(*)::int FROM staff s WHERE s.agency_id = a.id) AS staff_count
    FROM agencies a JOIN regions r ON r.code = a.region_code
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY a.region_code, a.name
    LIMIT 2000`.execute(db);
  const ids = agencies.rows.map((a) => a.id);
  const units = ids.length
    ? await db
        .selectFrom('units')
        .select(['id', 'agency_id', 'name', 'parent_id'])
        .where('agency_id', 'in', ids)
        .orderBy('name')
        .execute()
    : [];
  const unitsBy = new Map<string, AgencyNode['units']>();
  for (const u of units) {
    const list = unitsBy.get(u.agency_id) ?? [];
    list.push({ id: u.id, name: u.name, parentId: u.parent_id });
    unitsBy.set(u.agency_id, list);
  }
  return agencies.rows.map((a) => ({
    id: a.id,
    name: a.name,
    kind: a.kind,
    regionCode: a.region_code,
    regionName: a.region_name,
    parentId: a.parent_id,
    taskForceHead: a.task_force_head,
    staffCount: a.staff_count,
    units: unitsBy.get(a.id) ?? [],
  }));
}

// ---------------------------------------------------------------------------------------------
// Lookups for imports

export async function regionsExisting(db: Db, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.selectFrom('regions').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

export async function agenciesInScope(db: Db, root: string) {
  return db
    .selectFrom('agencies as a')
    .select(['a.id', 'a.name', 'a.region_code', 'a.kind', 'a.parent_id', 'a.task_force_head'])
    .where(inRegion('a.region_code', root))
    .execute();
}

/** Existing staff by NIP anywhere (so a NIP registered outside the jurisdiction is refused). */
export async function staffByNip(
  db: Db,
  nips: string[],
): Promise<Map<string, { id: string; region_code: string }>> {
  const out = new Map<string, { id: string; region_code: string }>();
  for (let i = 0; i < nips.length; i += 10_000) {
    const chunk = nips.slice(i, i + 10_000);
    const rows = await sql<{ id: string; nip: string; region_code: string }>`
      SELECT id, nip, region_code FROM staff WHERE nip = ANY(${chunk}::bpchar[])`.execute(db);
    for (const r of rows.rows) out.set(r.nip, { id: r.id, region_code: r.region_code });
  }
  return out;
}

/** Existing accounts by (platform, lower(handle)), with their supervising region. */
export async function accountsByHandle(db: Db, keys: { platform: string; handle: string }[]) {
  const out = new Map<string, { id: string; region_code: string | null }>();
  for (let i = 0; i < keys.length; i += 10_000) {
    const chunk = keys.slice(i, i + 10_000);
    const rows = await sql<{ id: string; platform: string; h: string; region_code: string | null }>`
      SELECT sa.id, sa.platform, lower(sa.handle) AS h, ${sql.raw(ACCOUNT_REGION)} AS region_code
      FROM social_accounts sa LEFT JOIN staff st ON st.id = sa.staff_id
      JOIN unnest(${chunk.map((k) => k.platform)}::text[], ${chunk.map((k) => k.handle.toLowerCase())}::text[]) AS k(p, h)
        ON sa.platform = k.p AND lower(sa.handle) = k.h`.execute(db);
    for (const r of rows.rows) out.set(`${r.platform}:${r.h}`, { id: r.id, region_code: r.region_code });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Batched upserts (inside the import transaction). Each returns how many rows were inserted and
// how many updated; a row whose values are all equal is left alone (idempotent re-imports).

type Counts = { inserted: number; updated: number };
const BATCH = 5_000;

const tally = (rows: { inserted: boolean }[], c: Counts) => {
  for (const r of rows)
    if (r.inserted) c.inserted++;
    else c.updated++;
};

/** Creates missing units (paths of names under an agency) and returns id by "agencyId\u0000path". */
export async function ensureUnitsInTx(
  tx: Transaction<Tables>,
  paths: { agencyId: string; path: string[] }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const k = (agencyId: string, path: string[]) => `${agencyId}\u0000${path.join('\u0001')}`;
  const maxDepth = Math.max(0, ...paths.map((p) => p.path.length));
  // The table's key is (agency_id, name): a unit name is unique within its agency.
  for (let depth = 1; depth <= maxDepth; depth++) {
    const level = new Map<string, { agencyId: string; name: string; parentKey: string | null }>();
    for (const p of paths)
      if (p.path.length >= depth) {
        const sub = p.path.slice(0, depth);
        level.set(k(p.agencyId, sub), {
          agencyId: p.agencyId,
          name: sub[depth - 1]!,
          parentKey: depth > 1 ? k(p.agencyId, sub.slice(0, -1)) : null,
        });
      }
    const entries = [...level.entries()];
    for (let i = 0; i < entries.length; i += BATCH) {
      const chunk = entries.slice(i, i + BATCH);
      const rows = await sql<{ id: string; agency_id: string; name: string }>`
        WITH input AS (
          SELECT * FROM unnest(${chunk.map(([, v]) => v.agencyId)}::uuid[], ${chunk.map(([, v]) => v.name)}::text[],
                               ${chunk.map(([, v]) => (v.parentKey ? (ids.get(v.parentKey) ?? null) : null))}::uuid[])
            AS t(agency_id, name, parent_id)
        ), ins AS (
          INSERT INTO units (agency_id, name, parent_id) SELECT agency_id, name, parent_id FROM input
          ON CONFLICT (agency_id, name) DO UPDATE SET parent_id = excluded.parent_id
            WHERE excluded.parent_id IS NOT NULL AND units.parent_id IS DISTINCT FROM excluded.parent_id
          RETURNING id, agency_id, name
        )
        SELECT id, agency_id, name FROM ins
        UNION ALL
        SELECT u.id, u.agency_id, u.name FROM units u JOIN input i ON i.agency_id = u.agency_id AND i.name = u.name`.execute(
        tx,
      );
      const byName = new Map(rows.rows.map((r) => [`${r.agency_id}\u0000${r.name}`, r.id]));
      for (const [key, v] of chunk) ids.set(key, byName.get(`${v.agencyId}\u0000${v.name}`)!);
    }
  }
  return ids;
}

export type StaffWrite = StaffRow & { agencyId: string; unitId: string | null; regionCode: string };

const STAFF_DIFF = sql.raw(`(staff.name, staff.status, staff.position_type, staff.position_name, staff.rank,
  staff.agency_id, staff.unit_id, staff.region_code, staff.active, staff.birth_date, staff.appointed_on, staff.sex)
  IS DISTINCT FROM (excluded.name, excluded.status, excluded.position_type, excluded.position_name, excluded.rank,
  excluded.agency_id, excluded.unit_id, excluded.region_code, excluded.active, excluded.birth_date,
  excluded.appointed_on, excluded.sex)`);
const STAFF_SET =
  sql.raw(`name = excluded.name, status = excluded.status, position_type = excluded.position_type,
  position_name = excluded.position_name, rank = excluded.rank, agency_id = excluded.agency_id,
  unit_id = excluded.unit_id, region_code = excluded.region_code, active = excluded.active,
  birth_date = excluded.birth_date, appointed_on = excluded.appointed_on, sex = excluded.sex, updated_at = now()`);

/** Upserts staff: by NIP for ASN, by agency + lower(name) for non-ASN. */
export async function upsertStaffInTx(
  tx: Transaction<Tables>,
  rows: StaffWrite[],
  onBatch?: (done: number) => void,
): Promise<Counts> {
  const c: Counts = { inserted: 0, updated: 0 };
  let done = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    for (const withNip of [true, false]) {
      const part = chunk.filter((r) => (r.nip !== null) === withNip);
      if (!part.length) continue;
      const conflict = withNip ? sql`(nip)` : sql`(agency_id, lower(name)) WHERE nip IS NULL`;
      const res = await sql<{ inserted: boolean }>`
        INSERT INTO staff (nip, name, status, position_type, position_name, rank, agency_id, unit_id, region_code,
                           active, birth_date, appointed_on, sex)
        SELECT * FROM unnest(${part.map((r) => r.nip)}::bpchar[], ${part.map((r) => r.name)}::text[],
          ${part.map((r) => r.status)}::text[], ${part.map((r) => r.positionType)}::text[],
          ${part.map((r) => r.positionName)}::text[], ${part.map((r) => r.rank)}::text[],
          ${part.map((r) => r.agencyId)}::uuid[], ${part.map((r) => r.unitId)}::uuid[],
          ${part.map((r) => r.regionCode)}::text[], ${part.map((r) => r.active)}::boolean[],
          ${part.map((r) => r.birthDate)}::date[], ${part.map((r) => r.appointedOn)}::text[],
          ${part.map((r) => r.sex)}::text[])
        ON CONFLICT ${conflict} DO UPDATE SET ${STAFF_SET} WHERE ${STAFF_DIFF}
        RETURNING (xmax = 0) AS inserted`.execute(tx);
      tally(res.rows, c);
    }
    done += chunk.length;
    onBatch?.(done);
  }
  return c;
}

export type AgencyWrite = AgencyRow & { parentId: string | null };

/** Upserts agencies by (region, name) in two passes: the rows, then the parent links. */
export async function upsertAgenciesInTx(
  tx: Transaction<Tables>,
  rows: AgencyRow[],
  resolveParent: (row: AgencyRow, idByKey: Map<string, string>) => string | null,
): Promise<{ counts: Counts; idByKey: Map<string, string> }> {
  const c: Counts = { inserted: 0, updated: 0 };
  const touched = new Map<string, boolean>(); // id → inserted
  const idByKey = new Map<string, string>();
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    const res = await sql<{ id: string; region_code: string; name: string; inserted: boolean }>`
      WITH input AS (
        SELECT * FROM unnest(${part.map((r) => r.name)}::text[], ${part.map((r) => r.kind)}::text[],
          ${part.map((r) => r.regionCode)}::text[], ${part.map((r) => r.taskForceHead)}::text[])
          AS t(name, kind, region_code, task_force_head)
      ), up AS (
        INSERT INTO agencies (name, kind, region_code, task_force_head) SELECT * FROM input
        ON CONFLICT (region_code, name) DO UPDATE SET kind = excluded.kind,
          task_force_head = excluded.task_force_head, updated_at = now()
        WHERE (agencies.kind, agencies.task_force_head) IS DISTINCT FROM (excluded.kind, excluded.task_force_head)
        RETURNING id, region_code, name, (xmax = 0) AS inserted
      )
      SELECT id, region_code, name, inserted FROM up
      UNION ALL
      SELECT a.id, a.region_code, a.name, NULL FROM agencies a JOIN input i USING (region_code, name)`.execute(
      tx,
    );
    for (const r of res.rows) {
      idByKey.set(`${r.region_code}\u0000${r.name}`, r.id);
      if (r.inserted !== null && !touched.has(r.id)) touched.set(r.id, r.inserted);
    }
  }
  const links = rows.map((r) => ({
    id: idByKey.get(`${r.regionCode}\u0000${r.name}`)!,
    parentId: resolveParent(r, idByKey),
  }));
  for (let i = 0; i < links.length; i += BATCH) {
    const part = links.slice(i, i + BATCH);
    const res = await sql<{ id: string }>`
      UPDATE agencies a SET parent_id = t.parent_id, updated_at = now()
      FROM unnest(${part.map((l) => l.id)}::uuid[], ${part.map((l) => l.parentId)}::uuid[]) AS t(id, parent_id)
      WHERE a.id = t.id AND a.parent_id IS DISTINCT FROM t.parent_id
      RETURNING a.id`.execute(tx);
    for (const r of res.rows) if (!touched.has(r.id)) touched.set(r.id, false);
  }
  for (const inserted of touched.values()) tally([{ inserted }], c);
  return { counts: c, idByKey };
}

export type AccountWrite = AccountRow & { staffId: string | null; regionCode: string | null };

/** Upserts accounts by (platform, lower(handle)). */
export async function upsertAccountsInTx(tx: Transaction<Tables>, rows: AccountWrite[]): Promise<Counts> {
  const c: Counts = { inserted: 0, updated: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    const res = await sql<{ inserted: boolean }>`
      INSERT INTO social_accounts (platform, handle, profile_url, platform_user_id, staff_id, link_source,
                                   link_confidence, watch_status, region_code)
      SELECT * FROM unnest(${part.map((r) => r.platform)}::text[], ${part.map((r) => r.handle)}::text[],
        ${part.map((r) => r.profileUrl)}::text[], ${part.map((r) => r.platformUserId)}::text[],
        ${part.map((r) => r.staffId)}::uuid[], ${part.map((r) => r.linkSource)}::text[],
        ${part.map((r) => r.confidence)}::real[], ${part.map((r) => r.watchStatus)}::text[],
        ${part.map((r) => r.regionCode)}::text[])
      ON CONFLICT (platform, lower(handle)) DO UPDATE SET handle = excluded.handle,
        profile_url = excluded.profile_url, platform_user_id = excluded.platform_user_id,
        staff_id = excluded.staff_id, link_source = excluded.link_source,
        link_confidence = excluded.link_confidence, watch_status = excluded.watch_status,
        region_code = excluded.region_code, updated_at = now()
      WHERE (social_accounts.handle, social_accounts.profile_url, social_accounts.platform_user_id,
             social_accounts.staff_id, social_accounts.link_source, social_accounts.link_confidence,
             social_accounts.watch_status, social_accounts.region_code)
        IS DISTINCT FROM (excluded.handle, excluded.profile_url, excluded.platform_user_id, excluded.staff_id,
             excluded.link_source, excluded.link_confidence, excluded.watch_status, excluded.region_code)
      RETURNING (xmax = 0) AS inserted`.execute(tx);
    tally(res.rows, c);
  }
  return c;
}

/** Creates or changes one account (UI), returning its id. */
export async function insertAccountInTx(tx: Transaction<Tables>, row: AccountWrite): Promise<string> {
  const r = await tx
    .insertInto('social_accounts')
    .values({
      platform: row.platform,
      handle: row.handle,
      profile_url: row.profileUrl,
      platform_user_id: row.platformUserId,
      staff_id: row.staffId,
      link_source: row.linkSource,
      link_confidence: row.confidence,
      watch_status: row.watchStatus,
      region_code: row.regionCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAccountInTx(
  tx: Transaction<Tables>,
  id: string,
  patch: Partial<{
    platform: AccountWrite['platform'];
    handle: string;
    profile_url: string | null;
    platform_user_id: string | null;
    region_code: string | null;
    staff_id: string | null;
    link_source: AccountWrite['linkSource'];
    link_confidence: number | null;
    watch_status: AccountWrite['watchStatus'];
  }>,
): Promise<void> {
  await tx
    .updateTable('social_accounts')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Single-record writes from the forms (each inside the caller's transaction, with its audit event)

export async function findAgencyInScope(db: Db, root: string, id: string) {
  return db
    .selectFrom('agencies as a')
    .select(['a.id', 'a.name', 'a.kind', 'a.region_code', 'a.parent_id', 'a.task_force_head'])
    .where('a.id', '=', id)
    .where(inRegion('a.region_code', root))
    .executeTakeFirst();
}

/** Ids of an agency and every agency below it (a parent chosen among them would make a cycle). */
export async function agencySubtreeIds(db: Db, id: string): Promise<Set<string>> {
  const r = await sql<{ id: string }>`
    WITH RECURSIVE t(id) AS (SELECT ${id}::uuid UNION SELECT a.id FROM agencies a JOIN t ON a.parent_id = t.id)
    SELECT id FROM t`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}

export async function agencyByRegionAndName(db: Db, regionCode: string, name: string) {
  return db
    .selectFrom('agencies')
    .select('id')
    .where('region_code', '=', regionCode)
    .where('name', '=', name)
    .executeTakeFirst();
}

export type AgencyFields = {
  name: string;
  kind: string;
  regionCode: string;
  parentId: string | null;
  taskForceHead: string | null;
};

export async function insertAgencyInTx(tx: Transaction<Tables>, a: AgencyFields): Promise<string> {
  const r = await tx
    .insertInto('agencies')
    .values({
      name: a.name,
      kind: a.kind,
      region_code: a.regionCode,
      parent_id: a.parentId,
      task_force_head: a.taskForceHead,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAgencyInTx(tx: Transaction<Tables>, id: string, a: AgencyFields): Promise<void> {
  await tx
    .updateTable('agencies')
    .set({
      name: a.name,
      kind: a.kind,
      region_code: a.regionCode,
      parent_id: a.parentId,
      task_force_head: a.taskForceHead,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function unitsOfAgency(db: Db, agencyId: string) {
  return db
    .selectFrom('units as u')
    .select([
      'u.id',
      'u.name',
      'u.parent_id',
      sql<number>`(SELECT count(*)::int FROM staff s WHERE s.unit_id = u.id)`.as('staff_count'),
    ])
    .where('u.agency_id', '=', agencyId)
    .execute();
}

/**
 * Makes an agency's unit tree equal to `units` (names unique within the agency): renames and
 * re-parents units given by id, creates the new ones, deletes the ones left out (the caller has
 * checked that no staff member is in them).
 */
export async function replaceUnitsInTx(
  tx: Transaction<Tables>,
  agencyId: string,
  units: { id?: string; name: string; parent: string | null }[],
): Promise<void> {
  const keep = units.filter((u) => u.id).map((u) => u.id!);
  let del = tx.deleteFrom('units').where('agency_id', '=', agencyId);
  if (keep.length) del = del.where('id', 'not in', keep);
  // Parents are cleared first (and set again below) so deleting follows no foreign-key order.
  await tx.updateTable('units').set({ parent_id: null }).where('agency_id', '=', agencyId).execute();
  await del.execute();
  const idByName = new Map<string, string>();
  // Rename in two steps so swapping two names does not trip the (agency_id, name) key.
  for (const u of units.filter((x) => x.id))
    await tx
      .updateTable('units')
      .set({ name: `~rename~${u.id}` })
      .where('id', '=', u.id!)
      .where('agency_id', '=', agencyId)
      .execute();
  for (const u of units) {
    if (u.id) {
      await tx.updateTable('units').set({ name: u.name }).where('id', '=', u.id).execute();
      idByName.set(u.name.toLowerCase(), u.id);
    } else {
      const r = await tx
        .insertInto('units')
        .values({ agency_id: agencyId, name: u.name, parent_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      idByName.set(u.name.toLowerCase(), r.id);
    }
  }
  for (const u of units)
    if (u.parent)
      await tx
        .updateTable('units')
        .set({ parent_id: idByName.get(u.parent.toLowerCase())! })
        .where('id', '=', idByName.get(u.name.toLowerCase())!)
        .execute();
}

export type StaffFields = Omit<StaffWrite, 'row' | 'agency' | 'unit'>;

const staffValues = (s: StaffFields) => ({
  nip: s.nip,
  name: s.name,
  status: s.status,
  position_type: s.positionType,
  position_name: s.positionName,
  rank: s.rank,
  agency_id: s.agencyId,
  unit_id: s.unitId,
  region_code: s.regionCode,
  active: s.active,
  birth_date: s.birthDate,
  appointed_on: s.appointedOn,
  sex: s.sex,
});

export async function insertStaffInTx(tx: Transaction<Tables>, s: StaffFields): Promise<string> {
  const r = await tx.insertInto('staff').values(staffValues(s)).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateStaffInTx(tx: Transaction<Tables>, id: string, s: StaffFields): Promise<void> {
  await tx
    .updateTable('staff')
    .set({ ...staffValues(s), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** A non-ASN staff member with this name in this agency (their natural key), other than `exceptId`. */
export async function nonAsnByName(db: Db, agencyId: string, name: string, exceptId?: string) {
  let q = db
    .selectFrom('staff')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('nip', 'is', null)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}
