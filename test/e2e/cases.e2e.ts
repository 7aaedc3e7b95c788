import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * A case end to end in the browser: the Banjarmasin analyst records a supervisor's finding on
 * Form A, the South Kalimantan head registers it, records a clarification (minutes as PDF),
 * writes the review, decides and issues the forwarding letter to BKN, and the BKN liaison records
 * the sanction. (The confirmed-alert variant is added once monitoring is merged.)
 */
describe('case handling', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let caseUrl = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  async function signInAs(username: string) {
    if (page) await page.context().close();
    page = await browser!.newPage({
      viewport: { width: 1280, height: 1000 },
      locale: 'id-ID',
      acceptDownloads: true,
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server!.baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill('demo-netra-2024');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app');
  }

  async function step(button: string, fill: Record<string, string> = {}, expectedStatus?: string) {
    await page.getByRole('button', { name: button, exact: true }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    for (const [label, value] of Object.entries(fill))
      await dialog.getByLabel(label, { exact: false }).first().fill(value);
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    if (expectedStatus) await page.getByTestId('case-status').filter({ hasText: expectedStatus }).waitFor();
  }

  it('an analyst opens a case from a Form A finding', async () => {
    await signInAs('analis.banjarmasin');
    await page.goto(`${server!.baseUrl}/app/penanganan`);
    await page.getByRole('link', { name: 'Temuan baru (Form A)' }).click();
    await page.getByLabel('Tahapan').fill('Kampanye Pemilihan Wali Kota Banjarmasin 2024');
    await page.getByLabel('Nomor surat perintah tugas').fill('ST-77/PM.01/K.KS-05/11/2024');
    await page.getByLabel('Nama pengawas').fill('Siti Rahmah');
    await page.getByRole('textbox', { name: /^Jabatan/ }).fill('Anggota Bawaslu Kota Banjarmasin');
    await page.getByLabel('Bentuk kegiatan').fill('Patroli siber');
    await page.getByLabel('Tempat kegiatan').fill('Kantor Bawaslu Kota Banjarmasin');
    await page.getByLabel('Waktu kegiatan').fill('2024-11-10T09:00');
    await page
      .getByLabel('Uraian hasil pengawasan')
      .fill('Ditemukan unggahan ASN yang mendukung pasangan calon.');
    await page
      .getByLabel('Peristiwa')
      .fill('ASN mengunggah foto bersama pasangan calon dengan gestur dua jari');
    await page.getByLabel('Pelaku (nama ASN)').fill('Hendra Gunawan');
    await page.getByLabel('Tempat kejadian').fill('Instagram');
    await page.getByLabel('Tanggal kejadian').fill('2024-11-09');
    await page.getByLabel('Tanggal diketahui').fill('2024-11-10');
    await page.getByLabel('Saksi').fill('Ahmad Fauzi - 0812000000');
    await page.getByLabel('Tautan bukti').fill('https://instagram.example/p/demo-e2e');
    await page.getByLabel('Analisis').fill('Perbuatan memenuhi unsur DS-7 SKB 2022.');
    await page.getByRole('button', { name: 'Simpan dan buka kasus' }).click();
    await page.waitForURL((url) => /\/app\/penanganan\/[0-9a-f-]{36}$/.test(url.pathname));
    caseUrl = page.url();
    await page.getByTestId('case-status').filter({ hasText: 'Kajian awal' }).waitFor();
    expect(await page.getByText('Hendra Gunawan').first().isVisible()).toBe(true);
    // The analyst may not register: the button is not offered.
    expect(await page.getByRole('button', { name: 'Registrasi', exact: true }).count()).toBe(0);
  });

  it('the head registers, clarifies, reviews, decides and issues the forwarding letter', async () => {
    await signInAs('kepala.kalsel');
    await page.goto(caseUrl);
    await step('Registrasi', {}, 'Diregistrasi');
    await step(
      'Undang klarifikasi',
      {
        'Nama pihak': 'Hendra Gunawan',
        'Hari, tanggal dan jam': 'Senin, 18 November 2024 pukul 09.00 WITA',
        Tempat: 'Kantor Bawaslu Kota Banjarmasin',
      },
      'Klarifikasi',
    );
    await step('Catat klarifikasi (berita acara)', {
      'Nama pihak': 'Hendra Gunawan',
      'Waktu klarifikasi': 'Senin, 18 November 2024',
      Tempat: 'Kantor Bawaslu Kota Banjarmasin',
      Keterangan: 'Terlapor mengakui mengunggah foto tersebut.',
    });
    await page.getByRole('link', { name: /Berita acara klarifikasi/ }).waitFor();
    // Review with the violated form chosen from the catalogue.
    await page.getByRole('button', { name: 'Susun kajian', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Bentuk pelanggaran (SKB 2022)').click();
    await page.getByRole('option', { name: /^DS-7/ }).click();
    await dialog.getByLabel('Analisis').fill('Unggahan menunjukkan keberpihakan kepada pasangan calon.');
    await dialog.getByLabel('Kesimpulan').fill('Terbukti melanggar netralitas ASN.');
    await dialog.getByRole('button', { name: 'Susun kajian', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('case-status').filter({ hasText: 'Kajian dugaan pelanggaran' }).waitFor();
    await page.getByRole('button', { name: 'Putuskan', exact: true }).click();
    await dialog.getByLabel('Hasil').click();
    await page.getByRole('option', { name: 'Terbukti pelanggaran' }).click();
    await dialog.getByLabel('Alasan').fill('Unsur pelanggaran terpenuhi berdasarkan kajian.');
    await dialog.getByRole('button', { name: 'Putuskan', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('case-status').filter({ hasText: 'Terbukti pelanggaran' }).waitFor();
    await step('Buat surat penerusan', {}, 'Diteruskan ke instansi berwenang');
    const link = page.getByRole('link', { name: /Surat penerusan/ });
    await link.waitFor();
    const href = await link.getAttribute('href');
    const pdf = await page.request.get(`${server!.baseUrl}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = (await extractText(new Uint8Array(await pdf.body()), { mergePages: true })).text.replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Kepala Badan Kepegawaian Negara');
    expect(text).toContain('Hendra Gunawan');
    expect(text).toContain('DS-7');
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'case-forwarded.png'), fullPage: true });
  });

  it('the BKN liaison records the sanction', async () => {
    await signInAs('bkn.banjarmasin');
    await page.goto(caseUrl);
    await step(
      'Catat sanksi',
      {
        'Jenis sanksi': 'Penurunan jabatan setingkat lebih rendah selama 12 bulan',
        'Tanggal sanksi': '2024-12-20',
        'Nomor keputusan': '800/123/BKD/2024',
      },
      'Sanksi dijatuhkan',
    );
    expect(
      await page.getByText('Penurunan jabatan setingkat lebih rendah selama 12 bulan').first().isVisible(),
    ).toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, 'case-sanction.png'), fullPage: true });
  });
});
