import { fileTypeFromBuffer } from 'file-type';
import { type Kysely, sql } from 'kysely';
import type { ActivityInput, ActivityView } from '../../contracts/prevention.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError, type ErrorDetail } from '../../domain/errors.ts';
import { parseNip } from '../../domain/nip.ts';
import { type StagedPack, stageOn } from '../../domain/prevention.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { readSheet, type Sheet } from '../registry/registry.parse.ts';
import {
  type Actor,
  agencyForWrite,
  type Db,
  dateText,
  inRegion,
  iso,
  notFound,
  requireAgency,
  requireRegion,
  scopeFor,
} from './prevention.shared.ts';

/** Photos and documents accepted on activities, by sniffed type (never the client's claim). */
export const ACTIVITY_FILE_TYPES: Record<string, 'photo' | 'document'> = {
  'image/jpeg': 'photo',
  'image/png': 'photo',
  'image/webp': 'photo',
  'image/heic': 'photo',
  'application/pdf': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
};

/** The active election packs' calendars (for the stage an activity falls in). */
export async function activePacks(db: Db): Promise<StagedPack[]> {
  const rows = await db
    .selectFrom('election_packs')
    .select(['id', 'region_code', 'body'])
    .where('active', '=', true)
    .execute();
  return rows.map((r) => {
    const body = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as {
      stages?: StagedPack['stages'];
    };
    return { id: r.id, regionCode: r.region_code, stages: Array.isArray(body?.stages) ? body.stages : [] };
  });
}

type AttendanceRow = { row: number; nip: string | null; name: string; agencyName: string | null };

/** Finds the NIP, name and agency columns of an attendance list (Indonesian or English headers). */
export function attendanceRows(sheet: Sheet, today: Date): { rows: AttendanceRow[]; errors: ErrorDetail[] } {
  const find = (re: RegExp) => sheet.headers.findIndex((h) => re.test(h.trim().toLowerCase()));
  const nipCol = find(/^nip\b/);
  const nameCol = find(/^(nama|name)\b/);
  const agencyCol = find(/^(instansi|agency|unit kerja|satuan kerja)\b/);
  if (nameCol < 0)
    return {
      rows: [],
      errors: [{ row: 1, field: 'nama', message: 'kolom "Nama" tidak ada / no "Nama" column' }],
    };
  const rows: AttendanceRow[] = [];
  const errors: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const name = (cells[nameCol] ?? '').trim();
    const rawNip = nipCol >= 0 ? (cells[nipCol] ?? '').trim() : '';
    if (!name) errors.push({ row, field: 'nama', message: 'nama wajib diisi' });
    if (name.length > 200) errors.push({ row, field: 'nama', message: 'nama terlalu panjang (maks. 200)' });
    let nip: string | null = null;
    if (rawNip) {
      const parsed = parseNip(rawNip, today);
      if (!parsed.ok) errors.push({ row, field: 'nip', message: parsed.reason });
      else {
        nip = parsed.value.nip;
        const first = seen.get(nip);
        if (first) errors.push({ row, field: 'nip', message: `NIP sama dengan baris ${first}` });
        else seen.set(nip, row);
      }
    }
    const agencyName = agencyCol >= 0 ? (cells[agencyCol] ?? '').trim().slice(0, 300) || null : null;
    rows.push({ row, nip, name, agencyName });
  }
  if (!rows.length && !errors.length)
    errors.push({ row: 2, field: 'nama', message: 'daftar hadir kosong / the list is empty' });
  return { rows, errors };
}

export const importFailed = (errors: ErrorDetail[]) =>
  new DomainError(
    'IMPORT_ROW_INVALID',
    `${errors.length} kesalahan pada berkas; tidak ada data yang disimpan / ${errors.length} errors in the file; nothing was saved`,
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)).slice(0, 1000),
  );

export function createActivitiesService(deps: { db: Kysely<Tables>; blobs: BlobStore; now: () => Date }) {
  const { db, blobs, now } = deps;

  /** Activities the actor may see: in their region subtree, and for task-force heads, with their agency. */
  const visible = (actor: Actor) => {
    const { regionRoot, agencyId } = scopeFor(actor);
    let q = db.selectFrom('prevention_activities as a').where(inRegion('a.region_code', regionRoot));
    if (agencyId !== null)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('prevention_activity_agencies as x')
            .select('x.activity_id')
            .whereRef('x.activity_id', '=', 'a.id')
            .where('x.agency_id', '=', agencyId),
        ),
      );
    return q;
  };

  async function views(ids: string[]): Promise<ActivityView[]> {
    if (!ids.length) return [];
    const rows = await db
      .selectFrom('prevention_activities as a')
      .leftJoin('regions as r', 'r.code', 'a.region_code')
      .select([
        'a.id',
        'a.kind',
        'a.title',
        'a.description',
        dateText('a.held_on').as('held_on'),
        'a.location',
        'a.region_code',
        'r.name as region_name',
        'a.participants',
        'a.pack_id',
        'a.stage_code',
        'a.created_at',
      ])
      .select((eb) => [
        eb
          .selectFrom('prevention_attendees as t')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('t.activity_id', '=', 'a.id')
          .as('attendees'),
        eb
          .selectFrom('prevention_attendees as t')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('t.activity_id', '=', 'a.id')
          .where('t.staff_id', 'is not', null)
          .as('matched'),
      ])
      .where('a.id', 'in', ids)
      .orderBy('a.held_on', 'desc')
      .orderBy('a.created_at', 'desc')
      .execute();
    const agencies = await db
      .selectFrom('prevention_activity_agencies as x')
      .innerJoin('agencies as g', 'g.id', 'x.agency_id')
      .select(['x.activity_id', 'g.id', 'g.name'])
      .where('x.activity_id', 'in', ids)
      .orderBy('g.name')
      .execute();
    const files = await db
      .selectFrom('prevention_files')
      .select(['id', 'activity_id', 'kind', 'filename', 'mime', 'size', 'created_at'])
      .where('activity_id', 'in', ids)
      .orderBy('created_at')
      .execute();
    const packs = await activePacks(db);
    const stageNames = new Map<string, string>();
    for (const p of packs) for (const s of p.stages) stageNames.set(`${p.id}/${s.code}`, s.name);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      description: r.description,
      heldOn: r.held_on,
      location: r.location,
      regionCode: r.region_code,
      regionName: r.region_name ?? null,
      participants: r.participants,
      attendees: Number(r.attendees ?? 0),
      attendeesMatched: Number(r.matched ?? 0),
      stage:
        r.pack_id && r.stage_code
          ? {
              packId: r.pack_id,
              code: r.stage_code,
              name: stageNames.get(`${r.pack_id}/${r.stage_code}`) ?? r.stage_code,
            }
          : null,
      agencies: agencies.filter((g) => g.activity_id === r.id).map((g) => ({ id: g.id, name: g.name })),
      files: files
        .filter((f) => f.activity_id === r.id)
        .map((f) => ({
          id: f.id,
          kind: f.kind,
          filename: f.filename,
          mime: f.mime,
          size: f.size,
          createdAt: iso(f.created_at),
        })),
      createdAt: iso(r.created_at),
    }));
  }

  async function requireVisible(actor: Actor, id: string) {
    const row = await visible(actor)
      .select(['a.id', 'a.region_code'])
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    return row;
  }

  async function get(actor: Actor, id: string): Promise<ActivityView> {
    await requireVisible(actor, id);
    return (await views([id]))[0]!;
  }

  async function list(
    actor: Actor,
    q: { kind?: ActivityView['kind']; regionCode?: string; agencyId?: string; from?: string; to?: string },
  ): Promise<ActivityView[]> {
    let query = visible(actor).select('a.id');
    if (q.kind) query = query.where('a.kind', '=', q.kind);
    if (q.regionCode) query = query.where(inRegion('a.region_code', q.regionCode));
    if (q.from) query = query.where('a.held_on', '>=', q.from);
    if (q.to) query = query.where('a.held_on', '<=', q.to);
    if (q.agencyId) {
      const agencyId = q.agencyId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('prevention_activity_agencies as y')
            .select('y.activity_id')
            .whereRef('y.activity_id', '=', 'a.id')
            .where('y.agency_id', '=', agencyId),
        ),
      );
    }
    const ids = await query.orderBy('a.held_on', 'desc').limit(500).execute();
    return views(ids.map((r) => r.id));
  }

  async function agencyIdsFor(actor: Actor, given: string[]): Promise<string[]> {
    const own = agencyForWrite(actor, given[0] ?? null);
    const ids = [...new Set(own && !given.length ? [own] : given)];
    for (const [i, id] of ids.entries()) await requireAgency(db, actor, id, `agencyIds.${i}`);
    return ids;
  }

  async function create(actor: Actor, input: ActivityInput): Promise<ActivityView> {
    await requireRegion(db, actor, input.regionCode);
    const agencyIds = await agencyIdsFor(actor, input.agencyIds);
    const stage = stageOn(await activePacks(db), input.regionCode, input.heldOn);
    const id = await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('prevention_activities')
        .values({
          kind: input.kind,
          title: input.title,
          description: input.description ?? null,
          held_on: input.heldOn,
          location: input.location ?? null,
          region_code: input.regionCode,
          office_id: actor.office.id,
          participants: input.participants,
          pack_id: stage?.packId ?? null,
          stage_code: stage?.code ?? null,
          created_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (agencyIds.length)
        await tx
          .insertInto('prevention_activity_agencies')
          .values(agencyIds.map((agency_id) => ({ activity_id: row.id, agency_id })))
          .execute();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.activity.create',
        subjectType: 'prevention_activity',
        subjectId: row.id,
        details: { kind: input.kind, regionCode: input.regionCode, heldOn: input.heldOn, agencyIds },
      });
      return row.id;
    });
    return (await views([id]))[0]!;
  }

  async function update(actor: Actor, id: string, input: ActivityInput): Promise<ActivityView> {
    await requireVisible(actor, id);
    await requireRegion(db, actor, input.regionCode);
    const agencyIds = await agencyIdsFor(actor, input.agencyIds);
    const stage = stageOn(await activePacks(db), input.regionCode, input.heldOn);
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('prevention_activities')
        .set({
          kind: input.kind,
          title: input.title,
          description: input.description ?? null,
          held_on: input.heldOn,
          location: input.location ?? null,
          region_code: input.regionCode,
          participants: input.participants,
          pack_id: stage?.packId ?? null,
          stage_code: stage?.code ?? null,
          updated_at: now(),
        })
        .where('id', '=', id)
        .execute();
      await tx.deleteFrom('prevention_activity_agencies').where('activity_id', '=', id).execute();
      if (agencyIds.length)
        await tx
          .insertInto('prevention_activity_agencies')
          .values(agencyIds.map((agency_id) => ({ activity_id: id, agency_id })))
          .execute();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.activity.update',
        subjectType: 'prevention_activity',
        subjectId: id,
        details: { kind: input.kind, regionCode: input.regionCode, heldOn: input.heldOn, agencyIds },
      });
    });
    return (await views([id]))[0]!;
  }

  /**
   * Replaces the activity's attendance list from a CSV/XLSX (columns Nama, NIP, Instansi): all or
   * nothing with row numbers; NIPs are matched to the registry within the actor's jurisdiction; the
   * participant count becomes at least the number of rows.
   */
  async function uploadAttendance(actor: Actor, id: string, data: Uint8Array) {
    await requireVisible(actor, id);
    const sheet = await readSheet(data);
    const { rows, errors } = attendanceRows(sheet, now());
    if (errors.length) throw importFailed(errors);
    const nips = rows.map((r) => r.nip).filter((n): n is string => n !== null);
    const { regionRoot } = scopeFor(actor);
    const staff = nips.length
      ? await db
          .selectFrom('staff')
          .select(['id', 'nip'])
          .where('nip', 'in', nips)
          .where(inRegion('region_code', regionRoot))
          .execute()
      : [];
    const byNip = new Map(staff.map((s) => [s.nip!.trim(), s.id]));
    const matched = rows.filter((r) => r.nip && byNip.has(r.nip)).length;
    const participants = await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('prevention_attendees').where('activity_id', '=', id).execute();
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insertInto('prevention_attendees')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              activity_id: id,
              row_number: r.row,
              nip: r.nip,
              name: r.name,
              agency_name: r.agencyName,
              staff_id: (r.nip && byNip.get(r.nip)) || null,
            })),
          )
          .execute();
      const updated = await tx
        .updateTable('prevention_activities')
        .set({ participants: sql`greatest(participants, ${rows.length})`, updated_at: now() })
        .where('id', '=', id)
        .returning('participants')
        .executeTakeFirstOrThrow();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.activity.attendance',
        subjectType: 'prevention_activity',
        subjectId: id,
        details: { rows: rows.length, matched },
      });
      return updated.participants;
    });
    return {
      rows: rows.length,
      matched,
      participants,
      unmatched: rows
        .filter((r) => !(r.nip && byNip.has(r.nip)))
        .slice(0, 500)
        .map((r) => ({ row: r.row, nip: r.nip, name: r.name })),
    };
  }

  /** Attaches a photo or document; its type is sniffed from the bytes and must be an accepted one. */
  async function addFile(actor: Actor, id: string, file: { filename: string; data: Buffer }) {
    await requireVisible(actor, id);
    const type = await fileTypeFromBuffer(file.data);
    const kind = type ? ACTIVITY_FILE_TYPES[type.mime] : undefined;
    if (!type || !kind)
      throw new DomainError('VALIDATION', 'Jenis berkas tidak diterima / file type not accepted', [
        { field: 'file', message: 'foto (JPEG, PNG, WebP, HEIC) atau dokumen (PDF, DOCX, XLSX, PPTX)' },
      ]);
    const { sha256, size } = await blobs.put(file.data);
    const filename =
      [...file.filename]
        .map((ch) => (ch < ' ' || ch === '"' || ch === '/' || ch === '\\' ? '_' : ch))
        .join('')
        .slice(0, 200) || `berkas.${type.ext}`;
    await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('prevention_files')
        .values({ activity_id: id, kind, sha256, filename, mime: type.mime, size, uploaded_by: actor.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.activity.file',
        subjectType: 'prevention_activity',
        subjectId: id,
        details: { fileId: row.id, sha256, mime: type.mime, size },
      });
    });
    return get(actor, id);
  }

  async function file(actor: Actor, id: string, fileId: string) {
    await requireVisible(actor, id);
    const row = await db
      .selectFrom('prevention_files')
      .select(['sha256', 'filename', 'mime'])
      .where('id', '=', fileId)
      .where('activity_id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    return { filename: row.filename, mime: row.mime, data: await blobs.get(row.sha256) };
  }

  return { list, get, create, update, uploadAttendance, addFile, file };
}
