import { sql, type Transaction } from 'kysely';
import type { Tables } from '../../../db/tables.ts';
import { caseDeadlines } from '../../../domain/case-clocks.ts';
import { type CaseEvent, foldCase } from '../../../domain/case-workflow.ts';
import { addDays, dayInWib } from '../../../domain/working-days.ts';

/**
 * Fictional demo cases (issue 7) so `npm start` shows case handling with realistic content: a fresh
 * Form A finding, a registered report in clarification with its clock running, a decided violation
 * waiting for the forwarding letter, and a closed case with the PPK's sanction. Events are written
 * directly (no PDF documents: those are issued when a user takes the step in the app).
 */
const DAY = 86_400_000;

type Step = [type: CaseEvent['type'], daysAgo: number, actor: string, payload?: Record<string, unknown>];

export async function seedDemoCases(tx: Transaction<Tables>, now = new Date()): Promise<number> {
  const users = new Map(
    (await tx.selectFrom('users').select(['id', 'username', 'office_id']).execute()).map((u) => [
      u.username,
      u,
    ]),
  );
  const analyst = users.get('analis.banjarmasin');
  const head = users.get('kepala.kalsel');
  const liaison = users.get('bkn.banjarmasin');
  const bpp = users.get('analis.balikpapan');
  if (!analyst || !head || !liaison || !bpp) return 0;
  const staffOf = async (region: string, offset: number) =>
    tx
      .selectFrom('staff')
      .select(['id', 'name', 'agency_id'])
      .where('region_code', '=', region)
      .orderBy('nip')
      .offset(offset)
      .limit(1)
      .executeTakeFirst();
  const holidayRows = await sql<{ d: string }>`SELECT to_char(date, 'YYYY-MM-DD') AS d FROM holidays`.execute(
    tx,
  );
  const holidays = new Set(holidayRows.rows.map((r) => r.d));
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const specs: {
    office: string;
    region: string;
    staffOffset: number;
    origin: 'finding' | 'report';
    regime: 'pemilu' | 'pilkada';
    title: string;
    place: string;
    occurredAgo: number;
    knownAgo: number;
    category: string;
    forms: string[];
    steps: Step[];
  }[] = [
    {
      office: bpp.office_id,
      region: '64.71',
      staffOffset: 3,
      origin: 'finding',
      regime: 'pilkada',
      title: 'Lurah mengunggah ajakan memilih pasangan calon di grup WhatsApp warga',
      place: 'Grup WhatsApp RT 12, Balikpapan Selatan',
      occurredAgo: 3,
      knownAgo: 2,
      category: 'ajakan',
      forms: [],
      steps: [['opened', 2, 'analis.balikpapan']],
    },
    {
      office: analyst.office_id,
      region: '63.71',
      staffOffset: 5,
      origin: 'report',
      regime: 'pilkada',
      title: 'Kepala sekolah menghadiri deklarasi pasangan calon dan berorasi',
      place: 'Lapangan Kamboja, Banjarmasin Tengah',
      occurredAgo: 8,
      knownAgo: 7,
      category: 'kegiatan_kampanye',
      forms: [],
      steps: [
        ['opened', 6, 'analis.banjarmasin'],
        ['register', 5, 'kepala.kalsel'],
        [
          'invite_clarification',
          4,
          'analis.banjarmasin',
          { partyName: 'Kepala sekolah (terlapor)', scheduledAt: 'demo' },
        ],
      ],
    },
    {
      office: analyst.office_id,
      region: '63.71',
      staffOffset: 8,
      origin: 'finding',
      regime: 'pilkada',
      title: 'ASN memasang foto profil berbingkai nomor urut pasangan calon',
      place: 'Facebook',
      occurredAgo: 15,
      knownAgo: 14,
      category: 'dukungan_medsos',
      forms: ['DS-2'],
      steps: [
        ['opened', 14, 'analis.banjarmasin'],
        ['register', 13, 'kepala.kalsel'],
        [
          'record_review',
          10,
          'analis.banjarmasin',
          { analysis: 'Unggahan bersifat mendukung', conclusion: 'Terbukti' },
        ],
        [
          'decide',
          9,
          'kepala.kalsel',
          { outcome: 'violation', reason: 'Unsur terpenuhi', sanctionRecommended: 'berat' },
        ],
      ],
    },
    {
      office: analyst.office_id,
      region: '63.71',
      staffOffset: 11,
      origin: 'finding',
      regime: 'pilkada',
      title: 'Camat mengarahkan perangkat desa menghadiri kampanye',
      place: 'Kantor Kecamatan Banjarmasin Utara',
      occurredAgo: 40,
      knownAgo: 39,
      category: 'fasilitas_jabatan',
      forms: ['DS-12'],
      steps: [
        ['opened', 39, 'analis.banjarmasin'],
        ['register', 38, 'kepala.kalsel'],
        [
          'record_review',
          35,
          'analis.banjarmasin',
          { analysis: 'Arahan tertulis kepada perangkat desa', conclusion: 'Terbukti' },
        ],
        [
          'decide',
          34,
          'kepala.kalsel',
          { outcome: 'violation', reason: 'Unsur terpenuhi', sanctionRecommended: 'berat' },
        ],
        ['forward', 33, 'kepala.kalsel', { to: 'BKN' }],
        [
          'record_recommendation',
          25,
          'bkn.banjarmasin',
          { number: 'R-DEMO/BKN/2026', sanctionRecommended: 'berat' },
        ],
        [
          'record_sanction',
          10,
          'bkn.banjarmasin',
          { sanction: 'Pembebasan dari jabatan selama 12 bulan', imposedOn: dayInWib(at(10)) },
        ],
        ['close', 5, 'kepala.kalsel'],
      ],
    },
  ];
  let n = 0;
  for (const [i, s] of specs.entries()) {
    const staff = await staffOf(s.region, s.staffOffset);
    const events: CaseEvent[] = s.steps.map(([type, ago, , payload]) => ({ type, at: at(ago), payload }));
    const fold = foldCase(events);
    const knownOn = dayInWib(at(s.knownAgo));
    const row = await tx
      .insertInto('cases')
      .values({
        number: `D${String(i + 1).padStart(2, '0')}/${s.origin === 'report' ? 'LP' : 'TM'}/${s.region}/${dayInWib(now).slice(0, 4)}`,
        office_id: s.office,
        region_code: s.region,
        agency_id: staff?.agency_id ?? null,
        staff_id: staff?.id ?? null,
        origin: s.origin,
        origin_id: `demo-${i + 1}`,
        regime: s.regime,
        title: s.title,
        description: `${s.title} (data fiktif / fictional demo data).`,
        reported_name: staff?.name ?? null,
        place: s.place,
        occurred_on: addDays(knownOn, s.knownAgo - s.occurredAgo),
        known_on: knownOn,
        opened_at: events[0]!.at,
        status: fold.status,
        category: s.category,
        violation_form_codes: s.forms,
        outcome: fold.outcome,
        decided_at: fold.decidedAt,
        forwarded_at: fold.forwardedAt,
        forwarded_to: fold.forwardedAt ? 'BKN' : null,
        sanction_recommended: fold.sanctionRecommended,
        sanction_imposed: fold.sanctionImposed,
        sanction_imposed_at: fold.sanctionImposedOn,
        closed_at: fold.closedAt,
        event_count: events.length,
        created_by: users.get(s.steps[0]![2])!.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [seq, [type, ago, actor, payload]] of s.steps.entries())
      await tx
        .insertInto('case_events')
        .values({
          case_id: row.id,
          seq: seq + 1,
          type,
          actor_id: users.get(actor)!.id,
          at: at(ago),
          payload: JSON.stringify(
            payload ?? (type === 'opened' ? { origin: s.origin, originId: `demo-${i + 1}` } : {}),
          ),
        })
        .execute();
    if (staff)
      await tx
        .insertInto('case_parties')
        .values({ case_id: row.id, role: 'terlapor', name: staff.name })
        .execute();
    await tx
      .insertInto('case_evidence')
      .values({ case_id: row.id, kind: 'note', description: 'Tangkapan layar (demo, tidak dilampirkan)' })
      .execute();
    for (const d of caseDeadlines({ regime: s.regime, origin: s.origin, knownOn, fold }, holidays))
      await tx
        .insertInto('case_deadlines')
        .values({ case_id: row.id, kind: d.kind, due_on: d.dueOn, due_at: d.dueAt, met_at: d.metAt })
        .execute();
    n++;
  }
  return n;
}

/** Removes every case a demo user opened or acted on, with everything hanging off it. */
export async function removeDemoCases(tx: Transaction<Tables>, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  const ids = [
    ...new Set([
      ...(await tx.selectFrom('cases').select('id').where('created_by', 'in', userIds).execute()).map(
        (r) => r.id,
      ),
      ...(
        await tx.selectFrom('case_events').select('case_id as id').where('actor_id', 'in', userIds).execute()
      ).map((r) => r.id),
    ]),
  ];
  await tx.deleteFrom('notifications').where('user_id', 'in', userIds).execute();
  // The letters issued on these cases stay in the register (`issued_letters`): numbers once issued
  // are history, and the demo users who issued them keep their ids across a re-seed.
  if (ids.length) {
    for (const t of ['case_deadlines', 'case_parties', 'case_evidence', 'case_events'] as const)
      await tx.deleteFrom(t).where('case_id', 'in', ids).execute();
    await tx
      .deleteFrom('case_links')
      .where((eb) => eb.or([eb('case_id', 'in', ids), eb('related_id', 'in', ids)]))
      .execute();
    await tx.updateTable('cases').set({ merged_into: null }).where('merged_into', 'in', ids).execute();
    await tx.deleteFrom('cases').where('id', 'in', ids).execute();
  }
  await tx.deleteFrom('supervision_reports').where('created_by', 'in', userIds).execute();
}
