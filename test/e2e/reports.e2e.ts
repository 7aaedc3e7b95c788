import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';
import { jpegWithExif } from '../support/evidence-files.ts';

/**
 * Public reports end to end on a phone-sized screen: an anonymous tip with a photo, a formal
 * report, the receipt, the status page; then the demo analyst of Kota Balikpapan writes to the
 * reporter, the reporter answers on the status page, and the analyst reads the answer.
 */
describe('public reports', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let phone: Page;
  let staff: Page;
  const dir = mkdtempSync(join(tmpdir(), 'netra-e2e-reports-'));
  const pageErrors: string[] = [];
  let tipReceipt = '';
  const tipText = `Kepala dinas membagikan poster kampanye di grup kantor, kode ${Date.now()}.`;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'id-ID',
      acceptDownloads: true,
    });
    staff = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    for (const p of [phone, staff]) p.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
  });

  const pickRegion = async (page: Page) => {
    await page.getByPlaceholder('Ketik nama kabupaten/kota').fill('Balikpapan');
    await page.getByRole('option', { name: 'Kota Balikpapan' }).click();
  };

  it('sends an anonymous tip with a photo and shows the receipt once, with its PDF', async () => {
    await phone.goto(`${server!.baseUrl}/`);
    await phone.getByRole('link', { name: /Kirim informasi \(boleh anonim\)/ }).click();
    await phone.waitForURL((u) => u.pathname === '/lapor/informasi');
    await pickRegion(phone);
    await phone.getByLabel(/Uraian kejadian/).fill(tipText);
    const photo = join(dir, 'foto.jpg');
    writeFileSync(photo, jpegWithExif('GPS -1.2654 116.8312'));
    await phone.locator('input[type="file"]').setInputFiles(photo);
    await phone.getByRole('button', { name: 'Kirim', exact: true }).click();
    const code = phone.getByTestId('receipt-code');
    await code.waitFor();
    tipReceipt = (await code.textContent())!.trim();
    expect(tipReceipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(phone.getByText('Kode hanya ditampilkan sekali').isVisible()).resolves.toBe(true);
    const download = phone.waitForEvent('download');
    await phone.getByRole('button', { name: 'Unduh tanda terima (PDF)' }).click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await phone.screenshot({ path: join(RESULTS_DIR, 'reports-receipt.png'), fullPage: true });
  });

  it('validates a formal report with helpful messages, then accepts it', async () => {
    await phone.goto(`${server!.baseUrl}/lapor/resmi`);
    await phone.getByRole('button', { name: 'Kirim', exact: true }).click();
    await phone.getByRole('alert').filter({ hasText: 'Periksa kembali isian Anda' }).waitFor();
    await expect(
      phone.getByText('Nama terlapor wajib diisi untuk laporan resmi').first().isVisible(),
    ).resolves.toBe(true);
    await phone.getByLabel(/Nama lengkap/).fill('Pelapor E2E Rahmawati');
    await phone.getByLabel(/^NIK/).fill('6471010101900001');
    await phone.getByLabel(/^Alamat/).fill('Jl. Jenderal Sudirman 10, Balikpapan');
    await phone.getByLabel(/^Nama terlapor/).fill('Drs. Camat Contoh');
    await pickRegion(phone);
    await phone.getByLabel(/^Tempat kejadian/).fill('Lapangan Merdeka');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await phone.getByLabel(/^Tanggal kejadian/).fill(today);
    await phone.getByLabel(/^Tanggal Anda mengetahuinya/).fill(today);
    await phone
      .getByLabel(/Uraian kejadian/)
      .fill('Camat berorasi di panggung kampanye pasangan calon nomor 2.');
    await phone.getByRole('button', { name: 'Kirim', exact: true }).click();
    await phone.getByTestId('receipt-code').waitFor();
  });

  it('the status page shows the tip with the receipt code', async () => {
    await phone.goto(`${server!.baseUrl}/lapor/status`);
    await phone.getByLabel(/Kode tanda terima/).fill(tipReceipt.toLowerCase());
    await phone.getByRole('button', { name: 'Lihat status' }).click();
    await expect(phone.getByTestId('report-status').textContent()).resolves.toBe(
      'Diterima, menunggu kajian awal',
    );
    await expect(phone.getByText('1 berkas bukti').isVisible()).resolves.toBe(true);
  });

  it('a message each way between the analyst and the reporter', async () => {
    await staff.goto(`${server!.baseUrl}/masuk`);
    await staff.getByLabel('Nama pengguna').fill('analis.balikpapan');
    await staff.getByLabel('Kata sandi').fill('demo-netra-2024');
    await staff.getByRole('button', { name: 'Masuk', exact: true }).click();
    await staff.waitForURL((url) => url.pathname === '/app');
    await staff.goto(`${server!.baseUrl}/app/laporan`);
    await staff.getByRole('row').filter({ hasText: 'Informasi awal' }).first().getByRole('button').click();
    await staff.getByText(tipText).waitFor();
    await staff.getByLabel('Pesan kepada pelapor').fill('Terima kasih. Kapan poster itu dibagikan?');
    await staff.getByRole('button', { name: 'Kirim pesan' }).click();
    await staff.getByText('Terima kasih. Kapan poster itu dibagikan?').waitFor();

    await phone.reload();
    await phone.getByLabel(/Kode tanda terima/).fill(tipReceipt);
    await phone.getByRole('button', { name: 'Lihat status' }).click();
    await phone.getByText('Terima kasih. Kapan poster itu dibagikan?').waitFor();
    await phone.getByLabel('Tulis pesan kepada petugas').fill('Senin pagi, pukul 08.00.');
    await phone.getByRole('button', { name: 'Kirim pesan' }).click();
    await phone.getByText('Senin pagi, pukul 08.00.').waitFor();
    await phone.screenshot({ path: join(RESULTS_DIR, 'reports-status.png'), fullPage: true });

    await staff.reload();
    await staff.getByRole('row').filter({ hasText: 'Balasan baru' }).first().getByRole('button').click();
    await staff.getByText('Senin pagi, pukul 08.00.').waitFor();
    await staff.screenshot({ path: join(RESULTS_DIR, 'reports-staff.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
