import { readFileSync } from 'node:fs';
import { mergeArcs } from 'topojson-client';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';
import { type KabkotShape, matchKabkot, type RegionName } from '../../domain/geo-match.ts';

/**
 * The boundary shapes shipped with Netra (src/features/analytics/geo/, source and licence in
 * docs/data-sources.md), turned into one TopoJSON with Kemendagri codes: object `regencies` (one
 * shape per regency/city code) and `provinces` (the regencies of each province merged, so the
 * 38 provinces of today — including the four created in 2022 — each get a shape).
 */
export const GEO_DIR = new URL('./geo/', import.meta.url);

type ShapeProps = { provinsi: string; kabkot: string };
type AreaGeometry = (Polygon | MultiPolygon) & { id?: string | number; properties?: ShapeProps };

export type RegionTopology = Topology<{
  provinces: GeometryCollection<{ code: string; name: string }>;
  regencies: GeometryCollection<{ code: string; name: string }>;
}>;

export function readKabkotTopology(): Topology<{ kabkot: GeometryCollection<ShapeProps> }> {
  return JSON.parse(readFileSync(new URL('kabupaten-kota.topo.json', GEO_DIR), 'utf8'));
}

export function readProvinceTopology(): Topology<{ provinces: GeometryCollection<{ provinsi: string }> }> {
  return JSON.parse(readFileSync(new URL('provinsi.topo.json', GEO_DIR), 'utf8'));
}

/** The shapes of the source with their match. */
export function matchShapes(topology: ReturnType<typeof readKabkotTopology>, regions: RegionName[]) {
  const geometries = topology.objects.kabkot.geometries as AreaGeometry[];
  const shapes: KabkotShape[] = geometries.map((g) => ({
    provinsi: g.properties?.provinsi ?? '',
    kabkot: g.properties?.kabkot ?? '',
    id: g.id ?? null,
  }));
  return { geometries, matches: matchKabkot(shapes, regions) };
}

/** Builds the coded topology (pure given its inputs). */
export function buildRegionTopology(
  topology: ReturnType<typeof readKabkotTopology>,
  regions: RegionName[],
): RegionTopology {
  const { geometries, matches } = matchShapes(topology, regions);
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const group = (keyOf: (code: string) => string) => {
    const groups = new Map<string, AreaGeometry[]>();
    const seen = new Set<string>();
    geometries.forEach((g, i) => {
      const code = matches[i]!.code;
      if (!code) return;
      const key = keyOf(code);
      // The source draws some areas twice (Aceh Singkil, Kepulauan Seribu, Timor Tengah Selatan):
      // merging a polygon with its copy makes every arc internal and leaves an empty shape.
      const signature = `${key} ${JSON.stringify((g as { arcs?: unknown }).arcs ?? null)}`;
      if (seen.has(signature)) return;
      seen.add(signature);
      groups.set(key, [...(groups.get(key) ?? []), g]);
    });
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, list]) => ({
        ...mergeArcs(topology, list as (Polygon | MultiPolygon)[]),
        properties: { code, name: names.get(code) ?? code },
      }));
  };
  return {
    type: 'Topology',
    ...(topology.transform ? { transform: topology.transform } : {}),
    ...(topology.bbox ? { bbox: topology.bbox } : {}),
    arcs: topology.arcs,
    objects: {
      provinces: { type: 'GeometryCollection', geometries: group((c) => c.split('.')[0]!) },
      regencies: { type: 'GeometryCollection', geometries: group((c) => c) },
    },
  } as RegionTopology;
}
