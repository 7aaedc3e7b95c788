import type { Kysely } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type { EvidenceInput, EvidenceView } from '../../contracts/monitoring.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction } from '../../domain/jurisdiction.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { inScope, insertCustodyInTx } from './monitoring.repository.ts';

type Actor = Pick<Me, 'id' | 'office'>;
export type UploadedFile = { filename: string; mediaType: string; data: Uint8Array };

/** Screenshots and documents accepted as patrol evidence (sniffed, not trusted from the client). */
const ALLOWED_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'video/mp4',
]);
export const MAX_EVIDENCE_FILE_BYTES = 25 * 1024 * 1024;
const NOT_FOUND = () => new DomainError('NOT_FOUND', 'Bukti tidak ditemukan / evidence not found');

async function sniff(data: Uint8Array): Promise<string | null> {
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(data))?.mime ?? null;
}

/**
 * Manual patrol evidence: a URL with screenshots, who captured it and when, files in the
 * content-addressed blob store, and an append-only chain-of-custody log (views and downloads too).
 * Nothing is ever deleted.
 */
export function createEvidenceService({
  db,
  blobs,
  now,
}: {
  db: Kysely<Tables>;
  blobs: BlobStore;
  now: () => Date;
}) {
  async function load(root: string, id: string): Promise<EvidenceView | null> {
    const e = await db
      .selectFrom('evidence as e')
      .leftJoin('users as u', 'u.id', 'e.captured_by')
      .selectAll('e')
      .select('u.display_name as captured_name')
      .where('e.id', '=', id)
      .where(inScope('e.region_code', root))
      .executeTakeFirst();
    if (!e) return null;
    const files = await db
      .selectFrom('evidence_files')
      .selectAll()
      .where('evidence_id', '=', id)
      .orderBy('created_at')
      .execute();
    const custody = await db
      .selectFrom('custody_events as c')
      .leftJoin('users as u', 'u.id', 'c.actor_id')
      .select(['c.at', 'c.action', 'c.details', 'u.display_name'])
      .where('c.evidence_id', '=', id)
      .orderBy('c.id')
      .execute();
    return {
      id: e.id,
      kind: e.kind,
      url: e.url,
      note: e.note,
      capturedAt: e.captured_at.toISOString(),
      capturedBy: e.captured_by ? { id: e.captured_by, name: e.captured_name ?? '' } : null,
      regionCode: e.region_code,
      postId: e.post_id,
      contentSha256: e.content_sha256,
      files: files.map((f) => ({
        id: f.id,
        sha256: f.sha256,
        filename: f.filename,
        mediaType: f.media_type,
        size: Number(f.size),
      })),
      custody: custody.map((c) => ({
        at: c.at.toISOString(),
        action: c.action,
        actor: c.display_name,
        details: c.details,
      })),
    };
  }

  async function storeFiles(files: UploadedFile[]) {
    const stored: { sha256: string; size: number; filename: string; mediaType: string }[] = [];
    for (const [i, f] of files.entries()) {
      if (f.data.byteLength === 0)
        throw new DomainError('VALIDATION', 'Berkas kosong / empty file', [
          { field: `files.${i}`, message: f.filename },
        ]);
      const type = await sniff(f.data);
      if (!type || !ALLOWED_TYPES.has(type))
        throw new DomainError('VALIDATION', 'Jenis berkas tidak diterima / file type not accepted', [
          { field: `files.${i}`, message: `${f.filename}: PNG, JPEG, WebP, GIF, PDF atau MP4` },
        ]);
      const ref = await blobs.put(f.data);
      stored.push({ ...ref, filename: f.filename.slice(0, 255) || 'berkas', mediaType: type });
    }
    return stored;
  }

  return {
    async list(actor: Actor, opts: { limit?: number } = {}) {
      const rows = await db
        .selectFrom('evidence as e')
        .leftJoin('users as u', 'u.id', 'e.captured_by')
        .select([
          'e.id',
          'e.kind',
          'e.url',
          'e.note',
          'e.captured_at',
          'e.region_code',
          'u.display_name',
          (eb) =>
            eb
              .selectFrom('evidence_files')
              .select((x) => x.fn.countAll<number>().as('n'))
              .whereRef('evidence_files.evidence_id', '=', 'e.id')
              .as('files'),
        ])
        .where('e.kind', '=', 'patrol')
        .where(inScope('e.region_code', actor.office.regionCode))
        .orderBy('e.captured_at', 'desc')
        .limit(opts.limit ?? 200)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        url: r.url,
        note: r.note,
        capturedAt: r.captured_at.toISOString(),
        capturedBy: r.display_name,
        regionCode: r.region_code,
        files: Number(r.files ?? 0),
      }));
    },

    /** Records a patrol capture with its files, one transaction with its custody entries and audit. */
    async create(actor: Actor, input: EvidenceInput, files: UploadedFile[]): Promise<EvidenceView> {
      const root = actor.office.regionCode;
      const region = input.regionCode ?? root;
      if (!isWithinJurisdiction(region, root))
        throw new DomainError('VALIDATION', 'Wilayah di luar yurisdiksi / region outside your jurisdiction', [
          { field: 'regionCode', message: region },
        ]);
      const captured = new Date(input.capturedAt);
      if (captured.getTime() > now().getTime() + 5 * 60_000)
        throw new DomainError('VALIDATION', 'Waktu tangkap di masa depan / capture time in the future', [
          { field: 'capturedAt', message: input.capturedAt },
        ]);
      const stored = await storeFiles(files);
      const id = await db.transaction().execute(async (tx) => {
        const e = await tx
          .insertInto('evidence')
          .values({
            kind: 'patrol',
            post_id: null,
            url: input.url,
            note: input.note ?? null,
            captured_at: captured,
            captured_by: actor.id,
            region_code: region,
            content_sha256: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertCustodyInTx(tx, {
          evidenceId: e.id,
          actorId: actor.id,
          action: 'captured',
          details: { url: input.url, capturedAt: input.capturedAt },
        });
        for (const f of stored) {
          await tx
            .insertInto('evidence_files')
            .values({
              evidence_id: e.id,
              sha256: f.sha256,
              filename: f.filename,
              media_type: f.mediaType,
              size: f.size,
              added_by: actor.id,
            })
            .execute();
          await insertCustodyInTx(tx, {
            evidenceId: e.id,
            actorId: actor.id,
            action: 'file_added',
            details: { sha256: f.sha256, filename: f.filename, size: f.size },
          });
        }
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'monitoring.evidence.create',
          subjectType: 'evidence',
          subjectId: e.id,
          details: { url: input.url, files: stored.map((f) => f.sha256) },
        });
        return e.id;
      });
      return (await load(root, id))!;
    },

    /** Adds files to existing evidence (never replaces or removes one). */
    async addFiles(actor: Actor, id: string, files: UploadedFile[]): Promise<EvidenceView> {
      const root = actor.office.regionCode;
      if (!(await load(root, id))) throw NOT_FOUND();
      const stored = await storeFiles(files);
      await db.transaction().execute(async (tx) => {
        for (const f of stored) {
          await tx
            .insertInto('evidence_files')
            .values({
              evidence_id: id,
              sha256: f.sha256,
              filename: f.filename,
              media_type: f.mediaType,
              size: f.size,
              added_by: actor.id,
            })
            .execute();
          await insertCustodyInTx(tx, {
            evidenceId: id,
            actorId: actor.id,
            action: 'file_added',
            details: { sha256: f.sha256, filename: f.filename, size: f.size },
          });
        }
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'monitoring.evidence.add_files',
          subjectType: 'evidence',
          subjectId: id,
          details: { files: stored.map((f) => f.sha256) },
        });
      });
      return (await load(root, id))!;
    },

    /** One piece of evidence with its custody log; the view itself is logged. */
    async get(actor: Actor, id: string): Promise<EvidenceView> {
      const root = actor.office.regionCode;
      if (!(await load(root, id))) throw NOT_FOUND();
      await db
        .transaction()
        .execute((tx) => insertCustodyInTx(tx, { evidenceId: id, actorId: actor.id, action: 'viewed' }));
      return (await load(root, id))!;
    },

    /** A file's bytes, checked against its hash; the download is logged in the custody chain. */
    async download(actor: Actor, id: string, fileId: string) {
      const root = actor.office.regionCode;
      const e = await load(root, id);
      const f = e?.files.find((x) => x.id === fileId);
      if (!e || !f) throw NOT_FOUND();
      const data = await blobs.get(f.sha256);
      const { sha256Hex } = await import('../../platform/blobs/blob-store.ts');
      if (sha256Hex(data) !== f.sha256)
        throw new DomainError('INTERNAL', 'Berkas bukti rusak / evidence file corrupted (hash mismatch)');
      await db.transaction().execute((tx) =>
        insertCustodyInTx(tx, {
          evidenceId: id,
          actorId: actor.id,
          action: 'downloaded',
          details: { sha256: f.sha256 },
        }),
      );
      return { ...f, data };
    },
  };
}
