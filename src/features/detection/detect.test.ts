import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pack } from '../../contracts/pack.ts';
import { createDetector } from '../../detection/detect.ts';

const fixture = (path: string) => new URL(`../../../test/fixtures/${path}`, import.meta.url);
const loadPack = (name: string) =>
  Pack.parse(JSON.parse(readFileSync(fixture(`packs/${name}.json`), 'utf8')));
const pilpres = loadPack('pilpres-2024');
const fictional = loadPack('pilkada-kab-sukamaju-2029');
const detector = createDetector([pilpres, loadPack('pilkada-kota-balikpapan-2024'), fictional]);

describe('detect', () => {
  it('flags an invitation with a keycap number and explains it in Indonesian', () => {
    const r = detector.detect({ id: 'a', text: 'Rekan2, tgl 14 nanti kompak nyoblos 2️⃣ ya 🙏' });
    expect(r.flag).toBe(true);
    expect(r.category).toBe('ajakan');
    expect(r.targets).toEqual(['02']);
    expect(r.explanation).toMatch(/^Ajakan memilih paslon 02/);
  });

  it('reads a negative call as ajakan against the target', () => {
    const r = detector.detect({ id: 'b', text: 'yg penting jgn pilih yg nomer 3 ya gaes' });
    expect(r.flag).toBe(true);
    expect(r.category).toBe('ajakan');
    expect(r.targets).toEqual(['03']);
  });

  it.each([
    'Selamat, puskesmas kami diganjar penghargaan tingkat provinsi 🏆',
    'Rapat tgl 02 jam 09.00 di ruang 03 lantai 2',
    'Mohon doanya bapak saya dirawat. Amin ya rabbal alamin 🤲',
    'kucing kantor makin gemoy 😹',
    'KPU menetapkan tiga pasangan: Anies–Muhaimin, Prabowo–Gibran, Ganjar–Mahfud.',
    'Reminder ASN: jangan like postingan paslon 01, 02, maupun 03. Netral itu wajib.',
  ])('does not flag %s', (text) => {
    expect(detector.detect({ id: 'n', text }).flag).toBe(false);
  });

  it('generalises to a fictional pack it was never trained on (≥ 12 of 14 right)', () => {
    const rows = readFileSync(fixture('eval/pilkada-kab-sukamaju-2029.jsonl'), 'utf8').trim().split('\n');
    const only = createDetector([fictional]);
    let right = 0;
    for (const line of rows) {
      const row = JSON.parse(line) as { id: string; text: string; flag: boolean };
      if (only.detect(row).flag === row.flag) right++;
    }
    expect(right).toBeGreaterThanOrEqual(12);
  });

  it('flags (almost) nothing in 400 non-political NusaX sentences', () => {
    const lines = readFileSync(fixture('eval/nusax-sentiment-indonesian-test.csv'), 'utf8')
      .split('\n')
      .slice(1);
    const flagged = lines.filter((l) => l && detector.detect({ id: 'x', text: l }).flag);
    expect(flagged.length).toBeLessThanOrEqual(4);
  });

  it('never throws, keeps score in 0..1, and every signal covers its text inside the original', () => {
    const pieces = fc.constantFrom(
      'Prabowo',
      'G a n j a r',
      'pr4bowo',
      '#AMINajaDulu',
      'coblos',
      'no. 3',
      '2️⃣',
      '☝️',
      '✌🏽',
      'jangan pilih',
      'AMIN',
      'salam tiga jari',
      'tgl 14',
      'Pak Anies',
      ' ',
      '\n',
      '😂',
      'nomer dua',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .array(fc.oneof(pieces, fc.string({ unit: 'grapheme', maxLength: 5 })), { maxLength: 30 })
        .map((a) => a.join(' ')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const r = detector.detect({ id: 'p', text: t });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        if (!r.flag) expect(r.category).toBeNull();
        for (const s of r.signals) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(t.length);
          expect(t.slice(s.start, s.end)).toBe(s.text);
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it('highlights the original characters of an obfuscated name', () => {
    const t = 'satu-satunya capres pilihanku: G a n j a r 🤘';
    const r = detector.detect({ id: 'g', text: t });
    const s = r.signals.find((x) => x.text.includes('G a n'));
    expect(s?.text).toBe('G a n j a r');
  });
});

describe('recall rules (general patterns)', () => {
  it('reads "N atau M terserah, yg penting jangan …" as an elimination call', () => {
    const r = detector.detect({
      id: 'e',
      text: '1 atau 3 terserah kalian, yg penting jangan yg didukung Pak Lurah.',
    });
    expect(r.signals.some((s) => s.kind === 'negative_call')).toBe(true);
  });

  it('does not read room numbers joined by "atau" as ballot numbers without an open-choice word', () => {
    const r = detector.detect({ id: 'e2', text: 'rapat di ruang 1 atau 3 besok pagi' });
    expect(r.flag).toBe(false);
  });

  it('reads a leetspeak alias followed by "4" (for) as support', () => {
    const balikpapan = createDetector([loadPack('pilkada-kota-balikpapan-2024')]);
    const r = balikpapan.detect({ id: 'f', text: 'h3ra 4 balikpapan 🔥🔥 #pilwali' });
    expect(r.flag).toBe(true);
    expect(r.signals.some((s) => s.kind === 'english')).toBe(true);
  });
});

describe('references without a named contestant (general patterns)', () => {
  it('flags an invitation to vote for a described, unnamed candidate', () => {
    const r = detector.detect({
      id: 'i1',
      text: 'Jangan lupa besok pilih calon bupati yang istrinya bidan di kampung kita ya',
    });
    expect(r.flag).toBe(true);
    expect(r.category).toBe('ajakan');
    expect(r.targets).toEqual([]);
    expect(r.explanation).toContain('tidak disebut namanya');
  });

  it('flags taking part in a campaign team without a contestant', () => {
    const r = detector.detect({
      id: 'i2',
      text: 'Sore ini kumpul di posko pemenangan, saya jadi koordinator lapangan 💪',
    });
    expect(r.flag).toBe(true);
    expect(r.category).toBe('kegiatan_kampanye');
  });

  it('flags a candidacy with its hints, but a prayer request alone is no candidacy', () => {
    expect(
      detector.detect({
        id: 'i3',
        text: 'Bismillah, saya nyaleg dari dapil 2, status masih PNS. Mohon doa restu',
      }).category,
    ).toBe('pencalonan');
    expect(detector.detect({ id: 'i4', text: 'Mohon doa, ibu saya dirawat di kamar 3' }).flag).toBe(false);
  });

  it.each([
    'ASN dilarang menjadi anggota tim pemenangan paslon mana pun',
    'Pilihlah pemimpin yang jujur dan amanah, jangan golput',
    '"Hidup adalah perjuangan." — Kahlil Gibran',
    'Selamat ya Mahfud Hidayat atas kelulusannya',
  ])('does not flag %s', (text) => {
    expect(detector.detect({ id: 'n2', text }).flag).toBe(false);
  });
});
