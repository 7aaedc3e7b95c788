import { z } from 'zod';

/** Platforms a post can come from (contracts §2). */
export const Platform = z.enum(['x', 'facebook', 'instagram', 'tiktok', 'youtube', 'whatsapp', 'other']);
export type Platform = z.infer<typeof Platform>;

/**
 * A social-media post (contracts §2, one JSON object per line). Only `id` and `text` are required;
 * unknown fields are kept, not rejected.
 */
export const Post = z.looseObject({
  id: z.string().min(1),
  text: z.string(),
  platform: Platform.optional(),
  url: z.string().optional(),
  author: z
    .looseObject({
      handle: z.string().optional(),
      name: z.string().optional(),
      bio: z.string().optional(),
    })
    .optional(),
  posted_at: z.string().optional(),
  lang: z.string().optional(),
  media: z.array(z.looseObject({ type: z.string(), url: z.string().optional() })).optional(),
});
export type Post = z.infer<typeof Post>;
