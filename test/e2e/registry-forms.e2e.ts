import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * The registry's forms in Chromium: the demo analyst of Kota Balikpapan adds an agency with a
 * two-level unit tree, adds a staff member whose NIP is decoded as it is typed, and registers and
 * edits a social account on the staff detail page, whose related sections say they are not yet
 * available.
 */
describe('registry forms', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
  });

  const choose = async (scope: Page | ReturnType<Page['getByRole']>, label: string, option: string) => {
    await scope.getByLabel(label).first().click();
    await page.getByRole('option', { name: option }).click();
  };

  it('adds an agency with a unit under a unit', async () => {
    await page.goto(`${server!.baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill('analis.balikpapan');
    await page.getByLabel('Kata sandi').fill('demo-netra-2024');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app');
    await page.goto(`${server!.baseUrl}/app/registri?tab=instansi`);
    await page.getByRole('button', { name: 'Tambah instansi' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Nama instansi' }).fill('Dinas Kominfo Uji Peramban');
    await choose(dialog, 'Jenis instansi', 'Pemerintah kota');
    expect(await dialog.getByRole('textbox', { name: 'Kode wilayah' }).inputValue()).toBe('64.71');
    await dialog.getByRole('button', { name: 'Tambah unit' }).click();
    await dialog.getByRole('textbox', { name: 'Nama unit' }).nth(0).fill('Bidang Aplikasi');
    await dialog.getByRole('button', { name: 'Tambah unit' }).click();
    await dialog.getByRole('textbox', { name: 'Nama unit' }).nth(1).fill('Seksi Data');
    await dialog.getByLabel('Di bawah unit').nth(1).click();
    await page.getByRole('option', { name: 'Bidang Aplikasi' }).click();
    await dialog.getByRole('button', { name: 'Simpan', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const item = page.getByRole('listitem').filter({ hasText: 'Dinas Kominfo Uji Peramban' }).first();
    await item.waitFor();
    // The sub-unit is listed inside its parent unit.
    await item.getByRole('listitem').filter({ hasText: 'Bidang Aplikasi' }).getByText('Seksi Data').waitFor();
  });

  it('adds a staff member: the NIP is decoded (or refused) as it is typed', async () => {
    await page.getByRole('tab', { name: 'Pegawai' }).click();
    await page.getByRole('button', { name: 'Tambah pegawai' }).click();
    const dialog = page.getByRole('dialog');
    const nip = dialog.getByRole('textbox', { name: 'NIP' });
    await nip.fill('19900230 201501 2 003');
    expect(await dialog.getByTestId('nip-decoded').textContent()).toContain('19900230 tidak mungkin');
    await nip.fill('19900131 201501 2 003');
    expect(await dialog.getByTestId('nip-decoded').textContent()).toBe(
      'NIP PNS — lahir 1990-01-31, TMT 2015-01, Perempuan, nomor urut 3',
    );
    await dialog.getByRole('textbox', { name: 'Nama' }).fill('Nadia Puspitasari');
    await dialog.getByRole('textbox', { name: 'Golongan/ruang' }).fill('III/b');
    await dialog.getByLabel('Instansi').first().fill('Kominfo Uji');
    await page.getByRole('option', { name: /Dinas Kominfo Uji Peramban/ }).click();
    await choose(dialog, 'Unit kerja', 'Seksi Data');
    await dialog.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Nadia Puspitasari' }).waitFor();
    expect(await page.getByText('1990-01-31').isVisible()).toBe(true);
    expect(await page.getByText('Seksi Data').isVisible()).toBe(true);
  });

  it('registers and edits an account; the new person has no cases or pledges yet', async () => {
    expect(await page.getByTestId('section-cases').textContent()).toContain('Belum ada.');
    expect(await page.getByTestId('section-pledges').textContent()).toContain('Belum ada.');
    await page.getByRole('button', { name: 'Tautkan akun media sosial' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Akun/ }).fill('https://instagram.com/nadia.puspita');
    await choose(dialog, 'Dasar tautan', 'Pengakuan di bio');
    await dialog.getByRole('button', { name: 'Simpan', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Pengakuan di bio (80%)' }).waitFor();

    await page.getByRole('button', { name: 'Ubah akun @nadia.puspita' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'ID pengguna platform' }).fill('5123987');
    await choose(dialog, 'Status pantau', 'Dijeda');
    await dialog.getByRole('button', { name: 'Simpan', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '5123987' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Dijeda' }).isVisible()).toBe(true);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'registry-staff-detail.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
