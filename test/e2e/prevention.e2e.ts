import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoData } from '../../src/features/setup/demo-data.ts';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * Prevention end to end on the demo data: the Balikpapan analyst creates a pledge campaign, a civil
 * servant signs it on the public page on a phone, the campaign's coverage changes on the staff page;
 * then the analyst issues an appeal letter and downloads its PDF, records a task force with its head's
 * account, edits and dissolves it, and edits an activity.
 */
describe('prevention', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const signer = buildDemoData().staff.find((s) => s.regionCode === '64.71' && s.nip !== null)!;
  const title = `Ikrar Netralitas E2E ${Date.now()}`;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'id-ID',
      acceptDownloads: true,
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
  });

  it('signs in and creates a pledge campaign for the city', async () => {
    await page.goto(`${server!.baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill('analis.balikpapan');
    await page.getByLabel('Kata sandi').fill('demo-netra-2024');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app');
    await page.goto(`${server!.baseUrl}/app/pencegahan?tab=ikrar`);
    await page.getByRole('tab', { name: 'Ikrar netralitas' }).waitFor();
    await page.getByLabel('Judul ikrar').fill(title);
    await page.getByRole('button', { name: 'Buat kampanye' }).click();
    const card = page.getByTestId('pledge-campaign').filter({ hasText: title });
    await card.waitFor();
    expect(await card.getByTestId('pledge-count').textContent()).toMatch(/^0 dari \d+ pegawai/);
  });

  it('a civil servant signs on the public page (phone), and the coverage changes', async () => {
    const card = page.getByTestId('pledge-campaign').filter({ hasText: title });
    const path = await card.getByTestId('pledge-public-link').getAttribute('href');
    expect(path).toMatch(/^\/ikrar\/[0-9a-f-]{36}$/);
    const phone = await browser!.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'id-ID',
      isMobile: true,
    });
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    await phone.goto(`${server!.baseUrl}${path}`);
    await phone.getByRole('heading', { name: title }).waitFor();
    // A wrong name first: the neutral message.
    await phone.getByLabel('NIP').fill(signer.nip!);
    await phone.getByLabel('Nama lengkap').fill('Nama Yang Tidak Ada');
    await phone.getByLabel('Saya membaca dan menyetujui').check();
    await phone.getByRole('button', { name: 'Tanda tangani ikrar' }).click();
    await phone.getByRole('alert').filter({ hasText: 'tidak cocok' }).waitFor();
    await phone.getByLabel('Nama lengkap').fill(signer.name);
    await phone.getByRole('button', { name: 'Tanda tangani ikrar' }).click();
    await phone.getByText('Ikrar Anda telah tercatat.').waitFor();
    mkdirSync(RESULTS_DIR, { recursive: true });
    await phone.screenshot({ path: join(RESULTS_DIR, 'prevention-pledge-public.png'), fullPage: true });
    await phone.close();
    // The staff page refetches: 1 signed now.
    await card
      .getByTestId('pledge-count')
      .filter({ hasText: /^1 dari \d+ pegawai/ })
      .waitFor({ timeout: 20_000 });
  });

  it('issues an appeal letter and downloads its PDF with the number in it', async () => {
    await page.getByRole('tab', { name: 'Surat imbauan' }).click();
    await page.getByRole('textbox', { name: /^Penerima/ }).fill('Sekretaris Daerah Kota Balikpapan');
    await page.getByLabel('Perihal').fill('Imbauan Netralitas ASN');
    await page
      .getByLabel('Isi surat')
      .fill('Dengan hormat,\n\nKami mengimbau {{penerima}} untuk menjaga netralitas ASN di {{wilayah}}.');
    await page.getByRole('button', { name: 'Terbitkan surat' }).click();
    const issued = page.getByTestId('issued-number');
    await issued.waitFor();
    const number = (await issued.textContent())!.match(/nomor (\S+)\./)![1]!;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      issued.getByRole('link', { name: 'PDF' }).click(),
    ]);
    const file = await download.path();
    const pdf = readFileSync(file!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await extractText(new Uint8Array(pdf), { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain(number);
    expect(text).toContain(
      'Sekretaris Daerah Kota Balikpapan untuk menjaga netralitas ASN di Kota Balikpapan',
    );
    await page.screenshot({ path: join(RESULTS_DIR, 'prevention-letters.png'), fullPage: true });
  });

  it('records a regional task force with its head user, edits it and dissolves it', async () => {
    const name = `Satgas Netralitas ASN Kota Balikpapan E2E ${Date.now()}`;
    await page.getByRole('tab', { name: 'Satgas' }).click();
    await page.getByLabel('Nama satgas').fill(name);
    await page.getByLabel('Nomor SK').fill('100.3.3.2/0001/HK/2024');
    await page.getByLabel('Tanggal SK').fill('2024-08-01');
    // The head's account: the city's task-force user, picked from the users in the jurisdiction.
    await page.getByRole('combobox', { name: 'Akun ketua satgas' }).click();
    await page.getByRole('option', { name: /^Andi Saputra/ }).click();
    // Picking the account fills in the head's name when it was empty.
    await expect.poll(() => page.getByLabel('Ketua', { exact: true }).inputValue()).toBe('Andi Saputra');
    await page.getByLabel('Anggota').fill('Inspektur Daerah — Inspektur\nKepala BKPSDM — Sekretaris');
    await page.getByRole('button', { name: 'Simpan' }).click();
    const card = page.getByTestId('task-force').filter({ hasText: name });
    await card.waitFor();
    expect(await card.textContent()).toContain('akun: Andi Saputra');

    await card.getByRole('button', { name: 'Ubah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah satgas' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Nama satgas').inputValue()).toBe(name);
    expect(await dialog.getByLabel('Anggota').inputValue()).toBe(
      'Inspektur Daerah — Inspektur\nKepala BKPSDM — Sekretaris',
    );
    await dialog.getByLabel('Nomor SK').fill('100.3.3.2/0002/HK/2024');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.filter({ hasText: 'SK 100.3.3.2/0002/HK/2024' }).waitFor();
    expect(await card.textContent()).toContain('akun: Andi Saputra');
    await page.screenshot({ path: join(RESULTS_DIR, 'prevention-task-forces.png'), fullPage: true });

    await card.getByRole('button', { name: 'Bubarkan' }).click();
    const dissolve = page.getByRole('dialog', { name: 'Bubarkan satgas' });
    await dissolve.getByLabel('Tanggal pembubaran').fill('2024-12-31');
    await dissolve.getByRole('button', { name: 'Bubarkan' }).click();
    await dissolve.waitFor({ state: 'detached' });
    await card.waitFor({ state: 'detached' });
    // The demo's city-government task force is still there.
    await page
      .getByTestId('task-force')
      .filter({ hasText: 'Satgas Netralitas ASN Pemerintah Kota Balikpapan' })
      .waitFor();
  });

  it('edits an activity', async () => {
    const title = `Sosialisasi Netralitas E2E ${Date.now()}`;
    await page.getByRole('tab', { name: 'Kegiatan' }).click();
    await page.getByLabel('Judul kegiatan').fill(title);
    await page.getByLabel('Jumlah peserta').fill('25');
    await page.getByRole('button', { name: 'Simpan' }).click();
    const card = page.getByTestId('activity').filter({ hasText: title });
    await card.waitFor();
    await card.getByRole('button', { name: 'Ubah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah kegiatan' });
    expect(await dialog.getByLabel('Judul kegiatan').inputValue()).toBe(title);
    await dialog.getByLabel('Judul kegiatan').fill(`${title} (diubah)`);
    await dialog.getByLabel('Jumlah peserta').fill('40');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'detached' });
    const edited = page.getByTestId('activity').filter({ hasText: `${title} (diubah)` });
    await edited.filter({ hasText: '40 peserta' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
