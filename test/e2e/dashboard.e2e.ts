import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, RESULTS_DIR, type RunningServer, startServer } from '../support/e2e.ts';

/**
 * The dashboard end to end on the demo data: the head of Bawaslu Kalimantan Selatan sees the
 * figures of the province with its regency/city map, drills down into Kota Banjarmasin (from the
 * map and from the table), and downloads the XLSX tables and the PDF report.
 */
describe('dashboard', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
      locale: 'id-ID',
      acceptDownloads: true,
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    expect(pageErrors).toEqual([]);
    expect(code, `server exit status after SIGTERM\n${server?.output() ?? ''}`).toBe(0);
  });

  const map = () => page.getByRole('img', { name: /^Peta / });

  it('renders the province dashboard with its map and kerawanan', async () => {
    await page.goto(`${server!.baseUrl}/masuk`);
    await page.getByLabel('Nama pengguna').fill('kepala.kalsel');
    await page.getByLabel('Kata sandi').fill('demo-netra-2024');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app');
    await page.getByRole('heading', { name: 'Angka wilayah: Kalimantan Selatan' }).waitFor();
    await map().locator('svg path').first().waitFor();
    // One shape per regency/city of the province (13), plus the visual-map handles.
    expect(await map().locator('svg path').count()).toBeGreaterThanOrEqual(13);
    await expect.poll(() => page.getByTestId('kerawanan-score').textContent()).toMatch(/^\d+,\d{2}$/);
    const table = page.getByRole('table', { name: 'Wilayah di bawahnya' });
    expect(await table.getByRole('row').count()).toBe(14); // header + 13 regencies/cities
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'dashboard-province.png'), fullPage: true });
  });

  it('drills down by clicking a region on the map', async () => {
    // The shape drawn largest on screen is a regency of the province; click inside it.
    await map().scrollIntoViewIfNeeded();
    const boxes = await map()
      .locator('svg path')
      .evaluateAll((paths) =>
        paths
          .map((p) => {
            const r = p.getBoundingClientRect();
            const fill = p.getAttribute('fill') ?? '';
            return { x: r.x + r.width / 2, y: r.y + r.height / 2, area: r.width * r.height, fill };
          })
          .filter((b) => b.fill !== 'none' && b.area > 0),
      );
    const svgBox = await map().boundingBox();
    const candidates = boxes
      .filter((b) => b.area < (svgBox!.width * svgBox!.height) / 2)
      .sort((a, b) => b.area - a.area);
    let drilled = false;
    for (const b of candidates.slice(0, 6)) {
      await page.mouse.click(b.x, b.y);
      try {
        await page.waitForURL((url) => /wilayah=63\.\d\d/.test(url.search), { timeout: 1500 });
        drilled = true;
        break;
      } catch {
        // The centre of a concave shape can fall outside it: try the next one.
      }
    }
    expect(drilled, 'a click on the map drills down into a regency/city').toBe(true);
    const code = new URL(page.url()).searchParams.get('wilayah')!;
    expect(code.startsWith('63.')).toBe(true);
    await page.getByRole('heading', { name: /^Angka wilayah: (Kabupaten|Kota) / }).waitFor();
    await page
      .getByRole('navigation', { name: 'Jalur wilayah' })
      .getByRole('button', { name: 'Kalimantan Selatan' })
      .click();
    await page.getByRole('heading', { name: 'Angka wilayah: Kalimantan Selatan' }).waitFor();
  });

  it('drills down from the table into Kota Banjarmasin, with the map of the city', async () => {
    await page
      .getByRole('table', { name: 'Wilayah di bawahnya' })
      .getByRole('button', { name: 'Kota Banjarmasin' })
      .click();
    await page.getByRole('heading', { name: 'Angka wilayah: Kota Banjarmasin' }).waitFor();
    expect(new URL(page.url()).searchParams.get('wilayah')).toBe('63.71');
    await map().locator('svg path').first().waitFor();
    expect(await page.getByText('Pegawai', { exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS_DIR, 'dashboard-city.png'), fullPage: true });
  });

  it('downloads the tables as XLSX and the PDF report', async () => {
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh XLSX' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(
      /^netra-dasbor-63-71-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const xlsxBytes = readFileSync((await xlsx.path())!);
    expect(xlsxBytes.subarray(0, 2).toString()).toBe('PK');

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh laporan PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});
