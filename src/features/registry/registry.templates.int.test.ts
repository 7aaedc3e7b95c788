import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { seedDemo } from '../setup/setup.service.ts';
import { createRegistryService } from './registry.service.ts';
import { TEMPLATE_DIR } from './registry.templates.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.db);
});
afterAll(() => database.close());

const actor = { id: null, role: 'analyst' as const, office: { regionCode: '64.71' } };

describe('docs/templates', () => {
  it('import cleanly into the demo data (CSV), and the XLSX twins then change nothing', async () => {
    const registry = createRegistryService({ db: database.db });
    const file = (name: string) => readFileSync(`${TEMPLATE_DIR}${name}`);
    expect(await registry.importFile({ actor, kind: 'agencies', data: file('agencies.csv') })).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 0,
      errors: [],
    });
    expect(await registry.importFile({ actor, kind: 'staff', data: file('staff.csv') })).toMatchObject({
      inserted: 4,
    });
    expect(await registry.importFile({ actor, kind: 'accounts', data: file('accounts.csv') })).toMatchObject({
      inserted: 3,
    });
    for (const kind of ['agencies', 'staff', 'accounts'] as const) {
      const r = await registry.importFile({ actor, kind, data: file(`${kind}.xlsx`) });
      expect(r.inserted + r.updated).toBe(0);
    }
  });

  it('import cleanly into the demo data from the XLSX templates alone', async () => {
    const fresh = await openTestDatabase();
    try {
      await seedDemo(fresh.db);
      const registry = createRegistryService({ db: fresh.db });
      const file = (name: string) => readFileSync(`${TEMPLATE_DIR}${name}`);
      const counts = [];
      for (const kind of ['agencies', 'staff', 'accounts'] as const)
        counts.push(await registry.importFile({ actor, kind, data: file(`${kind}.xlsx`) }));
      expect(counts).toEqual([
        { inserted: 1, updated: 1, unchanged: 0, errors: [] },
        expect.objectContaining({ inserted: 4, errors: [] }),
        expect.objectContaining({ inserted: 3, errors: [] }),
      ]);
    } finally {
      await fresh.close();
    }
  });
});
