import { feature } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import { loadRegionRows } from '../../db/migrations/0002-regions.ts';
import { matchProvince, normaliseRegionName } from '../../domain/geo-match.ts';
import {
  buildRegionTopology,
  matchShapes,
  readKabkotTopology,
  readProvinceTopology,
} from './analytics.map.ts';

/** The same regions as the `regions` table (migration 0002 loads them from idn-area-data). */
const regions = loadRegionRows().filter((r) => r.level <= 2);
const topology = readKabkotTopology();

/**
 * Reviewed by hand (docs/data-sources.md). Shapes that are not regions: lakes, reservoirs and a
 * forest drawn as their own polygons in the source.
 */
const REVIEWED_UNMATCHED_SHAPES = [
  '12-88 Sumatera Utara: Danau Toba',
  '13-88 Sumatera Barat: Danau',
  '16-88 Sumatera Selatan: Danau',
  '18-88 Lampung: Danau',
  '32-88 Jawa Barat: Waduk Cira',
  '33-88 Jawa Tengah: Waduk Kedu',
  '33-99 Jawa Tengah: Hutan',
  '71-88 Sulawesi Utara: Danau',
];

/** Regencies created after the source's 2016 division: no shape of their own (their area is drawn in the parent regency). */
const REVIEWED_REGIONS_WITHOUT_SHAPE = [
  '74.12 Kabupaten Konawe Kepulauan',
  '74.13 Kabupaten Muna Barat',
  '74.14 Kabupaten Buton Tengah',
  '74.15 Kabupaten Buton Selatan',
];

describe('map shapes ↔ Kemendagri codes', () => {
  const { geometries, matches } = matchShapes(topology, regions);

  it('lists exactly the reviewed regency/city shapes that do not match, and they are few', () => {
    const unmatched = geometries
      .map((g, i) => ({ g, m: matches[i]! }))
      .filter(({ m }) => m.code === null)
      .map(({ g }) => `${g.id} ${g.properties?.provinsi}: ${g.properties?.kabkot}`);
    expect([...new Set(unmatched)].sort()).toEqual(REVIEWED_UNMATCHED_SHAPES);
    expect(unmatched.length).toBeLessThanOrEqual(10);
  });

  it('lists exactly the reviewed regencies/cities without a shape', () => {
    const shaped = new Set(matches.map((m) => m.code));
    const missing = regions
      .filter((r) => r.level === 2 && !shaped.has(r.code))
      .map((r) => `${r.code} ${r.name}`);
    expect(missing).toEqual(REVIEWED_REGIONS_WITHOUT_SHAPE);
  });

  it('never gives one code to shapes with different ids (no regency/city confusion)', () => {
    const idsByCode = new Map<string, Set<string>>();
    geometries.forEach((g, i) => {
      const code = matches[i]!.code;
      if (code) idsByCode.set(code, (idsByCode.get(code) ?? new Set()).add(String(g.id)));
    });
    const clashes = [...idsByCode].filter(([, ids]) => ids.size > 1).map(([c, ids]) => `${c}: ${[...ids]}`);
    expect(clashes).toEqual([]);
  });

  it.each([
    ['32-01', 'Bogor', '32.01'],
    ['32-71', 'Bogor', '32.71'],
    ['61-71', 'Mempawah', '61.71'], // mislabelled Kota Pontianak
    ['63-02', 'Kota Baru', '63.02'], // Kabupaten Kotabaru
    ['91-12', 'Manokwari', '92.12'], // mislabelled Pegunungan Arfak
    ['91-05', 'Manokwari', '92.02'],
    ['94-03', 'Jayapura', '91.03'], // BPS 94 is Kemendagri 91 (Papua)
  ])('shape %s %s is %s', (id, name, code) => {
    const i = geometries.findIndex((g) => String(g.id) === id && g.properties?.kabkot === name);
    expect(matches[i]?.code).toBe(code);
  });

  it('matches every province shape of the provinces file by name', () => {
    const names = readProvinceTopology().objects.provinces.geometries.map(
      (g) => (g.properties as { provinsi: string }).provinsi,
    );
    expect(names).toHaveLength(34);
    expect(names.filter((n) => matchProvince(n, regions) === null)).toEqual([]);
    expect(matchProvince('Jakarta', regions)).toBe('31');
    expect(normaliseRegionName('Kota Administrasi Jakarta Pusat')).toBe('jakartapusat');
  });
});

describe('buildRegionTopology', () => {
  const coded = buildRegionTopology(topology, regions);

  it('has a shape for each of the 38 provinces, including those created in 2022', () => {
    const codes = coded.objects.provinces.geometries.map((g) => (g.properties as { code: string }).code);
    expect(codes).toEqual(regions.filter((r) => r.level === 1).map((r) => r.code));
    expect(codes).toEqual(expect.arrayContaining(['93', '94', '95', '96']));
  });

  it('has one shape per matched regency/city, convertible to GeoJSON with its code and name', () => {
    const fc = feature(coded, coded.objects.regencies);
    expect(fc.features).toHaveLength(514 - REVIEWED_REGIONS_WITHOUT_SHAPE.length);
    const balikpapan = fc.features.find((f) => f.properties?.code === '64.71');
    expect(balikpapan?.properties?.name).toBe('Kota Balikpapan');
    expect(balikpapan?.geometry.type).toMatch(/Polygon/);
  });

  it('draws every regency/city and province with at least one ring (areas drawn twice in the source included)', () => {
    const empty = (object: typeof coded.objects.regencies) =>
      feature(coded, object)
        .features.filter((f) => {
          const g = f.geometry;
          const polys =
            g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
          return polys.flat(2).length === 0;
        })
        .map((f) => f.properties?.code);
    // Kepulauan Seribu's islands are too small for the simplified source: its geometry is null.
    expect(empty(coded.objects.regencies)).toEqual(['31.01']);
    expect(empty(coded.objects.provinces)).toEqual([]);
  });
});
