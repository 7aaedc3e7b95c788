import type { Kysely, Transaction } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type {
  ActionInput,
  CaseDetail,
  CaseQuery,
  CaseRow,
  EvidenceRef,
  FormAInput,
} from '../../contracts/cases.ts';
import type { Tables } from '../../db/tables.ts';
import {
  type CompetentAgency,
  candidateStageOn,
  caseDeadlines,
  competentAgencyOn,
  type Deadline,
  deadlineState,
  type PackStage,
  stageOn,
} from '../../domain/case-clocks.ts';
import {
  type CaseAction,
  type CaseFold,
  type CaseStatus,
  checkAction,
  foldCase,
  isAllowed,
  TERMINAL_STATES,
  TRANSITIONS,
} from '../../domain/case-workflow.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction, regionLevel } from '../../domain/jurisdiction.ts';
import { casePlaceText } from '../../domain/monitoring.ts';
import { can, type PermissionActor, permissionActorOf } from '../../domain/permissions.ts';
import { addDays, dayInWib } from '../../domain/working-days.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { nextSequence } from '../letters/letters.repository.ts';
import type { LettersService } from '../letters/letters.service.ts';
import { listConfirmedAlertsWithoutCase, markAlertCaseOpened } from '../monitoring/monitoring.service.ts';
import { type CaseForDocs, forwardingDoc, invitationDoc, minutesDoc, reviewDoc } from './cases.documents.ts';
import { notifyInTx } from './cases.jobs.ts';
import {
  appendEvent,
  type CaseRecord,
  type CaseScope,
  eventByKey,
  eventsOf,
  findCaseInScope,
  holidaySet,
  inScope,
  isoDate,
  saveDeadlines,
  usersCovering,
} from './cases.repository.ts';

/** The actor as the case service needs it (a signed-in user; `Me`). */
export type CaseActor = Pick<Me, 'id' | 'role' | 'office' | 'agencyId'>;

/** What an origin hands over when it opens a case (monitoring and reports build this at merge). */
export type OriginSnapshot = {
  staffId?: string | null;
  agencyId?: string | null;
  regionCode: string;
  reportedName?: string | null;
  title?: string;
  description: string;
  place?: string | null;
  evidence?: EvidenceRef[];
  occurredOn?: string | null;
  knownOn: string;
  category?: string | null;
  packId?: string | null;
  stageCode?: string | null;
  regime?: 'pemilu' | 'pilkada';
};

/** The three ways a case starts (domain brief §4.1). */
export type OpenCaseInput =
  | { kind: 'finding'; form: FormAInput }
  | { kind: 'alert'; alertId: string; snapshot: OriginSnapshot }
  | { kind: 'report'; reportId: string; snapshot: OriginSnapshot };

const NOT_FOUND = () => new DomainError('NOT_FOUND', 'Kasus tidak ditemukan / case not found');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const scopeOfActor = (actor: CaseActor): CaseScope => ({
  regionRoot: actor.office.regionCode,
  forwardedOnly: actor.role === 'liaison',
});

export function createCasesService(deps: {
  db: Kysely<Tables>;
  letters: LettersService;
  blobs: BlobStore;
  now?: () => Date;
  /** Whether notifications also go out by e-mail (SMTP configured). */
  mailEnabled?: boolean;
}) {
  const { db, letters } = deps;
  const now = deps.now ?? (() => new Date());

  const permActor = (a: CaseActor): PermissionActor =>
    permissionActorOf({ ...a, agencyId: a.agencyId ?? null });

  async function loadFold(exec: Kysely<Tables> | Transaction<Tables>, caseId: string) {
    const events = await eventsOf(exec, caseId);
    return { events, fold: foldCase(events) };
  }

  async function deadlinesFor(
    exec: Kysely<Tables> | Transaction<Tables>,
    c: CaseRecord,
    fold: CaseFold,
  ): Promise<Deadline[]> {
    const from = isoDate(c.known_on)!;
    const holidays = await holidaySet(exec, from, addDays(from, 400));
    return caseDeadlines({ regime: c.regime, origin: c.origin, knownOn: from, fold }, holidays);
  }

  /** Chooses the election pack for a case: the given one, else an active pack covering the region and date. */
  async function packFor(
    exec: Transaction<Tables>,
    regionCode: string,
    date: string,
    packId?: string | null,
  ) {
    const packs = await exec
      .selectFrom('election_packs')
      .select(['id', 'kind', 'region_code', 'body', 'active'])
      .execute();
    if (packId) return packs.find((p) => p.id === packId);
    const covering = packs
      .filter((p) => p.active && (p.region_code === '00' || isWithinJurisdiction(regionCode, p.region_code)))
      .map((p) => ({ ...p, stages: ((p.body as { stages?: PackStage[] }).stages ?? []) as PackStage[] }))
      .filter(
        (p) =>
          p.stages.length === 0 || (p.stages[0]!.start <= addDays(date, 400) && date <= p.stages.at(-1)!.end),
      );
    covering.sort(
      (a, b) =>
        regionLevel(b.region_code === '00' ? '00' : b.region_code) -
        regionLevel(a.region_code === '00' ? '00' : a.region_code),
    );
    return covering[0];
  }

  async function refresh(tx: Transaction<Tables>, caseId: string) {
    const c = (await tx
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()) as CaseRecord;
    const { fold } = await loadFold(tx, caseId);
    await tx
      .updateTable('cases')
      .set({
        status: fold.status,
        outcome: fold.outcome,
        decided_at: fold.decidedAt,
        forwarded_at: fold.forwardedAt,
        sanction_recommended: fold.sanctionRecommended,
        sanction_imposed: fold.sanctionImposed,
        sanction_imposed_at: fold.sanctionImposedOn,
        closed_at: fold.closedAt,
      })
      .where('id', '=', caseId)
      .execute();
    await saveDeadlines(tx, caseId, await deadlinesFor(tx, c, fold));
    return fold;
  }

  async function insertEvidence(
    tx: Transaction<Tables>,
    caseId: string,
    items: EvidenceRef[],
    actorId: string | null,
  ) {
    for (const e of items)
      await tx
        .insertInto('case_evidence')
        .values({
          case_id: caseId,
          kind: e.kind,
          sha256: e.sha256 ?? null,
          filename: e.filename ?? null,
          media_type: e.mediaType ?? null,
          url: e.url ?? null,
          description: e.description,
          added_by: actorId,
        })
        .execute();
  }

  /** Links a new case to existing ones about the same civil servant or the same evidence. */
  async function linkRelated(
    tx: Transaction<Tables>,
    caseId: string,
    staffId: string | null,
    evidence: EvidenceRef[],
  ) {
    const related = new Map<string, 'same_staff' | 'same_event'>();
    if (staffId) {
      const rows = await tx
        .selectFrom('cases')
        .select('id')
        .where('staff_id', '=', staffId)
        .where('id', '!=', caseId)
        .execute();
      for (const r of rows) related.set(r.id, 'same_staff');
    }
    const hashes = evidence.map((e) => e.sha256).filter((h): h is string => !!h);
    const urls = evidence.map((e) => e.url).filter((u): u is string => !!u);
    if (hashes.length || urls.length) {
      const rows = await tx
        .selectFrom('case_evidence')
        .select('case_id')
        .where('case_id', '!=', caseId)
        .where((eb) =>
          eb.or([
            ...(hashes.length ? [eb('sha256', 'in', hashes)] : []),
            ...(urls.length ? [eb('url', 'in', urls)] : []),
          ]),
        )
        .execute();
      for (const r of rows) related.set(r.case_id, 'same_event');
    }
    for (const [other, reason] of related) {
      await tx
        .insertInto('case_links')
        .values({ case_id: caseId, related_id: other, reason })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx
        .insertInto('case_links')
        .values({ case_id: other, related_id: caseId, reason })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return [...related.keys()];
  }

  /**
   * Opens a case inside the caller's transaction (monitoring's "confirm → open case" and reports'
   * "register → open case" call this with their own transaction). Idempotent per origin: opening
   * the same alert, report or finding again returns the existing case.
   */
  async function openCaseInTx(
    tx: Transaction<Tables>,
    actor: CaseActor,
    input: OpenCaseInput,
  ): Promise<{ id: string; number: string; created: boolean }> {
    if (!can(permActor(actor), 'cases.write'))
      throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
    const at = now();
    let originId: string;
    let snap: OriginSnapshot;
    let parties: {
      role: 'terlapor' | 'saksi';
      name: string;
      staffId?: string | null;
      details?: string | null;
    }[] = [];
    if (input.kind === 'finding') {
      const f = input.form;
      const v = f.violation;
      const regionCode = v.regionCode ?? actor.office.regionCode;
      if (!isWithinJurisdiction(regionCode, actor.office.regionCode))
        throw new DomainError(
          'VALIDATION',
          'Wilayah di luar yurisdiksi Anda / region outside your jurisdiction',
          [{ field: 'violation.regionCode', message: 'di luar yurisdiksi' }],
        );
      const row = await tx
        .insertInto('supervision_reports')
        .values({
          office_id: actor.office.id,
          region_code: regionCode,
          stage: f.stage,
          supervisor_name: f.supervisorName,
          supervisor_position: f.supervisorPosition,
          duty_order_number: f.dutyOrderNumber,
          activity_form: f.activityForm,
          activity_purpose: f.activityPurpose ?? null,
          activity_target: f.activityTarget ?? null,
          activity_at: f.activityAt,
          activity_place: f.activityPlace,
          description: f.description,
          violation: JSON.stringify(v),
          created_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      originId = row.id;
      let agencyId: string | null = null;
      if (v.staffId) {
        const st = await tx
          .selectFrom('staff')
          .select(['agency_id', 'region_code'])
          .where('id', '=', v.staffId)
          .executeTakeFirst();
        if (!st || !isWithinJurisdiction(st.region_code, actor.office.regionCode))
          throw new DomainError('VALIDATION', 'Pegawai tidak ditemukan / staff not found', [
            { field: 'violation.staffId', message: 'tidak ditemukan' },
          ]);
        agencyId = st.agency_id;
      }
      snap = {
        staffId: v.staffId ?? null,
        agencyId,
        regionCode,
        reportedName: v.actorName,
        title: v.event.slice(0, 200),
        description: v.event,
        place: v.place,
        evidence: v.evidence,
        occurredOn: v.occurredOn,
        knownOn: v.knownOn,
        category: f.category ?? null,
        packId: f.packId ?? null,
      };
      parties = [
        { role: 'terlapor', name: v.actorName, staffId: v.staffId ?? null },
        ...v.witnesses.map((w) => ({ role: 'saksi' as const, name: w.name, details: w.contact ?? null })),
      ];
    } else {
      originId = input.kind === 'alert' ? input.alertId : input.reportId;
      snap = input.snapshot;
      if (!isWithinJurisdiction(snap.regionCode, actor.office.regionCode)) throw NOT_FOUND();
      if (snap.reportedName || snap.staffId)
        parties = [{ role: 'terlapor', name: snap.reportedName ?? '-', staffId: snap.staffId ?? null }];
    }
    const existing = await tx
      .selectFrom('cases')
      .select(['id', 'number'])
      .where('origin', '=', input.kind)
      .where('origin_id', '=', originId)
      .executeTakeFirst();
    if (existing) return { ...existing, created: false };
    if (snap.occurredOn && snap.occurredOn > snap.knownOn)
      throw new DomainError(
        'VALIDATION',
        'Tanggal diketahui tidak boleh sebelum tanggal kejadian / known date before the event',
        [{ field: 'knownOn', message: 'sebelum tanggal kejadian' }],
      );
    const actDate = snap.occurredOn ?? snap.knownOn;
    const pack = await packFor(tx, snap.regionCode, actDate, snap.packId);
    const stages = ((pack?.body as { stages?: PackStage[] } | undefined)?.stages ?? []) as PackStage[];
    const office = await tx
      .selectFrom('offices')
      .select(['letter_code', 'region_code'])
      .where('id', '=', actor.office.id)
      .executeTakeFirstOrThrow();
    const year = Number(dayInWib(at).slice(0, 4));
    const seq = await nextSequence(tx, { officeId: actor.office.id, series: 'register-kasus', year });
    const number = `${String(seq).padStart(3, '0')}/${input.kind === 'report' ? 'LP' : 'TM'}/${office.letter_code ?? office.region_code}/${year}`;
    const row = await tx
      .insertInto('cases')
      .values({
        number,
        office_id: actor.office.id,
        region_code: snap.regionCode,
        agency_id: snap.agencyId ?? null,
        staff_id: snap.staffId ?? null,
        origin: input.kind,
        origin_id: originId,
        regime: snap.regime ?? pack?.kind ?? 'pemilu',
        pack_id: pack?.id ?? null,
        title: (snap.title ?? snap.description).slice(0, 200),
        description: snap.description,
        reported_name: snap.reportedName ?? null,
        place: snap.place ?? null,
        occurred_on: snap.occurredOn ?? null,
        known_on: snap.knownOn,
        opened_at: at,
        status: 'kajian_awal',
        category: snap.category ?? null,
        stage_code: snap.stageCode ?? stageOn(stages, actDate)?.code ?? null,
        candidate_stage: candidateStageOn(stages, actDate),
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvent(tx, {
      caseId: row.id,
      seq: 1,
      type: 'opened',
      actorId: actor.id,
      at,
      payload: { origin: input.kind, originId },
      idempotencyKey: `open:${input.kind}:${originId}`,
    });
    await insertEvidence(tx, row.id, snap.evidence ?? [], actor.id);
    for (const p of parties)
      await tx
        .insertInto('case_parties')
        .values({
          case_id: row.id,
          role: p.role,
          name: p.name,
          staff_id: p.staffId ?? null,
          details: p.details ?? null,
        })
        .execute();
    const related = await linkRelated(tx, row.id, snap.staffId ?? null, snap.evidence ?? []);
    await refresh(tx, row.id);
    await recordAuditInTx(tx, {
      actorId: actor.id,
      action: 'case.open',
      subjectType: 'case',
      subjectId: row.id,
      details: { number, origin: input.kind, originId, related },
    });
    return { id: row.id, number, created: true };
  }

  async function caseDocsView(
    exec: Kysely<Tables> | Transaction<Tables>,
    c: CaseRecord,
  ): Promise<CaseForDocs> {
    const staff = c.staff_id
      ? await exec
          .selectFrom('staff')
          .leftJoin('agencies', 'agencies.id', 'staff.agency_id')
          .select(['staff.name', 'staff.nip', 'staff.position_name', 'agencies.name as agency'])
          .where('staff.id', '=', c.staff_id)
          .executeTakeFirst()
      : undefined;
    const office = await exec
      .selectFrom('offices')
      .select('name')
      .where('id', '=', c.office_id)
      .executeTakeFirstOrThrow();
    return {
      id: c.id,
      number: c.number,
      title: c.title,
      description: c.description,
      place: casePlaceText(c.place, c.origin),
      occurredOn: isoDate(c.occurred_on),
      regime: c.regime,
      reportedName: c.reported_name,
      staff: staff
        ? { name: staff.name, nip: staff.nip, position: staff.position_name, agency: staff.agency }
        : null,
      officeName: office.name,
    };
  }

  async function formsByCode(exec: Kysely<Tables> | Transaction<Tables>, codes: string[]) {
    if (!codes.length) return [];
    const rows = await exec
      .selectFrom('violation_forms')
      .selectAll()
      .where('code', 'in', codes)
      .orderBy('sort')
      .execute();
    if (rows.length !== new Set(codes).size)
      throw new DomainError('VALIDATION', 'Kode bentuk pelanggaran tidak dikenal / unknown violation form', [
        {
          field: 'violationFormCodes',
          message: codes.filter((c) => !rows.some((r) => r.code === c)).join(', '),
        },
      ]);
    return rows.map((r) => ({
      code: r.code,
      title: r.title,
      kind: r.kind,
      legalBasis: r.legal_basis,
      defaultSanction: r.default_sanction,
      category: r.category,
    }));
  }

  const SANCTION_ORDER = ['sesuai_ketentuan', 'moral', 'ringan', 'sedang', 'berat', 'ptdh'];
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const requireField = (p: Record<string, unknown>, field: string) => {
    const v = str(p[field]);
    if (!v)
      throw new DomainError('VALIDATION', `Kolom ${field} wajib diisi / ${field} is required`, [
        { field: `payload.${field}`, message: 'wajib diisi' },
      ]);
    return v;
  };

  /** Takes one step of the workflow on a case: checks, side effects, event, cache, deadlines and audit in one transaction. */
  async function act(
    actor: CaseActor,
    caseId: string,
    input: ActionInput,
  ): Promise<{ status: CaseStatus; letterId?: string }> {
    return db.transaction().execute(async (tx) => {
      if (input.idempotencyKey) {
        const prior = await eventByKey(tx, input.idempotencyKey);
        if (prior) {
          if (prior.case_id !== caseId)
            throw new DomainError(
              'CONFLICT',
              'Kunci idempotensi dipakai kasus lain / idempotency key used by another case',
            );
          const c = await findCaseInScope(tx, caseId, scopeOfActor(actor));
          if (!c) throw NOT_FOUND();
          return { status: c.status as CaseStatus };
        }
      }
      const c = await findCaseInScope(tx, caseId, scopeOfActor(actor), true);
      if (!c) throw NOT_FOUND();
      const resource = {
        regionCode: c.region_code,
        agencyId: c.agency_id,
        forwarded: c.forwarded_at !== null,
      };
      const action = input.action as CaseAction;
      if (!can(permActor(actor), TRANSITIONS[action].permission, resource))
        throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
      const { fold } = await loadFold(tx, caseId);
      const p = { ...input.payload };
      checkAction(action, fold, actor.role, p);
      const at = now();
      const today = dayInWib(at);
      let letterId: string | undefined;
      const issue = async (doc: ReturnType<typeof invitationDoc>) => {
        const issued = await letters.issueInTx(tx, {
          ...doc,
          officeId: c.office_id,
          date: at,
          subjectType: 'case',
          subjectId: c.id,
          actorId: actor.id,
        });
        letterId = issued.id;
        p.letterId = issued.id;
        p.letterNumber = issued.number;
      };
      switch (action) {
        case 'invite_clarification':
          requireField(p, 'partyName');
          requireField(p, 'scheduledAt');
          await issue(invitationDoc(await caseDocsView(tx, c), p));
          break;
        case 'record_clarification':
          requireField(p, 'partyName');
          requireField(p, 'heldAt');
          if (!str(p.statement) && !(Array.isArray(p.statements) && p.statements.length))
            requireField(p, 'statement');
          await issue(minutesDoc(await caseDocsView(tx, c), p));
          break;
        case 'record_review': {
          requireField(p, 'analysis');
          requireField(p, 'conclusion');
          const codes = Array.isArray(p.violationFormCodes)
            ? (p.violationFormCodes as string[])
            : c.violation_form_codes;
          const forms = await formsByCode(tx, codes);
          if (codes.length)
            await tx
              .updateTable('cases')
              .set({ violation_form_codes: codes })
              .where('id', '=', c.id)
              .execute();
          await issue(reviewDoc(await caseDocsView(tx, c), p, forms));
          break;
        }
        case 'decide': {
          requireField(p, 'reason');
          const codes = Array.isArray(p.violationFormCodes)
            ? (p.violationFormCodes as string[])
            : c.violation_form_codes;
          if (p.outcome === 'violation' && !codes.length)
            throw new DomainError('VALIDATION', 'Pilih bentuk pelanggaran / choose the violated forms', [
              { field: 'payload.violationFormCodes', message: 'wajib diisi' },
            ]);
          const forms = await formsByCode(tx, codes);
          if (p.outcome === 'violation') {
            p.violationFormCodes = codes;
            p.sanctionRecommended =
              str(p.sanctionRecommended) ??
              forms
                .map((f) => f.defaultSanction)
                .sort((a, b) => SANCTION_ORDER.indexOf(b) - SANCTION_ORDER.indexOf(a))[0];
            await tx
              .updateTable('cases')
              .set({ violation_form_codes: codes, category: c.category ?? forms[0]?.category ?? null })
              .where('id', '=', c.id)
              .execute();
          }
          break;
        }
        case 'forward': {
          const agencies = await tx.selectFrom('competent_agencies').selectAll().execute();
          const list: (CompetentAgency & { address: string })[] = agencies.map((a) => ({
            code: a.code,
            name: a.name,
            address: a.address,
            validFrom: isoDate(a.valid_from)!,
            validTo: isoDate(a.valid_to),
          }));
          const target = competentAgencyOn(list, today);
          if (!target)
            throw new DomainError(
              'INVALID_STATE',
              'Tidak ada instansi berwenang pada tanggal ini / no competent agency for this date',
            );
          const forms = await formsByCode(tx, c.violation_form_codes);
          p.to = target.code;
          await tx.updateTable('cases').set({ forwarded_to: target.code }).where('id', '=', c.id).execute();
          await issue(forwardingDoc(await caseDocsView(tx, c), target, p, forms, fold.sanctionRecommended));
          // Liaisons of the region are told a case reached them (in the app, and by e-mail when on).
          await notifyInTx(
            tx,
            await usersCovering(tx, c.region_code, ['liaison']),
            {
              kind: 'case.forwarded',
              title: `Kasus ${c.number} diteruskan ke ${target.code} / case forwarded`,
              body: c.title,
              link: `/app/cases/${c.id}`,
              caseId: c.id,
              key: `forwarded:${c.id}`,
            },
            deps.mailEnabled ?? false,
          );
          break;
        }
        case 'record_sanction': {
          requireField(p, 'sanction');
          const on = requireField(p, 'imposedOn');
          if (!/^\d{4}-\d{2}-\d{2}$/.test(on) || on > today)
            throw new DomainError('VALIDATION', 'Tanggal sanksi tidak valid / invalid sanction date', [
              { field: 'payload.imposedOn', message: 'YYYY-MM-DD, tidak di masa depan' },
            ]);
          break;
        }
        case 'record_no_follow_up':
        case 'request_blocking':
        case 'not_register':
        case 'request_completion':
          requireField(p, 'reason');
          break;
        case 'hand_over': {
          const toId = requireField(p, 'toOfficeId');
          const to = await tx
            .selectFrom('offices')
            .select(['id', 'name', 'region_code'])
            .where('id', '=', toId)
            .executeTakeFirst();
          if (
            !to ||
            to.id === c.office_id ||
            !(
              isWithinJurisdiction(c.region_code, to.region_code) ||
              isWithinJurisdiction(to.region_code, actor.office.regionCode)
            )
          )
            throw new DomainError('VALIDATION', 'Kantor tujuan tidak valid / invalid target office', [
              { field: 'payload.toOfficeId', message: 'tidak valid' },
            ]);
          p.fromOfficeId = c.office_id;
          p.toOfficeName = to.name;
          await tx.updateTable('cases').set({ office_id: to.id }).where('id', '=', c.id).execute();
          break;
        }
        case 'take_over': {
          const from = await tx
            .selectFrom('offices')
            .select(['region_code'])
            .where('id', '=', c.office_id)
            .executeTakeFirstOrThrow();
          if (
            c.office_id === actor.office.id ||
            regionLevel(actor.office.regionCode) >= regionLevel(from.region_code)
          )
            throw new DomainError(
              'INVALID_STATE',
              'Hanya jajaran atasan yang dapat mengambil alih / only a higher level may take over',
            );
          p.fromOfficeId = c.office_id;
          await tx.updateTable('cases').set({ office_id: actor.office.id }).where('id', '=', c.id).execute();
          break;
        }
        case 'merge': {
          const intoId = requireField(p, 'intoCaseId');
          const into = await findCaseInScope(tx, intoId, scopeOfActor(actor), true);
          if (!into || into.id === c.id || TERMINAL_STATES.includes(into.status as CaseStatus))
            throw new DomainError('VALIDATION', 'Kasus tujuan tidak valid / invalid target case', [
              { field: 'payload.intoCaseId', message: 'tidak valid' },
            ]);
          p.intoCaseNumber = into.number;
          await tx.updateTable('cases').set({ merged_into: into.id }).where('id', '=', c.id).execute();
          await appendEvent(tx, {
            caseId: into.id,
            seq: into.event_count + 1,
            type: 'merged_from',
            actorId: actor.id,
            at,
            payload: { caseId: c.id, caseNumber: c.number },
          });
          await tx
            .insertInto('case_links')
            .values({ case_id: into.id, related_id: c.id, reason: 'merged' })
            .onConflict((oc) => oc.columns(['case_id', 'related_id']).doUpdateSet({ reason: 'merged' }))
            .execute();
          await tx
            .updateTable('case_evidence')
            .set({ case_id: into.id })
            .where('case_id', '=', c.id)
            .execute();
          break;
        }
        case 'classify': {
          const patch: Record<string, unknown> = {};
          if (p.category !== undefined) patch.category = p.category;
          if (p.violationFormCodes !== undefined) {
            await formsByCode(tx, p.violationFormCodes as string[]);
            patch.violation_form_codes = p.violationFormCodes;
          }
          if (p.candidateStage !== undefined) {
            if (
              p.candidateStage !== null &&
              p.candidateStage !== 'bakal_calon' &&
              p.candidateStage !== 'calon'
            )
              throw new DomainError('VALIDATION', 'Tahap calon tidak valid / invalid candidate stage', [
                { field: 'payload.candidateStage', message: 'bakal_calon | calon' },
              ]);
            patch.candidate_stage = p.candidateStage;
            patch.candidate_stage_overridden = p.candidateStage !== null;
            p.previousCandidateStage = c.candidate_stage;
          }
          await tx.updateTable('cases').set(patch).where('id', '=', c.id).execute();
          break;
        }
        case 'add_note':
          requireField(p, 'text');
          break;
        case 'add_evidence': {
          const kind = p.kind === 'file' || p.kind === 'url' ? p.kind : 'note';
          await insertEvidence(
            tx,
            c.id,
            [
              {
                kind,
                description: requireField(p, 'description'),
                url: str(p.url),
                sha256: str(p.sha256),
                filename: str(p.filename),
                mediaType: str(p.mediaType),
              },
            ],
            actor.id,
          );
          break;
        }
        case 'add_party': {
          const role = ['terlapor', 'pelapor', 'saksi', 'ahli', 'lainnya'].includes(p.role as string)
            ? (p.role as 'saksi')
            : 'lainnya';
          await tx
            .insertInto('case_parties')
            .values({
              case_id: c.id,
              role,
              name: requireField(p, 'name'),
              details: str(p.details) ?? null,
              staff_id: null,
            })
            .execute();
          break;
        }
        default:
          break;
      }
      const seqRow = await tx
        .selectFrom('cases')
        .select('event_count')
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      await appendEvent(tx, {
        caseId: c.id,
        seq: seqRow.event_count + 1,
        type: action,
        actorId: actor.id,
        at,
        payload: p,
        idempotencyKey: input.idempotencyKey ?? null,
      });
      const after = await refresh(tx, c.id);
      if (action === 'merge') await refresh(tx, p.intoCaseId as string);
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: `case.${action}`,
        subjectType: 'case',
        subjectId: c.id,
        details: { number: c.number, from: fold.status, to: after.status, ...(letterId ? { letterId } : {}) },
      });
      return { status: after.status, letterId };
    });
  }

  const deadlineView = (d: Deadline, at: Date) => ({
    kind: d.kind,
    start: d.start,
    dueOn: d.dueOn,
    dueAt: d.dueAt.toISOString(),
    days: d.days,
    unit: d.unit,
    basis: d.basis,
    metAt: iso(d.metAt),
    state: deadlineState(d, at),
  });

  function listQuery(actor: CaseActor, q: CaseQuery) {
    let query = inScope(
      db
        .selectFrom('cases')
        .innerJoin('offices', 'offices.id', 'cases.office_id')
        .leftJoin('regions', 'regions.code', 'cases.region_code')
        .leftJoin('staff', 'staff.id', 'cases.staff_id')
        .leftJoin('agencies', 'agencies.id', 'cases.agency_id'),
      scopeOfActor(actor),
    );
    if (q.status) query = query.where('cases.status', '=', q.status);
    if (q.origin) query = query.where('cases.origin', '=', q.origin);
    if (q.regime) query = query.where('cases.regime', '=', q.regime);
    if (q.open === 'true') query = query.where('cases.status', 'not in', TERMINAL_STATES as CaseStatus[]);
    if (q.open === 'false') query = query.where('cases.status', 'in', TERMINAL_STATES as CaseStatus[]);
    if (q.q) {
      const like = `%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('cases.number', 'ilike', like),
          eb('cases.title', 'ilike', like),
          eb('cases.reported_name', 'ilike', like),
          eb('staff.name', 'ilike', like),
          eb('staff.nip', 'like', like),
        ]),
      );
    }
    if (q.deadline) {
      const at = now();
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_deadlines')
            .select('case_deadlines.kind')
            .whereRef('case_deadlines.case_id', '=', 'cases.id')
            .where('case_deadlines.met_at', 'is', null)
            .where(
              'case_deadlines.due_at',
              q.deadline === 'overdue' ? '<' : '<=',
              q.deadline === 'overdue' ? at : new Date(at.getTime() + 86_400_000),
            )
            .where((e2) =>
              q.deadline === 'due_soon' ? e2('case_deadlines.due_at', '>=', at) : e2.lit(true),
            ),
        ),
      );
    }
    return query;
  }

  async function listCases(
    actor: CaseActor,
    q: CaseQuery,
  ): Promise<{ items: CaseRow[]; total: number; page: number }> {
    const base = listQuery(actor, q);
    const { total } = await base
      .select((eb) => eb.fn.countAll<string>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .select([
        'cases.id',
        'cases.number',
        'cases.title',
        'cases.status',
        'cases.origin',
        'cases.regime',
        'cases.region_code',
        'regions.name as region_name',
        'offices.name as office_name',
        'staff.name as staff_name',
        'agencies.name as agency_name',
        'cases.reported_name',
        'cases.category',
        'cases.opened_at',
        'cases.outcome',
      ])
      .orderBy('cases.opened_at', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const ids = rows.map((r) => r.id);
    const deadlines = ids.length
      ? await db
          .selectFrom('case_deadlines')
          .selectAll()
          .where('case_id', 'in', ids)
          .where('met_at', 'is', null)
          .orderBy('due_at')
          .execute()
      : [];
    const at = now();
    return {
      total: Number(total),
      page: q.page,
      items: rows.map((r) => {
        const d = deadlines.find((x) => x.case_id === r.id);
        return {
          id: r.id,
          number: r.number,
          title: r.title,
          status: r.status as CaseStatus,
          origin: r.origin,
          regime: r.regime,
          regionCode: r.region_code,
          regionName: r.region_name,
          officeName: r.office_name,
          staffName: r.staff_name,
          agencyName: r.agency_name,
          reportedName: r.reported_name,
          category: r.category,
          openedAt: r.opened_at.toISOString(),
          outcome: r.outcome,
          nextDeadline: d
            ? {
                kind: d.kind,
                start: '',
                dueOn: isoDate(d.due_on)!,
                dueAt: d.due_at.toISOString(),
                days: 0,
                unit: 'calendar' as const,
                basis: '',
                metAt: null,
                state: deadlineState({ dueAt: d.due_at, metAt: null }, at),
              }
            : null,
        };
      }),
    };
  }

  async function getCase(actor: CaseActor, id: string): Promise<CaseDetail> {
    const c = await findCaseInScope(db, id, scopeOfActor(actor));
    if (!c) throw NOT_FOUND();
    const { fold } = await loadFold(db, id);
    const row = await db
      .selectFrom('cases')
      .innerJoin('offices', 'offices.id', 'cases.office_id')
      .leftJoin('regions', 'regions.code', 'cases.region_code')
      .leftJoin('staff', 'staff.id', 'cases.staff_id')
      .leftJoin('agencies', 'agencies.id', 'cases.agency_id')
      .select([
        'regions.name as region_name',
        'offices.name as office_name',
        'staff.name as staff_name',
        'staff.nip',
        'staff.position_name',
        'agencies.name as agency_name',
      ])
      .where('cases.id', '=', id)
      .executeTakeFirstOrThrow();
    // Timeline: this case's events and those of cases merged into it.
    const merged = await db.selectFrom('cases').select('id').where('merged_into', '=', id).execute();
    const caseIds = [id, ...merged.map((m) => m.id)];
    const events = await db
      .selectFrom('case_events')
      .innerJoin('cases', 'cases.id', 'case_events.case_id')
      .leftJoin('users', 'users.id', 'case_events.actor_id')
      .select([
        'case_events.id',
        'case_events.case_id',
        'cases.number',
        'case_events.seq',
        'case_events.type',
        'case_events.at',
        'case_events.payload',
        'users.display_name',
      ])
      .where('case_events.case_id', 'in', caseIds)
      .orderBy('case_events.at')
      .orderBy('case_events.seq')
      .execute();
    const at = now();
    const deadlines = (await deadlinesFor(db, c, fold)).map((d) => deadlineView(d, at));
    const resource = { regionCode: c.region_code, agencyId: c.agency_id, forwarded: c.forwarded_at !== null };
    const actions = (Object.keys(TRANSITIONS) as CaseAction[]).filter(
      (a) => isAllowed(a, fold, actor.role) && can(permActor(actor), TRANSITIONS[a].permission, resource),
    );
    const docs = await db
      .selectFrom('issued_letters')
      .select(['id', 'series', 'number', 'subject', 'dated_on'])
      .where('subject_type', '=', 'case')
      .where('subject_id', 'in', caseIds)
      .orderBy('created_at')
      .execute();
    const evidence = await db
      .selectFrom('case_evidence')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('created_at')
      .execute();
    const parties = await db
      .selectFrom('case_parties')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('created_at')
      .execute();
    const related = await inScope(
      db
        .selectFrom('case_links')
        .innerJoin('cases', 'cases.id', 'case_links.related_id')
        .select(['cases.id', 'cases.number', 'cases.title', 'cases.status', 'case_links.reason'])
        .where('case_links.case_id', '=', id),
      scopeOfActor(actor),
    ).execute();
    const finding =
      c.origin === 'finding'
        ? await db
            .selectFrom('supervision_reports')
            .selectAll()
            .where('id', '=', c.origin_id)
            .executeTakeFirst()
        : undefined;
    return {
      id: c.id,
      number: c.number,
      title: c.title,
      status: c.status as CaseStatus,
      origin: c.origin,
      regime: c.regime,
      regionCode: c.region_code,
      regionName: row.region_name,
      officeName: row.office_name,
      staffName: row.staff_name,
      agencyName: row.agency_name,
      reportedName: c.reported_name,
      category: c.category,
      openedAt: c.opened_at.toISOString(),
      outcome: c.outcome,
      nextDeadline: deadlines.find((d) => d.state !== 'met') ?? null,
      description: c.description,
      place: c.place,
      occurredOn: isoDate(c.occurred_on),
      knownOn: isoDate(c.known_on)!,
      originId: c.origin_id,
      packId: c.pack_id,
      stageCode: c.stage_code,
      candidateStage: c.candidate_stage,
      candidateStageOverridden: c.candidate_stage_overridden,
      violationFormCodes: c.violation_form_codes,
      decidedAt: iso(c.decided_at),
      forwardedAt: iso(c.forwarded_at),
      forwardedTo: c.forwarded_to,
      sanctionRecommended: c.sanction_recommended,
      sanctionImposed: c.sanction_imposed,
      sanctionImposedAt: isoDate(c.sanction_imposed_at),
      mergedInto: c.merged_into,
      staff:
        c.staff_id && row.staff_name
          ? { id: c.staff_id, name: row.staff_name, nip: row.nip, position: row.position_name }
          : null,
      deadlines,
      events: events.map((e) => ({
        id: e.id,
        caseId: e.case_id,
        caseNumber: e.number,
        seq: e.seq,
        type: e.type,
        at: e.at.toISOString(),
        actorName: e.display_name,
        payload: e.payload,
      })),
      actions,
      documents: docs.map((d) => ({
        id: d.id,
        series: d.series,
        number: d.number,
        subject: d.subject,
        datedOn: isoDate(d.dated_on)!,
      })),
      evidence: evidence.map((e) => ({
        id: e.id,
        kind: e.kind,
        sha256: e.sha256,
        filename: e.filename,
        url: e.url,
        description: e.description,
        createdAt: e.created_at.toISOString(),
      })),
      parties: parties.map((p) => ({ id: p.id, role: p.role, name: p.name, details: p.details })),
      related: related.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        status: r.status,
        reason: r.reason,
      })),
      finding: finding
        ? {
            stage: finding.stage,
            supervisorName: finding.supervisor_name,
            supervisorPosition: finding.supervisor_position,
            dutyOrderNumber: finding.duty_order_number,
            activityForm: finding.activity_form,
            activityPurpose: finding.activity_purpose,
            activityTarget: finding.activity_target,
            activityAt: finding.activity_at.toISOString(),
            activityPlace: finding.activity_place,
            description: finding.description,
            violation: finding.violation,
          }
        : null,
    };
  }

  /** One document of a case as PDF; the case must be in the actor's scope (404 otherwise). */
  async function documentPdf(actor: CaseActor, caseId: string, letterId: string) {
    const c = await findCaseInScope(db, caseId, scopeOfActor(actor));
    if (!c) throw NOT_FOUND();
    const merged = await db.selectFrom('cases').select('id').where('merged_into', '=', caseId).execute();
    const row = await db
      .selectFrom('issued_letters')
      .select(['id'])
      .where('id', '=', letterId)
      .where('subject_type', '=', 'case')
      .where('subject_id', 'in', [caseId, ...merged.map((m) => m.id)])
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', 'Dokumen tidak ditemukan / document not found');
    const pdf = await letters.pdfOf(row.id);
    if (!pdf) throw new DomainError('NOT_FOUND', 'Dokumen tidak ditemukan / document not found');
    await db.transaction().execute((tx) =>
      recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'case.document.download',
        subjectType: 'case',
        subjectId: caseId,
        details: { letterId },
      }),
    );
    return pdf;
  }

  /** Keeps an uploaded file in the blob store and records it as evidence (sniffed media type). */
  async function uploadEvidence(
    actor: CaseActor,
    caseId: string,
    file: { data: Buffer; filename: string; mediaType: string; description: string },
  ) {
    const c = await findCaseInScope(db, caseId, scopeOfActor(actor));
    if (!c) throw NOT_FOUND();
    const { fileTypeFromBuffer } = await import('file-type');
    const sniffed = await fileTypeFromBuffer(file.data);
    const { sha256 } = await deps.blobs.put(file.data);
    return act(actor, caseId, {
      action: 'add_evidence',
      payload: {
        kind: 'file',
        sha256,
        filename: file.filename.slice(0, 300),
        mediaType:
          sniffed?.mime ?? (file.mediaType.startsWith('text/') ? 'text/plain' : 'application/octet-stream'),
        description: file.description || file.filename,
      },
    });
  }

  /** An evidence file of a case in the actor's scope; the view is audited. */
  async function evidenceFile(actor: CaseActor, caseId: string, evidenceId: string) {
    const c = await findCaseInScope(db, caseId, scopeOfActor(actor));
    if (!c) throw NOT_FOUND();
    const e = await db
      .selectFrom('case_evidence')
      .selectAll()
      .where('id', '=', evidenceId)
      .where('case_id', '=', caseId)
      .where('sha256', 'is not', null)
      .executeTakeFirst();
    if (!e?.sha256) throw new DomainError('NOT_FOUND', 'Bukti tidak ditemukan / evidence not found');
    const data = await deps.blobs.get(e.sha256);
    await db.transaction().execute((tx) =>
      recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'case.evidence.view',
        subjectType: 'case',
        subjectId: caseId,
        details: { evidenceId },
      }),
    );
    return {
      data,
      filename: e.filename ?? `bukti-${e.id}`,
      mediaType: e.media_type ?? 'application/octet-stream',
    };
  }

  /** Confirmed alerts in the actor's jurisdiction that no case was opened from yet. */
  async function alertCandidates(actor: CaseActor) {
    const rows = await listConfirmedAlertsWithoutCase(db, { regionRoot: actor.office.regionCode }, 200);
    const posts = rows.length
      ? await db
          .selectFrom('posts')
          .select(['posts.id', 'posts.url', 'posts.platform', 'posts.posted_at', 'posts.text'])
          .where(
            'posts.id',
            'in',
            rows.map((r) => r.postId),
          )
          .execute()
      : [];
    const staff = rows.some((r) => r.staffId)
      ? await db
          .selectFrom('staff')
          .select(['id', 'name'])
          .where(
            'id',
            'in',
            rows.flatMap((r) => (r.staffId ? [r.staffId] : [])),
          )
          .execute()
      : [];
    const seen = new Set<string>();
    return rows
      .filter((r) => {
        if (seen.has(r.alertId)) return false;
        seen.add(r.alertId);
        return true;
      })
      .map((r) => {
        const post = posts.find((p) => p.id === r.postId);
        return {
          alertId: r.alertId,
          regionCode: r.regionCode,
          staffName: staff.find((x) => x.id === r.staffId)?.name ?? null,
          category: r.category,
          summary: r.summary ?? post?.text ?? '',
          url: post?.url ?? null,
          confirmedAt: r.confirmedAt ? r.confirmedAt.toISOString() : null,
        };
      });
  }

  /**
   * "Confirm → open case": opens a case from a confirmed alert with the monitoring finding's
   * snapshot (author, agency, region, category, stage, pack, the post as evidence) and records on
   * the alert and finding which case they became, in one transaction.
   */
  async function openFromAlert(actor: CaseActor, alertId: string) {
    const rows = await listConfirmedAlertsWithoutCase(db, { regionRoot: actor.office.regionCode }, 5000);
    const r = rows.find((x) => x.alertId === alertId);
    if (!r) {
      const existing = await db
        .selectFrom('cases')
        .select(['id', 'number', 'region_code'])
        .where('origin', '=', 'alert')
        .where('origin_id', '=', alertId)
        .executeTakeFirst();
      if (existing && isWithinJurisdiction(existing.region_code, actor.office.regionCode))
        return { id: existing.id, number: existing.number, created: false };
      throw new DomainError(
        'NOT_FOUND',
        'Peringatan terkonfirmasi tidak ditemukan / confirmed alert not found',
      );
    }
    const post = await db
      .selectFrom('posts')
      .select(['url', 'posted_at', 'text', 'content_sha256', 'platform'])
      .where('id', '=', r.postId)
      .executeTakeFirst();
    const staff = r.staffId
      ? await db.selectFrom('staff').select('name').where('id', '=', r.staffId).executeTakeFirst()
      : undefined;
    const confirmedOn = dayInWib(r.confirmedAt ?? now());
    const postedOn = post?.posted_at ? dayInWib(post.posted_at) : null;
    const description = r.summary ?? post?.text ?? 'Unggahan media sosial';
    return db.transaction().execute(async (tx) => {
      const opened = await openCaseInTx(tx, actor, {
        kind: 'alert',
        alertId,
        snapshot: {
          staffId: r.staffId,
          agencyId: r.agencyId,
          regionCode: r.regionCode ?? actor.office.regionCode,
          reportedName: staff?.name ?? null,
          title: (post?.text ?? description).slice(0, 200),
          description,
          place: post?.platform ?? null,
          evidence: [
            {
              kind: post?.url ? 'url' : 'note',
              ...(post?.url ? { url: post.url } : {}),
              description: `Unggahan (bukti pemantauan ${r.evidenceId ?? '-'}, sha256 ${post?.content_sha256 ?? '-'})`,
            },
          ],
          occurredOn: postedOn && postedOn <= confirmedOn ? postedOn : null,
          knownOn: confirmedOn,
          category: r.category,
          packId: r.packId,
          stageCode: r.stageCode,
        },
      });
      await markAlertCaseOpened(tx, alertId, opened.id);
      return opened;
    });
  }

  return {
    alertCandidates,
    openFromAlert,
    uploadEvidence,
    evidenceFile,
    openCaseInTx,
    /** Opens a case in its own transaction. */
    openCase: (actor: CaseActor, input: OpenCaseInput) =>
      db.transaction().execute((tx) => openCaseInTx(tx, actor, input)),
    act,
    listCases,
    getCase,
    documentPdf,
    /** Every case row matching the filters (for the XLSX register), at most 50,000. */
    async registerRows(actor: CaseActor, q: CaseQuery) {
      const all: CaseRow[] = [];
      for (let page = 1; page <= 250; page++) {
        const r = await listCases(actor, { ...q, page, pageSize: 200 });
        all.push(...r.items);
        if (all.length >= r.total || r.items.length === 0) break;
      }
      return all;
    },
    /** Recomputes cached deadlines of every open case (after the holiday calendar changed). */
    async recomputeDeadlines(): Promise<number> {
      const ids = await db
        .selectFrom('cases')
        .select('id')
        .where('status', 'not in', TERMINAL_STATES as CaseStatus[])
        .execute();
      for (const { id } of ids) await db.transaction().execute((tx) => refresh(tx, id));
      return ids.length;
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
