/**
 * Matching the boundary shapes of the maps (docs/data-sources.md: names only, BPS-style ids, the
 * 2016 division) to Kemendagri region codes. Pure: the caller passes the shapes' properties and the
 * regions. Used by the analytics service to build the map served to the web, and by the test that
 * lists every shape that does not match (src/domain/geo-match.test.ts).
 */

export type RegionName = { code: string; name: string; level: number };

/** Properties of one regency/city shape: `provinsi`, `kabkot`, and an id "PP-NN" (BPS numbering). */
export type KabkotShape = { provinsi: string; kabkot: string; id?: string | number | null };

/**
 * Shapes whose name is wrong or outdated in the source, by id: reviewed by hand.
 * - 61-71 is labelled "Mempawah" but BPS 6171 is Kota Pontianak (Mempawah is 61-04).
 * - 91-12 is labelled "Manokwari" but BPS 9112 is Pegunungan Arfak (Manokwari is 91-05).
 * - "Toba Samosir" was renamed Toba (2020); "Mamuju Utara" renamed Pasangkayu (2017); "Maluku
 *   Tenggara Barat" renamed Kepulauan Tanimbar (2019); "Siau Tagulandang Biaro" is officially
 *   "Kepulauan Siau Tagulandang Biaro".
 */
const SHAPE_ALIASES_BY_NAME: Record<string, string> = {
  'toba samosir': 'toba',
  'mamuju utara': 'pasangkayu',
  'maluku tenggara barat': 'kepulauan tanimbar',
  'siau tagulandang biaro': 'kepulauan siau tagulandang biaro',
};
const SHAPE_ALIASES_BY_ID: Record<string, { name: string; city: boolean }> = {
  '61-71': { name: 'pontianak', city: true },
  '91-12': { name: 'pegununganarfak', city: false },
};

/**
 * The source has the 34 provinces of 2016. Provinces created later (2022: Papua Selatan, Papua
 * Tengah, Papua Pegunungan from Papua; Papua Barat Daya from Papua Barat) take their regencies from
 * the parent's shapes.
 */
const PROVINCE_SUCCESSORS: Record<string, string[]> = { papua: ['93', '94', '95'], 'papua barat': ['96'] };

/** Lower case, no "Kabupaten"/"Kota"/"Provinsi"/DKI/DIY prefixes, letters and digits only. */
export function normaliseRegionName(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(provinsi|daerah khusus ibukota|daerah khusus ibu kota|daerah istimewa|dki|diy)\s+/, '')
    .replace(/^(kabupaten administrasi|kabupaten|kab\.?|kota administrasi|kota adm\.?|kota)\s+/, '')
    .replace(/[^a-z0-9]/g, '');
}

const compact = (s: string) => s.replace(/[^a-z0-9]/g, '');
const isCityName = (name: string) => /^kota\s/i.test(name);

/** Provinces by normalised name → code. */
function provinceIndex(regions: RegionName[]) {
  const map = new Map<string, string>();
  for (const r of regions) if (r.level === 1) map.set(normaliseRegionName(r.name), r.code);
  return map;
}

/** The Kemendagri code of a province shape by its name, or null. */
export function matchProvince(name: string, regions: RegionName[]): string | null {
  return provinceIndex(regions).get(normaliseRegionName(name)) ?? null;
}

export type ShapeMatch = { code: string | null; reason?: string };

/**
 * Matches regency/city shapes to codes. A shape is a city when its id's second part is 71 or more
 * (BPS numbering) or its name starts with "Kota". Within the shape's province (and the provinces
 * split from it later), the normalised name must match one regency/city of the same kind; when only
 * one of the other kind matches, that one is taken. Lakes and forests (ids ending 88/99) are not
 * regions and never match.
 */
export function matchKabkot(shapes: KabkotShape[], regions: RegionName[]): ShapeMatch[] {
  const provinces = provinceIndex(regions);
  const byProvince = new Map<string, { code: string; key: string; city: boolean }[]>();
  for (const r of regions) {
    if (r.level !== 2) continue;
    const prov = r.code.split('.')[0]!;
    const list = byProvince.get(prov) ?? [];
    list.push({ code: r.code, key: normaliseRegionName(r.name), city: isCityName(r.name) });
    byProvince.set(prov, list);
  }
  return shapes.map((shape) => {
    const id = shape.id == null ? '' : String(shape.id);
    const suffix = Number(id.split('-')[1] ?? Number.NaN);
    if (suffix === 88 || suffix === 99)
      return { code: null, reason: 'bukan wilayah / not a region (lake, forest)' };
    const provKey = normaliseRegionName(shape.provinsi);
    const provCode = provinces.get(provKey);
    if (!provCode)
      return { code: null, reason: `provinsi tidak dikenal / unknown province ${shape.provinsi}` };
    const provNames = Object.keys(PROVINCE_SUCCESSORS).find((k) => compact(k) === provKey);
    const candidates = [provCode, ...(provNames ? PROVINCE_SUCCESSORS[provNames]! : [])].flatMap(
      (p) => byProvince.get(p) ?? [],
    );
    const alias = SHAPE_ALIASES_BY_ID[id];
    const raw = shape.kabkot.toLowerCase().trim();
    const key = alias?.name ?? compact(SHAPE_ALIASES_BY_NAME[raw] ?? normaliseRegionName(shape.kabkot));
    const city = alias?.city ?? (suffix >= 71 || isCityName(shape.kabkot));
    const same = candidates.filter((c) => c.key === key && c.city === city);
    if (same.length === 1) return { code: same[0]!.code };
    const any = candidates.filter((c) => c.key === key);
    if (any.length === 1) return { code: any[0]!.code };
    // "Kota Baru" (a regency, Kotabaru) is not the city prefix: try the whole name as one word.
    const whole = candidates.filter((c) => c.key === compact(raw));
    if (whole.length === 1) return { code: whole[0]!.code };
    return {
      code: null,
      reason: any.length ? 'nama ganda / ambiguous name' : 'nama tidak ditemukan / name not found',
    };
  });
}
