/**
 * A child process for the crash test: writes rows one transaction at a time and prints each key
 * after its COMMIT returned, until it is killed. Whatever it printed must survive `kill -9`.
 */
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

const database = await openDatabase(loadConfig());
await migrateToLatest(database.db);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const key = `crash-test:${i}`;
  await database.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('app_meta')
      .values({ key, value: JSON.stringify({ i, pad: 'x'.repeat(2000) }) })
      .execute();
  });
  process.stdout.write(`${key}\n`);
}
