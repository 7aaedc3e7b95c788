import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { HolidayInput, ViolationFormPatch } from '../../contracts/cases.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';

/**
 * Reference data administrators maintain: the holiday calendar (national holidays and collective
 * leave, used by the working-day clocks) and the violation-form catalogue of the 2022 joint decree.
 * Also the signed-in user's in-app notifications.
 */
export function createCaseReferenceService(deps: {
  db: Kysely<Tables>;
  onCalendarChange?: () => Promise<unknown>;
}) {
  const { db } = deps;
  const holidayView = (r: {
    date: Date;
    name: string;
    kind: 'libur_nasional' | 'cuti_bersama';
    source: string | null;
  }) => ({
    date: r.date.toISOString().slice(0, 10),
    name: r.name,
    kind: r.kind,
    source: r.source,
  });

  return {
    async listHolidays(year?: number) {
      let q = db.selectFrom('holidays').select(['date', 'name', 'kind', 'source']).orderBy('date');
      if (year) q = q.where(sql<boolean>`extract(year from date) = ${year}`);
      return (await q.execute()).map(holidayView);
    },
    async upsertHoliday(actorId: string, input: z.infer<typeof HolidayInput>) {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('holidays')
          .values({
            date: input.date,
            name: input.name,
            kind: input.kind,
            source: input.source ?? null,
            updated_by: actorId,
          })
          .onConflict((oc) =>
            oc.column('date').doUpdateSet({
              name: input.name,
              kind: input.kind,
              source: input.source ?? null,
              updated_by: actorId,
              updated_at: new Date(),
            }),
          )
          .execute();
        await recordAuditInTx(tx, {
          actorId,
          action: 'holiday.upsert',
          subjectType: 'holiday',
          subjectId: input.date,
          details: { ...input },
        });
      });
      await deps.onCalendarChange?.();
      return holidayView({
        date: new Date(`${input.date}T00:00:00Z`),
        name: input.name,
        kind: input.kind,
        source: input.source ?? null,
      });
    },
    async deleteHoliday(actorId: string, date: string) {
      const n = await db.transaction().execute(async (tx) => {
        const r = await tx
          .deleteFrom('holidays')
          .where(sql<boolean>`date = ${date}::date`)
          .executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) return 0;
        await recordAuditInTx(tx, {
          actorId,
          action: 'holiday.delete',
          subjectType: 'holiday',
          subjectId: date,
          details: {},
        });
        return 1;
      });
      if (!n) throw new DomainError('NOT_FOUND', 'Hari libur tidak ditemukan / holiday not found');
      await deps.onCalendarChange?.();
    },
    async listForms() {
      const rows = await db.selectFrom('violation_forms').selectAll().orderBy('sort').execute();
      return rows.map((r) => ({
        code: r.code,
        kind: r.kind,
        title: r.title,
        defaultSanction: r.default_sanction,
        legalBasis: r.legal_basis,
        category: r.category,
        candidateStage: r.candidate_stage,
        disputed: r.disputed,
        note: r.note,
      }));
    },
    async updateForm(actorId: string, code: string, patch: z.infer<typeof ViolationFormPatch>) {
      await db.transaction().execute(async (tx) => {
        const set: Record<string, unknown> = { updated_by: actorId, updated_at: new Date() };
        if (patch.title !== undefined) set.title = patch.title;
        if (patch.defaultSanction !== undefined) set.default_sanction = patch.defaultSanction;
        if (patch.legalBasis !== undefined) set.legal_basis = patch.legalBasis;
        if (patch.category !== undefined) set.category = patch.category;
        if (patch.candidateStage !== undefined) set.candidate_stage = patch.candidateStage;
        if (patch.disputed !== undefined) set.disputed = patch.disputed;
        if (patch.note !== undefined) set.note = patch.note;
        const r = await tx
          .updateTable('violation_forms')
          .set(set)
          .where('code', '=', code)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0)
          throw new DomainError('NOT_FOUND', 'Bentuk pelanggaran tidak ditemukan / violation form not found');
        await recordAuditInTx(tx, {
          actorId,
          action: 'violation_form.update',
          subjectType: 'violation_form',
          subjectId: code,
          details: { ...patch },
        });
      });
      return (await this.listForms()).find((f) => f.code === code)!;
    },
    async notifications(userId: string) {
      const items = await db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute();
      const { n } = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        unread: Number(n),
        items: items.map((i) => ({
          id: i.id,
          kind: i.kind,
          title: i.title,
          body: i.body,
          link: i.link,
          createdAt: i.created_at.toISOString(),
          readAt: i.read_at ? i.read_at.toISOString() : null,
        })),
      };
    },
    async markRead(userId: string, id: string | 'all') {
      let q = db
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (id !== 'all') q = q.where('id', '=', id);
      await q.execute();
    },
  };
}

export type CaseReferenceService = ReturnType<typeof createCaseReferenceService>;
