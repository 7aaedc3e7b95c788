import type { Kysely } from 'kysely';
import type { TaskForceUser, TaskForceView } from '../../contracts/prevention.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import {
  type Actor,
  agencyForWrite,
  dateText,
  inRegion,
  notFound,
  requireAgency,
  requireRegion,
  scopeFor,
} from './prevention.shared.ts';

type Input = {
  name: string;
  regionCode: string;
  agencyId?: string | null;
  decreeNumber: string;
  decreeDate: string;
  headName?: string | null;
  headUserId?: string | null;
  members: {
    name: string;
    position?: string | null;
    role: 'ketua' | 'wakil_ketua' | 'sekretaris' | 'anggota';
    staffId?: string | null;
  }[];
};

/** Task forces (*Satgas Netralitas ASN*): one per agency or per region, with decree, head and members. */
export function createTaskForcesService(deps: { db: Kysely<Tables>; now: () => Date }) {
  const { db, now } = deps;

  const visible = (actor: Actor) => {
    const { regionRoot, agencyId } = scopeFor(actor);
    let q = db
      .selectFrom('task_forces as t')
      .leftJoin('regions as r', 'r.code', 't.region_code')
      .leftJoin('agencies as g', 'g.id', 't.agency_id')
      .leftJoin('users as hu', 'hu.id', 't.head_user_id')
      .where(inRegion('t.region_code', regionRoot))
      .where('t.dissolved_on', 'is', null);
    if (agencyId !== null) q = q.where('t.agency_id', '=', agencyId);
    return q;
  };

  async function views(actor: Actor, id?: string): Promise<TaskForceView[]> {
    let q = visible(actor).select([
      't.id',
      't.name',
      't.region_code',
      'r.name as region_name',
      't.agency_id',
      'g.name as agency_name',
      't.decree_number',
      dateText('t.decree_date').as('decree_date'),
      't.head_name',
      't.head_user_id',
      'hu.display_name as head_user_name',
    ]);
    if (id) q = q.where('t.id', '=', id);
    const rows = await q.orderBy('t.region_code').orderBy('g.name').limit(2000).execute();
    const members = rows.length
      ? await db
          .selectFrom('task_force_members')
          .select(['id', 'task_force_id', 'name', 'position', 'role', 'staff_id'])
          .where(
            'task_force_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('created_at')
          .execute()
      : [];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      regionCode: r.region_code,
      regionName: r.region_name ?? null,
      agencyId: r.agency_id,
      agencyName: r.agency_name ?? null,
      decreeNumber: r.decree_number,
      decreeDate: r.decree_date,
      headName: r.head_name,
      headUserId: r.head_user_id,
      headUserName: r.head_user_name ?? null,
      members: members
        .filter((m) => m.task_force_id === r.id)
        .map((m) => ({ id: m.id, name: m.name, position: m.position, role: m.role, staffId: m.staff_id })),
    }));
  }

  async function validate(actor: Actor, input: Input) {
    await requireRegion(db, actor, input.regionCode);
    const agencyId = agencyForWrite(actor, input.agencyId);
    if (agencyId) {
      const agency = await requireAgency(db, actor, agencyId);
      if (agency.region_code !== input.regionCode)
        throw new DomainError(
          'VALIDATION',
          'Wilayah satgas harus wilayah instansinya / region must be the agency’s',
          [{ field: 'regionCode', message: `wilayah instansi: ${agency.region_code}` }],
        );
    }
    if (input.headUserId) {
      const { regionRoot } = scopeFor(actor);
      const head = await db
        .selectFrom('users as u')
        .innerJoin('offices as o', 'o.id', 'u.office_id')
        .select(['u.id', 'u.role', 'u.agency_id'])
        .where('u.id', '=', input.headUserId)
        .where(inRegion('o.region_code', regionRoot))
        .executeTakeFirst();
      if (head?.role !== 'taskforce' || (agencyId && head.agency_id !== agencyId))
        throw new DomainError(
          'VALIDATION',
          'Pengguna ketua satgas tidak valid / invalid task-force head user',
          [{ field: 'headUserId', message: 'harus pengguna berperan satgas dari instansi ini' }],
        );
    }
    for (const [i, m] of input.members.entries())
      if (m.staffId) {
        const s = await db
          .selectFrom('staff')
          .select('id')
          .where('id', '=', m.staffId)
          .where(inRegion('region_code', scopeFor(actor).regionRoot))
          .executeTakeFirst();
        if (!s)
          throw new DomainError('VALIDATION', 'Pegawai tidak ditemukan / staff not found', [
            { field: `members.${i}.staffId`, message: 'pegawai tidak ada atau di luar yurisdiksi' },
          ]);
      }
    return agencyId;
  }

  async function save(actor: Actor, id: string | null, input: Input): Promise<TaskForceView> {
    if (id && !(await visible(actor).select('t.id').where('t.id', '=', id).executeTakeFirst()))
      throw notFound();
    const agencyId = await validate(actor, input);
    const saved = await db.transaction().execute(async (tx) => {
      const dup = await tx
        .selectFrom('task_forces')
        .select('id')
        .where('dissolved_on', 'is', null)
        .where((eb) =>
          agencyId
            ? eb('agency_id', '=', agencyId)
            : eb.and([eb('agency_id', 'is', null), eb('region_code', '=', input.regionCode)]),
        )
        .executeTakeFirst();
      if (dup && dup.id !== id)
        throw new DomainError(
          'CONFLICT',
          'Satgas untuk instansi/wilayah ini sudah ada / a task force exists already',
          [{ field: agencyId ? 'agencyId' : 'regionCode', message: 'sudah ada satgas' }],
        );
      const values = {
        name: input.name,
        region_code: input.regionCode,
        agency_id: agencyId,
        decree_number: input.decreeNumber,
        decree_date: input.decreeDate,
        head_name: input.headName ?? null,
        head_user_id: input.headUserId ?? null,
        updated_at: now(),
      };
      const row = id
        ? await tx
            .updateTable('task_forces')
            .set(values)
            .where('id', '=', id)
            .returning('id')
            .executeTakeFirstOrThrow()
        : await tx
            .insertInto('task_forces')
            .values({ ...values, office_id: actor.office.id })
            .returning('id')
            .executeTakeFirstOrThrow();
      await tx.deleteFrom('task_force_members').where('task_force_id', '=', row.id).execute();
      if (input.members.length)
        await tx
          .insertInto('task_force_members')
          .values(
            input.members.map((m) => ({
              task_force_id: row.id,
              name: m.name,
              position: m.position ?? null,
              role: m.role,
              staff_id: m.staffId ?? null,
            })),
          )
          .execute();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: id ? 'prevention.taskforce.update' : 'prevention.taskforce.create',
        subjectType: 'task_force',
        subjectId: row.id,
        details: {
          regionCode: input.regionCode,
          agencyId,
          decreeNumber: input.decreeNumber,
          members: input.members.length,
        },
      });
      return row.id;
    });
    return (await views(actor, saved))[0]!;
  }

  async function dissolve(actor: Actor, id: string, on: string) {
    if (!(await visible(actor).select('t.id').where('t.id', '=', id).executeTakeFirst())) throw notFound();
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('task_forces')
        .set({ dissolved_on: on, updated_at: now() })
        .where('id', '=', id)
        .execute();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.taskforce.dissolve',
        subjectType: 'task_force',
        subjectId: id,
        details: { on },
      });
    });
  }

  /**
   * The users who may be linked as a task force's head: enabled users of role `taskforce` whose
   * office lies in the actor's jurisdiction, of `agencyId` when given (a task-force head: only their
   * own agency's). The same rule `validate` applies to `headUserId`.
   */
  async function headCandidates(actor: Actor, query: { agencyId?: string }): Promise<TaskForceUser[]> {
    const scope = scopeFor(actor);
    const agencyId = scope.agencyId ?? query.agencyId ?? null;
    let q = db
      .selectFrom('users as u')
      .innerJoin('offices as o', 'o.id', 'u.office_id')
      .leftJoin('agencies as g', 'g.id', 'u.agency_id')
      .select(['u.id', 'u.display_name', 'u.agency_id', 'g.name as agency_name', 'o.name as office_name'])
      .where('u.role', '=', 'taskforce')
      .where('u.disabled_at', 'is', null)
      .where(inRegion('o.region_code', scope.regionRoot));
    if (agencyId) q = q.where('u.agency_id', '=', agencyId);
    const rows = await q.orderBy('u.display_name').orderBy('u.id').limit(500).execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.display_name,
      agencyId: r.agency_id,
      agencyName: r.agency_name ?? null,
      officeName: r.office_name,
    }));
  }

  return { list: (actor: Actor) => views(actor), save, dissolve, headCandidates };
}
