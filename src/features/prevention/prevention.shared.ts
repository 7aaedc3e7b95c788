import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction, NATIONAL } from '../../domain/jurisdiction.ts';
import { permissionActorOf, scopeOf } from '../../domain/permissions.ts';

export type Db = Kysely<Tables> | Transaction<Tables>;
/** The signed-in user as prevention services need it. */
export type Actor = Pick<Me, 'id' | 'role' | 'office' | 'agencyId'>;

export const notFound = () => new DomainError('NOT_FOUND', 'Data tidak ditemukan / not found');

/** The nil UUID: matches no agency (a task-force head without an agency sees nothing). */
export const NO_AGENCY = '00000000-0000-0000-0000-000000000000';

/** Region root and (task-force heads) agency of the actor; `agencyId: null` = no agency filter. */
export const scopeFor = (actor: Actor) => {
  const scope = scopeOf(permissionActorOf(actor));
  return { ...scope, agencyId: scope.agencyId === '' ? NO_AGENCY : scope.agencyId };
};

/** `column` in the region subtree of `root` (index-friendly). */
export function inRegion(column: string, root: string): RawBuilder<boolean> {
  if (root === NATIONAL) return sql<boolean>`true`;
  return sql<boolean>`(${sql.ref(column)} = ${root} OR ${sql.ref(column)} LIKE ${`${root}.%`})`;
}

/** A date column as `YYYY-MM-DD` text (the same on PGlite and PostgreSQL, whatever the driver's parser). */
export const dateText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
export const nullableDateText = (column: string) =>
  sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** A region the actor may write to: it exists and lies in their jurisdiction (else the same VALIDATION). */
export async function requireRegion(
  db: Db,
  actor: Actor,
  code: string,
): Promise<{ code: string; name: string }> {
  const { regionRoot } = scopeFor(actor);
  const row = isWithinJurisdiction(code, regionRoot)
    ? await db.selectFrom('regions').select(['code', 'name']).where('code', '=', code).executeTakeFirst()
    : undefined;
  if (!row)
    throw new DomainError('VALIDATION', 'Wilayah tidak ditemukan / region not found', [
      { field: 'regionCode', message: 'wilayah tidak ada atau di luar yurisdiksi Anda' },
    ]);
  return row;
}

/**
 * An agency the actor may refer to: it exists, lies in their jurisdiction, and for a task-force head
 * is their own agency. Anything else is the same VALIDATION error (no hint whether it exists).
 */
export async function requireAgency(
  db: Db,
  actor: Actor,
  id: string,
  field = 'agencyId',
): Promise<{ id: string; name: string; region_code: string }> {
  const { regionRoot, agencyId } = scopeFor(actor);
  const row = await db
    .selectFrom('agencies')
    .select(['id', 'name', 'region_code'])
    .where('id', '=', id)
    .where(inRegion('region_code', regionRoot))
    .executeTakeFirst();
  if (!row || (agencyId !== null && row.id !== agencyId))
    throw new DomainError('VALIDATION', 'Instansi tidak ditemukan / agency not found', [
      { field, message: 'instansi tidak ada atau di luar yurisdiksi Anda' },
    ]);
  return row;
}

/** Task-force heads must name their own agency on everything they write. */
export function agencyForWrite(actor: Actor, given: string | null | undefined): string | null {
  const { agencyId } = scopeFor(actor);
  if (agencyId === null) return given ?? null;
  if (agencyId === NO_AGENCY || (given && given !== agencyId))
    throw new DomainError('VALIDATION', 'Instansi tidak ditemukan / agency not found', [
      { field: 'agencyId', message: 'instansi tidak ada atau di luar yurisdiksi Anda' },
    ]);
  return agencyId;
}

export const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
