import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { type Command, parseFlags } from '../../platform/cli/command.ts';
import { verifyAuditChain } from './audit.service.ts';

/** Exit status when the chain is broken (contracts §6). */
export const EXIT_CHAIN_BROKEN = 4;

const verifyCommand: Command = {
  name: 'verify',
  summary: 'Memeriksa rantai hash jejak audit / check the audit hash chain',
  help: `Pemakaian / usage: netra audit verify [--json]

Menghitung ulang hash setiap peristiwa audit dan memeriksa rantainya. Status keluar 0 bila utuh;
4 bila rusak, dengan menyebut peristiwa rusak pertama.
Recomputes every audit event's hash and checks the chain. Exit status 0 when intact; 4 when broken,
naming the first broken event.

Opsi / options:
  --json      hasil sebagai JSON / result as JSON
`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    const database = await openDatabase(loadConfig(io.env));
    try {
      const report = await verifyAuditChain(database.db);
      if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      else if (report.ok)
        io.stdout.write(`Rantai audit utuh / audit chain intact: ${report.events} peristiwa/events\n`);
      else
        io.stderr.write(
          `Rantai audit RUSAK pada peristiwa / audit chain BROKEN at event ${report.brokenId} (${
            report.reason === 'hash'
              ? 'isinya diubah / its content was changed'
              : 'tidak tersambung ke peristiwa sebelumnya / does not link to the previous event'
          })\n`,
        );
      return report.ok ? 0 : EXIT_CHAIN_BROKEN;
    } finally {
      await database.close();
    }
  },
};

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Jejak audit: verify / audit trail',
  help: `Pemakaian / usage: netra audit verify [--json]

  verify    ${verifyCommand.summary}
`,
  subcommands: [verifyCommand],
};
