import type { ConnectorsConfig } from '../../config.ts';
import type { Platform } from '../../contracts/post.ts';
import type { ConnectorRuntime, PollingConnector } from './connector.ts';
import { createFacebookConnector } from './facebook.ts';
import { createInstagramConnector } from './instagram.ts';
import { createTikTokConnector } from './tiktok.ts';
import { createXConnector } from './x.ts';
import { createYouTubeConnector } from './youtube.ts';

/** The polling adapters of every platform whose credentials are configured. */
export function configuredConnectors(
  config: ConnectorsConfig,
  rt: ConnectorRuntime,
): Partial<Record<Platform, PollingConnector>> {
  const out: Partial<Record<Platform, PollingConnector>> = {};
  if (config.x) out.x = createXConnector(config.x, rt);
  if (config.meta) {
    out.facebook = createFacebookConnector(config.meta, rt);
    out.instagram = createInstagramConnector(config.meta, rt);
  }
  if (config.youtube) out.youtube = createYouTubeConnector(config.youtube, rt);
  if (config.tiktok) out.tiktok = createTikTokConnector(config.tiktok, rt);
  return out;
}
