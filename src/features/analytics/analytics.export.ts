import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { feature } from 'topojson-client';
import type { Dashboard, KerawananView } from '../../contracts/analytics.ts';
import { LABELS } from './analytics.labels.ts';
import type { RegionTopology } from './analytics.map.ts';

const label = (k: string) => LABELS[k] ?? k;
const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

type Cell = string | number | null;
type Table = { name: string; headers: string[]; rows: Cell[][] };

/** Every table of the dashboard, as the XLSX export and the PDF list them. */
export function dashboardTables(d: Dashboard): Table[] {
  const k = d.kpis;
  const kerawananCols = (v: KerawananView) => [v.score, label(v.band), ...v.parts.map((p) => p.points)];
  const kerawananHeads = ['Skor kerawanan', 'Tingkat', 'Insiden', 'Pencegahan', 'Riwayat', 'Tahapan'];
  const breakdown = (name: string, rows: Dashboard['byCategory']): Table => ({
    name,
    headers: ['Kode', 'Uraian', 'Peringatan terkonfirmasi', 'Kasus'],
    rows: rows.map((r) => [r.key, label(r.key), r.alerts, r.cases]),
  });
  return [
    {
      name: 'Ringkasan',
      headers: ['Indikator', 'Nilai'],
      rows: [
        ['Wilayah', `${d.region.name} (${d.region.code})`],
        ['Periode', `${d.period.from} s.d. ${d.period.to}`],
        ['Pegawai', k.staff],
        ['Peringatan menunggu tinjauan', k.alertsPending],
        ['Peringatan terkonfirmasi (periode)', k.alertsConfirmed],
        ['Laporan minggu ini', k.reportsThisWeek],
        ['Laporan (periode)', k.reportsInPeriod],
        ['Kasus dibuka (periode)', k.casesInPeriod],
        ['Kasus menunggu putusan', k.casesAwaitingDecision],
        ['Kasus melewati batas waktu', k.casesOverdue],
        ['Sanksi direkomendasikan', k.sanctionsRecommended],
        ['Sanksi dijatuhkan', k.sanctionsImposed],
        ['Tingkat tindak lanjut', pct(k.followUpRate)],
        ['Skor kerawanan', d.kerawanan.score],
        ['Tingkat kerawanan', label(d.kerawanan.band)],
      ],
    },
    {
      name: 'Kerawanan',
      headers: ['Bagian', 'Bobot', 'Nilai (0-1)', 'Poin', 'Keterangan'],
      rows: [
        ...d.kerawanan.parts.map((p) => [label(p.key), p.weight, p.value, p.points, p.detail]),
        ['Jumlah', 100, null, d.kerawanan.score, label(d.kerawanan.band)],
      ],
    },
    {
      name: 'Wilayah',
      headers: [
        'Kode',
        'Wilayah',
        'Pegawai',
        'Peringatan menunggu',
        'Peringatan terkonfirmasi',
        'Kasus',
        'Laporan',
        'Sanksi direkomendasikan',
        'Sanksi dijatuhkan',
        ...kerawananHeads,
      ],
      rows: d.regions.map((r) => [
        r.code,
        r.name,
        r.staff,
        r.alertsPending,
        r.confirmedAlerts,
        r.cases,
        r.reports,
        r.sanctionsRecommended,
        r.sanctionsImposed,
        ...kerawananCols(r.kerawanan),
      ]),
    },
    {
      name: 'Instansi',
      headers: [
        'Instansi',
        'Jenis',
        'Kode wilayah',
        'Pegawai',
        'Kasus',
        'Peringatan terkonfirmasi',
        ...kerawananHeads,
      ],
      rows: d.agencies.map((a) => [
        a.name,
        a.kind,
        a.regionCode,
        a.staff,
        a.cases,
        a.confirmedAlerts,
        ...kerawananCols(a.kerawanan),
      ]),
    },
    {
      name: 'Status kasus',
      headers: ['Status', 'Kasus'],
      rows: d.casesByStatus.map((r) => [r.key, r.count]),
    },
    {
      name: 'Tren harian',
      headers: ['Tanggal', 'Peringatan', 'Peringatan terkonfirmasi', 'Kasus', 'Laporan'],
      rows: d.trend.map((r) => [r.date, r.alerts, r.confirmedAlerts, r.cases, r.reports]),
    },
    breakdown('Tahapan', d.byStage),
    breakdown('Kategori', d.byCategory),
    breakdown('Jenis jabatan', d.byPositionType),
    breakdown('Jenis instansi', d.byAgencyKind),
  ];
}

/** The XLSX export: one worksheet per dashboard table. */
export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Netra';
  for (const t of dashboardTables(d)) {
    const sheet = workbook.addWorksheet(t.name);
    sheet.addRow(t.headers).font = { bold: true };
    for (const r of t.rows) sheet.addRow(r);
    sheet.columns.forEach((col, i) => {
      col.width = Math.min(
        60,
        Math.max(10, t.headers[i]!.length + 2, ...t.rows.map((r) => String(r[i] ?? '').length + 2)),
      );
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const BAND_COLOURS: Record<string, string> = { low: '#2f9e44', medium: '#f59f00', high: '#e03131' };
const NO_DATA = '#dee2e6';

type Ring = number[][];
/** The polygons (as rings of [lon, lat]) of the shapes the dashboard's map shows, with their codes. */
export function mapShapes(d: Dashboard, topology: RegionTopology): { code: string; rings: Ring[] }[] {
  const level = d.region.level;
  const object = level === 0 ? topology.objects.provinces : topology.objects.regencies;
  const fc = feature(topology, object);
  const wanted = (code: string) =>
    level === 0 ? true : level === 1 ? code.startsWith(`${d.region.code}.`) : code === d.region.code;
  return fc.features
    .filter((f) => wanted(String(f.properties?.code)))
    .map((f) => {
      const g = f.geometry;
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
      return { code: String(f.properties?.code), rings: polys.flat() as Ring[] };
    });
}

/** The PDF report of a region and period: figures, the kerawanan map and charts, the tables. */
export async function dashboardPdf(d: Dashboard, topology: RegionTopology): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `Netra - ${d.region.name}`, Author: 'Netra' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 80;

  doc.font('Helvetica-Bold').fontSize(16).text('Laporan Pengawasan Netralitas ASN');
  doc.font('Helvetica').fontSize(10).fillColor('#495057');
  doc.text(`${d.region.name} (${d.region.code}) - periode ${d.period.from} s.d. ${d.period.to}`);
  doc.text(`Dibuat ${d.generatedAt.slice(0, 16).replace('T', ' ')} UTC oleh Netra`);
  doc.moveDown();

  doc.fillColor('#000').font('Helvetica-Bold').fontSize(12).text('Ringkasan / summary');
  doc.font('Helvetica').fontSize(10);
  for (const [name, value] of dashboardTables(d)[0]!.rows.slice(2)) doc.text(`${name}: ${value}`);
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').text(`Kerawanan ${d.kerawanan.score} (${label(d.kerawanan.band)})`);
  doc.font('Helvetica');
  for (const p of d.kerawanan.parts)
    doc.text(`- ${label(p.key)}: ${p.points} dari ${p.weight} poin; ${p.detail}`);

  // The map, coloured by kerawanan band of each child region.
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(12).text('Peta kerawanan / kerawanan map');
  const shapes = mapShapes(d, topology).filter((s) => s.rings.some((ring) => ring.length > 0));
  const bands = new Map(d.regions.map((r) => [r.code, r.kerawanan.band]));
  if (shapes.length) {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const s of shapes)
      for (const ring of s.rings)
        for (const [x, y] of ring) {
          minX = Math.min(minX, x!);
          maxX = Math.max(maxX, x!);
          minY = Math.min(minY, y!);
          maxY = Math.max(maxY, y!);
        }
    const boxH = 320;
    const k = Math.min(width / (maxX - minX || 1), boxH / (maxY - minY || 1));
    const top = doc.y + 10;
    for (const s of shapes) {
      for (const ring of s.rings) {
        ring.forEach(([x, y], i) => {
          const px = 40 + (x! - minX) * k;
          const py = top + (maxY - y!) * k;
          if (i === 0) doc.moveTo(px, py);
          else doc.lineTo(px, py);
        });
        doc.closePath();
      }
      const band = bands.get(s.code) ?? (d.region.level === 2 ? d.kerawanan.band : undefined);
      doc.lineWidth(0.3).fillAndStroke(band ? BAND_COLOURS[band]! : NO_DATA, '#ffffff');
    }
    doc.y = top + (maxY - minY) * k + 12;
  }
  doc.fillColor('#000').font('Helvetica').fontSize(8);
  let lx = 40;
  for (const band of ['low', 'medium', 'high'] as const) {
    doc.rect(lx, doc.y, 10, 10).fill(BAND_COLOURS[band]!);
    doc.fillColor('#000').text(label(band), lx + 14, doc.y + 1, { lineBreak: false });
    lx += 80;
  }
  doc.moveDown(1.5);
  doc
    .fontSize(7)
    .fillColor('#495057')
    .text(
      'Batas wilayah: ghapsara/indonesia-atlas (2019; DIVA-GIS, gispedia 2016), hanya sebagai alat bantu tampilan.',
      40,
    );

  // Charts: cases and confirmed alerts per day; cases by category.
  doc.moveDown();
  doc
    .fillColor('#000')
    .font('Helvetica-Bold')
    .fontSize(12)
    .text('Tren harian / daily trend (kasus + peringatan terkonfirmasi)');
  bars(
    doc,
    d.trend.map((t) => ({ label: t.date.slice(5), value: t.cases + t.confirmedAlerts })),
    width,
  );
  doc.font('Helvetica-Bold').fontSize(12).text('Kasus per kategori / cases by category', 40);
  hbars(
    doc,
    d.byCategory.map((c) => ({ label: label(c.key), value: c.cases })),
    width,
  );

  // The tables.
  for (const t of dashboardTables(d).slice(1)) {
    if (t.rows.length === 0) continue;
    doc.addPage();
    doc.fillColor('#000').font('Helvetica-Bold').fontSize(12).text(t.name, 40);
    doc.font('Helvetica').fontSize(7);
    doc.text(t.headers.join(' | '));
    for (const r of t.rows.slice(0, 300)) doc.text(r.map((c) => (c === null ? '' : String(c))).join(' | '));
  }
  doc.end();
  return done;
}

type Bar = { label: string; value: number };

function bars(doc: PDFKit.PDFDocument, data: Bar[], width: number) {
  const h = 100;
  const top = doc.y + 6;
  const max = Math.max(1, ...data.map((b) => b.value));
  const w = width / Math.max(1, data.length);
  data.forEach((b, i) => {
    const bh = (b.value / max) * h;
    doc.rect(40 + i * w, top + h - bh, Math.max(0.5, w - 1), bh).fill('#1c7ed6');
  });
  doc.fillColor('#000').font('Helvetica').fontSize(7);
  doc.text(`maks. ${max}`, 40, top - 2);
  if (data.length) {
    doc.text(data[0]!.label, 40, top + h + 2, { lineBreak: false });
    doc.text(data.at(-1)!.label, 40 + width - 30, top + h + 2, { lineBreak: false });
  }
  doc.y = top + h + 16;
  doc.x = 40;
}

function hbars(doc: PDFKit.PDFDocument, data: Bar[], width: number) {
  const max = Math.max(1, ...data.map((b) => b.value));
  doc.font('Helvetica').fontSize(8);
  for (const b of data) {
    const y = doc.y + 2;
    doc.fillColor('#000').text(b.label, 40, y, { width: 150, lineBreak: false });
    doc.rect(195, y, ((width - 200) * b.value) / max, 9).fill('#1c7ed6');
    doc
      .fillColor('#000')
      .text(String(b.value), 200 + ((width - 200) * b.value) / max, y, { lineBreak: false });
    doc.y = y + 12;
  }
  doc.x = 40;
  doc.moveDown();
}
