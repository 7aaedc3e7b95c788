import ExcelJS from 'exceljs';
import { type Kysely, sql } from 'kysely';
import type { Coverage } from '../../contracts/prevention.ts';
import type { Tables } from '../../db/tables.ts';
import { NATIONAL, regionAncestry, regionLevel } from '../../domain/jurisdiction.ts';
import { ACTIVITY_WINDOW_DAYS, percent, todayWib, windowStart } from '../../domain/prevention.ts';
import { inRegion } from './prevention.shared.ts';

/**
 * Coverage figures per region and agency (docs/prevention.md "Coverage"): share of active staff who
 * signed a neutrality pledge, whether a task force exists, and activities in the last 90 days.
 * Regions are the provinces and regencies/cities of the root (and the root itself when it is one);
 * each aggregates its whole subtree. This is what the analytics kerawanan index reads.
 */
export function createCoverageService(deps: { db: Kysely<Tables>; now: () => Date }) {
  const { db, now } = deps;

  async function coverage(opts: { regionRoot: string; agencyId?: string | null }): Promise<Coverage> {
    const root = opts.regionRoot;
    const agencyId = opts.agencyId ?? null;
    const today = todayWib(now());
    const from = windowStart(today, ACTIVITY_WINDOW_DAYS);

    let agenciesQ = db
      .selectFrom('agencies')
      .select(['id', 'name', 'region_code'])
      .where(inRegion('region_code', root))
      .orderBy('region_code')
      .orderBy('name');
    if (agencyId !== null) agenciesQ = agenciesQ.where('id', '=', agencyId);
    const agencies = await agenciesQ.execute();
    const agencyIds = agencies.map((a) => a.id);

    const staffCounts = agencyIds.length
      ? await db
          .selectFrom('staff as s')
          .select([
            's.agency_id',
            sql<number>`count(*)::int`.as('staff'),
            sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM pledge_signatures p WHERE p.staff_id = s.id))::int`.as(
              'pledged',
            ),
          ])
          .where('s.active', '=', true)
          .where(inRegion('s.region_code', root))
          .$if(agencyId !== null, (q) => q.where('s.agency_id', '=', agencyId!))
          .groupBy('s.agency_id')
          .execute()
      : [];
    const staffBy = new Map(
      staffCounts.map((r) => [r.agency_id, { staff: Number(r.staff), pledged: Number(r.pledged) }]),
    );

    const forces = await db
      .selectFrom('task_forces')
      .select(['region_code', 'agency_id'])
      .where('dissolved_on', 'is', null)
      .where(inRegion('region_code', root))
      .execute();
    const agencyForce = new Set(forces.map((f) => f.agency_id).filter((a): a is string => a !== null));
    const regionForce = new Set(forces.filter((f) => f.agency_id === null).map((f) => f.region_code));

    const acts = await db
      .selectFrom('prevention_activities as a')
      .select(['a.id', 'a.region_code', 'a.participants'])
      .where(inRegion('a.region_code', root))
      .where('a.held_on', '>=', from)
      .where('a.held_on', '<=', today)
      .$if(agencyId !== null, (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('prevention_activity_agencies as x')
              .select('x.activity_id')
              .whereRef('x.activity_id', '=', 'a.id')
              .where('x.agency_id', '=', agencyId!),
          ),
        ),
      )
      .execute();
    const actAgencies = acts.length
      ? await db
          .selectFrom('prevention_activity_agencies')
          .select(['activity_id', 'agency_id'])
          .where(
            'activity_id',
            'in',
            acts.map((a) => a.id),
          )
          .execute()
      : [];
    const actsPerAgency = new Map<string, number>();
    for (const x of actAgencies) actsPerAgency.set(x.agency_id, (actsPerAgency.get(x.agency_id) ?? 0) + 1);

    const agencyRows = agencies.map((a) => {
      const s = staffBy.get(a.id) ?? { staff: 0, pledged: 0 };
      return {
        agencyId: a.id,
        agencyName: a.name,
        regionCode: a.region_code,
        staff: s.staff,
        pledged: s.pledged,
        pledgePercent: percent(s.pledged, s.staff),
        taskForce: agencyForce.has(a.id),
        activities90d: actsPerAgency.get(a.id) ?? 0,
      };
    });

    // Region rows: provinces and regencies/cities in the root (for a task-force head, only those
    // containing their agency).
    let regionsQ = db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('level', 'in', [1, 2])
      .where(inRegion('code', root))
      .orderBy('code');
    if (agencyId !== null) {
      const codes = agencies.flatMap((a) => regionAncestry(a.region_code)).filter((c) => c !== NATIONAL);
      regionsQ = regionsQ.where('code', 'in', codes.length ? codes : ['-']);
    }
    const regions = await regionsQ.execute();
    const acc = new Map(
      regions.map((r) => [
        r.code,
        { staff: 0, pledged: 0, agencies: 0, agenciesWithTaskForce: 0, activities90d: 0, participants90d: 0 },
      ]),
    );
    const ancestorsIn = (code: string) => regionAncestry(code).filter((c) => acc.has(c));
    for (const a of agencyRows)
      for (const c of ancestorsIn(a.regionCode)) {
        const r = acc.get(c)!;
        r.staff += a.staff;
        r.pledged += a.pledged;
        r.agencies += 1;
        if (a.taskForce) r.agenciesWithTaskForce += 1;
      }
    for (const a of acts)
      for (const c of ancestorsIn(a.region_code)) {
        const r = acc.get(c)!;
        r.activities90d += 1;
        r.participants90d += a.participants;
      }
    return {
      regionRoot: root,
      asOf: today,
      windowStart: from,
      regions: regions.map((r) => {
        const x = acc.get(r.code)!;
        return {
          regionCode: r.code,
          regionName: r.name,
          ...x,
          pledgePercent: percent(x.pledged, x.staff),
          taskForce: regionForce.has(r.code),
        };
      }),
      agencies: agencyRows,
    };
  }

  /** The coverage figures as an XLSX workbook with a sheet per level. */
  async function exportXlsx(opts: { regionRoot: string; agencyId?: string | null }): Promise<Buffer> {
    const c = await coverage(opts);
    const wb = new ExcelJS.Workbook();
    const yn = (b: boolean) => (b ? 'ada' : 'belum ada');
    const regions = wb.addWorksheet('Wilayah');
    regions.addRow([
      'Kode wilayah',
      'Wilayah',
      'Tingkat',
      'Pegawai aktif',
      'Sudah ikrar',
      '% ikrar',
      'Satgas wilayah',
      'Instansi',
      'Instansi dengan satgas',
      `Kegiatan ${ACTIVITY_WINDOW_DAYS} hari`,
      `Peserta ${ACTIVITY_WINDOW_DAYS} hari`,
    ]).font = { bold: true };
    for (const r of c.regions)
      regions.addRow([
        r.regionCode,
        r.regionName,
        regionLevel(r.regionCode) === 1 ? 'provinsi' : 'kabupaten/kota',
        r.staff,
        r.pledged,
        r.pledgePercent,
        yn(r.taskForce),
        r.agencies,
        r.agenciesWithTaskForce,
        r.activities90d,
        r.participants90d,
      ]);
    const agencies = wb.addWorksheet('Instansi');
    agencies.addRow([
      'Instansi',
      'Kode wilayah',
      'Pegawai aktif',
      'Sudah ikrar',
      '% ikrar',
      'Satgas',
      `Kegiatan ${ACTIVITY_WINDOW_DAYS} hari`,
    ]).font = { bold: true };
    for (const a of c.agencies)
      agencies.addRow([
        a.agencyName,
        a.regionCode,
        a.staff,
        a.pledged,
        a.pledgePercent,
        yn(a.taskForce),
        a.activities90d,
      ]);
    for (const ws of [regions, agencies]) for (const col of ws.columns) col.width = 18;
    const info = wb.addWorksheet('Keterangan');
    info.addRow(['Per tanggal / as of', c.asOf]);
    info.addRow(['Kegiatan sejak / activities since', c.windowStart]);
    info.addRow(['Wilayah induk / region root', c.regionRoot]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  return { coverage, exportXlsx };
}
