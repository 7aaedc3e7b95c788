import { readFileSync } from 'node:fs';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { hashPassword } from '../../platform/crypto/passwords.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { seedAnalyticsDemoInTx } from './demo/analytics.ts';
import { removeDemoCases, seedDemoCases } from './demo/cases.ts';
import { removeMonitoringDemoInTx, seedMonitoringDemo } from './demo/monitoring.ts';
import { removePreventionDemoInTx, seedPreventionDemo } from './demo/prevention.ts';
import { buildDemoData, DEMO_PASSWORD, type DemoData } from './demo-data.ts';

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

/**
 * Removes what a previous demo seed created, except its users and its offices: those keep their ids
 * (`upsertDemoUsersInTx`, `demoOfficeInTx`), because what people did while trying the demo refers to
 * them — letters in the register (`issued_letters.issued_by`, `office_id`), audit events, reviews,
 * custody events — and stays attributed to the same user after a re-seed.
 */
async function removeDemoInTx(tx: Transaction<Tables>, m: DemoManifest): Promise<void> {
  await removeDemoCases(tx, m.userIds);
  await removeMonitoringDemoInTx(tx);
  if (m.accountIds.length) await tx.deleteFrom('social_accounts').where('id', 'in', m.accountIds).execute();
  if (m.agencyIds.length) {
    // A task-force head's link to a demo agency about to go (the demo's own are linked again).
    await tx.updateTable('users').set({ agency_id: null }).where('agency_id', 'in', m.agencyIds).execute();
    await tx.deleteFrom('staff').where('agency_id', 'in', m.agencyIds).execute();
    await tx.deleteFrom('agencies').where('id', 'in', m.agencyIds).execute();
  }
  if (m.packIds.length) await tx.deleteFrom('election_packs').where('id', 'in', m.packIds).execute();
}

/** A named demo office (not a Bawaslu office of the region list): the one a previous seed made, or a new one. */
async function demoOfficeInTx(tx: Transaction<Tables>, o: { name: string; regionCode: string }) {
  const existing = await tx
    .selectFrom('offices')
    .select('id')
    .where('name', '=', o.name)
    .where('region_code', '=', o.regionCode)
    .executeTakeFirst();
  return (
    existing ??
    (await tx
      .insertInto('offices')
      .values({ name: o.name, region_code: o.regionCode })
      .returning('id')
      .executeTakeFirstOrThrow())
  );
}

/**
 * The demo users, by username: a user the previous demo seed created (`previousIds`) is reset in
 * place — same id; role, office, agency and the demo password again; lock, second factor, sessions
 * and recovery codes cleared — and a missing one is created. A user of an earlier demo data set that
 * this one no longer has is disabled, not deleted. A non-demo user with a demo username is never
 * taken over (the insert then fails on the unique username, as before).
 */
async function upsertDemoUsersInTx(
  tx: Transaction<Tables>,
  users: DemoData['users'],
  ids: { previousIds: string[]; officeIdByKey: Map<string, string>; agencyIdByKey: Map<string, string> },
  passwordHash: string,
): Promise<Map<string, string>> {
  const previous = new Map(
    ids.previousIds.length
      ? (
          await tx.selectFrom('users').select(['id', 'username']).where('id', 'in', ids.previousIds).execute()
        ).map((u) => [u.username, u.id])
      : [],
  );
  const idByUsername = new Map<string, string>();
  for (const u of users) {
    const values = {
      display_name: u.displayName,
      email: u.email,
      role: u.role,
      office_id: ids.officeIdByKey.get(u.officeKey)!,
      agency_id: u.agencyKey ? ids.agencyIdByKey.get(u.agencyKey)! : null,
      password_hash: passwordHash,
      password_changed_at: null,
      totp_secret: null,
      totp_pending_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      failed_logins: 0,
      locked_until: null,
      disabled_at: null,
    };
    const id = previous.get(u.username);
    if (id) {
      await tx.updateTable('users').set(values).where('id', '=', id).execute();
      idByUsername.set(u.username, id);
    } else {
      const row = await tx
        .insertInto('users')
        .values({ username: u.username, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
      idByUsername.set(u.username, row.id);
    }
  }
  const reset = [...previous.values()];
  if (reset.length) {
    await tx.deleteFrom('sessions').where('user_id', 'in', reset).execute();
    await tx.deleteFrom('user_recovery_codes').where('user_id', 'in', reset).execute();
  }
  const retired = [...previous].filter(([username]) => !idByUsername.has(username)).map(([, id]) => id);
  if (retired.length)
    await tx.updateTable('users').set({ disabled_at: new Date() }).where('id', 'in', retired).execute();
  return idByUsername;
}

/**
 * (Re-)creates the fictional demo data set in one transaction: removes what a previous demo seed
 * created (its users and offices are kept and reset, see `removeDemoInTx`), then inserts offices,
 * agencies with units, users (password `demo-netra-2024`; the task-force head linked to their
 * agency), staff, social accounts and the two demo election packs.
 */
export async function seedDemo(db: Kysely<Tables>): Promise<SeedSummary> {
  const data = buildDemoData();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const summary = await db.transaction().execute(async (tx) => {
    const previous = await tx
      .selectFrom('app_meta')
      .select('value')
      .where('key', '=', 'demo')
      .executeTakeFirst();
    await removePreventionDemoInTx(tx, (previous?.value as DemoManifest | undefined) ?? undefined);
    if (previous) await removeDemoInTx(tx, previous.value as DemoManifest);

    const officeIdByKey = new Map<string, string>();
    const namedOffices: string[] = [];
    for (const o of data.offices) {
      if (o.name) {
        const row = await demoOfficeInTx(tx, { name: o.name, regionCode: o.regionCode });
        namedOffices.push(row.id);
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

    const previousUserIds = (previous?.value as DemoManifest | undefined)?.userIds ?? [];
    const userIdByUsername = await upsertDemoUsersInTx(
      tx,
      data.users,
      { previousIds: previousUserIds, officeIdByKey, agencyIdByKey },
      passwordHash,
    );

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
      userIdByUsername,
    });
    await seedDemoCases(tx);

    await seedAnalyticsDemoInTx(tx);
    const manifest: DemoManifest = {
      agencyIds: [...agencyIdByKey.values()],
      accountIds: accounts.map((a) => a.id),
      userIds: [...userIdByUsername.values()],
      officeIds: namedOffices,
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
      users: userIdByUsername.size,
      agencies: data.agencies.length,
      staff: data.staff.length,
      accounts: data.accounts.length,
      packs: packs.length,
    };
  });
  await seedMonitoringDemo(db);
  return summary;
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
