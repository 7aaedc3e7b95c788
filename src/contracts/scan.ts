import { z } from 'zod';

/** The six violation categories of the 2022 joint decree's catalogue (contracts §3). */
export const CATEGORIES = [
  'dukungan_medsos',
  'ajakan',
  'atribut_simbol',
  'kegiatan_kampanye',
  'fasilitas_jabatan',
  'pencalonan',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** One piece of evidence, with UTF-16 offsets into the post's original `text`. */
export const Signal = z.object({
  kind: z.string(),
  text: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  weight: z.number(),
});
export type Signal = z.infer<typeof Signal>;

/** One `netra scan` output line (contracts §3). `error` replaces the verdict for a bad input line. */
export const ScanResult = z.object({
  id: z.string().nullable(),
  flag: z.boolean(),
  score: z.number().min(0).max(1),
  category: Category.nullable(),
  targets: z.array(z.string()),
  pack: z.string().nullable(),
  signals: z.array(Signal),
  explanation: z.string(),
  stage: z.string().nullable().optional(),
  error: z.string().optional(),
});
export type ScanResult = z.infer<typeof ScanResult>;
