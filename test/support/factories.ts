import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../src/contracts/auth.ts';
import type { Tables } from '../../src/db/tables.ts';
import { hashPassword } from '../../src/platform/crypto/passwords.ts';

/** A staff user in the Bawaslu office of `regionCode`, inserted for real; returns it with its password. */
export async function makeUser(
  db: Kysely<Tables>,
  opts: { role?: Role; regionCode?: string; password?: string } = {},
) {
  const password = opts.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const office = await db
    .selectFrom('offices')
    .select(['id', 'name', 'region_code'])
    .where('region_code', '=', opts.regionCode ?? '64.71')
    .where('name', 'like', 'Bawaslu %')
    .executeTakeFirstOrThrow();
  const username = `user.${randomBytes(4).toString('hex')}`;
  const user = await db
    .insertInto('users')
    .values({
      username,
      display_name: `Pengguna ${username}`,
      email: null,
      role: opts.role ?? 'analyst',
      office_id: office.id,
      password_hash: await hashPassword(password),
    })
    .returning(['id', 'username'])
    .executeTakeFirstOrThrow();
  return { ...user, password, office };
}

/** An agency in `regionCode` with a unique name, inserted for real. */
export async function makeAgency(
  db: Kysely<Tables>,
  opts: { regionCode?: string; name?: string; kind?: string } = {},
) {
  return db
    .insertInto('agencies')
    .values({
      name: opts.name ?? `Instansi Uji ${randomBytes(4).toString('hex')}`,
      kind: opts.kind ?? 'pemda_kota',
      region_code: opts.regionCode ?? '64.71',
    })
    .returning(['id', 'name', 'region_code'])
    .executeTakeFirstOrThrow();
}

/** A PNS staff member of `agencyId` with a valid, random NIP (born 1980–1999), inserted for real. */
export async function makeStaff(
  db: Kysely<Tables>,
  opts: { agencyId: string; regionCode: string; name?: string },
) {
  const n = randomBytes(4).readUInt32BE(0);
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  const year = 1980 + (n % 20);
  const nip = `${year}${pad(1 + (n % 12), 2)}${pad(1 + (n % 28), 2)}${year + 25}${pad(1 + ((n >>> 8) % 12), 2)}${1 + ((n >>> 4) % 2)}${pad(1 + ((n >>> 12) % 999), 3)}`;
  return db
    .insertInto('staff')
    .values({
      nip,
      name: opts.name ?? `Pegawai ${randomBytes(3).toString('hex')}`,
      status: 'pns',
      position_type: 'pelaksana',
      position_name: 'Pengadministrasi Umum',
      rank: 'III/a',
      agency_id: opts.agencyId,
      region_code: opts.regionCode,
    })
    .returning(['id', 'nip', 'name'])
    .executeTakeFirstOrThrow();
}
