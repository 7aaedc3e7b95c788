import { readFileSync, writeFileSync } from 'node:fs';
import type { ScanResult } from '../../contracts/scan.ts';
import { createDetector, type Detector } from '../../detection/detect.ts';
import { evaluate, type Judged } from '../../detection/metrics.ts';
import { checkModel, type Model } from '../../detection/score.ts';
import { serialiseResult } from '../../detection/serialise.ts';
import { type Example, trainModel } from '../../detection/train.ts';
import { type CliIo, CliUsageError, type Command, parseFlags } from '../../platform/cli/command.ts';
import { loadPacks, openLineBatches, openLines, openWriter, progress } from './detection.io.ts';

function parseThreshold(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Number(v);
  if (!Number.isFinite(t) || t < 0 || t > 1)
    throw new CliUsageError(`--threshold harus 0..1 / must be within 0..1: ${v}`);
  return t;
}

function loadModel(path: string | undefined): Model | undefined {
  if (!path) return undefined;
  try {
    return checkModel(JSON.parse(readFileSync(path, 'utf8')) as Model);
  } catch (e) {
    throw new CliUsageError(`model tidak valid / invalid model ${path}: ${(e as Error).message}`);
  }
}

function errorResult(id: string | null, message: string): ScanResult {
  return {
    id,
    flag: false,
    score: 0,
    category: null,
    targets: [],
    pack: null,
    signals: [],
    explanation: '',
    error: message,
  };
}

type ParsedLine =
  | { ok: true; post: Record<string, unknown> & { id: string; text: string } }
  | { ok: false; id: string | null; error: string };

/** Parses one JSONL line as a post (contracts §2): an object with string `id` and `text`. */
function parsePostLine(line: string, lineNo: number): ParsedLine {
  if (line.trim() === '') return { ok: false, id: null, error: `baris ${lineNo}: baris kosong / empty line` };
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return {
      ok: false,
      id: null,
      error: `baris ${lineNo}: JSON tidak valid / invalid JSON: ${(e as Error).message}`,
    };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { ok: false, id: null, error: `baris ${lineNo}: bukan objek / not an object` };
  const o = v as Record<string, unknown>;
  const id = typeof o.id === 'string' && o.id.length > 0 ? o.id : null;
  if (id === null)
    return { ok: false, id: null, error: `baris ${lineNo}: field id wajib (string) / id is required` };
  if (typeof o.text !== 'string')
    return { ok: false, id, error: `baris ${lineNo}: field text wajib (string) / text is required` };
  return { ok: true, post: o as Record<string, unknown> & { id: string; text: string } };
}

const SCAN_HELP = `netra scan — deteksi unggahan yang berpotensi melanggar netralitas ASN
               detect posts that may breach ASN neutrality

Pemakaian / usage:
  netra scan --pack PACK.json [--pack MORE.json ...] [--in POSTS.jsonl] [--out RESULTS.jsonl]

Opsi / options:
  --pack FILE       paket pemilu (boleh berulang) / election pack (repeatable), contracts §1
  --in FILE         unggahan JSON Lines; '-' atau kosong = stdin / posts, '-' or none = stdin
  --out FILE        hasil JSON Lines; kosong = stdout / results, none = stdout
  --threshold N     ambang tanda 0..1 (bawaan dari model) / flag threshold (default: the model's)
  --model FILE      bobot hasil 'netra train' / weights from 'netra train' (default: shipped)

Satu baris hasil per baris masukan, urutan sama. Baris rusak menghasilkan "error" dengan nomor
baris dan proses berlanjut. Ringkasan ke stderr.
One result line per input line, in order. A malformed line yields "error" with its line number and
the run goes on. Summary on stderr. Exit: 0 done, 2 bad arguments or invalid pack, 1 other failure.
`;

/** `netra scan` (contracts §3). */
export const scanCommand: Command = {
  name: 'scan',
  summary: 'Deteksi unggahan (JSONL) / detect posts (JSONL)',
  help: SCAN_HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseFlags(argv, {
      pack: { type: 'string', multiple: true },
      in: { type: 'string' },
      out: { type: 'string' },
      threshold: { type: 'string' },
      model: { type: 'string' },
    });
    const packs = loadPacks(values.pack ?? []);
    const detector = createDetector(packs, {
      threshold: parseThreshold(values.threshold),
      model: loadModel(values.model),
    });
    const writer = openWriter(values.out, io.stdout);
    const bar = progress(io.stderr);
    let lineNo = 0;
    let flagged = 0;
    let errors = 0;
    const started = Date.now();
    // Lines arrive in batches (one await per chunk, not per line); results are serialised by hand.
    for await (const batch of openLineBatches(values.in, io.stdin)) {
      let pending: Promise<void> | undefined;
      for (const line of batch) {
        lineNo++;
        const parsed = parsePostLine(line, lineNo);
        let result: ScanResult;
        if (!parsed.ok) {
          errors++;
          result = errorResult(parsed.id, parsed.error);
        } else {
          try {
            result = detector.detect(parsed.post);
          } catch (e) {
            errors++;
            result = errorResult(parsed.post.id, `baris ${lineNo}: ${(e as Error).message}`);
          }
        }
        if (result.flag) flagged++;
        const p = writer.write(serialiseResult(result));
        if (p) pending = p;
        bar.tick(lineNo);
      }
      if (pending) await pending;
    }
    await writer.close();
    bar.done();
    const secs = (Date.now() - started) / 1000;
    io.stderr.write(
      `netra scan: ${lineNo} baris / lines, ${flagged} ditandai / flagged, ${errors} galat / errors, ` +
        `${secs.toFixed(1)} s\n`,
    );
    return 0;
  },
};

type Labelled = { id: string; text: string; flag: boolean; category: string | null; posted_at?: string };

async function readLabelled(paths: string[], io: CliIo): Promise<Labelled[]> {
  const rows: Labelled[] = [];
  for (const path of paths.length ? paths : ['-']) {
    let lineNo = 0;
    for await (const line of openLines(path, io.stdin)) {
      lineNo++;
      if (line.trim() === '') continue;
      const parsed = parsePostLine(line, lineNo);
      if (!parsed.ok) {
        io.stderr.write(`${path}: ${parsed.error}\n`);
        continue;
      }
      const o = parsed.post;
      if (typeof o.flag !== 'boolean') {
        io.stderr.write(`${path}: baris ${lineNo}: field flag wajib (boolean) / flag is required\n`);
        continue;
      }
      rows.push({
        id: o.id,
        text: o.text,
        flag: o.flag,
        category: typeof o.category === 'string' ? o.category : null,
        posted_at: typeof o.posted_at === 'string' ? o.posted_at : undefined,
      });
    }
  }
  return rows;
}

function judge(detector: Detector, rows: Labelled[]): Judged[] {
  return rows.map((r) => {
    const out = detector.detect(r);
    return {
      id: r.id,
      text: r.text,
      expectedFlag: r.flag,
      expectedCategory: r.category,
      flag: out.flag,
      category: out.category,
      score: out.score,
    };
  });
}

const EVAL_HELP = `netra eval — ukur detektor pada data berlabel / measure the detector on labelled posts

Pemakaian / usage:
  netra eval --pack PACK.json [--pack ...] --in LABELLED.jsonl [--json] [--threshold N] [--model FILE]

Mencetak presisi, recall dan F1 untuk 'flag', akurasi kategori pada true positive, tabel
kebingungan kategori dan kesalahan terburuk. --json: satu objek JSON.
Prints precision, recall and F1 of 'flag', category accuracy on true positives, a category
confusion table and the worst misses. --json: one JSON object
{ precision, recall, f1, category_accuracy, n, ... }.
`;

/** `netra eval` (contracts §4). */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'Ukur presisi/recall pada data berlabel / evaluate on labelled posts',
  help: EVAL_HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseFlags(argv, {
      pack: { type: 'string', multiple: true },
      in: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      threshold: { type: 'string' },
      model: { type: 'string' },
      worst: { type: 'string' },
    });
    const packs = loadPacks(values.pack ?? []);
    const detector = createDetector(packs, {
      threshold: parseThreshold(values.threshold),
      model: loadModel(values.model),
    });
    const rows = await readLabelled(values.in ?? [], io);
    const report = evaluate(judge(detector, rows), Number(values.worst ?? 10) || 10);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ...report, threshold: detector.threshold })}\n`);
      return 0;
    }
    const lines: string[] = [];
    lines.push(`n=${report.n}  ambang/threshold=${detector.threshold}`);
    lines.push(`presisi/precision  ${report.precision.toFixed(3)}   (tp ${report.tp}, fp ${report.fp})`);
    lines.push(`recall             ${report.recall.toFixed(3)}   (fn ${report.fn}, tn ${report.tn})`);
    lines.push(`F1                 ${report.f1.toFixed(3)}`);
    lines.push(`akurasi kategori / category accuracy (TP) ${report.category_accuracy.toFixed(3)}`);
    lines.push('');
    lines.push('kebingungan kategori / category confusion (label → prediksi / prediction):');
    for (const [expected, row] of Object.entries(report.confusion))
      lines.push(
        `  ${expected.padEnd(18)} ${Object.entries(row)
          .map(([p, c]) => `${p}:${c}`)
          .join('  ')}`,
      );
    lines.push('');
    lines.push('terlewat / missed (false negatives):');
    for (const f of report.false_negatives)
      lines.push(
        `  ${f.id} ${f.score.toFixed(3)} [${f.category}] ${f.text.replace(/\s+/g, ' ').slice(0, 100)}`,
      );
    lines.push('salah tanda / false alarms (false positives):');
    for (const f of report.false_positives)
      lines.push(`  ${f.id} ${f.score.toFixed(3)} ${f.text.replace(/\s+/g, ' ').slice(0, 100)}`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

const TRAIN_HELP = `netra train — latih bobot detektor dari unggahan berlabel / learn detector weights from labelled posts

Pemakaian / usage:
  netra train --pack PACK.json [--pack ...] --in LABELLED.jsonl [--in ...] [--out MODEL.json]
              [--cv K] [--threshold N]

Bobot linear di atas fitur aturan (bukan kata per kandidat), sehingga berlaku untuk paket lain.
--cv K: validasi silang K lipatan; ambang dipilih dari skor di luar lipatan (ambang terendah
dengan presisi ≥ 0,92; kalau tidak ada, F1 terbaik) dan angka validasi dicetak ke stderr. Tanpa --out, model dicetak ke stdout.
Linear weights over rule features (never per-candidate words), so they carry over to other packs.
--cv K: K-fold cross-validation; the threshold is chosen on out-of-fold scores (the lowest one with
precision ≥ 0.92, else the best F1) and the cross-validated figures go to stderr. Without --out the model is printed to stdout.
Model bawaan / shipped model: src/detection/data/model.json
`;

/** `netra train`: fits the shipped linear model from labelled posts. */
export const trainCommand: Command = {
  name: 'train',
  summary: 'Latih bobot detektor / train detector weights',
  help: TRAIN_HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseFlags(argv, {
      pack: { type: 'string', multiple: true },
      in: { type: 'string', multiple: true },
      out: { type: 'string' },
      cv: { type: 'string' },
      threshold: { type: 'string' },
    });
    const packs = loadPacks(values.pack ?? []);
    const files = values.in ?? [];
    if (files.length === 0) throw new CliUsageError('--in wajib diisi / --in is required');
    const rows = await readLabelled(files, io);
    const base = createDetector(packs);
    const examples: Example[] = rows.map((r) => ({
      x: base.analyse(r.text).x,
      flag: r.flag,
      category: r.category,
    }));
    let threshold = parseThreshold(values.threshold) ?? 0.5;
    const k = values.cv ? Number(values.cv) : 0;
    if (values.cv && (!Number.isInteger(k) || k < 2))
      throw new CliUsageError(`--cv harus ≥ 2 / must be ≥ 2: ${values.cv}`);
    if (k >= 2) {
      const oof: { score: number; flag: boolean }[] = new Array(rows.length);
      const judgedAt: Judged[] = new Array(rows.length);
      for (let f = 0; f < k; f++) {
        const model = trainModel(examples.filter((_, i) => i % k !== f));
        // Threshold 0: `flag` then means "refers to a contestant"; the real threshold is applied below.
        const det = createDetector(packs, { model, threshold: 0 });
        rows.forEach((r, i) => {
          if (i % k !== f) return;
          const out = det.detect(r);
          oof[i] = { score: out.flag ? out.score : 0, flag: r.flag };
          judgedAt[i] = {
            id: r.id,
            text: r.text,
            expectedFlag: r.flag,
            expectedCategory: r.category,
            flag: out.flag,
            category: out.category,
            score: out.score,
          };
        });
      }
      if (values.threshold === undefined) threshold = bestThreshold(oof);
      const cvJudged = judgedAt.map((j) => ({ ...j, flag: j.flag && j.score >= threshold }));
      const rep = evaluate(cvJudged);
      io.stderr.write(
        `netra train: ${k}-fold CV, threshold ${threshold}: precision ${rep.precision}, recall ${rep.recall}, ` +
          `f1 ${rep.f1}, category accuracy ${rep.category_accuracy} (n ${rep.n})\n`,
      );
    }
    const model = trainModel(examples, { threshold });
    model.trained_on = { posts: rows.length, files: files.map((f) => f.split('/').pop() ?? f) };
    const json = `${JSON.stringify(model, null, 1)}\n`;
    if (values.out) writeFileSync(values.out, json);
    else io.stdout.write(json);
    io.stderr.write(`netra train: ${rows.length} unggahan / posts, ambang / threshold ${threshold}\n`);
    return 0;
  },
};

/**
 * Default threshold from out-of-fold scores: the lowest threshold (most recall, because a flag only
 * sends a post to a human reviewer) whose out-of-fold precision is still ≥ 0.92; best F1 if none is.
 */
function bestThreshold(oof: { score: number; flag: boolean }[]): number {
  let bestF1 = -1;
  let bestF1At = 0.5;
  let lowestPrecise: number | null = null;
  for (let step = 32; step >= 8; step--) {
    const t = step / 40;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const o of oof) {
      if (!o) continue;
      const flag = o.score >= t;
      if (flag && o.flag) tp++;
      else if (flag) fp++;
      else if (o.flag) fn++;
    }
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    if (f1 > bestF1 + 1e-9) {
      bestF1 = f1;
      bestF1At = t;
    }
    if (tp > 0 && tp / (tp + fp) >= 0.92) lowestPrecise = t;
  }
  return lowestPrecise ?? bestF1At;
}
