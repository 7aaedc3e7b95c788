import { CATEGORIES } from '../contracts/scan.ts';
import { FEATURES } from './context-rules.ts';
import { MODEL_VERSION, type Model } from './score.ts';

/** One labelled example: features from `extractFeatures` plus the reviewer's verdict. */
export type Example = { x: Float64Array; flag: boolean; category: string | null };

export type TrainOptions = {
  /** L2 penalty. */
  l2?: number;
  epochs?: number;
  learningRate?: number;
  threshold?: number;
};

/**
 * Fits the flag head (logistic regression) on all examples and the category head (softmax
 * regression) on the positive ones, by full-batch gradient descent. Deterministic: same examples,
 * same weights.
 */
export function trainModel(examples: Example[], options: TrainOptions = {}): Model {
  const l2 = options.l2 ?? 0.01;
  const epochs = options.epochs ?? 3000;
  const lr = options.learningRate ?? 0.5;
  const d = FEATURES.length;
  const n = examples.length;

  const w = new Float64Array(d);
  let b = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = new Float64Array(d);
    let gb = 0;
    for (const ex of examples) {
      let z = b;
      for (let i = 0; i < d; i++) z += w[i]! * ex.x[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const err = p - (ex.flag ? 1 : 0);
      for (let i = 0; i < d; i++) gw[i]! += err * ex.x[i]!;
      gb += err;
    }
    for (let i = 0; i < d; i++) w[i]! -= lr * (gw[i]! / Math.max(1, n) + l2 * w[i]!);
    b -= lr * (gb / Math.max(1, n));
  }

  const classes = [...CATEGORIES];
  const k = classes.length;
  const cw = classes.map(() => new Float64Array(d));
  const cb = new Float64Array(k);
  const positives = examples.filter((e) => e.flag && e.category && classes.includes(e.category as never));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = classes.map(() => new Float64Array(d));
    const gb = new Float64Array(k);
    for (const ex of positives) {
      const z = new Float64Array(k);
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        let s = cb[c]!;
        for (let i = 0; i < d; i++) s += cw[c]![i]! * ex.x[i]!;
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) {
        z[c] = Math.exp(z[c]! - max);
        sum += z[c]!;
      }
      const y = classes.indexOf(ex.category as never);
      for (let c = 0; c < k; c++) {
        const err = z[c]! / sum - (c === y ? 1 : 0);
        for (let i = 0; i < d; i++) gw[c]![i]! += err * ex.x[i]!;
        gb[c]! += err;
      }
    }
    const m = Math.max(1, positives.length);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < d; i++) cw[c]![i]! -= lr * (gw[c]![i]! / m + l2 * cw[c]![i]!);
      cb[c]! -= lr * (gb[c]! / m);
    }
  }

  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return {
    version: MODEL_VERSION,
    features: [...FEATURES],
    threshold: options.threshold ?? 0.5,
    flag: { bias: round(b), weights: [...w].map(round) },
    category: { classes, bias: [...cb].map(round), weights: cw.map((r) => [...r].map(round)) },
  };
}
