import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * From monitoring to the sanction in the browser: the Balikpapan analyst confirms a flagged post in
 * the review queue, finds it on the case register among the confirmed alerts without a case and
 * opens the case; a head of Bawaslu Kalimantan Timur (created by the administrator through the API,
 * as the demo has none there) registers it, records a clarification, reviews, decides and issues the
 * forwarding letter; a BKN liaison for the province records the sanction.
 */
describe('a case from a confirmed alert', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'id-ID' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill('analis.balikpapan');
    await page.getByLabel('Kata sandi').fill('demo-netra-2024');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app');
  });
  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  let caseUrl = '';

  /** A user made by the demo administrator through the API (one-time password returned). */
  async function createUser(username: string, role: 'head' | 'liaison') {
    const base = server!.baseUrl;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'demo-netra-2024' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const offices = (await (
      await fetch(`${base}/api/offices/letterhead?q=${encodeURIComponent('Provinsi Kalimantan Timur')}`, {
        headers: { cookie },
      })
    ).json()) as { id: string; name: string }[];
    const office = offices.find((o) => o.name === 'Bawaslu Provinsi Kalimantan Timur')!;
    const res = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ username, displayName: username, role, officeId: office.id }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { password: string }).password;
  }

  async function signInAs(username: string, password: string) {
    await page.context().clearCookies();
    await page.goto(`${server!.baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
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

  it('confirms an alert in the queue, then opens its case from the case register', async () => {
    await page.goto(`${server!.baseUrl}/app/pemantauan`);
    const first = page.getByTestId('alert-row').first();
    await first.waitFor();
    const alertId = await first.getAttribute('data-alert-id');
    const postText = ((await first.getByTestId('post-text').textContent()) ?? '').trim();
    expect(alertId).toBeTruthy();
    await page.locator('body').press('c');
    await page.getByTestId('queue-message').getByText('1 peringatan dikonfirmasi').waitFor();

    await page.goto(`${server!.baseUrl}/app/penanganan`);
    const candidate = page.locator(`[data-alert-id="${alertId}"]`);
    await candidate.waitFor();
    await candidate.getByRole('button', { name: 'Buka kasus' }).click();
    await page.waitForURL((url) => /\/app\/penanganan\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('case-status').filter({ hasText: 'Kajian awal' }).waitFor();
    // The post is the case's description and evidence.
    await expect
      .poll(() => page.getByText(postText.slice(0, 30), { exact: false }).count())
      .toBeGreaterThan(0);
    // Its place is the post's platform, by name (not the platform code).
    const place = page.locator('tr', { has: page.locator('th', { hasText: /^Tempat$/ }) }).locator('td');
    expect(['X (Twitter)', 'Facebook', 'Instagram', 'TikTok', 'YouTube', 'WhatsApp', 'Lainnya']).toContain(
      (await place.textContent())?.trim(),
    );
    caseUrl = page.url();
    await page.screenshot({ path: join(RESULTS_DIR, 'case-from-alert.png'), fullPage: true });

    // The alert is no longer offered: its case exists.
    await page.goto(`${server!.baseUrl}/app/penanganan`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expect.poll(() => page.locator(`[data-alert-id="${alertId}"]`).count()).toBe(0);
  });

  it('a provincial head registers, clarifies, reviews, decides and forwards it to BKN', async () => {
    const password = await createUser('kepala.kaltim.e2e', 'head');
    await signInAs('kepala.kaltim.e2e', password);
    await page.goto(caseUrl);
    await step('Registrasi', {}, 'Diregistrasi');
    await step(
      'Undang klarifikasi',
      {
        'Nama pihak': 'Terlapor',
        'Hari, tanggal dan jam': 'Senin, 14 Oktober 2024 pukul 09.00 WITA',
        Tempat: 'Kantor Bawaslu Kota Balikpapan',
      },
      'Klarifikasi',
    );
    await step('Catat klarifikasi (berita acara)', {
      'Nama pihak': 'Terlapor',
      'Waktu klarifikasi': 'Senin, 14 Oktober 2024',
      Tempat: 'Kantor Bawaslu Kota Balikpapan',
      Keterangan: 'Terlapor mengakui unggahan tersebut.',
    });
    await page.getByRole('button', { name: 'Susun kajian', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Bentuk pelanggaran (SKB 2022)').click();
    await page.getByRole('option', { name: /^DS-/ }).first().click();
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
    // The timeline names the decision and the recommended sanction, not their codes.
    await page.getByText('Hasil: Terbukti pelanggaran', { exact: true }).waitFor();
    await page
      .getByText(/^Rekomendasi sanksi: (Sanksi moral|Hukuman disiplin|Pemberhentian|Sesuai)/)
      .first()
      .waitFor();
    expect(await page.getByText('Hasil: violation').count()).toBe(0);
    await step('Buat surat penerusan', {}, 'Diteruskan ke instansi berwenang');
    const link = page.getByRole('link', { name: /Surat penerusan/ });
    await link.waitFor();
    const pdf = await page.request.get(`${server!.baseUrl}${await link.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = (await extractText(new Uint8Array(await pdf.body()), { mergePages: true })).text;
    expect(text.replace(/\s+/g, ' ')).toContain('Kepala Badan Kepegawaian Negara');
    // The event's place by the platform's name, not its code ("di x").
    expect(text.replace(/\s+/g, ' ')).toMatch(
      / di media sosial (X \(Twitter\)|Facebook|Instagram|TikTok|YouTube|WhatsApp|lainnya)/,
    );
  });

  it('a BKN liaison of the province records the sanction', async () => {
    const password = await createUser('bkn.kaltim.e2e', 'liaison');
    await signInAs('bkn.kaltim.e2e', password);
    await page.goto(caseUrl);
    await step(
      'Catat sanksi',
      {
        'Jenis sanksi': 'Pernyataan tidak puas secara tertulis',
        'Tanggal sanksi': '2024-12-20',
        'Nomor keputusan': '800/456/BKPSDM/2024',
      },
      'Sanksi dijatuhkan',
    );
    await page.screenshot({ path: join(RESULTS_DIR, 'case-from-alert-sanction.png'), fullPage: true });
  });
});
