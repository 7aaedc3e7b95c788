import { CATEGORIES, type Category } from '../contracts/scan.ts';
import { FEATURES } from './context-rules.ts';

/**
 * Linear model over the context-rule features: a logistic flag head and a softmax category head.
 * Weights are learned by `netra train` and shipped as `data/model.json`; a model is refused when its
 * feature list differs from the engine's, so an old file cannot silently mis-score.
 */
export type Model = {
  version: number;
  features: string[];
  threshold: number;
  flag: { bias: number; weights: number[] };
  category: { classes: string[]; bias: number[]; weights: number[][] };
  trained_on?: { posts: number; files: string[]; sha256?: string };
};

export const MODEL_VERSION = 1;

/** Throws when `model` does not fit this engine's feature list. */
export function checkModel(model: Model): Model {
  if (model.version !== MODEL_VERSION) throw new Error(`model version ${model.version} ≠ ${MODEL_VERSION}`);
  if (model.features.length !== FEATURES.length || model.features.some((f, i) => f !== FEATURES[i]))
    throw new Error('model features do not match the engine; retrain with `netra train`');
  if (model.flag.weights.length !== FEATURES.length) throw new Error('model flag weights: wrong length');
  if (model.category.classes.some((c) => !(CATEGORIES as readonly string[]).includes(c)))
    throw new Error('model category classes: unknown category');
  return model;
}

/** Flag probability (0..1) and the per-feature contributions to the logit. */
export function scoreFlag(model: Model, x: Float64Array): { score: number; contributions: Float64Array } {
  const contributions = new Float64Array(x.length);
  return { score: scoreFlagInto(model, x, contributions), contributions };
}

/** `scoreFlag` writing the contributions into `out` (the engine reuses one buffer). */
export function scoreFlagInto(model: Model, x: Float64Array, out: Float64Array): number {
  let z = model.flag.bias;
  const w = model.flag.weights;
  for (let i = 0; i < x.length; i++) {
    const c = (w[i] ?? 0) * x[i]!;
    out[i] = c;
    z += c;
  }
  return 1 / (1 + Math.exp(-z));
}

/** Most likely category and per-feature contributions to that category's logit. */
export function scoreCategory(
  model: Model,
  x: Float64Array,
): { category: Category; contributions: Float64Array } {
  const contributions = new Float64Array(x.length);
  return { category: scoreCategoryInto(model, x, contributions), contributions };
}

/** `scoreCategory` writing the contributions into `out`. */
export function scoreCategoryInto(model: Model, x: Float64Array, out: Float64Array): Category {
  let best = 0;
  let bestZ = Number.NEGATIVE_INFINITY;
  const { classes, bias, weights } = model.category;
  for (let k = 0; k < classes.length; k++) {
    let z = bias[k] ?? 0;
    const w = weights[k]!;
    for (let i = 0; i < x.length; i++) z += (w[i] ?? 0) * x[i]!;
    if (z > bestZ) {
      bestZ = z;
      best = k;
    }
  }
  const w = weights[best]!;
  for (let i = 0; i < x.length; i++) out[i] = (w[i] ?? 0) * x[i]!;
  return classes[best] as Category;
}
