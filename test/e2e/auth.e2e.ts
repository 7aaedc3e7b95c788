import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/features/setup/demo-data.ts';
import { totpCodeAt } from '../../src/platform/crypto/totp.ts';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * Two-step sign-in in Chromium against the real server with TOTP required (NETRA_REQUIRE_TOTP=1):
 * enrolment with the QR code, recovery codes, a later sign-in with a code; and a task-force head
 * who cannot reach what their role may not see.
 */
describe('TOTP sign-in and role limits in the browser', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { NETRA_REQUIRE_TOTP: '1' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
  });

  async function newPage(): Promise<Page> {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  async function passwordStep(page: Page, username: string) {
    await page.goto(`${server!.baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  }

  /** Enrols through the UI; returns the secret read from the page (as a user types it by hand). */
  async function enrol(page: Page): Promise<string> {
    await page.getByRole('heading', { name: 'Aktifkan verifikasi dua langkah' }).waitFor();
    const qr = page.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Kode verifikasi').fill(totpCodeAt(secret, new Date()));
    await page.getByRole('button', { name: 'Aktifkan' }).click();
    await page.getByRole('heading', { name: 'Kode pemulihan' }).waitFor();
    expect(await page.getByRole('list', { name: 'Kode pemulihan' }).getByRole('listitem').count()).toBe(10);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'auth-recovery-codes.png') });
    await page.getByRole('button', { name: 'Saya sudah menyimpannya, lanjutkan' }).click();
    await page.waitForURL((url) => url.pathname === '/app');
    return secret;
  }

  it('enrols TOTP at first sign-in, then signs in with a code', async () => {
    const page = await newPage();
    await passwordStep(page, 'admin');
    const secret = await enrol(page);
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Admin' }).waitFor();

    await page.getByRole('button', { name: /Menu pengguna/ }).click();
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    await page.waitForURL('**/masuk');

    await passwordStep(page, 'admin');
    await page.getByRole('heading', { name: 'Verifikasi dua langkah' }).waitFor();
    // The enrolment used the current 30-second step; the next step's code is within the window.
    const code = totpCodeAt(secret, new Date(Date.now() + 30_000));
    await page.getByLabel('Kode verifikasi').first().click();
    await page.keyboard.type(code);
    await page.waitForURL((url) => url.pathname === '/app');

    await nav.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Pengguna' }).waitFor();
    await page.getByRole('cell', { name: 'satgas.balikpapan' }).waitFor();
    await page.getByRole('heading', { name: 'Jejak audit' }).waitFor();
    await page.getByRole('cell', { name: 'auth.totp_enrol', exact: true }).first().waitFor();
    await page.close();
  });

  it('a task-force head sees neither reports nor administration, and the API refuses them', async () => {
    const page = await newPage();
    await passwordStep(page, 'satgas.balikpapan');
    await enrol(page);
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Pencegahan' }).waitFor();
    for (const hidden of ['Laporan', 'Penanganan', 'Registri', 'Admin'])
      expect(await nav.getByRole('link', { name: hidden }).count(), hidden).toBe(0);

    await page.goto(`${server!.baseUrl}/app/admin`);
    await page.getByRole('alert').filter({ hasText: 'Tidak ada akses' }).waitFor();
    // Reports (and reporters' identities) are out of reach: the list, a report, its identity.
    const reportId = '00000000-0000-4000-8000-000000000000';
    for (const path of ['/api/reports', `/api/reports/${reportId}`, '/api/cases']) {
      const res = await page.request.get(`${server!.baseUrl}${path}`);
      expect(res.status(), path).toBe(403);
    }
    const reveal = await page.request.post(`${server!.baseUrl}/api/reports/${reportId}/identity`, {
      headers: { origin: server!.baseUrl },
    });
    expect(reveal.status()).toBe(403);
    for (const path of ['/api/users', '/api/audit', '/api/audit/export']) {
      const res = await page.request.get(`${server!.baseUrl}${path}`);
      expect(res.status(), path).toBe(403);
    }
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
