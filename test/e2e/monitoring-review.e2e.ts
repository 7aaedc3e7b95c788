import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * The review queue end to end on the demo data: the demo analyst of Kota Balikpapan sees flagged
 * posts with the detector's signals highlighted, confirms one with the keyboard, dismisses one with
 * a reason, selects two with `x` and dismisses them in bulk, and finds the confirmed alert with its
 * draft finding under "Dikonfirmasi".
 */
describe('monitoring review queue', () => {
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
    if (page)
      await page.screenshot({ path: `${RESULTS_DIR}/monitoring-review.png`, fullPage: true }).catch(() => {});
    await browser?.close();
    const code = await server?.stop();
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
  });

  const rows = () => page.getByTestId('alert-row');

  it('shows flagged posts grouped by account with the signals highlighted', async () => {
    await page.goto(`${server!.baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill('analis.balikpapan');
    await page.getByLabel('Kata sandi').fill('demo-netra-2024');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app');
    await page.goto(`${server!.baseUrl}/app/pemantauan`);
    await rows().first().waitFor();
    expect(await rows().count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('alert-group').count()).toBeGreaterThanOrEqual(1);
    const mark = rows().first().locator('mark.signal').first();
    await mark.waitFor({ state: 'visible' });
    const marked = (await mark.textContent()) ?? '';
    expect(marked.length).toBeGreaterThan(0);
    expect(await rows().first().getByTestId('post-text').textContent()).toContain(marked);
    // The staff member's agency is shown with the group.
    await expect.poll(() => page.getByText('Pemerintah Kota Balikpapan').count()).toBeGreaterThan(0);
  });

  it('confirms the focused alert with the c key', async () => {
    const before = await rows().count();
    const firstId = await rows().first().getAttribute('data-alert-id');
    await page.locator('body').press('c');
    await page.getByTestId('queue-message').getByText('1 peringatan dikonfirmasi').waitFor();
    await expect.poll(() => rows().count()).toBe(before - 1);
    expect(await page.locator(`[data-alert-id="${firstId}"]`).count()).toBe(0);
  });

  it('dismisses one alert with a reason', async () => {
    const before = await rows().count();
    await rows().first().getByRole('button', { name: 'Abaikan', exact: true }).click();
    await page.getByRole('button', { name: '1. Tidak partisan' }).click();
    await page.getByTestId('queue-message').getByText('1 peringatan diabaikan').waitFor();
    await expect.poll(() => rows().count()).toBe(before - 1);
  });

  it('selects two alerts with x and dismisses them in bulk', async () => {
    const before = await rows().count();
    const body = page.locator('body');
    await body.press('x');
    await body.press('j');
    await body.press('x');
    await page.getByTestId('bulk-bar').getByText('2 dipilih').waitFor();
    await page.getByRole('button', { name: 'Abaikan terpilih' }).click();
    await page.getByRole('button', { name: '3. Duplikat' }).click();
    await page.getByTestId('queue-message').getByText('2 peringatan diabaikan').waitFor();
    await expect.poll(() => rows().count()).toBe(before - 2);
  });

  it('lists the confirmed alert with its draft finding', async () => {
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Dikonfirmasi' }).click();
    await page.getByText('Temuan draf dibuat').first().waitFor();
    expect(await rows().first().locator('mark.signal').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
