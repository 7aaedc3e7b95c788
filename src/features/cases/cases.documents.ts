import type { LetterBlock } from '../../platform/pdf/letter-pdf.ts';
import type { IssueLetterInput } from '../letters/letters.service.ts';

/**
 * The case documents issued through the letters module: the clarification invitation, the
 * clarification minutes (*berita acara klarifikasi*), the review (*kajian*) and the forwarding
 * letter (*surat penerusan*) to the competent agency. Each function returns the letter's
 * series, classification code, subject and content for `letters.issueInTx`. Each series has its
 * own classification code, so running numbers of different series never produce the same number.
 */
export type CaseForDocs = {
  id: string;
  number: string;
  title: string;
  description: string;
  place: string | null;
  occurredOn: string | null;
  regime: 'pemilu' | 'pilkada';
  reportedName: string | null;
  staff: { name: string; nip: string | null; position: string | null; agency: string | null } | null;
  officeName: string;
};

type Doc = Pick<IssueLetterInput, 'series' | 'classCode' | 'subject' | 'recipient' | 'content'>;

const s = (v: unknown, fallback = '-'): string => (typeof v === 'string' && v.trim() ? v.trim() : fallback);
const who = (c: CaseForDocs) => c.staff?.name ?? c.reportedName ?? '-';
const electionName = (c: CaseForDocs) => (c.regime === 'pemilu' ? 'Pemilihan Umum' : 'Pemilihan');

const reportedFields = (c: CaseForDocs): [string, string][] => [
  ['Nama', who(c)],
  ['NIP', c.staff?.nip ?? '-'],
  ['Jabatan', c.staff?.position ?? '-'],
  ['Instansi', c.staff?.agency ?? '-'],
];

export function invitationDoc(c: CaseForDocs, p: Record<string, unknown>): Doc {
  const subject = 'Undangan Klarifikasi';
  const invitee = s(p.partyName, who(c));
  return {
    series: 'undangan-klarifikasi',
    classCode: 'PP.01.02/UND',
    subject,
    recipient: invitee,
    content: ({ signatory }) => ({
      nature: 'Penting',
      attachment: '-',
      subject,
      recipient: { lines: [`Sdr. ${invitee}`], place: 'Tempat' },
      blocks: [
        {
          kind: 'paragraph',
          text: `Dalam rangka penanganan dugaan pelanggaran netralitas Aparatur Sipil Negara dalam penyelenggaraan ${electionName(c)} dengan nomor registrasi ${c.number}, dengan hormat kami mengundang Saudara untuk hadir memberikan keterangan (klarifikasi) pada:`,
        },
        {
          kind: 'fields',
          rows: [
            ['Hari/tanggal', s(p.scheduledAt)],
            ['Tempat', s(p.place)],
            ['Sebagai', s(p.partyRole, 'pihak terkait')],
            ['Perihal', c.title],
          ],
        },
        {
          kind: 'paragraph',
          text: 'Saudara diharapkan membawa kartu identitas dan dokumen yang berkaitan. Demikian undangan ini disampaikan; atas perhatian dan kehadiran Saudara diucapkan terima kasih.',
        },
      ],
      signatory,
    }),
  };
}

export function minutesDoc(c: CaseForDocs, p: Record<string, unknown>): Doc {
  const statements = Array.isArray(p.statements)
    ? (p.statements as unknown[]).map((x) => s(x))
    : [s(p.statement)];
  return {
    series: 'ba-klarifikasi',
    classCode: 'PP.01.02/BA',
    subject: `Berita Acara Klarifikasi ${s(p.partyName)}`,
    content: ({ signatory, number }) => ({
      title: 'BERITA ACARA KLARIFIKASI',
      blocks: [
        { kind: 'paragraph', text: `Nomor: ${number}` },
        {
          kind: 'paragraph',
          text: `Pada ${s(p.heldAt)} bertempat di ${s(p.place)}, telah dilakukan klarifikasi dalam penanganan dugaan pelanggaran netralitas ASN nomor registrasi ${c.number} terhadap:`,
        },
        {
          kind: 'fields',
          rows: [
            ['Nama', s(p.partyName)],
            ['Sebagai', s(p.partyRole, 'pihak terkait')],
            ['Pemeriksa', s(p.examiner)],
          ],
        },
        { kind: 'heading', text: 'Keterangan yang diberikan' },
        { kind: 'list', ordered: true, items: statements },
        {
          kind: 'paragraph',
          text: 'Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
        },
      ],
      signatory,
    }),
  };
}

export function reviewDoc(
  c: CaseForDocs,
  p: Record<string, unknown>,
  forms: { code: string; title: string; kind: string; legalBasis: string }[],
): Doc {
  const blocks: LetterBlock[] = [
    { kind: 'heading', text: 'I. Identitas Terlapor' },
    { kind: 'fields', rows: reportedFields(c) },
    { kind: 'heading', text: 'II. Peristiwa' },
    {
      kind: 'fields',
      rows: [
        ['Uraian', c.description],
        ['Tempat', c.place ?? '-'],
        ['Waktu kejadian', c.occurredOn ?? '-'],
      ],
    },
    { kind: 'heading', text: 'III. Fakta dan Keterangan' },
    { kind: 'paragraph', text: s(p.facts) },
    { kind: 'heading', text: 'IV. Analisis' },
    { kind: 'paragraph', text: s(p.analysis) },
  ];
  if (forms.length)
    blocks.push({
      kind: 'table',
      columns: ['Kode', 'Bentuk pelanggaran', 'Jenis', 'Dasar hukum'],
      rows: forms.map((f) => [f.code, f.title, f.kind, f.legalBasis]),
      widths: [50, 230, 60, 127],
    });
  blocks.push({ kind: 'heading', text: 'V. Kesimpulan' }, { kind: 'paragraph', text: s(p.conclusion) });
  return {
    series: 'kajian',
    classCode: 'PP.01.02/KJ',
    subject: `Kajian Dugaan Pelanggaran ${c.number}`,
    content: ({ signatory, number }) => ({
      title: 'KAJIAN DUGAAN PELANGGARAN',
      blocks: [{ kind: 'paragraph', text: `Nomor: ${number} — Registrasi ${c.number}` }, ...blocks],
      signatory,
    }),
  };
}

export function forwardingDoc(
  c: CaseForDocs,
  agency: { code: string; name: string; address: string },
  p: Record<string, unknown>,
  forms: { code: string; title: string; kind: string; legalBasis: string }[],
  sanction: string | null,
): Doc {
  const subject = 'Penerusan Dugaan Pelanggaran Netralitas ASN';
  return {
    series: 'penerusan',
    classCode: 'PP.01.00',
    subject,
    recipient: agency.name,
    content: ({ signatory }) => ({
      nature: 'Segera',
      attachment: '1 (satu) berkas',
      subject,
      recipient: { lines: [agency.name], place: agency.address },
      blocks: [
        {
          kind: 'paragraph',
          text: `Berdasarkan hasil penanganan dugaan pelanggaran dengan nomor registrasi ${c.number}, ${c.officeName} menyatakan terdapat pelanggaran peraturan perundang-undangan lainnya berupa pelanggaran netralitas Aparatur Sipil Negara oleh:`,
        },
        { kind: 'fields', rows: reportedFields(c) },
        {
          kind: 'paragraph',
          text: `Peristiwa: ${c.description}${c.place ? ` di ${c.place}` : ''}${c.occurredOn ? ` pada ${c.occurredOn}` : ''}.`,
        },
        ...(forms.length
          ? ([
              {
                kind: 'list',
                items: forms.map((f) => `${f.code} (${f.kind}): ${f.title} — ${f.legalBasis}`),
              },
            ] as LetterBlock[])
          : []),
        {
          kind: 'paragraph',
          text: `Sesuai Pasal 455 ayat (1) huruf c UU 7/2017 dan Keputusan Bersama tentang Pedoman Pembinaan dan Pengawasan Netralitas Pegawai ASN (2022), kami meneruskan dugaan pelanggaran tersebut kepada ${agency.code} untuk ditindaklanjuti${sanction ? `, dengan rekomendasi sanksi ${sanction}` : ''}. ${s(p.note, '')}`.trim(),
        },
        {
          kind: 'paragraph',
          text: 'Bersama ini kami lampirkan laporan hasil pengawasan, berita acara klarifikasi dan kajian. Demikian disampaikan; atas perhatian dan kerja samanya diucapkan terima kasih.',
        },
      ],
      signatory,
      copies: ['Ketua Bawaslu Republik Indonesia', 'Pejabat Pembina Kepegawaian instansi terlapor'],
    }),
  };
}
