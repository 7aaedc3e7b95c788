import { readFileSync } from 'node:fs';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { hashPassword } from '../../platform/crypto/passwords.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { seedAnalyticsDemoInTx } from './demo/analytics.ts';
import { removeDemoCases, seedDemoCases } from './demo/cases.ts';
import { removePreventionDemoInTx, seedPreventionDemo } from './demo/prevention.ts';
import { buildDemoData, DEMO_PASSWORD } from './demo-data.ts';

const DEMO_PACK_FILES = ['pilpres-2024.json', 'pilkada-kota-balikpapan-2024.json'];

/** What the demo seed created, kept in app_meta so `seed --demo` can remove it before re-creating. */
type DemoManifest = {
  agencyIds: string[];
  accountIds: string[];
  userIds: string[];
  officeIds: string[];
  packIds: string[];
};

export type SeedSummary = {
  offices: number;
  users: number;
  agencies: number;
  staff: number;
  accounts: number;
  packs: number;
};

const readPack = (file: string) =>
  JSON.parse(readFileSync(new URL(`./demo/${file}`, import.meta.url), 'utf8')) as {
    id: string;
    name: string;
    kind: 'pemilu' | 'pilkada';
    region_code: string;
  };

async function removeDemoInTx(tx: Transaction<Tables>, m: DemoManifest): Promise<void> {
  await removeDemoCases(tx, m.userIds);
  // Users first: a task-force head refers to an agency.
  if (m.userIds.length) await tx.deleteFrom('users').where('id', 'in', m.userIds).execute();
  if (m.accountIds.length) await tx.deleteFrom('social_accounts').where('id', 'in', m.accountIds).execute();
  if (m.agencyIds.length) {
    await tx.deleteFrom('staff').where('agency_id', 'in', m.agencyIds).execute();
    await tx.deleteFrom('agencies').where('id', 'in', m.agencyIds).execute();
  }
  if (m.officeIds.length) await tx.deleteFrom('offices').where('id', 'in', m.officeIds).execute();
  if (m.packIds.length) await tx.deleteFrom('election_packs').where('id', 'in', m.packIds).execute();
}

/**
 * (Re-)creates the fictional demo data set in one transaction: removes what a previous demo seed
 * created, then inserts offices, agencies with units, users (password `demo-netra-2024`; the
 * task-force head linked to their agency), staff, social accounts and the two demo election packs.
 */
export async function seedDemo(db: Kysely<Tables>): Promise<SeedSummary> {
  const data = buildDemoData();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (tx) => {
    const previous = await tx
      .selectFrom('app_meta')
      .select('value')
      .where('key', '=', 'demo')
      .executeTakeFirst();
    await removePreventionDemoInTx(tx);
    if (previous) await removeDemoInTx(tx, previous.value as DemoManifest);

    const officeIdByKey = new Map<string, string>();
    const createdOffices: string[] = [];
    for (const o of data.offices) {
      if (o.name) {
        const row = await tx
          .insertInto('offices')
          .values({ name: o.name, region_code: o.regionCode })
          .returning('id')
          .executeTakeFirstOrThrow();
        createdOffices.push(row.id);
        officeIdByKey.set(o.key, row.id);
      } else {
        const row = await tx
          .selectFrom('offices')
          .select('id')
          .where('region_code', '=', o.regionCode)
          .where('name', 'like', 'Bawaslu %')
          .executeTakeFirstOrThrow();
        officeIdByKey.set(o.key, row.id);
      }
    }

    const agencyIdByKey = new Map<string, string>();
    const unitIdByKey = new Map<string, string>();
    for (const a of data.agencies) {
      const agency = await tx
        .insertInto('agencies')
        .values({ name: a.name, kind: a.kind, region_code: a.regionCode, parent_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      agencyIdByKey.set(a.key, agency.id);
      const units = await tx
        .insertInto('units')
        .values(a.units.map((name) => ({ agency_id: agency.id, name, parent_id: null })))
        .returning(['id', 'name'])
        .execute();
      for (const u of units) unitIdByKey.set(`${a.key}/${u.name}`, u.id);
    }

    const users = await tx
      .insertInto('users')
      .values(
        data.users.map((u) => ({
          username: u.username,
          display_name: u.displayName,
          email: u.email,
          role: u.role,
          office_id: officeIdByKey.get(u.officeKey)!,
          agency_id: u.agencyKey ? agencyIdByKey.get(u.agencyKey)! : null,
          password_hash: passwordHash,
        })),
      )
      .returning('id')
      .execute();

    const staffIdByKey = new Map<string, string>();
    for (let i = 0; i < data.staff.length; i += 200) {
      const batch = data.staff.slice(i, i + 200);
      const rows = await tx
        .insertInto('staff')
        .values(
          batch.map((s) => ({
            nip: s.nip,
            name: s.name,
            status: s.status,
            position_type: s.positionType,
            position_name: s.positionName,
            rank: s.rank,
            agency_id: agencyIdByKey.get(s.agencyKey)!,
            unit_id: unitIdByKey.get(`${s.agencyKey}/${s.unit}`) ?? null,
            region_code: s.regionCode,
          })),
        )
        .returning('id')
        .execute();
      for (const [j, r] of rows.entries()) staffIdByKey.set(batch[j]!.key, r.id);
    }

    const accounts = await tx
      .insertInto('social_accounts')
      .values(
        data.accounts.map((a) => ({
          platform: a.platform,
          handle: a.handle,
          profile_url: a.profileUrl,
          platform_user_id: null,
          staff_id: a.staffKey ? staffIdByKey.get(a.staffKey)! : null,
          link_source: a.linkSource,
          link_confidence: a.linkConfidence,
        })),
      )
      .returning('id')
      .execute();

    const packs = DEMO_PACK_FILES.map(readPack);
    for (const p of packs) {
      await tx
        .insertInto('election_packs')
        .values({ id: p.id, name: p.name, kind: p.kind, region_code: p.region_code, body: JSON.stringify(p) })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ body: JSON.stringify(p), name: p.name, updated_at: sql`now()` }),
        )
        .execute();
    }

    await seedPreventionDemo(tx, {
      data,
      officeIdByKey,
      agencyIdByKey,
      staffIdByKey,
      userIdByUsername: new Map(data.users.map((u, i) => [u.username, users[i]!.id])),
    });
    await seedDemoCases(tx);

    await seedAnalyticsDemoInTx(tx);
    const manifest: DemoManifest = {
      agencyIds: [...agencyIdByKey.values()],
      accountIds: accounts.map((a) => a.id),
      userIds: users.map((u) => u.id),
      officeIds: createdOffices,
      packIds: packs.map((p) => p.id),
    };
    await tx
      .insertInto('app_meta')
      .values({ key: 'demo', value: JSON.stringify(manifest) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(manifest) }))
      .execute();
    await recordAuditInTx(tx, {
      actorId: null,
      action: 'setup.seed_demo',
      details: { staff: data.staff.length },
    });
    return {
      offices: data.offices.length,
      users: users.length,
      agencies: data.agencies.length,
      staff: data.staff.length,
      accounts: data.accounts.length,
      packs: packs.length,
    };
  });
}

/**
 * On the very first start of a database: seeds the demo data when `demo` is on (embedded mode's
 * default), and records that the first start happened, so a later start never seeds by itself.
 * Returns true when it seeded.
 */
export async function initialiseOnFirstStart(
  db: Kysely<Tables>,
  { demo }: { demo: boolean },
): Promise<boolean> {
  const marker = await db
    .selectFrom('app_meta')
    .select('key')
    .where('key', '=', 'first_start')
    .executeTakeFirst();
  if (marker) return false;
  if (demo) await seedDemo(db);
  await db
    .insertInto('app_meta')
    .values({ key: 'first_start', value: JSON.stringify(new Date().toISOString()) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return demo;
}
