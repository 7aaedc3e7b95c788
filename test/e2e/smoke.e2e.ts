import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me } from '../../src/contracts/auth.ts';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * Smoke test of the whole stack: the real server (`netra serve`, embedded PGlite with the demo
 * data), the built web UI, and Debian's Chromium. Opens the public page, switches the language,
 * signs in as a demo analyst and checks the Dasbor.
 */
describe('web smoke', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
  });

  it('opens the public page in Indonesian and switches to English and back', async () => {
    const base = server!.baseUrl;
    await page.goto(`${base}/`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('id');
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toContain('Laporkan ASN');
    expect(await page.getByRole('heading', { name: 'Dua cara melapor' }).isVisible()).toBe(true);

    // The radio inputs are visually hidden behind their labels: click what the user sees.
    const languages = page.getByRole('radiogroup', { name: 'Bahasa' });
    await languages.getByText(/^EN/).click();
    await expect.poll(() => heading.textContent()).toContain('Report civil servants');
    expect(await page.getByRole('radio', { name: /English/ }).isChecked()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Two ways to report' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // The choice is remembered across a reload.
    await page.reload();
    await expect.poll(() => heading.textContent()).toContain('Report civil servants');

    await page.getByRole('radiogroup', { name: 'Language' }).getByText(/^ID/).click();
    await expect.poll(() => heading.textContent()).toContain('Laporkan ASN');
    expect(await page.getByRole('radio', { name: /Bahasa Indonesia/ }).isChecked()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
  });

  it('fits the public page on a phone-width screen', async () => {
    const phone = await browser!.newPage({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await phone.goto(`${server!.baseUrl}/`);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      await phone.getByRole('heading', { level: 2, name: 'Dua cara melapor' }).scrollIntoViewIfNeeded();
      // Evaluated in the page; a string keeps DOM globals out of the Node type-check.
      const overflow = await phone.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
      mkdirSync(RESULTS_DIR, { recursive: true });
      await phone.screenshot({ path: join(RESULTS_DIR, 'smoke-landing-phone.png') });
    } finally {
      await phone.close();
    }
  });

  it('sends a visitor of the staff area to the sign-in page', async () => {
    await page.goto(`${server!.baseUrl}/app/penanganan`);
    await page.waitForURL('**/masuk');
    await page.getByRole('heading', { level: 1, name: 'Masuk petugas' }).waitFor();
  });

  it('shows the API message for wrong credentials', async () => {
    await page.getByLabel('Nama pengguna').fill('analis.balikpapan');
    await page.getByLabel('Kata sandi').fill('bukan-kata-sandinya');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/salah/i);
  });

  it('signs in as the demo analyst and shows the Dasbor', async () => {
    await page.getByLabel('Kata sandi').fill('demo-netra-2024');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    // Back to the page that was asked for, then to the Dasbor through the navigation.
    await page.waitForURL('**/app/penanganan');
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.waitFor();
    for (const section of ['Dasbor', 'Pemantauan', 'Laporan', 'Penanganan', 'Pencegahan', 'Registri']) {
      expect(await nav.getByRole('link', { name: section }).isVisible(), section).toBe(true);
    }
    // Administration is only for administrators (src/domain/permissions.ts).
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Dasbor' }).click();
    await page.waitForURL((url) => url.pathname === '/app');

    // The page's request context shares the browser's session cookie.
    const me = Me.parse(await (await page.request.get(`${server!.baseUrl}/api/auth/me`)).json());
    expect(me).toMatchObject({ username: 'analis.balikpapan', role: 'analyst' });
    await page.getByRole('heading', { name: `Selamat datang, ${me.displayName}` }).waitFor();
    expect(await page.getByRole('button', { name: `Menu pengguna: ${me.displayName}` }).isVisible()).toBe(
      true,
    );
    expect(await page.getByRole('cell', { name: 'Bawaslu Kota Balikpapan' }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: 'Analis', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: 'Kode wilayah 64.71' }).isVisible()).toBe(true);
    await page.getByText('Berjalan normal').waitFor();
    expect(await page.title()).toBe('Dasbor — Netra');

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.mouse.move(0, 0);
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.screenshot({ path: join(RESULTS_DIR, 'smoke-dasbor.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: /Menu pengguna/ }).click();
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    await page.waitForURL('**/masuk');
    await page.goto(`${server!.baseUrl}/app`);
    await page.waitForURL('**/masuk');
    expect(pageErrors).toEqual([]);
  });
});
