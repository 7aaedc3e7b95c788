import type { GeometryCollection, Topology } from 'topojson-specification';

/** What `GET /api/analytics/map` answers: shapes with Kemendagri `code` and `name`. */
export type RegionTopology = Topology<{
  provinces: GeometryCollection<{ code: string; name: string }>;
  regencies: GeometryCollection<{ code: string; name: string }>;
}>;
