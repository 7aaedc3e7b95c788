import type { Kysely } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type { OfficeLetterheadView } from '../../contracts/prevention.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction } from '../../domain/jurisdiction.ts';
import { validateNumberTemplate } from '../../domain/letters.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { inRegion } from '../prevention/prevention.shared.ts';

type Input = Omit<OfficeLetterheadView, 'id' | 'name' | 'regionCode'>;

const COLUMNS = [
  'id',
  'name',
  'region_code',
  'address',
  'phone',
  'email',
  'website',
  'letter_city',
  'letter_code',
  'letter_number_template',
  'head_title',
  'head_name',
] as const;

/** Offices' letterhead (*kop surat*) and letter numbering settings, edited by administrators. */
export function createLetterheadService(deps: { db: Kysely<Tables> }) {
  const { db } = deps;
  type Row = Awaited<ReturnType<typeof one>>;
  const one = (id: string) =>
    db.selectFrom('offices').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  const view = (r: NonNullable<Row>): OfficeLetterheadView => ({
    id: r.id,
    name: r.name,
    regionCode: r.region_code,
    address: r.address,
    phone: r.phone,
    email: r.email,
    website: r.website,
    letterCity: r.letter_city,
    letterCode: r.letter_code,
    letterNumberTemplate: r.letter_number_template,
    headTitle: r.head_title,
    headName: r.head_name,
  });
  const inScope = async (actor: Pick<Me, 'office'>, id: string) => {
    const r = await one(id);
    if (!r || !isWithinJurisdiction(r.region_code, actor.office.regionCode))
      throw new DomainError('NOT_FOUND', 'Kantor tidak ditemukan / office not found');
    return r;
  };
  return {
    /** Offices in the actor's jurisdiction (own office first), up to 1,000. */
    async list(actor: Pick<Me, 'office'>, q?: string): Promise<OfficeLetterheadView[]> {
      let query = db
        .selectFrom('offices')
        .select(COLUMNS)
        .where(inRegion('region_code', actor.office.regionCode))
        .orderBy('region_code')
        .limit(1000);
      if (q) query = query.where('name', 'ilike', `%${q.replace(/[%_\\]/g, '\\$&')}%`);
      const rows = (await query.execute()).map(view);
      return [
        ...rows.filter((r) => r.id === actor.office.id),
        ...rows.filter((r) => r.id !== actor.office.id),
      ];
    },
    get: async (actor: Pick<Me, 'office'>, id: string) => view(await inScope(actor, id)),
    async update(actor: Pick<Me, 'id' | 'office'>, id: string, input: Input): Promise<OfficeLetterheadView> {
      await inScope(actor, id);
      validateNumberTemplate(input.letterNumberTemplate);
      const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('offices')
          .set({
            address: blank(input.address),
            phone: blank(input.phone),
            email: blank(input.email),
            website: blank(input.website),
            letter_city: blank(input.letterCity),
            letter_code: blank(input.letterCode),
            letter_number_template: input.letterNumberTemplate.trim(),
            head_title: blank(input.headTitle),
            head_name: blank(input.headName),
          })
          .where('id', '=', id)
          .execute();
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'office.letterhead.update',
          subjectType: 'office',
          subjectId: id,
          details: { letterNumberTemplate: input.letterNumberTemplate, letterCode: blank(input.letterCode) },
        });
      });
      return view((await one(id))!);
    },
  };
}
export type LetterheadService = ReturnType<typeof createLetterheadService>;
