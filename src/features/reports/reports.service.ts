import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import {
  type PublicMessage,
  type PublicReportCreated,
  PublicReportInput,
  type PublicReportStatus,
  type ReportDetail,
  type ReportedPerson,
  type ReporterIdentity,
  type ReportListItem,
  type ReportListQuery,
  type ReportPage,
  type RevealedIdentity,
  type TriageInput,
} from '../../contracts/reports.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError, type ErrorDetail } from '../../domain/errors.ts';
import { abilitiesFor, hasPermission, permissionActorOf } from '../../domain/permissions.ts';
import {
  ACTIONS_NEEDING_REASON,
  allowedActions,
  duplicateKey,
  type ElectionType,
  formatReceipt,
  isOpenStatus,
  nextDeadline,
  nextStatus,
  normaliseReceipt,
  RECEIPT_BYTES,
  type ReportKind,
  type ReportStatus,
  reportClocks,
  reportingWindow,
  STATUS_LABELS,
  statusAfterReporterReply,
} from '../../domain/reports.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { sha256Hex } from '../../platform/blobs/blob-store.ts';
import {
  createEnvelope,
  createFingerprint,
  createSlowKeyedHash,
  decryptBytes,
  encryptBytes,
  fieldBox,
} from '../../platform/crypto/envelope.ts';
import { stripMetadata } from '../../platform/files/strip-metadata.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { type CheckedFile, checkFiles, safeName, type UploadedFile } from './reports.evidence.ts';
import * as repo from './reports.repository.ts';

export type ReportsService = ReturnType<typeof createReportsService>;

/** What the cases feature reads of a registered report (or a tip set as a finding). */
export type RegisteredReport = {
  id: string;
  kind: ReportKind;
  status: 'diregistrasi' | 'temuan';
  electionType: ElectionType;
  regionCode: string | null;
  agencyId: string | null;
  reported: ReportedPerson;
  description: string;
  place: string | null;
  occurredOn: string | null;
  evidenceIds: string[];
  registeredAt: string;
  caseId: string | null;
};

type Content = { reported: ReportedPerson; description: string; place: string | null };
type Identity = { reporter: ReporterIdentity | null; witnesses: { name: string; contact?: string }[] };
type Actor = Pick<Me, 'id' | 'role' | 'office' | 'agencyId'>;

const NOT_FOUND = () => new DomainError('NOT_FOUND', 'Laporan tidak ditemukan / report not found');
const RECEIPT_NOT_FOUND = () =>
  new DomainError('NOT_FOUND', 'Kode tanda terima tidak dikenal / unknown receipt code');
/** A malformed code is hashed too, so "malformed" and "absent" take the same time. */
const DUMMY_RECEIPT = '0000000000000000';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function zodDetails(issues: { path: PropertyKey[]; message: string }[]): ErrorDetail[] {
  return issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message }));
}

/** Public reports and tips (issue 6): intake, receipts, two-way messages, triage. */
/**
 * Opens the case for a report that was just registered (or a tip set as a finding), inside the
 * triage transaction: the cases feature's `openCaseInTx`, wired in src/main/server.ts.
 */
export type OpenCaseForReport = (
  tx: Transaction<Tables>,
  actor: Actor,
  report: {
    id: string;
    electionType: ElectionType;
    regionCode: string;
    agencyId: string | null;
    reported: ReportedPerson;
    description: string;
    place: string | null;
    occurredOn: string | null;
    knownOn: string;
    evidenceCount: number;
  },
) => Promise<{ id: string }>;

export function createReportsService({
  db,
  blobs,
  masterKey,
  now = () => new Date(),
  openCaseInTx,
}: {
  db: Kysely<Tables>;
  blobs: BlobStore;
  masterKey: Buffer;
  now?: () => Date;
  /** Registering a report (or setting a tip as a finding) opens its case in the same transaction. */
  openCaseInTx?: OpenCaseForReport;
}) {
  const envelope = createEnvelope(masterKey, 'reports');
  const receiptHash = createSlowKeyedHash(masterKey, 'report-receipt');
  const fingerprint = createFingerprint(masterKey, 'report-duplicate');

  const keyOf = (r: { id: string; wrapped_key: string }) => envelope.unwrap(r.wrapped_key, r.id);
  const seal = (key: Buffer, id: string, field: string, value: unknown) =>
    fieldBox(key).seal(JSON.stringify(value), `${id}:${field}`);
  const open = <T>(key: Buffer, id: string, field: string, sealed: string): T =>
    JSON.parse(fieldBox(key).open(sealed, `${id}:${field}`).toString('utf8')) as T;

  /** Encrypts and stores an original and its metadata-free copy; returns the evidence row. */
  async function storeEvidence(key: Buffer, reportId: string, f: CheckedFile, addedBy: 'reporter' | 'staff') {
    const id = randomUUID();
    const stripped = stripMetadata(f.data, f.mediaType);
    const original = await blobs.put(encryptBytes(key, f.data, `${reportId}:${id}:original`));
    const redacted = await blobs.put(encryptBytes(key, stripped.data, `${reportId}:${id}:redacted`));
    return {
      id,
      report_id: reportId,
      added_by: addedBy,
      media_type: f.mediaType,
      size: f.data.length,
      original_blob: original.sha256,
      redacted_blob: redacted.sha256,
      metadata_removed: stripped.removed,
      meta_sealed: seal(key, reportId, `evidence:${id}`, {
        name: safeName(f.name),
        sha256: sha256Hex(f.data),
      }),
    };
  }

  async function byReceipt(receipt: string) {
    const code = normaliseReceipt(receipt);
    const hash = await receiptHash(code ?? DUMMY_RECEIPT);
    const row = code ? await repo.findByReceiptHash(db, hash) : undefined;
    if (!row) throw RECEIPT_NOT_FOUND();
    return row;
  }

  async function inScope(actor: Actor, id: string) {
    const row = await repo.findInScope(db, id, actor.office.regionCode);
    if (!row) throw NOT_FOUND();
    return row;
  }

  function listItem(
    r: repo.ReportRow & { evidence_count?: string | null; last_author?: string | null },
    at: Date,
  ): ReportListItem {
    const clocks = reportClocks(
      {
        kind: r.kind,
        electionType: r.election_type,
        status: r.status,
        regionCode: r.region_code,
        receivedAt: r.received_at,
        knownOn: r.known_on,
        reviewedAt: r.reviewed_at,
        completionRequestedAt: r.completion_requested_at,
        decidedAt: r.decided_at,
      },
      at,
    );
    return {
      id: r.id,
      kind: r.kind,
      status: r.status as ReportStatus,
      electionType: r.election_type,
      regionCode: r.region_code,
      regionName: r.region_name,
      receivedAt: iso(r.received_at),
      knownOn: r.known_on,
      late: r.late,
      hasIdentity: r.identity_sealed !== null,
      duplicateOf: r.duplicate_of,
      evidenceCount: Number(r.evidence_count ?? 0),
      unreadFromReporter: r.last_author === 'reporter',
      clocks,
      nextDeadline: nextDeadline(clocks),
    };
  }

  return {
    /** `POST /api/public/reports`: validates, seals, stores; answers with the receipt (shown once). */
    async submit(body: unknown, files: UploadedFile[] = []): Promise<PublicReportCreated> {
      const parsed = PublicReportInput.safeParse(body);
      if (!parsed.success)
        throw new DomainError(
          'VALIDATION',
          'Laporan belum lengkap atau tidak valid / the report is incomplete or invalid',
          zodDetails(parsed.error.issues),
        );
      const input = parsed.data;
      const receivedAt = now();
      const receipt = formatReceipt(randomBytes(RECEIPT_BYTES));
      // Honeypot: a field hidden from people. Answer as usual, store nothing.
      if (input.website)
        return { receipt, status: 'diterima', warnings: [], received_at: iso(receivedAt), late: false };
      if (!(await repo.regionExists(db, input.region_code)))
        throw new DomainError('VALIDATION', 'Wilayah tidak dikenal / unknown region', [
          { field: 'region_code', message: 'Pilih kabupaten/kota tempat kejadian dari daftar' },
        ]);
      const checked = await checkFiles(files);
      const electionType = input.election_type ?? 'pemilu';

      const warnings: string[] = [];
      let late = false;
      if (input.kind === 'laporan' && input.known_at) {
        const w = reportingWindow({
          electionType,
          knownOn: input.known_at,
          receivedAt,
          regionCode: input.region_code,
        });
        late = w.late;
        if (late)
          warnings.push(
            `Laporan disampaikan ${w.daysAfterKnown} hari sejak kejadian diketahui, melewati batas 7 hari (hari terakhir ${w.lastDay}). Laporan tetap diterima dan dicatat terlambat; petugas dapat menelusurinya sebagai informasi awal.`,
          );
      }
      if (input.kind === 'laporan' && !input.reporter?.nik)
        warnings.push('NIK belum diisi: petugas dapat meminta salinan KTP-el untuk memenuhi syarat formil.');
      if (checked.length === 0)
        warnings.push('Belum ada bukti terlampir: Anda dapat menambahkannya dengan kode tanda terima.');

      const id = randomUUID();
      const { key, wrapped } = envelope.newDataKey(id);
      const fp = fingerprint(
        duplicateKey({
          kind: input.kind,
          reporterName: input.reporter?.name,
          reportedName: input.reported?.name,
          description: input.description,
          regionCode: input.region_code,
        }),
      );
      const identity: Identity | null =
        input.reporter || input.witnesses?.length
          ? { reporter: input.reporter ?? null, witnesses: input.witnesses ?? [] }
          : null;
      const content: Content = {
        reported: input.reported ?? ({} as ReportedPerson),
        description: input.description,
        place: input.place ?? null,
      };
      const evidence: Awaited<ReturnType<typeof storeEvidence>>[] = [];
      for (const f of checked) evidence.push(await storeEvidence(key, id, f, 'reporter'));
      const hash = await receiptHash(receipt.replaceAll('-', ''));

      const duplicate = await db.transaction().execute(async (tx) => {
        const first = await repo.findFirstWithFingerprint(tx, fp);
        const duplicateOf = first ? (first.duplicate_of ?? first.id) : null;
        await tx
          .insertInto('reports')
          .values({
            id,
            kind: input.kind,
            status: 'diterima',
            election_type: electionType,
            region_code: input.region_code,
            received_at: receivedAt,
            occurred_on: input.occurred_at ?? null,
            known_on: input.known_at ?? null,
            late,
            receipt_hash: hash,
            wrapped_key: wrapped,
            identity_sealed: identity ? seal(key, id, 'identity', identity) : null,
            identity_added_at: identity ? receivedAt : null,
            content_sealed: seal(key, id, 'content', content),
            fingerprint: fp,
            duplicate_of: duplicateOf,
            last_reporter_activity_at: receivedAt,
          })
          .execute();
        if (evidence.length) await tx.insertInto('report_evidence').values(evidence).execute();
        await repo.addEventInTx(tx, {
          reportId: id,
          type: 'received',
          payload: { kind: input.kind, late, files: evidence.length, duplicateOf },
        });
        await recordAuditInTx(tx, {
          actorId: null,
          action: 'report.receive',
          subjectType: 'report',
          subjectId: id,
          details: { kind: input.kind, late, files: evidence.length, duplicateOf },
        });
        return duplicateOf;
      });
      if (duplicate)
        warnings.push(
          'Laporan serupa sudah pernah diterima; laporan ini dicatat dan ditautkan kepadanya sehingga tidak ada yang hilang.',
        );
      return { receipt, status: 'diterima', warnings, received_at: iso(receivedAt), late };
    },

    /** `GET /api/public/reports/{receipt}`: status and messages for the holder of the code. */
    async publicStatus(receipt: string): Promise<PublicReportStatus> {
      const r = await byReceipt(receipt);
      const key = keyOf(r);
      const messages: PublicMessage[] = (await repo.messagesOf(db, r.id)).map((m) => ({
        id: m.id,
        from: m.author === 'reporter' ? 'pelapor' : 'petugas',
        kind: m.kind,
        body: open<string>(key, r.id, `message:${m.id}`, m.body_sealed),
        at: iso(m.created_at),
      }));
      const status = r.status as ReportStatus;
      return {
        status,
        messages,
        kind: r.kind,
        status_label: STATUS_LABELS[status],
        received_at: iso(r.received_at),
        late: r.late,
        evidence_count: await repo.evidenceCount(db, r.id),
        has_identity: r.identity_sealed !== null,
        can_reply: isOpenStatus(status),
      };
    },

    /** Regencies and cities (where an event happened), with their province, for the public form. */
    async regions() {
      const rows = await db
        .selectFrom('regions as r')
        .innerJoin('regions as p', 'p.code', 'r.parent_code')
        .select(['r.code', 'r.name', 'p.name as province'])
        .where('r.level', '=', 2)
        .orderBy('p.code')
        .orderBy('r.code')
        .execute();
      return rows;
    },

    /** Facts printed on the receipt PDF (never the identity). */
    async receiptFacts(receipt: string) {
      const r = await byReceipt(receipt);
      const code = normaliseReceipt(receipt)!;
      return {
        receipt: code.match(/.{4}/g)!.join('-'),
        kind: r.kind,
        status: r.status as ReportStatus,
        receivedAt: r.received_at,
        late: r.late,
        regionCode: r.region_code,
        evidenceCount: await repo.evidenceCount(db, r.id),
      };
    },

    /** The reporter writes to the handler; an answer to a completion notice returns it to review. */
    async reporterMessage(receipt: string, body: string): Promise<PublicReportStatus> {
      const r = await byReceipt(receipt);
      if (!isOpenStatus(r.status))
        throw new DomainError('INVALID_STATE', 'Laporan sudah selesai diproses / the report is closed');
      const key = keyOf(r);
      const messageId = randomUUID();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('report_messages')
          .values({
            id: messageId,
            report_id: r.id,
            author: 'reporter',
            body_sealed: seal(key, r.id, `message:${messageId}`, body),
          })
          .execute();
        await this.reporterActivityInTx(tx, r, 'reporter_message');
      });
      return this.publicStatus(receipt);
    },

    /** The reporter adds evidence with the receipt code. */
    async reporterEvidence(receipt: string, files: UploadedFile[]): Promise<PublicReportStatus> {
      const r = await byReceipt(receipt);
      if (!isOpenStatus(r.status))
        throw new DomainError('INVALID_STATE', 'Laporan sudah selesai diproses / the report is closed');
      if (files.length === 0)
        throw new DomainError('VALIDATION', 'Pilih berkas bukti / choose an evidence file', [
          { field: 'files', message: 'Pilih sedikitnya satu berkas' },
        ]);
      const checked = await checkFiles(files);
      const key = keyOf(r);
      const rows: Awaited<ReturnType<typeof storeEvidence>>[] = [];
      for (const f of checked) rows.push(await storeEvidence(key, r.id, f, 'reporter'));
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('report_evidence').values(rows).execute();
        await this.reporterActivityInTx(tx, r, 'evidence_added', { files: rows.length });
      });
      return this.publicStatus(receipt);
    },

    /** An anonymous tip gets its reporter's identity (once; never removed or replaced). */
    async addIdentity(receipt: string, body: unknown): Promise<PublicReportStatus> {
      const parsed = PublicReportInput.shape.reporter
        .unwrap()
        .safeParse((body as { reporter?: unknown })?.reporter);
      if (!parsed.success)
        throw new DomainError(
          'VALIDATION',
          'Identitas belum lengkap / identity incomplete',
          zodDetails(parsed.error.issues.map((i) => ({ ...i, path: ['reporter', ...i.path] }))),
        );
      const r = await byReceipt(receipt);
      const key = keyOf(r);
      await db.transaction().execute(async (tx) => {
        const current = await tx
          .selectFrom('reports')
          .select(['identity_sealed'])
          .where('id', '=', r.id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        let witnesses: Identity['witnesses'] = [];
        if (current.identity_sealed) {
          const existing = open<Identity>(key, r.id, 'identity', current.identity_sealed);
          if (existing.reporter)
            throw new DomainError(
              'INVALID_STATE',
              'Identitas pelapor sudah tercatat dan tidak dapat diubah / the identity is already recorded',
            );
          witnesses = existing.witnesses;
        }
        await tx
          .updateTable('reports')
          .set({
            identity_sealed: seal(key, r.id, 'identity', { reporter: parsed.data, witnesses }),
            identity_added_at: now(),
          })
          .where('id', '=', r.id)
          .execute();
        await this.reporterActivityInTx(tx, r, 'identity_added');
      });
      return this.publicStatus(receipt);
    },

    /** @internal records reporter activity; an answer to a completion notice returns it to review. */
    async reporterActivityInTx(
      tx: Transaction<Tables>,
      r: { id: string; status: string },
      type: string,
      payload: Record<string, unknown> = {},
    ) {
      const status = statusAfterReporterReply(r.status);
      await tx
        .updateTable('reports')
        .set({ status, last_reporter_activity_at: now() })
        .where('id', '=', r.id)
        .execute();
      await repo.addEventInTx(tx, {
        reportId: r.id,
        type,
        payload: { ...payload, ...(status !== r.status ? { from: r.status, to: status } : {}) },
      });
      await recordAuditInTx(tx, {
        actorId: null,
        action: `report.${type}`,
        subjectType: 'report',
        subjectId: r.id,
      });
    },

    // -------------------------------------------------------------------------------------------
    // Staff

    async list(actor: Actor, q: ReportListQuery): Promise<ReportPage> {
      const { total, rows } = await repo.listInScope(db, actor.office.regionCode, q);
      const at = now();
      return { total, items: rows.map((r) => listItem(r, at)) };
    },

    async detail(actor: Actor, id: string): Promise<ReportDetail> {
      const r = await inScope(actor, id);
      const key = keyOf(r);
      const content = open<Content>(key, r.id, 'content', r.content_sealed);
      const identity = r.identity_sealed ? open<Identity>(key, r.id, 'identity', r.identity_sealed) : null;
      const messages = await repo.messagesOf(db, r.id);
      const evidence = await repo.evidenceOf(db, r.id);
      const events = await repo.eventsOf(db, r.id);
      const lastAuthor = messages.at(-1)?.author ?? null;
      const pa = permissionActorOf(actor);
      return {
        ...listItem({ ...r, evidence_count: String(evidence.length), last_author: lastAuthor }, now()),
        occurredOn: r.occurred_on,
        place: content.place,
        description: content.description,
        reported: content.reported,
        witnessCount: identity?.witnesses.length ?? 0,
        messages: messages.map((m) => ({
          id: m.id,
          author: m.author,
          staffName: m.display_name,
          kind: m.kind,
          body: open<string>(key, r.id, `message:${m.id}`, m.body_sealed),
          at: iso(m.created_at),
        })),
        evidence: evidence.map((e) => {
          const meta = open<{ name: string; sha256: string }>(key, r.id, `evidence:${e.id}`, e.meta_sealed);
          return {
            id: e.id,
            name: meta.name,
            sha256: meta.sha256,
            mediaType: e.media_type,
            size: Number(e.size),
            addedBy: e.added_by,
            metadataRemoved: e.metadata_removed,
            at: iso(e.created_at),
          };
        }),
        events: events.map((e) => ({
          type: e.type,
          at: iso(e.at),
          actorName: e.display_name,
          payload: e.payload,
        })),
        duplicates: await repo.duplicatesOf(db, r.id, r.duplicate_of),
        allowedActions: hasPermission(actor.role, 'reports.triage') ? allowedActions(r.kind, r.status) : [],
        abilities: abilitiesFor(pa, 'report', { regionCode: r.region_code ?? '00' }),
      };
    },

    /** The reporter's identity and witnesses: `reports.identity.view`, audited in the same transaction. */
    async revealIdentity(actor: Actor, id: string): Promise<RevealedIdentity> {
      if (!hasPermission(actor.role, 'reports.identity.view'))
        throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
      const r = await inScope(actor, id);
      const identity = r.identity_sealed
        ? open<Identity>(keyOf(r), r.id, 'identity', r.identity_sealed)
        : { reporter: null, witnesses: [] };
      await db.transaction().execute(async (tx) => {
        await repo.addEventInTx(tx, { reportId: r.id, type: 'identity_viewed', actorId: actor.id });
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'report.identity.view',
          subjectType: 'report',
          subjectId: r.id,
        });
      });
      return identity;
    },

    /**
     * An evidence file, decrypted: the metadata-free copy, or the original (needs
     * `reports.identity.view`, since EXIF/GPS may identify the reporter; audited).
     */
    async evidenceFile(actor: Actor, id: string, evidenceId: string, variant: 'redacted' | 'original') {
      const r = await inScope(actor, id);
      const e = await db
        .selectFrom('report_evidence')
        .selectAll()
        .where('id', '=', evidenceId)
        .where('report_id', '=', r.id)
        .executeTakeFirst();
      if (!e) throw NOT_FOUND();
      if (variant === 'original') {
        if (!hasPermission(actor.role, 'reports.identity.view'))
          throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
        await db.transaction().execute((tx) =>
          recordAuditInTx(tx, {
            actorId: actor.id,
            action: 'report.evidence.original.view',
            subjectType: 'report',
            subjectId: r.id,
            details: { evidenceId },
          }),
        );
      }
      const key = keyOf(r);
      const blob = variant === 'original' ? e.original_blob : e.redacted_blob;
      const data = decryptBytes(key, await blobs.get(blob), `${r.id}:${e.id}:${variant}`);
      const meta = open<{ name: string }>(key, r.id, `evidence:${e.id}`, e.meta_sealed);
      return { data, mediaType: e.media_type, name: meta.name };
    },

    async staffMessage(actor: Actor, id: string, body: string) {
      const r = await inScope(actor, id);
      if (!isOpenStatus(r.status))
        throw new DomainError('INVALID_STATE', 'Laporan sudah selesai diproses / the report is closed');
      const key = keyOf(r);
      const messageId = randomUUID();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('report_messages')
          .values({
            id: messageId,
            report_id: r.id,
            author: 'staff',
            staff_id: actor.id,
            body_sealed: seal(key, r.id, `message:${messageId}`, body),
          })
          .execute();
        await tx
          .updateTable('reports')
          .set({ reviewed_at: r.reviewed_at ?? now() })
          .where('id', '=', r.id)
          .execute();
        await repo.addEventInTx(tx, { reportId: r.id, type: 'staff_message', actorId: actor.id });
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'report.message',
          subjectType: 'report',
          subjectId: r.id,
        });
      });
      return this.detail(actor, id);
    },

    /** Triage: ask to complete, register, refuse (reason to the reporter), trace a tip, set a finding. */
    async triage(actor: Actor, id: string, input: TriageInput): Promise<ReportDetail> {
      const r = await inScope(actor, id);
      const to = nextStatus(r.kind, r.status, input.action);
      if (!to)
        throw new DomainError(
          'INVALID_STATE',
          `Tindakan ini tidak dapat dilakukan pada status "${r.status}" / not allowed in this status`,
        );
      if (ACTIONS_NEEDING_REASON.includes(input.action) && !input.reason)
        throw new DomainError('VALIDATION', 'Alasan wajib diisi / a reason is required', [
          { field: 'reason', message: 'Tulis alasan yang akan dibaca pelapor' },
        ]);
      const at = now();
      const key = keyOf(r);
      const final = ['diregistrasi', 'tidak_diregistrasi', 'temuan', 'tidak_ditindaklanjuti'].includes(to);
      const defaultText: Partial<Record<ReportStatus, string>> = {
        diregistrasi:
          'Laporan Anda telah diregistrasi dan akan ditangani. / Your report has been registered.',
        temuan:
          'Informasi Anda ditetapkan sebagai temuan dan akan ditangani. / Your tip was set as a finding.',
        penelusuran: 'Informasi Anda sedang ditelusuri oleh pengawas. / Supervisors are tracing your tip.',
      };
      const text = input.reason || defaultText[to];
      await db.transaction().execute(async (tx) => {
        const updated = await tx
          .updateTable('reports')
          .set({
            status: to,
            reviewed_at: r.reviewed_at ?? at,
            ...(input.action === 'request_completion' ? { completion_requested_at: at } : {}),
            ...(final ? { decided_at: at, decided_by: actor.id } : {}),
          })
          .where('id', '=', r.id)
          .where('status', '=', r.status)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw new DomainError(
            'CONFLICT',
            'Laporan baru saja diubah orang lain; muat ulang / changed meanwhile',
          );
        if (text) {
          const messageId = randomUUID();
          await tx
            .insertInto('report_messages')
            .values({
              id: messageId,
              report_id: r.id,
              author: 'staff',
              staff_id: actor.id,
              kind: input.action === 'request_completion' ? 'completion_request' : 'decision',
              body_sealed: seal(key, r.id, `message:${messageId}`, text),
            })
            .execute();
        }
        await repo.addEventInTx(tx, {
          reportId: r.id,
          type: input.action === 'register' ? 'registered' : input.action,
          actorId: actor.id,
          payload: { from: r.status, to },
        });
        if (openCaseInTx && (to === 'diregistrasi' || to === 'temuan') && !r.case_id) {
          const content = open<Content>(key, r.id, 'content', r.content_sealed);
          const evidence = await repo.evidenceOf(tx, r.id);
          const opened = await openCaseInTx(tx, actor, {
            id: r.id,
            electionType: r.election_type,
            regionCode: r.region_code ?? actor.office.regionCode,
            agencyId: r.agency_id,
            reported: content.reported,
            description: content.description,
            place: content.place,
            occurredOn: r.occurred_on,
            knownOn: r.known_on ?? iso(r.received_at).slice(0, 10),
            evidenceCount: evidence.length,
          });
          await tx.updateTable('reports').set({ case_id: opened.id }).where('id', '=', r.id).execute();
          await repo.addEventInTx(tx, {
            reportId: r.id,
            type: 'case_opened',
            actorId: actor.id,
            payload: { caseId: opened.id },
          });
        }
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: `report.${input.action}`,
          subjectType: 'report',
          subjectId: r.id,
          details: { from: r.status, to },
        });
      });
      return this.detail(actor, id);
    },

    // -------------------------------------------------------------------------------------------
    // For the cases feature (wired at merge): registered reports and tips set as findings.

    /** Registered reports and findings (optionally only `ids`, or those without a case yet). */
    async registeredReports(
      opts: { ids?: string[]; withoutCase?: boolean } = {},
    ): Promise<RegisteredReport[]> {
      if (opts.ids && opts.ids.length === 0) return [];
      let q = db
        .selectFrom('reports as r')
        .select([...repo.reportColumns])
        .select(repo.dateColumns())
        .where('r.status', 'in', ['diregistrasi', 'temuan']);
      if (opts.ids) q = q.where('r.id', 'in', opts.ids);
      if (opts.withoutCase) q = q.where('r.case_id', 'is', null);
      const rows = await q.orderBy('r.decided_at').execute();
      const out: RegisteredReport[] = [];
      for (const r of rows) {
        const content = open<Content>(keyOf(r), r.id, 'content', r.content_sealed);
        const evidence = await repo.evidenceOf(db, r.id);
        out.push({
          id: r.id,
          kind: r.kind,
          status: r.status as 'diregistrasi' | 'temuan',
          electionType: r.election_type,
          regionCode: r.region_code,
          agencyId: r.agency_id,
          reported: content.reported,
          description: content.description,
          place: content.place,
          occurredOn: r.occurred_on,
          evidenceIds: evidence.map((e) => e.id),
          registeredAt: iso(r.decided_at ?? r.received_at),
          caseId: r.case_id,
        });
      }
      return out;
    },

    /** Links the case opened for a registered report, inside the caller's transaction. */
    async attachCaseInTx(tx: Transaction<Tables>, reportId: string, caseId: string, actorId: string | null) {
      await tx.updateTable('reports').set({ case_id: caseId }).where('id', '=', reportId).execute();
      await repo.addEventInTx(tx, { reportId, type: 'case_opened', actorId, payload: { caseId } });
    },
  };
}
