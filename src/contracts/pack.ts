import { z } from 'zod';

/**
 * Election pack (contracts §1): one contest, its contestants, how people refer to them, and the
 * calendar. The detector works from packs alone; nothing election-specific lives in the engine.
 */
export const PackStage = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  start: z.iso.date(),
  end: z.iso.date(),
});
export type PackStage = z.infer<typeof PackStage>;

export const PackContestant = z.object({
  id: z.string().min(1),
  number: z.number().int().min(0),
  names: z.array(z.string().min(1)).min(1),
  aliases: z.array(z.string().min(1)).default([]),
  slogans: z.array(z.string().min(1)).default([]),
  hashtags: z.array(z.string().min(1)).default([]),
  gestures: z.array(z.string().min(1)).default([]),
  parties: z.array(z.string().min(1)).default([]),
});
export type PackContestant = z.infer<typeof PackContestant>;

export const PackParty = z.object({
  id: z.string().min(1),
  number: z.number().int().min(0),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
});
export type PackParty = z.infer<typeof PackParty>;

export const Pack = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['pemilu', 'pilkada']),
  region_code: z.string().regex(/^\d{2}(\.\d{2}){0,3}$/),
  stages: z.array(PackStage).default([]),
  contestants: z.array(PackContestant).min(1),
  parties: z.array(PackParty).default([]),
});
export type Pack = z.infer<typeof Pack>;
