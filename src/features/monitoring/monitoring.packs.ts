import type { Kysely } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type { PackCheck, PackSummary } from '../../contracts/monitoring.ts';
import { Pack } from '../../contracts/pack.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction } from '../../domain/jurisdiction.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';

type Actor = Pick<Me, 'id' | 'office'>;

function summary(p: Pack, row: { active: boolean; updated_at: Date }): PackSummary {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    regionCode: p.region_code,
    active: row.active,
    contestants: p.contestants.length,
    stages: p.stages,
    updatedAt: row.updated_at.toISOString(),
  };
}

const bodyOf = (b: unknown) => Pack.parse(typeof b === 'string' ? JSON.parse(b) : b);

/** Election packs (contracts §1) stored in `election_packs`: list, check, upload, (de)activate. */
export function createPacksService({ db }: { db: Kysely<Tables> }) {
  /** Validates a pack: the schema, then rules the schema cannot say (unique ids, stage dates, region). */
  async function check(input: unknown): Promise<PackCheck & { parsed?: Pack }> {
    const parsed = Pack.safeParse(input);
    if (!parsed.success)
      return {
        valid: false,
        errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(pack)', message: i.message })),
        pack: null,
      };
    const p = parsed.data;
    const errors: { field: string; message: string }[] = [];
    const seen = new Set<string>();
    p.contestants.forEach((c, i) => {
      if (seen.has(c.id))
        errors.push({ field: `contestants.${i}.id`, message: `id ganda / duplicate id ${c.id}` });
      seen.add(c.id);
    });
    p.parties.forEach((c, i) => {
      if (seen.has(c.id))
        errors.push({ field: `parties.${i}.id`, message: `id ganda / duplicate id ${c.id}` });
      seen.add(c.id);
    });
    p.stages.forEach((s, i) => {
      if (s.end < s.start)
        errors.push({ field: `stages.${i}.end`, message: 'selesai sebelum mulai / ends before it starts' });
    });
    const region = await db
      .selectFrom('regions')
      .select('code')
      .where('code', '=', p.region_code)
      .executeTakeFirst();
    if (!region)
      errors.push({
        field: 'region_code',
        message: `kode wilayah tidak dikenal / unknown region ${p.region_code}`,
      });
    return {
      valid: errors.length === 0,
      errors,
      pack: summary(p, { active: false, updated_at: new Date() }),
      parsed: p,
    };
  }

  return {
    async list(): Promise<PackSummary[]> {
      const rows = await db
        .selectFrom('election_packs')
        .selectAll()
        .orderBy('region_code')
        .orderBy('id')
        .execute();
      return rows.map((r) => summary(bodyOf(r.body), r));
    },

    /** The pack JSON as stored. */
    async get(id: string): Promise<Pack> {
      const row = await db
        .selectFrom('election_packs')
        .select('body')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new DomainError('NOT_FOUND', 'Paket tidak ditemukan / pack not found');
      return bodyOf(row.body);
    },

    async check(input: unknown): Promise<PackCheck> {
      const { parsed: _parsed, ...rest } = await check(input);
      return rest;
    },

    /**
     * Stores a pack (new or a new edition of the same id), inactive unless `activate`. The pack's
     * region must be inside the actor's jurisdiction. Invalid → 400 naming every field.
     */
    async upload(actor: Actor, input: unknown, opts: { activate?: boolean } = {}): Promise<PackSummary> {
      const c = await check(input);
      if (!c.valid || !c.parsed)
        throw new DomainError('VALIDATION', 'Paket pemilu tidak valid / invalid election pack', c.errors);
      const p = c.parsed;
      if (!isWithinJurisdiction(p.region_code, actor.office.regionCode))
        throw new DomainError(
          'FORBIDDEN',
          'Wilayah paket di luar yurisdiksi Anda / pack region outside your jurisdiction',
        );
      const existing = await db
        .selectFrom('election_packs')
        .select(['region_code', 'active'])
        .where('id', '=', p.id)
        .executeTakeFirst();
      if (existing && !isWithinJurisdiction(existing.region_code, actor.office.regionCode))
        throw new DomainError('CONFLICT', `Id paket sudah dipakai / pack id already in use: ${p.id}`);
      const active = opts.activate ?? existing?.active ?? false;
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('election_packs')
          .values({
            id: p.id,
            name: p.name,
            kind: p.kind,
            region_code: p.region_code,
            body: JSON.stringify(p),
            active,
          })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({
              name: p.name,
              kind: p.kind,
              region_code: p.region_code,
              body: JSON.stringify(p),
              active,
              updated_at: new Date(),
            }),
          )
          .execute();
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: existing ? 'monitoring.pack.update' : 'monitoring.pack.create',
          subjectType: 'election_pack',
          subjectId: p.id,
          details: { name: p.name, regionCode: p.region_code, active },
        });
      });
      const row = await db
        .selectFrom('election_packs')
        .selectAll()
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow();
      return summary(p, row);
    },

    async setActive(actor: Actor, id: string, active: boolean): Promise<PackSummary> {
      const row = await db.selectFrom('election_packs').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || !isWithinJurisdiction(row.region_code, actor.office.regionCode))
        throw new DomainError('NOT_FOUND', 'Paket tidak ditemukan / pack not found');
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('election_packs')
          .set({ active, updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: active ? 'monitoring.pack.activate' : 'monitoring.pack.deactivate',
          subjectType: 'election_pack',
          subjectId: id,
        });
      });
      return summary(bodyOf(row.body), { active, updated_at: new Date() });
    },
  };
}
