/** One evaluated post: the label and the detector's verdict. */
export type Judged = {
  id: string;
  text: string;
  expectedFlag: boolean;
  expectedCategory: string | null;
  flag: boolean;
  category: string | null;
  score: number;
};

export type EvalReport = {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of true positives whose category matches the label. */
  category_accuracy: number;
  /** expected category → predicted category → count (true positives only). */
  confusion: Record<string, Record<string, number>>;
  false_negatives: { id: string; score: number; text: string; category: string | null }[];
  false_positives: { id: string; score: number; text: string }[];
};

/** Precision, recall, F1, category accuracy on true positives, confusion table and worst misses. */
export function evaluate(judged: Judged[], worst = 10): EvalReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let catOk = 0;
  const confusion: Record<string, Record<string, number>> = {};
  for (const j of judged) {
    if (j.flag && j.expectedFlag) {
      tp++;
      const e = j.expectedCategory ?? '-';
      const p = j.category ?? '-';
      confusion[e] ??= {};
      confusion[e][p] = (confusion[e][p] ?? 0) + 1;
      if (e === p) catOk++;
    } else if (j.flag) fp++;
    else if (j.expectedFlag) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
  return {
    n: judged.length,
    tp,
    fp,
    fn,
    tn,
    precision: r4(precision),
    recall: r4(recall),
    f1: r4(f1),
    category_accuracy: r4(tp === 0 ? 0 : catOk / tp),
    confusion,
    false_negatives: judged
      .filter((j) => j.expectedFlag && !j.flag)
      .sort((a, b) => a.score - b.score)
      .slice(0, worst)
      .map((j) => ({ id: j.id, score: j.score, text: j.text, category: j.expectedCategory })),
    false_positives: judged
      .filter((j) => !j.expectedFlag && j.flag)
      .sort((a, b) => b.score - a.score)
      .slice(0, worst)
      .map((j) => ({ id: j.id, score: j.score, text: j.text })),
  };
}
