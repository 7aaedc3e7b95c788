import type { Kysely } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type { Suggestion, SuggestionDecision } from '../../contracts/monitoring.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction } from '../../domain/jurisdiction.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { inScope } from './monitoring.repository.ts';

type Actor = Pick<Me, 'id' | 'office'>;
const NOT_FOUND = () => new DomainError('NOT_FOUND', 'Data tidak ditemukan / not found');

/** Accounts whose bio or name declares a civil-service role, suggested for linking to staff. */
export function createSuggestionsService({ db }: { db: Kysely<Tables> }) {
  const base = (root: string) =>
    db
      .selectFrom('account_link_suggestions as s')
      .leftJoin('agencies as a', 'a.id', 's.agency_id')
      .where(inScope('s.region_code', root))
      .select([
        's.id',
        's.platform',
        's.handle',
        's.account_id',
        's.author_name',
        's.author_bio',
        's.role',
        's.matched_text',
        's.confidence',
        's.status',
        's.created_at',
        'a.id as agency_id',
        'a.name as agency_name',
        'a.region_code as agency_region',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;
  const view = (r: Row): Suggestion => ({
    id: r.id,
    platform: r.platform,
    handle: r.handle,
    accountId: r.account_id,
    authorName: r.author_name,
    authorBio: r.author_bio,
    role: r.role,
    matchedText: r.matched_text,
    agency: r.agency_id
      ? { id: r.agency_id, name: r.agency_name ?? '', regionCode: r.agency_region ?? '' }
      : null,
    confidence: Math.round(r.confidence * 100) / 100,
    status: r.status,
    createdAt: r.created_at.toISOString(),
  });

  return {
    async list(actor: Actor, status: 'pending' | 'accepted' | 'rejected' = 'pending'): Promise<Suggestion[]> {
      const rows = await base(actor.office.regionCode)
        .where('s.status', '=', status)
        .orderBy('s.confidence', 'desc')
        .orderBy('s.created_at', 'desc')
        .limit(500)
        .execute();
      return rows.map(view);
    },

    /**
     * Accepts (links the account to a staff member of the actor's jurisdiction, creating the
     * registry account when needed, link source "bio") or rejects a suggestion.
     */
    async decide(actor: Actor, id: string, d: SuggestionDecision): Promise<Suggestion> {
      const root = actor.office.regionCode;
      const s = await base(root).where('s.id', '=', id).executeTakeFirst();
      if (!s) throw NOT_FOUND();
      if (s.status !== 'pending')
        throw new DomainError('INVALID_STATE', 'Saran sudah diputuskan / suggestion already decided');
      await db.transaction().execute(async (tx) => {
        let accountId = s.account_id;
        if (d.decision === 'accept') {
          const staff = await tx
            .selectFrom('staff')
            .select(['id', 'region_code'])
            .where('id', '=', d.staffId)
            .executeTakeFirst();
          if (!staff || !isWithinJurisdiction(staff.region_code, root)) throw NOT_FOUND();
          if (!accountId) {
            const existing = await tx
              .selectFrom('social_accounts')
              .select('id')
              .where('platform', '=', s.platform as 'x')
              .where((eb) => eb(eb.fn('lower', ['handle']), '=', s.handle.toLowerCase()))
              .executeTakeFirst();
            accountId =
              existing?.id ??
              (
                await tx
                  .insertInto('social_accounts')
                  .values({
                    platform: s.platform as 'x',
                    handle: s.handle,
                    profile_url: null,
                    platform_user_id: null,
                    staff_id: null,
                    link_source: null,
                    link_confidence: null,
                  })
                  .returning('id')
                  .executeTakeFirstOrThrow()
              ).id;
          }
          await tx
            .updateTable('social_accounts')
            .set({
              staff_id: staff.id,
              link_source: 'bio',
              link_confidence: s.confidence,
              updated_at: new Date(),
            })
            .where('id', '=', accountId)
            .execute();
          // Posts already stored from this author now belong to the staff member's agency.
          await tx
            .updateTable('posts')
            .set((eb) => ({
              account_id: accountId,
              staff_id: staff.id,
              agency_id: eb.selectFrom('staff').select('agency_id').where('id', '=', staff.id),
              region_code: eb
                .selectFrom('staff')
                .innerJoin('agencies', 'agencies.id', 'staff.agency_id')
                .select('agencies.region_code')
                .where('staff.id', '=', staff.id),
            }))
            .where('platform', '=', s.platform as 'x')
            .where((eb) => eb(eb.fn('lower', ['author_handle']), '=', s.handle.toLowerCase()))
            .execute();
        }
        await tx
          .updateTable('account_link_suggestions')
          .set({
            status: d.decision === 'accept' ? 'accepted' : 'rejected',
            account_id: accountId,
            decided_by: actor.id,
            decided_at: new Date(),
          })
          .where('id', '=', id)
          .execute();
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: `monitoring.suggestion.${d.decision}`,
          subjectType: 'account_link_suggestion',
          subjectId: id,
          details: {
            handle: s.handle,
            platform: s.platform,
            ...(d.decision === 'accept' ? { staffId: d.staffId, accountId } : {}),
          },
        });
      });
      return view((await base(root).where('s.id', '=', id).executeTakeFirst())!);
    },
  };
}
