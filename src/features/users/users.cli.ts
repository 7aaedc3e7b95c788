import { loadConfig } from '../../config.ts';
import { Role } from '../../contracts/auth.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { DomainError } from '../../domain/errors.ts';
import { type CliIo, CliUsageError, type Command, parseFlags } from '../../platform/cli/command.ts';
import { MIN_PASSWORD_LENGTH } from './password-policy.ts';
import { createUsersService, type UsersService } from './users.service.ts';

async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function withUsers<T>(io: CliIo, fn: (users: UsersService) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig(io.env));
  try {
    await migrateToLatest(database.db);
    return await fn(createUsersService({ db: database.db }));
  } finally {
    await database.close();
  }
}

const PASSWORD_RULES = `Kata sandi: minimal ${MIN_PASSWORD_LENGTH} karakter, semua karakter Unicode boleh, tanpa aturan komposisi; ditolak
bila umum/bocor atau memuat nama pengguna (NIST SP 800-63B).
Password: at least ${MIN_PASSWORD_LENGTH} characters, any Unicode, no composition rules; refused when common/breached
or containing the username (NIST SP 800-63B).`;

const oneUsername = (positionals: string[]) => {
  if (positionals.length !== 1)
    throw new CliUsageError('tepat satu nama pengguna diperlukan / exactly one username is required');
  return positionals[0]!;
};

const createCommand: Command = {
  name: 'create',
  summary: 'Membuat pengguna / create a user',
  help: `Pemakaian / usage: netra users create USERNAME --role ROLE --office KODE|NAMA --name "NAMA LENGKAP"
                         [--email SUREL] [--agency ID] [--password-stdin]

Membuat akun staf. Tanpa --password-stdin, kata sandi acak dibuat dan dicetak SEKALI.
Creates a staff account. Without --password-stdin a random password is generated and printed ONCE.

Opsi / options:
  --role ROLE         ${Role.options.join(' | ')}
  --office KODE|NAMA  kode wilayah kantor Bawaslu (mis. 64.71) atau nama kantor / office region code or name
  --name NAMA         nama tampilan / display name
  --email SUREL       surel (opsional) / e-mail (optional)
  --agency ID         instansi (wajib untuk taskforce) / agency id (required for taskforce)
  --password-stdin    baca kata sandi dari stdin / read the password from stdin

${PASSWORD_RULES}

Contoh / example:
  netra users create analis.samarinda --role analyst --office 64.72 --name "Rina Wati"
`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        role: { type: 'string' },
        office: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        agency: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
      true,
    );
    const username = oneUsername(positionals);
    const role = Role.safeParse(values.role);
    if (!role.success) throw new CliUsageError(`--role harus / must be one of: ${Role.options.join(', ')}`);
    if (!values.office) throw new CliUsageError('--office diperlukan / is required');
    if (!values.name) throw new CliUsageError('--name diperlukan / is required');
    const password = values['password-stdin'] ? await readStdin(io) : undefined;
    return withUsers(io, async (users) => {
      const office = await users.findOffice(values.office!);
      if (!office)
        throw new DomainError('VALIDATION', `Kantor tidak ditemukan / office not found: ${values.office}`);
      const created = await users.createUser(null, {
        username,
        displayName: values.name!,
        email: values.email ?? null,
        role: role.data,
        officeId: office.id,
        agencyId: values.agency ?? null,
        password,
      });
      io.stdout.write(
        `Pengguna dibuat / user created: ${created.user.username} (${created.user.role}, ${office.name})\n`,
      );
      if (!password)
        io.stdout.write(`Kata sandi (sekali tampil) / password (shown once): ${created.password}\n`);
      return 0;
    });
  },
};

const resetCommand: Command = {
  name: 'reset',
  summary: 'Mengatur ulang kata sandi / reset a password',
  help: `Pemakaian / usage: netra users reset USERNAME [--password-stdin | --totp]

Mengatur kata sandi baru, membuka kunci akun, dan mengakhiri semua sesinya. Tanpa --password-stdin,
kata sandi acak dibuat dan dicetak SEKALI. Dengan --totp: hanya menghapus faktor kedua (ponsel
hilang); pengguna mendaftar ulang saat masuk berikutnya.
Sets a new password, unlocks the account and ends all its sessions. Without --password-stdin a random
password is generated and printed ONCE. With --totp: only removes the second factor (lost phone);
the user enrols again at the next sign-in.

${PASSWORD_RULES}
`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { 'password-stdin': { type: 'boolean' }, totp: { type: 'boolean' } },
      true,
    );
    const username = oneUsername(positionals);
    if (values.totp) {
      if (values['password-stdin'])
        throw new CliUsageError('--totp dan --password-stdin tidak bersamaan / not together');
      return withUsers(io, async (users) => {
        await users.resetTotp(null, await users.userIdByName(username));
        io.stdout.write(`Faktor kedua dihapus / second factor removed: ${username}\n`);
        return 0;
      });
    }
    const password = values['password-stdin'] ? await readStdin(io) : undefined;
    return withUsers(io, async (users) => {
      const pw = await users.resetPassword(null, await users.userIdByName(username), password);
      io.stdout.write(`Kata sandi diatur ulang / password reset: ${username}\n`);
      if (!password) io.stdout.write(`Kata sandi (sekali tampil) / password (shown once): ${pw}\n`);
      return 0;
    });
  },
};

const disableCommand: Command = {
  name: 'disable',
  summary: 'Menonaktifkan pengguna / disable a user',
  help: `Pemakaian / usage: netra users disable USERNAME [--enable]

Menonaktifkan akun dan mengakhiri semua sesinya; --enable mengaktifkan kembali.
Disables the account and ends all its sessions; --enable re-enables it.
`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { enable: { type: 'boolean' } }, true);
    const username = oneUsername(positionals);
    return withUsers(io, async (users) => {
      await users.setDisabled(null, await users.userIdByName(username), !values.enable);
      io.stdout.write(
        values.enable
          ? `Pengguna diaktifkan / user enabled: ${username}\n`
          : `Pengguna dinonaktifkan / user disabled: ${username}\n`,
      );
      return 0;
    });
  },
};

export const usersCommand: Command = {
  name: 'users',
  summary: 'Akun staf: create | reset | disable / staff accounts',
  help: `Pemakaian / usage: netra users <create|reset|disable> [opsi|options]

  create    ${createCommand.summary}
  reset     ${resetCommand.summary}
  disable   ${disableCommand.summary}

Jalankan 'netra users <subperintah> --help' / run 'netra users <subcommand> --help'.
`,
  subcommands: [createCommand, resetCommand, disableCommand],
};
