import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * From monitoring to a case in the browser: the Balikpapan analyst confirms a flagged post in the
 * review queue, finds it on the case register among the confirmed alerts without a case, opens the
 * case and lands on it, with the alert as its origin and the post as evidence. (The path after
 * opening — registration to sanction — is the same for every origin: cases.e2e.ts, and
 * cases.int.test.ts from a real ingest.)
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
    await page.screenshot({ path: join(RESULTS_DIR, 'case-from-alert.png'), fullPage: true });

    // The alert is no longer offered: its case exists.
    await page.goto(`${server!.baseUrl}/app/penanganan`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expect.poll(() => page.locator(`[data-alert-id="${alertId}"]`).count()).toBe(0);
  });
});
