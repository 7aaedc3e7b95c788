import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../src/features/registry/registry.parse.ts';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * The registry import wizard end to end: the demo analyst of Kota Balikpapan uploads an XLSX
 * staff file, sees the bad row highlighted with its spreadsheet row number, fixes the file,
 * previews the counts, confirms, and finds the new staff member in the list.
 */
describe('registry import wizard', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'netra-e2e-import-'));
  const pageErrors: string[] = [];

  const HEADERS = ['NIP Baru', 'Nama Pegawai', 'Status', 'Gol/Ruang', 'Instansi', 'Unit Kerja'];
  const good = [
    '198811232014031911',
    'Kartika Maharani',
    'PNS',
    'III/b',
    'Pemerintah Kota Balikpapan',
    'Dinas Sosial',
  ];
  const writeFile = async (name: string, rows: (string | null)[][]) => {
    const path = join(dir, name);
    writeFileSync(path, await writeXlsx('Pegawai', HEADERS, rows));
    return path;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
  });

  it('signs in and opens the import wizard', async () => {
    await page.goto(`${server!.baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill('analis.balikpapan');
    await page.getByLabel('Kata sandi').fill('demo-netra-2024');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app');
    await page.goto(`${server!.baseUrl}/app/registri?tab=impor`);
    await page.getByRole('tab', { name: 'Impor' }).waitFor();
    await page.getByText('Pegawai', { exact: true }).last().click();
  });

  it('shows the bad row of an XLSX file and writes nothing', async () => {
    // Row 3 of the sheet: a birth date of 30 February.
    const bad = await writeFile('pegawai-salah.xlsx', [
      good,
      ['198502302010011904', 'Tanggal Salah', 'PNS', 'III/a', 'Pemerintah Kota Balikpapan', 'Dinas Sosial'],
    ]);
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'kesalahan ditemukan' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('1 kesalahan ditemukan');
    const errorRow = page.getByRole('row', { name: /baris 3/ });
    await errorRow.waitFor();
    expect(await errorRow.textContent()).toMatch(/NIP.*tanggal lahir 19850230 tidak mungkin/);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'registry-import-errors.png'), fullPage: true });
  });

  it('imports the fixed file after a preview', async () => {
    await page.getByRole('button', { name: 'Unggah ulang' }).click();
    const fixed = await writeFile('pegawai-benar.xlsx', [
      good,
      ['198502282010011904', 'Tanggal Benar', 'PNS', 'III/a', 'Pemerintah Kota Balikpapan', 'Dinas Sosial'],
    ]);
    await page.locator('input[type=file]').setInputFiles(fixed);
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByText('Berkas valid — belum disimpan').waitFor();
    expect(await page.getByText(/Ditambahkan: 2 · Diperbarui: 0 · Tidak berubah: 0/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Impor sekarang' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Impor selesai' });
    await done.waitFor();
    expect(await done.textContent()).toContain('Ditambahkan: 2');
  });

  it('finds the imported staff member in the list and opens the detail', async () => {
    await page.getByRole('tab', { name: 'Pegawai' }).click();
    await page.getByLabel('Cari nama, NIP atau @akun').fill('Kartika Maharani');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByRole('link', { name: 'Kartika Maharani' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kartika Maharani' }).waitFor();
    expect(await page.getByText('1988-11-23').isVisible()).toBe(true);
    // Link an account found on patrol.
    await page.getByRole('button', { name: 'Tautkan akun media sosial' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Akun/ }).fill('@kartika.maharani');
    await dialog.getByRole('button', { name: 'Simpan', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '@kartika.maharani', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'Patroli pengawas' }).isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
