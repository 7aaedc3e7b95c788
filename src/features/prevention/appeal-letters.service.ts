import { type Kysely, sql } from 'kysely';
import type { AppealLetterView, TemplateView } from '../../contracts/prevention.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatDateId } from '../../domain/letters.ts';
import {
  fillTemplate,
  type PlaceholderName,
  type RecipientKind,
  stageOn,
  todayWib,
  unknownPlaceholders,
} from '../../domain/prevention.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import type { LettersService } from '../letters/letters.service.ts';
import { activePacks } from './activities.service.ts';
import {
  type Actor,
  agencyForWrite,
  dateText,
  inRegion,
  iso,
  notFound,
  nullableDateText,
  requireAgency,
  requireRegion,
  scopeFor,
} from './prevention.shared.ts';

/** The numbering series of appeal letters in the letters register. */
export const APPEAL_SERIES = 'imbauan';

type TemplateInput = { name: string; recipientKind: RecipientKind; subject: string; body: string };
type LetterInput = {
  templateId?: string | null;
  recipientKind: RecipientKind;
  recipientName: string;
  agencyId?: string | null;
  regionCode: string;
  subject: string;
  body: string;
  datedOn?: string;
  classCode: string;
  copies: string[];
};

const checkPlaceholders = (field: string, text: string) => {
  const bad = unknownPlaceholders(text);
  if (bad.length)
    throw new DomainError('VALIDATION', 'Penanda templat tidak dikenal / unknown template placeholder', [
      { field, message: `penanda tidak dikenal / unknown placeholder: {{${bad[0]}}}` },
    ]);
};

/** Appeal letters (*surat imbauan*): office templates, letters issued through the letters register. */
export function createAppealLettersService(deps: {
  db: Kysely<Tables>;
  letters: LettersService;
  now: () => Date;
}) {
  const { db, letters, now } = deps;

  // Templates belong to an office; everyone of the office (and offices above it) may use them.
  async function listTemplates(actor: Actor): Promise<TemplateView[]> {
    const rows = await db
      .selectFrom('appeal_letter_templates')
      .selectAll()
      .where('office_id', '=', actor.office.id)
      .orderBy('name')
      .execute();
    return rows.map(templateView);
  }

  const templateView = (r: {
    id: string;
    office_id: string;
    name: string;
    recipient_kind: RecipientKind;
    subject: string;
    body: string;
    updated_at: Date;
  }): TemplateView => ({
    id: r.id,
    officeId: r.office_id,
    name: r.name,
    recipientKind: r.recipient_kind,
    subject: r.subject,
    body: r.body,
    updatedAt: iso(r.updated_at),
  });

  async function saveTemplate(actor: Actor, id: string | null, input: TemplateInput): Promise<TemplateView> {
    checkPlaceholders('subject', input.subject);
    checkPlaceholders('body', input.body);
    return db.transaction().execute(async (tx) => {
      const clash = await tx
        .selectFrom('appeal_letter_templates')
        .select('id')
        .where('office_id', '=', actor.office.id)
        .where('name', '=', input.name)
        .executeTakeFirst();
      if (clash && clash.id !== id)
        throw new DomainError('CONFLICT', 'Nama templat sudah dipakai / template name already used', [
          { field: 'name', message: 'nama sudah dipakai' },
        ]);
      const values = {
        name: input.name,
        recipient_kind: input.recipientKind,
        subject: input.subject,
        body: input.body,
        updated_at: now(),
      };
      const row = id
        ? await tx
            .updateTable('appeal_letter_templates')
            .set(values)
            .where('id', '=', id)
            .where('office_id', '=', actor.office.id)
            .returningAll()
            .executeTakeFirst()
        : await tx
            .insertInto('appeal_letter_templates')
            .values({ ...values, office_id: actor.office.id })
            .returningAll()
            .executeTakeFirstOrThrow();
      if (!row) throw notFound();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: id ? 'prevention.template.update' : 'prevention.template.create',
        subjectType: 'appeal_letter_template',
        subjectId: row.id,
        details: { name: input.name },
      });
      return templateView(row);
    });
  }

  const visible = (actor: Actor) => {
    const { regionRoot, agencyId } = scopeFor(actor);
    let q = db
      .selectFrom('appeal_letters as l')
      .leftJoin('agencies as g', 'g.id', 'l.agency_id')
      .where(inRegion('l.region_code', regionRoot));
    if (agencyId !== null) q = q.where('l.agency_id', '=', agencyId);
    return q;
  };

  const select = (actor: Actor) =>
    visible(actor).select([
      'l.id',
      'l.number',
      'l.recipient_kind',
      'l.recipient_name',
      'l.agency_id',
      'g.name as agency_name',
      'l.region_code',
      'l.subject',
      dateText('l.dated_on').as('dated_on'),
      nullableDateText('l.sent_on').as('sent_on'),
      nullableDateText('l.acknowledged_on').as('acknowledged_on'),
      'l.acknowledged_by',
      'l.created_at',
      'l.issued_letter_id',
    ]);

  type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;
  const view = (r: Row): AppealLetterView => ({
    id: r.id,
    number: r.number,
    recipientKind: r.recipient_kind,
    recipientName: r.recipient_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name ?? null,
    regionCode: r.region_code,
    subject: r.subject,
    datedOn: r.dated_on,
    sentOn: r.sent_on,
    acknowledgedOn: r.acknowledged_on,
    acknowledgedBy: r.acknowledged_by,
    createdAt: iso(r.created_at),
  });

  async function list(actor: Actor, q: { regionCode?: string; agencyId?: string } = {}) {
    let query = select(actor);
    if (q.regionCode) query = query.where(inRegion('l.region_code', q.regionCode));
    if (q.agencyId) query = query.where('l.agency_id', '=', q.agencyId);
    return (await query.orderBy('l.created_at', 'desc').limit(500).execute()).map(view);
  }

  async function get(actor: Actor, id: string) {
    const row = await select(actor).where('l.id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    return row;
  }

  /** Issues a numbered appeal letter as PDF (letters register + blob store) with its record, in one transaction. */
  async function issue(actor: Actor, input: LetterInput): Promise<AppealLetterView> {
    checkPlaceholders('subject', input.subject);
    checkPlaceholders('body', input.body);
    const region = await requireRegion(db, actor, input.regionCode);
    const agencyId = agencyForWrite(actor, input.agencyId);
    const agency = agencyId ? await requireAgency(db, actor, agencyId) : null;
    if (input.templateId) {
      const t = await db
        .selectFrom('appeal_letter_templates')
        .select('id')
        .where('id', '=', input.templateId)
        .where('office_id', '=', actor.office.id)
        .executeTakeFirst();
      if (!t)
        throw new DomainError('VALIDATION', 'Templat tidak ditemukan / template not found', [
          { field: 'templateId', message: 'templat tidak ada' },
        ]);
    }
    const datedOn = input.datedOn ?? todayWib(now());
    const date = new Date(`${datedOn}T05:00:00Z`);
    const packs = await activePacks(db);
    const stage = stageOn(packs, input.regionCode, datedOn);
    const pack = stage
      ? await db.selectFrom('election_packs').select('name').where('id', '=', stage.packId).executeTakeFirst()
      : undefined;
    const values: Partial<Record<PlaceholderName, string>> = {
      penerima: input.recipientName,
      wilayah: region.name,
      instansi: agency?.name ?? '',
      tanggal: formatDateId(date),
      kantor: actor.office.name,
      pemilihan: pack?.name ?? '',
      tahapan: stage?.name ?? '',
    };
    const subject = fillTemplate(input.subject, values);
    const id = await db.transaction().execute(async (tx) => {
      const recordId = (await sql<{ id: string }>`SELECT gen_random_uuid()::text AS id`.execute(tx)).rows[0]!
        .id;
      const letter = await letters.issueInTx(tx, {
        officeId: actor.office.id,
        series: APPEAL_SERIES,
        classCode: input.classCode,
        date,
        subject,
        recipient: input.recipientName,
        subjectType: 'appeal_letter',
        subjectId: recordId,
        actorId: actor.id,
        content: ({ number, signatory }) => {
          const text = fillTemplate(input.body, { ...values, nomor: number });
          return {
            subject,
            nature: 'Penting',
            attachment: '-',
            recipient: {
              lines: [input.recipientName],
              place: region.name.replace(/^(Kota|Kabupaten|Provinsi)\s+/i, ''),
            },
            blocks: text
              .split(/\n\s*\n/)
              .map((p) => p.trim())
              .filter(Boolean)
              .map((p) => ({ kind: 'paragraph' as const, text: p.replace(/\s*\n\s*/g, ' ') })),
            signatory,
            copies: input.copies.length ? input.copies : undefined,
            meta: { title: `Surat Imbauan ${number}` },
          };
        },
      });
      await tx
        .insertInto('appeal_letters')
        .values({
          id: recordId,
          office_id: actor.office.id,
          template_id: input.templateId ?? null,
          issued_letter_id: letter.id,
          number: letter.number,
          recipient_kind: input.recipientKind,
          recipient_name: input.recipientName,
          agency_id: agency?.id ?? null,
          region_code: input.regionCode,
          subject,
          body: input.body,
          dated_on: datedOn,
          created_by: actor.id,
        })
        .execute();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.letter.issue',
        subjectType: 'appeal_letter',
        subjectId: recordId,
        details: { number: letter.number, recipient: input.recipientName, agencyId: agency?.id ?? null },
      });
      return recordId;
    });
    return view(await get(actor, id));
  }

  /** Records when the letter was sent and acknowledged (received) by the recipient. */
  async function record(
    actor: Actor,
    id: string,
    patch: { sentOn?: string | null; acknowledgedOn?: string | null; acknowledgedBy?: string | null },
  ) {
    await get(actor, id);
    const set: Record<string, string | null> = {};
    if (patch.sentOn !== undefined) set.sent_on = patch.sentOn;
    if (patch.acknowledgedOn !== undefined) set.acknowledged_on = patch.acknowledgedOn;
    if (patch.acknowledgedBy !== undefined) set.acknowledged_by = patch.acknowledgedBy || null;
    await db.transaction().execute(async (tx) => {
      if (Object.keys(set).length)
        await tx.updateTable('appeal_letters').set(set).where('id', '=', id).execute();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'prevention.letter.record',
        subjectType: 'appeal_letter',
        subjectId: id,
        details: set,
      });
    });
    return view(await get(actor, id));
  }

  async function pdf(actor: Actor, id: string) {
    const row = await get(actor, id);
    const out = await letters.pdfOf(row.issued_letter_id);
    if (!out) throw notFound();
    return out;
  }

  return { listTemplates, saveTemplate, list, issue, record, pdf };
}
