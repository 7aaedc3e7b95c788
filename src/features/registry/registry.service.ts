import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type {
  AccountInput,
  AccountPage,
  AccountPatch,
  AccountQuery,
  AccountView,
  AgencyInput,
  AgencyNode,
  AgencyQuery,
  ExportList,
  ImportKind,
  ImportProgress,
  ImportResult,
  StaffDetail,
  StaffInput,
  StaffPage,
  StaffQuery,
} from '../../contracts/registry.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction } from '../../domain/jurisdiction.ts';
import { hasPermission } from '../../domain/permissions.ts';
import {
  type AccountRow,
  type AgencyRow,
  type FieldOf,
  IMPORT_COLUMNS,
  mapHeaders,
  normaliseHandle,
  type RowError,
  type StaffRow,
  validateAccountRow,
  validateAgencyRow,
  validateStaffRow,
} from '../../domain/registry-import.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { readSheet, type Sheet, writeXlsx } from './registry.parse.ts';
import * as repo from './registry.repository.ts';
import { loadStaffSections, type StaffSectionProviders } from './registry.sections.ts';

export type { ImportProgress } from '../../contracts/registry.ts';

export type ImportOptions = {
  /** The signed-in user, or for the CLI the operator (`id: null`, national scope). */
  actor: { id: string | null; role: Me['role']; office: Pick<Me['office'], 'regionCode'> };
  kind: ImportKind;
  data: Uint8Array;
  dryRun?: boolean;
  /** Errors listed in the answer (the count in the message is always complete); default 1,000. */
  maxErrors?: number;
  onProgress?: (p: ImportProgress) => void;
};

const NOT_FOUND = () => new DomainError('NOT_FOUND', 'Data tidak ditemukan / not found');
/** Errors listed in one answer; a file with more bad rows says how many were left out. */
const MAX_REPORTED_ERRORS = 1_000;

class DryRunRollback extends Error {}

export type RegistryService = ReturnType<typeof createRegistryService>;

/** Registry use cases: agencies, staff, social accounts, imports and exports (issue 4). */
export function createRegistryService({
  db,
  now = () => new Date(),
  sections = {},
}: {
  db: Kysely<Tables>;
  now?: () => Date;
  /** Providers of the staff-detail sections owned by other features (registry.sections.ts). */
  sections?: StaffSectionProviders;
}) {
  const requireWrite = (actor: Pick<Me, 'role'>) => {
    if (!hasPermission(actor.role, 'registry.write'))
      throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
  };

  /** Raw cell values of a row keyed by field. */
  function rowsOf<K extends ImportKind>(kind: K, sheet: Sheet) {
    const mapping = mapHeaders(kind, sheet.headers);
    const raws = sheet.rows.map(({ row, cells }) => {
      const raw: Record<string, string | undefined> = {};
      mapping.columns.forEach((field, i) => {
        if (field) raw[field as FieldOf<K>] = cells[i];
      });
      return { row, raw };
    });
    return { headerErrors: mapping.errors, raws };
  }

  const fail = (errors: RowError[]): never => {
    errors.sort((a, b) => a.row - b.row);
    throw new DomainError(
      'IMPORT_ROW_INVALID',
      `${errors.length} kesalahan pada berkas; tidak ada data yang disimpan / ${errors.length} errors in the file; nothing was saved`,
      errors,
    );
  };

  /** Keeps the first `max` errors of an import failure, saying how many were left out. */
  const truncate = (e: unknown, max: number) => {
    if (!(e instanceof DomainError) || e.code !== 'IMPORT_ROW_INVALID' || e.details.length <= max) return e;
    const more = e.details.length - max;
    return new DomainError(
      'IMPORT_ROW_INVALID',
      `${e.message} (${more} kesalahan lain tidak ditampilkan / ${more} more not shown)`,
      e.details.slice(0, max),
    );
  };

  async function prepareStaff(actor: ImportOptions['actor'], sheet: Sheet, report: (d: number) => void) {
    const root = actor.office.regionCode;
    const today = now();
    const { headerErrors, raws } = rowsOf('staff', sheet);
    if (headerErrors.length) fail(headerErrors);
    const errors: RowError[] = [];
    const valid: StaffRow[] = [];
    raws.forEach(({ row, raw }, i) => {
      const r = validateStaffRow(raw, row, today);
      if (r.value) valid.push(r.value);
      else errors.push(...r.errors);
      if (i % 5000 === 0) report(i);
    });
    const agencies = await repo.agenciesInScope(db, root);
    const byName = new Map<string, typeof agencies>();
    for (const a of agencies) {
      const k = a.name.toLowerCase();
      byName.set(k, [...(byName.get(k) ?? []), a]);
    }
    const regionCodes = await repo.regionsExisting(db, [
      ...new Set(valid.map((v) => v.regionCode).filter((c): c is string => c !== null)),
    ]);
    const existing = await repo.staffByNip(
      db,
      valid.map((v) => v.nip).filter((n): n is string => n !== null),
    );
    const label = IMPORT_COLUMNS.staff;
    const seenNip = new Map<string, number>();
    const seenName = new Map<string, number>();
    const writes: (StaffRow & { agencyId: string; regionCode: string })[] = [];
    for (const v of valid) {
      const err = (field: string, message: string) => errors.push({ row: v.row, field, message });
      let candidates = byName.get(v.agency.toLowerCase()) ?? [];
      if (v.regionCode) candidates = candidates.filter((a) => a.region_code === v.regionCode);
      if (v.regionCode && !regionCodes.has(v.regionCode))
        err(label.regionCode.label, `kode wilayah ${v.regionCode} tidak terdaftar`);
      else if (v.regionCode && !isWithinJurisdiction(v.regionCode, root))
        err(label.regionCode.label, `wilayah ${v.regionCode} di luar wilayah pengawasan Anda`);
      if (candidates.length === 0) {
        err(
          label.agency.label,
          `instansi "${v.agency}" tidak terdaftar di wilayah Anda; impor instansi lebih dahulu`,
        );
        continue;
      }
      if (candidates.length > 1) {
        err(label.agency.label, `instansi "${v.agency}" ada di beberapa wilayah; isi kolom Kode Wilayah`);
        continue;
      }
      const agency = candidates[0]!;
      if (v.nip) {
        const first = seenNip.get(v.nip);
        if (first) err(label.nip.label, `NIP ${v.nip} sudah ada di baris ${first}`);
        else seenNip.set(v.nip, v.row);
        const other = existing.get(v.nip);
        if (other && !isWithinJurisdiction(other.region_code, root))
          err(label.nip.label, `NIP ${v.nip} terdaftar di wilayah lain di luar wilayah pengawasan Anda`);
      } else {
        const k = `${agency.id}\u0000${v.name.toLowerCase()}`;
        const first = seenName.get(k);
        if (first)
          err(label.name.label, `pegawai non-ASN "${v.name}" di instansi ini sudah ada di baris ${first}`);
        else seenName.set(k, v.row);
      }
      writes.push({ ...v, agencyId: agency.id, regionCode: v.regionCode ?? agency.region_code });
    }
    if (errors.length) fail(errors);
    return writes;
  }

  async function prepareAgencies(actor: ImportOptions['actor'], sheet: Sheet) {
    const root = actor.office.regionCode;
    const { headerErrors, raws } = rowsOf('agencies', sheet);
    if (headerErrors.length) fail(headerErrors);
    const errors: RowError[] = [];
    const valid: AgencyRow[] = [];
    for (const { row, raw } of raws) {
      const r = validateAgencyRow(raw, row);
      if (r.value) valid.push(r.value);
      else errors.push(...r.errors);
    }
    const regions = await repo.regionsExisting(db, [...new Set(valid.map((v) => v.regionCode))]);
    const existing = await repo.agenciesInScope(db, root);
    const label = IMPORT_COLUMNS.agencies;
    const seen = new Map<string, number>();
    const inFile = new Map<string, AgencyRow[]>();
    for (const v of valid) inFile.set(v.name.toLowerCase(), [...(inFile.get(v.name.toLowerCase()) ?? []), v]);
    for (const v of valid) {
      const err = (field: string, message: string) => errors.push({ row: v.row, field, message });
      if (!regions.has(v.regionCode))
        err(label.regionCode.label, `kode wilayah ${v.regionCode} tidak terdaftar`);
      else if (!isWithinJurisdiction(v.regionCode, root))
        err(label.regionCode.label, `wilayah ${v.regionCode} di luar wilayah pengawasan Anda`);
      const k = `${v.regionCode}\u0000${v.name.toLowerCase()}`;
      const first = seen.get(k);
      if (first)
        err(label.name.label, `instansi "${v.name}" di wilayah ${v.regionCode} sudah ada di baris ${first}`);
      else seen.set(k, v.row);
      if (v.parent) {
        const p = v.parent.toLowerCase();
        const found =
          (inFile.get(p)?.length ?? 0) + existing.filter((a) => a.name.toLowerCase() === p).length;
        if (found === 0) err(label.parent.label, `instansi induk "${v.parent}" tidak ditemukan`);
      }
    }
    if (errors.length) fail(errors);
    // A parent is found by name: in the file first, else among existing agencies; the nearest region wins.
    const resolveParent = (r: AgencyRow, idByKey: Map<string, string>): string | null => {
      if (!r.parent) return null;
      const p = r.parent.toLowerCase();
      const options = [
        ...(inFile.get(p) ?? []).map((a) => ({
          id: idByKey.get(`${a.regionCode}\u0000${a.name}`)!,
          region: a.regionCode,
        })),
        ...existing
          .filter((a) => a.name.toLowerCase() === p)
          .map((a) => ({ id: a.id, region: a.region_code })),
      ].filter((o) => isWithinJurisdiction(r.regionCode, o.region));
      options.sort((a, b) => b.region.length - a.region.length);
      return options[0]?.id ?? null;
    };
    return { rows: valid, resolveParent };
  }

  async function prepareAccounts(actor: ImportOptions['actor'], sheet: Sheet) {
    const root = actor.office.regionCode;
    const today = now();
    const { headerErrors, raws } = rowsOf('accounts', sheet);
    if (headerErrors.length) fail(headerErrors);
    const errors: RowError[] = [];
    const valid: AccountRow[] = [];
    for (const { row, raw } of raws) {
      const r = validateAccountRow(raw, row, today);
      if (r.value) valid.push(r.value);
      else errors.push(...r.errors);
    }
    const staff = await repo.staffByNip(db, [
      ...new Set(valid.map((v) => v.nip).filter((n): n is string => !!n)),
    ]);
    const regions = await repo.regionsExisting(db, [
      ...new Set(valid.map((v) => v.regionCode).filter((c): c is string => !!c)),
    ]);
    const existing = await repo.accountsByHandle(db, valid);
    const label = IMPORT_COLUMNS.accounts;
    const seen = new Map<string, number>();
    const writes: repo.AccountWrite[] = [];
    for (const v of valid) {
      const err = (field: string, message: string) => errors.push({ row: v.row, field, message });
      const k = `${v.platform}:${v.handle.toLowerCase()}`;
      const first = seen.get(k);
      if (first) err(label.handle.label, `akun ${v.handle} di ${v.platform} sudah ada di baris ${first}`);
      else seen.set(k, v.row);
      const s = v.nip ? staff.get(v.nip) : undefined;
      if (v.nip && (!s || !isWithinJurisdiction(s.region_code, root)))
        err(label.nip.label, `pegawai dengan NIP ${v.nip} tidak terdaftar di wilayah Anda`);
      if (v.regionCode && !regions.has(v.regionCode))
        err(label.regionCode.label, `kode wilayah ${v.regionCode} tidak terdaftar`);
      else if (v.regionCode && !isWithinJurisdiction(v.regionCode, root))
        err(label.regionCode.label, `wilayah ${v.regionCode} di luar wilayah pengawasan Anda`);
      const old = existing.get(k);
      if (old?.region_code && !isWithinJurisdiction(old.region_code, root))
        err(label.handle.label, `akun ${v.handle} sudah diawasi wilayah lain`);
      writes.push({ ...v, staffId: s?.id ?? null, regionCode: s ? null : (v.regionCode ?? root) });
    }
    if (errors.length) fail(errors);
    return writes;
  }

  async function importUnchecked({
    actor,
    kind,
    data,
    dryRun = false,
    onProgress,
  }: ImportOptions): Promise<ImportResult> {
    const sheet = await readSheet(data);
    const total = sheet.rows.length;
    onProgress?.({ phase: 'read', done: total, total });
    const report = (done: number) => onProgress?.({ phase: 'validate', done, total });
    const sha256 = createHash('sha256').update(data).digest('hex');
    let result: ImportResult | undefined;
    const prepared =
      kind === 'staff'
        ? { kind, rows: await prepareStaff(actor, sheet, report) }
        : kind === 'agencies'
          ? { kind, ...(await prepareAgencies(actor, sheet)) }
          : { kind, rows: await prepareAccounts(actor, sheet) };
    onProgress?.({ phase: 'validate', done: total, total });
    try {
      await db.transaction().execute(async (tx) => {
        let counts: { inserted: number; updated: number };
        if (prepared.kind === 'staff') {
          const unitIds = await repo.ensureUnitsInTx(
            tx,
            prepared.rows.filter((r) => r.unit).map((r) => ({ agencyId: r.agencyId, path: [r.unit!] })),
          );
          counts = await repo.upsertStaffInTx(
            tx,
            prepared.rows.map((r) => ({
              ...r,
              unitId: r.unit ? (unitIds.get(`${r.agencyId}\u0000${r.unit}`) ?? null) : null,
            })),
            (done) => onProgress?.({ phase: 'write', done, total }),
          );
        } else if (prepared.kind === 'agencies') {
          const up = await repo.upsertAgenciesInTx(tx, prepared.rows, prepared.resolveParent);
          counts = up.counts;
          await repo.ensureUnitsInTx(
            tx,
            prepared.rows.flatMap((r) =>
              r.units.map((path) => ({
                agencyId: up.idByKey.get(`${r.regionCode}\u0000${r.name}`)!,
                path,
              })),
            ),
          );
        } else counts = await repo.upsertAccountsInTx(tx, prepared.rows);
        result = { ...counts, unchanged: total - counts.inserted - counts.updated, errors: [] };
        onProgress?.({ phase: 'write', done: total, total });
        if (dryRun) throw new DryRunRollback();
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: `registry.import.${kind}`,
          subjectType: 'import',
          subjectId: sha256,
          details: { kind, rows: total, ...counts, unchanged: result.unchanged },
        });
      });
    } catch (e) {
      if (!(e instanceof DryRunRollback)) throw e;
    }
    return result!;
  }

  const invalid = (what: string, details: { field: string; message: string }[]) =>
    new DomainError(
      'VALIDATION',
      `Data ${what} tidak valid / invalid ${what === 'pegawai' ? 'staff' : 'agency'}`,
      details,
    );

  /** Unit list with parents by name, checked: unique names, known parents, no cycle. */
  function unitList(input: AgencyInput) {
    return input.units.map((u) => ({ id: u.id, name: u.name, parent: u.parent?.trim() || null }));
  }

  /** Validates an agency form against the database; the fields to write. */
  async function checkAgency(root: string, input: AgencyInput, id: string | undefined) {
    const errors: { field: string; message: string }[] = [];
    if (
      !isWithinJurisdiction(input.regionCode, root) ||
      !(await repo.regionsExisting(db, [input.regionCode])).size
    )
      errors.push({
        field: 'regionCode',
        message: `wilayah ${input.regionCode} tidak ada di wilayah pengawasan Anda`,
      });
    const same = await repo.agencyByRegionAndName(db, input.regionCode, input.name);
    if (same && same.id !== id)
      throw new DomainError(
        'CONFLICT',
        'Instansi dengan nama ini sudah ada di wilayah tersebut / agency exists',
        [{ field: 'name', message: 'sudah terdaftar di wilayah ini' }],
      );
    if (input.parentId) {
      const parent = await repo.findAgencyInScope(db, root, input.parentId);
      if (!parent)
        errors.push({ field: 'parentId', message: 'instansi induk tidak ditemukan di wilayah Anda' });
      else if (id && (await repo.agencySubtreeIds(db, id)).has(parent.id))
        errors.push({
          field: 'parentId',
          message: 'instansi induk tidak boleh instansi ini sendiri atau bawahannya',
        });
    }
    const names = new Map<string, number>();
    input.units.forEach((u, i) => {
      const k = u.name.toLowerCase();
      if (names.has(k))
        errors.push({ field: `units.${i}.name`, message: `unit "${u.name}" tercantum dua kali` });
      names.set(k, i);
    });
    input.units.forEach((u, i) => {
      const p = u.parent?.trim().toLowerCase();
      if (!p) return;
      if (!names.has(p))
        errors.push({ field: `units.${i}.parent`, message: `unit induk "${u.parent}" tidak ada` });
      // Walk up the parents: reaching the unit again is a cycle.
      const seen = new Set<string>([u.name.toLowerCase()]);
      let cur: string | undefined = p;
      while (cur && names.has(cur)) {
        if (seen.has(cur)) {
          errors.push({ field: `units.${i}.parent`, message: 'susunan unit melingkar' });
          break;
        }
        seen.add(cur);
        cur = input.units[names.get(cur)!]!.parent?.trim().toLowerCase() || undefined;
      }
    });
    if (errors.length) throw invalid('instansi', errors);
    return {
      name: input.name,
      kind: input.kind,
      regionCode: input.regionCode,
      parentId: input.parentId ?? null,
      taskForceHead: input.taskForceHead ?? null,
    };
  }

  async function agencyNode(root: string, id: string): Promise<AgencyNode> {
    const a = await repo.findAgencyInScope(db, root, id);
    const list = await repo.listAgencies(db, root, { q: a!.name, region: a!.region_code });
    return list.find((x) => x.id === id)!;
  }

  /** Validates a staff form with the import's row rules (NIP decoding included) and the database. */
  async function checkStaff(
    root: string,
    input: StaffInput,
    id: string | undefined,
  ): Promise<repo.StaffFields> {
    const agency = await repo.findAgencyInScope(db, root, input.agencyId);
    const byLabel = new Map<string, string>(
      Object.entries(IMPORT_COLUMNS.staff).map(([field, spec]) => [spec.label, field]),
    );
    const checked = validateStaffRow(
      {
        nip: input.nip ?? undefined,
        name: input.name,
        status: input.status,
        positionType: input.positionType ?? undefined,
        positionName: input.positionName ?? undefined,
        rank: input.rank ?? undefined,
        agency: agency?.name ?? '-',
        active: input.active ? 'aktif' : 'tidak aktif',
      },
      0,
      now(),
    );
    const errors: { field: string; message: string }[] = checked.errors.map((e) => ({
      field: byLabel.get(e.field) ?? e.field,
      message: e.message,
    }));
    if (!agency) errors.push({ field: 'agencyId', message: 'instansi tidak ditemukan di wilayah Anda' });
    let unitId: string | null = null;
    if (agency && input.unitId) {
      const units = await repo.unitsOfAgency(db, agency.id);
      if (!units.some((u) => u.id === input.unitId))
        errors.push({ field: 'unitId', message: 'unit kerja tidak ada pada instansi ini' });
      else unitId = input.unitId;
    }
    if (errors.length || !checked.value || !agency) throw invalid('pegawai', errors);
    const v = checked.value;
    if (v.nip) {
      const other = (await repo.staffByNip(db, [v.nip])).get(v.nip);
      if (other && other.id !== id)
        throw new DomainError('CONFLICT', `NIP ${v.nip} sudah terdaftar / NIP already registered`, [
          { field: 'nip', message: 'sudah terdaftar' },
        ]);
    } else if (await repo.nonAsnByName(db, agency.id, v.name, id))
      throw new DomainError(
        'CONFLICT',
        'Pegawai non-ASN dengan nama ini sudah ada di instansi ini / already exists',
        [{ field: 'name', message: 'sudah terdaftar di instansi ini' }],
      );
    return {
      nip: v.nip,
      name: v.name,
      status: v.status,
      positionType: v.positionType,
      positionName: v.positionName,
      rank: v.rank,
      agencyId: agency.id,
      unitId,
      regionCode: agency.region_code,
      active: v.active,
      birthDate: v.birthDate,
      appointedOn: v.appointedOn,
      sex: v.sex,
    };
  }

  return {
    /**
     * Imports a CSV or XLSX file (*impor data kepegawaian*): all rows are validated first; any
     * error rejects the whole file with every bad row listed (IMPORT_ROW_INVALID) and nothing
     * written. Otherwise one transaction upserts in batches and records one audit event. Unchanged
     * rows are counted and not rewritten. `dryRun` does the same work and rolls back.
     */
    async importFile(opts: ImportOptions): Promise<ImportResult> {
      requireWrite(opts.actor);
      try {
        return await importUnchecked(opts);
      } catch (e) {
        throw truncate(e, opts.maxErrors ?? MAX_REPORTED_ERRORS);
      }
    },

    /** Staff list and search (*daftar pegawai*), within the actor's jurisdiction. */
    async searchStaff(actor: Pick<Me, 'office'>, query: StaffQuery): Promise<StaffPage> {
      const r = await repo.searchStaff(db, actor.office.regionCode, query);
      return { ...r, page: query.page, pageSize: query.pageSize };
    },

    /** One staff member; NOT_FOUND when absent or outside the jurisdiction. */
    async getStaff(actor: Pick<Me, 'id' | 'office' | 'role'>, id: string): Promise<StaffDetail> {
      const s = await repo.findStaff(db, actor.office.regionCode, id);
      if (!s) throw NOT_FOUND();
      return {
        ...s,
        ...(await loadStaffSections(sections, { db, actor, staffId: id })),
        abilities: { edit: hasPermission(actor.role, 'registry.write') },
      };
    },

    /** Agencies with unit trees (*instansi dan unit kerja*). */
    listAgencies: (actor: Pick<Me, 'office'>, query: AgencyQuery): Promise<AgencyNode[]> =>
      repo.listAgencies(db, actor.office.regionCode, query),

    async listAccounts(actor: Pick<Me, 'office'>, query: AccountQuery): Promise<AccountPage> {
      const items = await repo.listAccounts(db, actor.office.regionCode, query);
      return { items, page: query.page, pageSize: query.pageSize };
    },

    /** Registers a social account, optionally linked to a staff member (*tautan akun*). */
    async createAccount(
      actor: Pick<Me, 'id' | 'role' | 'office'>,
      input: AccountInput,
    ): Promise<AccountView> {
      requireWrite(actor);
      const root = actor.office.regionCode;
      if (input.staffId && !(await repo.findStaffInScope(db, root, input.staffId))) throw NOT_FOUND();
      const handle = normaliseHandle(input.handle);
      const existing = await repo.accountsByHandle(db, [{ platform: input.platform, handle }]);
      if (existing.size)
        throw new DomainError('CONFLICT', 'Akun ini sudah terdaftar / this account is already registered', [
          { field: 'handle', message: 'sudah terdaftar' },
        ]);
      const id = await db.transaction().execute(async (tx) => {
        const newId = await repo.insertAccountInTx(tx, {
          row: 0,
          platform: input.platform,
          handle,
          profileUrl: input.profileUrl ?? null,
          platformUserId: input.platformUserId ?? null,
          nip: null,
          staffId: input.staffId ?? null,
          linkSource: input.staffId ? (input.linkSource ?? 'patrol') : null,
          confidence: input.staffId ? (input.linkConfidence ?? null) : null,
          watchStatus: input.watchStatus,
          regionCode: input.staffId ? null : root,
        });
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'registry.account.create',
          subjectType: 'social_account',
          subjectId: newId,
          details: { platform: input.platform, handle, staffId: input.staffId ?? null },
        });
        return newId;
      });
      return (await repo.findAccount(db, root, id))!;
    },

    /** Edits an account: identity (platform, handle, URL, user id), its link to staff, watch status. */
    async updateAccount(
      actor: Pick<Me, 'id' | 'role' | 'office'>,
      id: string,
      patch: AccountPatch,
    ): Promise<AccountView> {
      requireWrite(actor);
      const root = actor.office.regionCode;
      const current = await repo.findAccount(db, root, id);
      if (!current) throw NOT_FOUND();
      if (patch.staffId && !(await repo.findStaffInScope(db, root, patch.staffId))) throw NOT_FOUND();
      const handle = patch.handle !== undefined ? normaliseHandle(patch.handle) : undefined;
      if (handle !== undefined && !handle)
        throw new DomainError('VALIDATION', 'Akun wajib diisi / handle is required', [
          { field: 'handle', message: 'wajib diisi' },
        ]);
      const platform = patch.platform ?? current.platform;
      if (handle !== undefined || patch.platform !== undefined) {
        const other = await repo.accountsByHandle(db, [{ platform, handle: handle ?? current.handle }]);
        const found = [...other.values()][0];
        if (found && found.id !== id)
          throw new DomainError('CONFLICT', 'Akun ini sudah terdaftar / this account is already registered', [
            { field: 'handle', message: 'sudah terdaftar' },
          ]);
      }
      // An account unlinked from staff stays supervised where its staff member was.
      const unlinking = patch.staffId === null && current.staff !== null;
      await db.transaction().execute(async (tx) => {
        await repo.updateAccountInTx(tx, id, {
          ...(patch.platform !== undefined ? { platform: patch.platform } : {}),
          ...(handle !== undefined ? { handle } : {}),
          ...(patch.profileUrl !== undefined ? { profile_url: patch.profileUrl } : {}),
          ...(patch.platformUserId !== undefined ? { platform_user_id: patch.platformUserId || null } : {}),
          ...(patch.staffId !== undefined ? { staff_id: patch.staffId } : {}),
          ...(patch.staffId ? { region_code: null } : {}),
          ...(unlinking ? { region_code: current.regionCode } : {}),
          ...(patch.linkSource !== undefined ? { link_source: patch.linkSource } : {}),
          ...(patch.linkConfidence !== undefined ? { link_confidence: patch.linkConfidence } : {}),
          ...(patch.watchStatus !== undefined ? { watch_status: patch.watchStatus } : {}),
        });
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'registry.account.update',
          subjectType: 'social_account',
          subjectId: id,
          details: { ...patch },
        });
      });
      return (await repo.findAccount(db, root, id))!;
    },

    /** Adds an agency with its unit tree (*tambah instansi*), inside the jurisdiction. */
    async createAgency(actor: Pick<Me, 'id' | 'role' | 'office'>, input: AgencyInput): Promise<AgencyNode> {
      requireWrite(actor);
      const root = actor.office.regionCode;
      const fields = await checkAgency(root, input, undefined);
      const id = await db.transaction().execute(async (tx) => {
        const newId = await repo.insertAgencyInTx(tx, fields);
        await repo.replaceUnitsInTx(tx, newId, unitList(input));
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'registry.agency.create',
          subjectType: 'agency',
          subjectId: newId,
          details: { ...fields, units: input.units.map((u) => u.name) },
        });
        return newId;
      });
      return agencyNode(root, id);
    },

    /** Changes an agency and replaces its unit tree; NOT_FOUND outside the jurisdiction. */
    async updateAgency(
      actor: Pick<Me, 'id' | 'role' | 'office'>,
      id: string,
      input: AgencyInput,
    ): Promise<AgencyNode> {
      requireWrite(actor);
      const root = actor.office.regionCode;
      const current = await repo.findAgencyInScope(db, root, id);
      if (!current) throw NOT_FOUND();
      const fields = await checkAgency(root, input, id);
      const existingUnits = await repo.unitsOfAgency(db, id);
      const kept = new Set(input.units.map((u) => u.id).filter(Boolean));
      const errors: { field: string; message: string }[] = [];
      input.units.forEach((u, i) => {
        if (u.id && !existingUnits.some((e) => e.id === u.id))
          errors.push({ field: `units.${i}.id`, message: 'unit tidak ditemukan pada instansi ini' });
      });
      for (const u of existingUnits)
        if (!kept.has(u.id) && u.staff_count > 0)
          errors.push({
            field: 'units',
            message: `unit "${u.name}" masih berisi ${u.staff_count} pegawai; pindahkan mereka dahulu`,
          });
      if (errors.length)
        throw new DomainError('VALIDATION', 'Data instansi tidak valid / invalid agency', errors);
      await db.transaction().execute(async (tx) => {
        await repo.updateAgencyInTx(tx, id, fields);
        await repo.replaceUnitsInTx(tx, id, unitList(input));
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'registry.agency.update',
          subjectType: 'agency',
          subjectId: id,
          details: { ...fields, units: input.units.map((u) => u.name) },
        });
      });
      return agencyNode(root, id);
    },

    /** Adds a staff member (*tambah pegawai*); the NIP is validated and decoded as in imports. */
    async createStaff(actor: Pick<Me, 'id' | 'role' | 'office'>, input: StaffInput): Promise<StaffDetail> {
      requireWrite(actor);
      const fields = await checkStaff(actor.office.regionCode, input, undefined);
      const id = await db.transaction().execute(async (tx) => {
        const newId = await repo.insertStaffInTx(tx, fields);
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'registry.staff.create',
          subjectType: 'staff',
          subjectId: newId,
          details: { nip: fields.nip, name: fields.name, agencyId: fields.agencyId },
        });
        return newId;
      });
      return this.getStaff(actor, id);
    },

    /** Changes a staff member; NOT_FOUND when outside the jurisdiction (before or after the change). */
    async updateStaff(
      actor: Pick<Me, 'id' | 'role' | 'office'>,
      id: string,
      input: StaffInput,
    ): Promise<StaffDetail> {
      requireWrite(actor);
      const root = actor.office.regionCode;
      if (!(await repo.findStaffInScope(db, root, id))) throw NOT_FOUND();
      const fields = await checkStaff(root, input, id);
      await db.transaction().execute(async (tx) => {
        await repo.updateStaffInTx(tx, id, fields);
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'registry.staff.update',
          subjectType: 'staff',
          subjectId: id,
          details: { nip: fields.nip, name: fields.name, agencyId: fields.agencyId, active: fields.active },
        });
      });
      return this.getStaff(actor, id);
    },

    /** Any list as an XLSX workbook (at most 100,000 rows), with the same filters as the screen. */
    async exportList(actor: Pick<Me, 'office'>, list: ExportList, query: Record<string, string | undefined>) {
      const root = actor.office.regionCode;
      if (list === 'agencies') {
        const rows = await repo.listAgencies(db, root, query);
        const byId = new Map(rows.map((a) => [a.id, a.name]));
        return writeXlsx(
          'Instansi',
          [
            'Nama Instansi',
            'Jenis',
            'Kode Wilayah',
            'Instansi Induk',
            'Ketua Satgas',
            'Unit Kerja',
            'Jumlah Pegawai',
          ],
          rows.map((a) => [
            a.name,
            a.kind,
            a.regionCode,
            a.parentId ? (byId.get(a.parentId) ?? '') : '',
            a.taskForceHead,
            a.units.map((u) => u.name).join('; '),
            a.staffCount,
          ]),
        );
      }
      if (list === 'accounts') {
        const rows = await repo.listAccounts(db, root, { ...query, page: 1, pageSize: 100_000 });
        return writeXlsx(
          'Akun',
          [
            'Platform',
            'Akun',
            'URL Profil',
            'ID Pengguna',
            'NIP',
            'Nama Pegawai',
            'Sumber Tautan',
            'Keyakinan',
            'Status Pantau',
          ],
          rows.map((a) => [
            a.platform,
            a.handle,
            a.profileUrl,
            a.platformUserId,
            a.staff?.nip ?? null,
            a.staff?.name ?? null,
            a.linkSource,
            a.linkConfidence,
            a.watchStatus,
          ]),
        );
      }
      const r = await repo.searchStaff(
        db,
        root,
        { ...(query as Partial<StaffQuery>), page: 1, pageSize: 100_000 },
        { count: false },
      );
      return writeXlsx(
        'Pegawai',
        [
          'NIP',
          'Nama',
          'Status Pegawai',
          'Jenis Jabatan',
          'Jabatan',
          'Golongan',
          'Instansi',
          'Unit Kerja',
          'Kode Wilayah',
          'Aktif',
        ],
        r.items.map((s) => [
          s.nip,
          s.name,
          s.status,
          s.positionType,
          s.positionName,
          s.rank,
          s.agency.name,
          s.unit,
          s.regionCode,
          s.active ? 'Aktif' : 'Tidak Aktif',
        ]),
      );
    },
  };
}
