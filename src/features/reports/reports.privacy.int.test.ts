/**
 * Acceptance (issue 6): a formal report with a unique reporter name is submitted to a server on a
 * real on-disk PGlite data directory and blob store; after a clean shutdown, every file under the
 * data directory (database files, WAL, blobs) is searched for the name — in UTF-8, UTF-16 and
 * base64 — and for the NIK, a message and the evidence text. None may be found.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportMultipart } from '../../../test/support/reports.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { wireServer } from '../../main/server.ts';
import { createBlobStore } from '../../platform/blobs/blob-store.ts';
import { loadMasterKey } from '../../platform/crypto/master-key.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'netra-privacy-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** Every encoding of `text` we search for: UTF-8, UTF-16LE/BE, and base64 at the three alignments. */
function needles(text: string): Buffer[] {
  const utf8 = Buffer.from(text, 'utf8');
  const be = Buffer.from(text, 'utf16le').swap16();
  const base64 = [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), utf8]).toString('base64');
    // drop the characters that depend on the padding bytes before and after
    const start = Math.ceil((shift * 4) / 3) + 1;
    return Buffer.from(encoded.slice(start, encoded.length - 4));
  });
  return [utf8, Buffer.from(text, 'utf16le'), be, ...base64];
}

describe('reporter privacy at rest', () => {
  it('the reporter name, NIK, a message and evidence text are nowhere in the raw files', async () => {
    const name = `Wiraswasta Rahasia ${randomBytes(6).toString('hex')}`;
    const nik = `64${String(randomBytes(6).readUIntBE(0, 6)).padStart(14, '0').slice(0, 14)}`;
    const message = `Pesan rahasia ${randomBytes(6).toString('hex')}`;
    const evidenceText = `Bukti tertulis ${randomBytes(6).toString('hex')}`;

    const database = await openDatabase({ dataDir });
    await migrateToLatest(database.db);
    const blobs = createBlobStore(join(dataDir, 'blobs'));
    const { app } = await wireServer(database, { blobs, masterKey: loadMasterKey({ dataDir }) });
    await app.ready();
    const today = new Date().toISOString().slice(0, 10);
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      ...reportMultipart(
        {
          kind: 'laporan',
          reporter: {
            name,
            nik,
            address: `Jl. ${name} No. 7`,
            phone: '0812 1111 2222',
            email: 'rahasia@example.org',
          },
          reported: { name: 'Kepala Dinas Uji', agency: 'Pemerintah Kota Tarakan' },
          description: `Kepala dinas berkampanye; dilaporkan oleh ${name} yang melihat sendiri.`,
          place: 'Balai Kota',
          region_code: '65.71',
          occurred_at: today,
          known_at: today,
          witnesses: [{ name: `Saksi ${name}` }],
        },
        [{ name: `${name}.txt`, data: Buffer.from(`${evidenceText} oleh ${name}`) }],
      ),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { receipt } = res.json();
    const msg = await app.inject({
      method: 'POST',
      url: `/api/public/reports/${receipt}/messages`,
      payload: { body: `${message} dari ${name}` },
    });
    expect(msg.statusCode).toBe(201);
    await app.close();
    await database.close();

    const files = [...filesUnder(dataDir)];
    expect(files.filter((f) => f.startsWith(join(dataDir, 'blobs'))).length).toBe(2); // original + copy
    expect(files.length).toBeGreaterThan(10);
    const hits: string[] = [];
    const searched = [name, nik, message, evidenceText, receipt, receipt.replaceAll('-', '')];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const text of searched)
        for (const needle of needles(text)) if (bytes.includes(needle)) hits.push(`${text} in ${file}`);
    }
    expect(hits).toEqual([]);
    // The search itself works: what this request wrote in clear (the audit action) is found on disk,
    // while the reported agency, sealed like every free text, is not.
    const anywhere = (text: string) => files.some((f) => readFileSync(f).includes(Buffer.from(text)));
    expect(anywhere('report.receive')).toBe(true);
    expect(anywhere('Pemerintah Kota Tarakan')).toBe(false);
  }, 120_000);
});
