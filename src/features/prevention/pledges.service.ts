import { setTimeout as sleep } from 'node:timers/promises';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { CampaignView } from '../../contracts/prevention.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError, type ErrorDetail } from '../../domain/errors.ts';
import { normaliseNip } from '../../domain/nip.ts';
import { namesMatch, percent, todayWib } from '../../domain/prevention.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { readSheet } from '../registry/registry.parse.ts';
import { attendanceRows, importFailed } from './activities.service.ts';
import {
  type Actor,
  agencyForWrite,
  dateText,
  inRegion,
  notFound,
  nullableDateText,
  requireAgency,
  requireRegion,
  scopeFor,
} from './prevention.shared.ts';

/** The one answer to a NIP/name pair that does not match, whatever the reason (no hint who exists). */
export const SIGN_REJECTED = () =>
  new DomainError(
    'VALIDATION',
    'NIP dan nama tidak cocok dengan data kepegawaian untuk ikrar ini. Periksa kembali penulisan NIP dan nama / the NIP and name do not match the staff records for this pledge',
    [{ field: 'nip', message: 'NIP dan nama tidak cocok' }],
  );

/** Failed signing attempts allowed per NIP and campaign in the window, before 429. */
export const SIGN_FAILURES = { max: 5, windowMs: 15 * 60_000 };
/** Every public signing answer takes at least this long (plus jitter), so timing tells nothing. */
export const SIGN_MIN_MS = 350;

type CampaignRow = {
  id: string;
  title: string;
  text: string;
  region_code: string;
  region_name: string | null;
  agency_id: string | null;
  agency_name: string | null;
  opens_on: string;
  closes_on: string | null;
  closed_at: Date | null;
};

/** Neutrality pledges (*ikrar netralitas*): campaigns, public signing, signed lists, coverage. */
export function createPledgesService(deps: {
  db: Kysely<Tables>;
  now: () => Date;
  /** Minimum duration of a public signing answer (tests may shorten it). */
  minSignMs?: number;
}) {
  const { db, now } = deps;
  const minSignMs = deps.minSignMs ?? SIGN_MIN_MS;
  const failures = new Map<string, { count: number; resetAt: number }>();

  const campaigns = () =>
    db
      .selectFrom('pledge_campaigns as c')
      .leftJoin('regions as r', 'r.code', 'c.region_code')
      .leftJoin('agencies as g', 'g.id', 'c.agency_id')
      .select([
        'c.id',
        'c.title',
        'c.text',
        'c.region_code',
        'r.name as region_name',
        'c.agency_id',
        'g.name as agency_name',
        dateText('c.opens_on').as('opens_on'),
        nullableDateText('c.closes_on').as('closes_on'),
        'c.closed_at',
      ]);

  const visible = (actor: Actor) => {
    const { regionRoot, agencyId } = scopeFor(actor);
    let q = campaigns().where(inRegion('c.region_code', regionRoot));
    if (agencyId !== null) q = q.where('c.agency_id', '=', agencyId);
    return q;
  };

  /** Active staff a campaign addresses: its agency's, or everyone's in its region. */
  const inCampaign = (c: Pick<CampaignRow, 'agency_id' | 'region_code'>): Expression<SqlBool> =>
    c.agency_id ? sql<SqlBool>`s.agency_id = ${c.agency_id}` : inRegion('s.region_code', c.region_code);

  const isOpen = (c: CampaignRow, today: string) =>
    !c.closed_at && c.opens_on <= today && (c.closes_on === null || today <= c.closes_on);

  async function counts(c: CampaignRow): Promise<{ staff: number; signed: number }> {
    const row = await db
      .selectFrom('staff as s')
      .leftJoin('pledge_signatures as p', (j) =>
        j.onRef('p.staff_id', '=', 's.id').on('p.campaign_id', '=', c.id),
      )
      .select([sql<number>`count(*)::int`.as('staff'), sql<number>`count(p.id)::int`.as('signed')])
      .where('s.active', '=', true)
      .where(inCampaign(c))
      .executeTakeFirstOrThrow();
    return { staff: Number(row.staff), signed: Number(row.signed) };
  }

  async function view(c: CampaignRow): Promise<CampaignView> {
    const { staff, signed } = await counts(c);
    return {
      id: c.id,
      title: c.title,
      text: c.text,
      regionCode: c.region_code,
      regionName: c.region_name ?? null,
      agencyId: c.agency_id,
      agencyName: c.agency_name ?? null,
      opensOn: c.opens_on,
      closesOn: c.closes_on,
      closed: !isOpen(c, todayWib(now())),
      signed,
      staff,
      percent: percent(signed, staff),
      publicPath: `/ikrar/${c.id}`,
    };
  }

  async function requireVisible(actor: Actor, id: string): Promise<CampaignRow> {
    const c = await visible(actor).where('c.id', '=', id).executeTakeFirst();
    if (!c) throw notFound();
    return c;
  }

  async function list(actor: Actor): Promise<CampaignView[]> {
    const rows = await visible(actor).orderBy('c.created_at', 'desc').limit(200).execute();
    return Promise.all(rows.map(view));
  }

  async function create(
    actor: Actor,
    input: {
      title: string;
      text: string;
      regionCode: string;
      agencyId?: string | null;
      opensOn: string;
      closesOn?: string | null;
    },
  ): Promise<CampaignView> {
    await requireRegion(db, actor, input.regionCode);
    const agencyId = agencyForWrite(actor, input.agencyId);
    if (agencyId) await requireAgency(db, actor, agencyId);
    if (input.closesOn && input.closesOn < input.opensOn)
      throw new DomainError('VALIDATION', 'Tanggal tutup sebelum tanggal buka / closes before it opens', [
        { field: 'closesOn', message: 'harus sesudah tanggal buka' },
      ]);
    const id = await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('pledge_campaigns')
        .values({
          title: input.title,
          text: input.text,
          region_code: input.regionCode,
          agency_id: agencyId,
          office_id: actor.office.id,
          opens_on: input.opensOn,
          closes_on: input.closesOn ?? null,
          created_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.pledge.campaign.create',
        subjectType: 'pledge_campaign',
        subjectId: row.id,
        details: { regionCode: input.regionCode, agencyId },
      });
      return row.id;
    });
    return view(await requireVisible(actor, id));
  }

  async function close(actor: Actor, id: string): Promise<CampaignView> {
    await requireVisible(actor, id);
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('pledge_campaigns')
        .set({ closed_at: now() })
        .where('id', '=', id)
        .where('closed_at', 'is', null)
        .execute();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.pledge.campaign.close',
        subjectType: 'pledge_campaign',
        subjectId: id,
      });
    });
    return view(await requireVisible(actor, id));
  }

  /** Coverage of one campaign per agency and unit, and the latest signatures. */
  async function coverage(actor: Actor, id: string) {
    const c = await requireVisible(actor, id);
    const { agencyId } = scopeFor(actor);
    let q = db
      .selectFrom('staff as s')
      .innerJoin('agencies as g', 'g.id', 's.agency_id')
      .leftJoin('units as u', 'u.id', 's.unit_id')
      .leftJoin('pledge_signatures as p', (j) =>
        j.onRef('p.staff_id', '=', 's.id').on('p.campaign_id', '=', c.id),
      )
      .select([
        's.agency_id',
        'g.name as agency_name',
        's.unit_id',
        'u.name as unit_name',
        'g.region_code',
        sql<number>`count(*)::int`.as('staff'),
        sql<number>`count(p.id)::int`.as('signed'),
      ])
      .where('s.active', '=', true)
      .where(inCampaign(c))
      .groupBy(['s.agency_id', 'g.name', 's.unit_id', 'u.name', 'g.region_code'])
      .orderBy('g.name')
      .orderBy('u.name');
    if (agencyId !== null) q = q.where('s.agency_id', '=', agencyId);
    const rows = await q.limit(5000).execute();
    let sq = db
      .selectFrom('pledge_signatures as p')
      .innerJoin('staff as s', 's.id', 'p.staff_id')
      .innerJoin('agencies as g', 'g.id', 's.agency_id')
      .select(['s.name', 's.nip', 'g.name as agency_name', 'p.signed_at', 'p.method'])
      .where('p.campaign_id', '=', c.id)
      .orderBy('p.signed_at', 'desc')
      .limit(200);
    if (agencyId !== null) sq = sq.where('s.agency_id', '=', agencyId);
    const signatures = await sq.execute();
    return {
      campaign: await view(c),
      rows: rows.map((r) => ({
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        unitId: r.unit_id,
        unitName: r.unit_name ?? null,
        regionCode: r.region_code,
        staff: Number(r.staff),
        signed: Number(r.signed),
        percent: percent(Number(r.signed), Number(r.staff)),
      })),
      signatures: signatures.map((s) => ({
        staffName: s.name,
        nip: s.nip?.trim() ?? null,
        agencyName: s.agency_name,
        signedAt: new Date(s.signed_at).toISOString(),
        method: s.method,
      })),
    };
  }

  /**
   * An office records a signed attendance list (CSV/XLSX: NIP, Nama): every row must name active
   * staff of the campaign with the right name, all or nothing with row numbers; people who signed
   * already are skipped.
   */
  async function uploadSigned(actor: Actor, id: string, data: Uint8Array) {
    const c = await requireVisible(actor, id);
    const { rows, errors } = attendanceRows(await readSheet(data), now());
    const nips = rows.map((r) => r.nip).filter((n): n is string => n !== null);
    const { agencyId } = scopeFor(actor);
    const staff = nips.length
      ? await db
          .selectFrom('staff as s')
          .select(['s.id', 's.nip', 's.name', 's.agency_id'])
          .where('s.nip', 'in', nips)
          .where('s.active', '=', true)
          .where(inCampaign(c))
          .execute()
      : [];
    const byNip = new Map(staff.map((s) => [s.nip!.trim(), s]));
    const rowErrors: ErrorDetail[] = [...errors];
    const ids: string[] = [];
    for (const r of rows) {
      if (!r.nip) {
        if (r.name) rowErrors.push({ row: r.row, field: 'nip', message: 'NIP wajib diisi' });
        continue;
      }
      const s = byNip.get(r.nip);
      if (!s || (agencyId !== null && s.agency_id !== agencyId))
        rowErrors.push({
          row: r.row,
          field: 'nip',
          message: 'NIP tidak terdaftar pada instansi/wilayah ikrar ini',
        });
      else if (!namesMatch(r.name, s.name))
        rowErrors.push({
          row: r.row,
          field: 'nama',
          message: `nama tidak sesuai data kepegawaian untuk NIP ini`,
        });
      else ids.push(s.id);
    }
    if (rowErrors.length) throw importFailed(rowErrors);
    const added = await db.transaction().execute(async (tx) => {
      let n = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const res = await tx
          .insertInto('pledge_signatures')
          .values(
            ids.slice(i, i + 500).map((staff_id) => ({
              campaign_id: c.id,
              staff_id,
              method: 'attendance_list' as const,
              recorded_by: actor.id,
            })),
          )
          .onConflict((oc) => oc.columns(['campaign_id', 'staff_id']).doNothing())
          .returning('id')
          .execute();
        n += res.length;
      }
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.pledge.upload',
        subjectType: 'pledge_campaign',
        subjectId: c.id,
        details: { rows: rows.length, added: n },
      });
      return n;
    });
    return { rows: rows.length, added, alreadySigned: ids.length - added };
  }

  // ------------------------------------------------------------------------------------------
  // Public page

  async function publicCampaign(id: string) {
    const c = await campaigns().where('c.id', '=', id).executeTakeFirst();
    if (!c) throw notFound();
    const { signed } = await counts(c);
    return {
      id: c.id,
      title: c.title,
      text: c.text,
      scope: c.agency_name ?? c.region_name ?? c.region_code,
      open: isOpen(c, todayWib(now())),
      signed,
    };
  }

  const tooMany = () =>
    new DomainError(
      'RATE_LIMITED',
      'Terlalu banyak percobaan; coba lagi nanti / too many attempts; try again later',
    );

  /**
   * Signs a campaign with NIP and name. A wrong pair, an unknown NIP, staff outside the campaign and
   * a filled honeypot all get the same answer after the same minimum time; failures per NIP are
   * limited. A second signature by the same person is a CONFLICT (they proved who they are).
   */
  async function sign(id: string, input: { nip: string; name: string; website?: string }) {
    const started = Date.now();
    try {
      const c = await campaigns().where('c.id', '=', id).executeTakeFirst();
      if (!c) throw notFound();
      if (!isOpen(c, todayWib(now())))
        throw new DomainError(
          'INVALID_STATE',
          'Ikrar ini tidak sedang dibuka / this pledge is not open for signing',
        );
      const nip = normaliseNip(input.nip);
      const key = `${id}/${nip}`;
      const t = Date.now();
      const f = failures.get(key);
      if (f && f.resetAt > t && f.count >= SIGN_FAILURES.max) throw tooMany();
      // The same query whatever the input, so a bot's request costs and looks like a person's.
      const staff = /^\d{18}$/.test(nip)
        ? await db
            .selectFrom('staff as s')
            .select(['s.id', 's.name'])
            .where('s.nip', '=', nip)
            .where('s.active', '=', true)
            .where(inCampaign(c))
            .executeTakeFirst()
        : undefined;
      if (input.website || !staff || !namesMatch(input.name, staff.name)) {
        if (failures.size > 100_000) failures.clear();
        const cur = f && f.resetAt > t ? f : { count: 0, resetAt: t + SIGN_FAILURES.windowMs };
        cur.count += 1;
        failures.set(key, cur);
        throw SIGN_REJECTED();
      }
      const signedAt = now();
      return await db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('pledge_signatures')
          .values({ campaign_id: c.id, staff_id: staff.id, method: 'online', signed_at: signedAt })
          .onConflict((oc) => oc.columns(['campaign_id', 'staff_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row)
          throw new DomainError(
            'CONFLICT',
            'Anda sudah menandatangani ikrar ini / you have already signed this pledge',
          );
        await recordAuditInTx(tx, {
          actorId: null,
          action: 'prevention.pledge.sign',
          subjectType: 'pledge_campaign',
          subjectId: c.id,
          details: { staffId: staff.id, method: 'online' },
        });
        return { ok: true as const, signedAt: signedAt.toISOString() };
      });
    } finally {
      const wait = started + minSignMs + Math.floor(Math.random() * (minSignMs / 4)) - Date.now();
      if (wait > 0) await sleep(wait);
    }
  }

  return { list, create, close, coverage, uploadSigned, publicCampaign, sign };
}
