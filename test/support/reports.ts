import { randomBytes } from 'node:crypto';

/** A valid formal report body (contracts §5) for tests; `known_at` defaults to today (on time). */
export function formalReport(over: Record<string, unknown> = {}) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    kind: 'laporan',
    reporter: {
      name: `Pelapor Uji ${randomBytes(4).toString('hex')}`,
      nik: '6471010101900001',
      address: 'Jl. Jenderal Sudirman No. 1, Balikpapan',
      phone: '0812 3456 7890',
      email: 'pelapor@example.org',
    },
    reported: {
      name: 'Drs. Camat Contoh',
      nip: '198503172010011004',
      agency: 'Pemerintah Kota',
      position: 'Camat',
    },
    description: `Camat hadir dan berorasi dalam kampanye pasangan calon di lapangan kota ${randomBytes(3).toString('hex')}.`,
    place: 'Lapangan Merdeka',
    region_code: '65.71',
    occurred_at: today,
    known_at: today,
    witnesses: [{ name: 'Saksi Satu', contact: '0813 0000 1111' }],
    ...over,
  };
}

/** A tip without identity. */
export function anonymousTip(over: Record<string, unknown> = {}) {
  return {
    kind: 'informasi_awal',
    description: `Kepala dinas membagikan unggahan kampanye di grup WhatsApp kantor ${randomBytes(3).toString('hex')}.`,
    region_code: '65.71',
    ...over,
  };
}

/** A multipart body with a `report` JSON part and `files` parts, as a browser sends it. */
export function reportMultipart(report: unknown, files: { name: string; data: Buffer; type?: string }[]) {
  const boundary = `----netra-${randomBytes(6).toString('hex')}`;
  const parts: Buffer[] = [];
  if (report !== undefined)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="report"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(report)}\r\n`,
      ),
    );
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
