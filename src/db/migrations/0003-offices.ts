import { type Kysely, sql } from 'kysely';

/**
 * One Bawaslu office per jurisdiction: Bawaslu RI (national), Bawaslu Provinsi for each province,
 * Bawaslu Kabupaten/Kota for each regency and city. Users belong to an office; its region is the
 * root of their jurisdiction. Other offices (BKN regional offices, inspectorates) are added by
 * administrators.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO offices (name, region_code)
    SELECT CASE level
             WHEN 0 THEN 'Bawaslu Republik Indonesia'
             WHEN 1 THEN 'Bawaslu Provinsi ' || name
             ELSE 'Bawaslu ' || name
           END, code
    FROM regions WHERE level <= 2
    ON CONFLICT (name) DO NOTHING
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM offices WHERE name LIKE 'Bawaslu %'`.execute(db);
}
