import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HistoryImportResult } from '../../contracts/analytics.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError, type ErrorDetail } from '../../domain/errors.ts';
import { isWithinJurisdiction } from '../../domain/jurisdiction.ts';
import { hasPermission } from '../../domain/permissions.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { readSheet } from '../registry/registry.parse.ts';
import type { AnalyticsActor } from './analytics.service.ts';

/** Accepted column headers (lower case, spaces/underscores ignored) per field. */
const HEADERS: Record<'region' | 'cases' | 'agency', string[]> = {
  region: ['kodewilayah', 'kode', 'kodekemendagri', 'regioncode'],
  cases: ['jumlahkasus', 'kasus', 'jumlah', 'cases'],
  agency: ['instansi', 'namainstansi', 'agency'],
};
const key = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');
const ELECTION = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/**
 * Imports the previous election's cases per region (and optionally per agency, by its name in that
 * region) from CSV/XLSX: columns `kode_wilayah`, `jumlah_kasus`, optional `instansi`. All or
 * nothing with row numbers; importing an election again replaces its rows (idempotent). One
 * transaction with its audit event.
 */
export async function importHistory(
  db: Kysely<Tables>,
  actor: AnalyticsActor,
  input: { election: string; data: Uint8Array },
): Promise<HistoryImportResult> {
  if (!hasPermission(actor.role, 'analytics.manage'))
    throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
  const election = input.election.trim().toLowerCase();
  if (!ELECTION.test(election))
    throw new DomainError('VALIDATION', 'Label pemilu tidak valid / invalid election label', [
      {
        field: 'election',
        message: 'huruf kecil, angka, titik, garis: mis. "pilkada-2020" / e.g. "pilkada-2020"',
      },
    ]);
  const sheet = await readSheet(input.data);
  const col = (field: keyof typeof HEADERS) =>
    sheet.headers.findIndex((h) => HEADERS[field].includes(key(h)));
  const [ri, ci, ai] = [col('region'), col('cases'), col('agency')];
  const errors: ErrorDetail[] = [];
  if (ri < 0) errors.push({ row: 1, field: 'kode_wilayah', message: 'kolom tidak ada / column missing' });
  if (ci < 0) errors.push({ row: 1, field: 'jumlah_kasus', message: 'kolom tidak ada / column missing' });
  if (errors.length) throw invalid(errors);

  const codes = [...new Set(sheet.rows.map((r) => (r.cells[ri] ?? '').trim()))];
  const known = new Set(
    codes.length
      ? (await db.selectFrom('regions').select('code').where('code', 'in', codes).execute()).map(
          (r) => r.code,
        )
      : [],
  );
  const agencies =
    ai >= 0
      ? await db
          .selectFrom('agencies')
          .select(['id', 'name', 'region_code'])
          .where('region_code', 'in', codes.length ? codes : [''])
          .execute()
      : [];
  const agencyId = new Map(agencies.map((a) => [`${a.region_code}|${a.name.toLowerCase()}`, a.id]));

  const rows: { region_code: string; agency_id: string | null; cases: number }[] = [];
  const seen = new Set<string>();
  for (const { row, cells } of sheet.rows) {
    const code = (cells[ri] ?? '').trim();
    const rawCases = (cells[ci] ?? '').trim();
    const agencyName = ai >= 0 ? (cells[ai] ?? '').trim() : '';
    if (!known.has(code)) {
      errors.push({
        row,
        field: 'kode_wilayah',
        message: `kode "${code}" tidak dikenal / unknown region code`,
      });
      continue;
    }
    if (!isWithinJurisdiction(code, actor.office.regionCode)) {
      errors.push({
        row,
        field: 'kode_wilayah',
        message: 'di luar wilayah Anda / outside your jurisdiction',
      });
      continue;
    }
    if (!/^\d{1,7}$/.test(rawCases)) {
      errors.push({ row, field: 'jumlah_kasus', message: 'bilangan bulat ≥ 0 / a whole number ≥ 0' });
      continue;
    }
    let agency: string | null = null;
    if (agencyName) {
      agency = agencyId.get(`${code}|${agencyName.toLowerCase()}`) ?? null;
      if (!agency) {
        errors.push({
          row,
          field: 'instansi',
          message: `instansi "${agencyName}" tidak ada di ${code} / unknown agency`,
        });
        continue;
      }
    }
    const k = `${code}|${agency ?? ''}`;
    if (seen.has(k)) {
      errors.push({ row, field: 'kode_wilayah', message: 'baris ganda / duplicate row' });
      continue;
    }
    seen.add(k);
    rows.push({ region_code: code, agency_id: agency, cases: Number(rawCases) });
  }
  if (errors.length) throw invalid(errors);
  if (rows.length === 0)
    throw invalid([{ row: 2, field: 'berkas', message: 'tidak ada baris data / no data rows' }]);

  const sha256 = createHash('sha256').update(input.data).digest('hex');
  const total = rows.reduce((s, r) => s + r.cases, 0);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('kerawanan_history').where('election', '=', election).execute();
    for (let i = 0; i < rows.length; i += 1000)
      await tx
        .insertInto('kerawanan_history')
        .values(
          rows.slice(i, i + 1000).map((r) => ({
            ...r,
            election,
            source_sha256: sha256,
            imported_by: actor.id,
          })),
        )
        .execute();
    await recordAuditInTx(tx, {
      actorId: actor.id,
      action: 'analytics.history.import',
      subjectType: 'kerawanan_history',
      subjectId: election,
      details: { election, rows: rows.length, cases: total, sha256 },
    });
  });
  return { election, rows: rows.length, cases: total };
}

function invalid(errors: ErrorDetail[]) {
  return new DomainError(
    'IMPORT_ROW_INVALID',
    `${errors.length} kesalahan pada berkas; tidak ada data yang disimpan / ${errors.length} errors in the file; nothing was saved`,
    errors,
  );
}
