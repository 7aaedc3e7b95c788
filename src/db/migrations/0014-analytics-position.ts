import { type Kysely, sql } from 'kysely';

/**
 * Dashboard reads at national scale. The position type (*jenis jabatan*) of the civil servant an alert or a case is about, kept on the
 * alert and the case. The dashboard breaks confirmed alerts and cases down by it; reading it from
 * `staff` (millions of rows) for every alert made a national dashboard take seconds
 * (docs/benchmarks.md, "Dashboard"). A trigger fills it from `staff` whenever a row is written
 * with a staff link, so every feature that writes alerts or cases keeps it without knowing: it is
 * the position at the time the staff member was linked, which is what the breakdown asks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE alerts ADD COLUMN position_type text`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN position_type text`.execute(db);
  await sql`
    CREATE FUNCTION analytics_fill_position() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.position_type := CASE WHEN NEW.staff_id IS NULL THEN NULL
        ELSE (SELECT s.position_type FROM staff s WHERE s.id = NEW.staff_id) END;
      RETURN NEW;
    END $$`.execute(db);
  for (const table of ['alerts', 'cases'])
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_fill_position`)} BEFORE INSERT OR UPDATE OF staff_id ON ${sql.raw(table)}
      FOR EACH ROW EXECUTE FUNCTION analytics_fill_position()`.execute(db);
  // Alerts of a period (the dashboard's figures) and the pending queue per region, without reading
  // every alert of every election: a seq scan of 200,000 alerts took ~230 ms per figure.
  await sql`CREATE INDEX alerts_created_idx ON alerts (created_at)`.execute(db);
  await sql`CREATE INDEX alerts_pending_region_idx ON alerts (region_code text_pattern_ops) WHERE status = 'pending'`.execute(
    db,
  );
  await sql`UPDATE alerts t SET position_type = s.position_type FROM staff s WHERE s.id = t.staff_id`.execute(
    db,
  );
  await sql`UPDATE cases t SET position_type = s.position_type FROM staff s WHERE s.id = t.staff_id`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX alerts_created_idx`.execute(db);
  await sql`DROP INDEX alerts_pending_region_idx`.execute(db);
  await sql`DROP TRIGGER alerts_fill_position ON alerts`.execute(db);
  await sql`DROP TRIGGER cases_fill_position ON cases`.execute(db);
  await sql`DROP FUNCTION analytics_fill_position()`.execute(db);
  await sql`ALTER TABLE alerts DROP COLUMN position_type`.execute(db);
  await sql`ALTER TABLE cases DROP COLUMN position_type`.execute(db);
}
