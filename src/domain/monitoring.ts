/**
 * Pure monitoring rules: which platform and platform post id a contract post (contracts §2) has,
 * its canonical content and hash input, and which election packs cover an author's region.
 */
import { isWithinJurisdiction, NATIONAL } from './jurisdiction.ts';

export const PLATFORMS = ['x', 'facebook', 'instagram', 'tiktok', 'youtube', 'whatsapp', 'other'] as const;
export type PlatformCode = (typeof PLATFORMS)[number];
const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);

const PLATFORM_NAMES: Record<PlatformCode, string> = {
  x: 'X (Twitter)',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  whatsapp: 'WhatsApp',
  other: 'lainnya',
};

/**
 * The place of a case as official letters write it. A case opened from a monitoring alert keeps
 * the post's platform code as its place (`x`); letters say "media sosial X (Twitter)".
 */
export function casePlaceText(place: string | null, origin: string): string | null {
  if (place && origin === 'alert' && PLATFORM_SET.has(place))
    return `media sosial ${PLATFORM_NAMES[place as PlatformCode]}`;
  return place;
}

/**
 * The platform and the platform's own post id. `platform` wins when given; otherwise an id
 * prefixed with a known platform (`"x:1790…"`) names it; else `other`. A `platform:` prefix on the
 * id is stripped so `{ id: "x:1", platform: "x" }` and `{ id: "1", platform: "x" }` are one post.
 */
export function postKey(
  id: string,
  platform: string | undefined,
): { platform: PlatformCode; postId: string } {
  const colon = id.indexOf(':');
  const prefix = colon > 0 ? id.slice(0, colon) : '';
  const p: PlatformCode =
    platform && PLATFORM_SET.has(platform)
      ? (platform as PlatformCode)
      : PLATFORM_SET.has(prefix)
        ? (prefix as PlatformCode)
        : 'other';
  const postId = prefix === p && colon + 1 < id.length ? id.slice(colon + 1) : id;
  return { platform: p, postId };
}

/**
 * The canonical content of a post, the input of its SHA-256: what the author said and showed.
 * Text in Unicode NFC with line ends unified and trailing space trimmed, then the media URLs in order.
 * Metadata that platforms change on their own (counts, author bio) is not content: it does not
 * make a new version.
 */
export function canonicalContent(text: string, mediaUrls: readonly string[] = []): string {
  const n = text.normalize('NFC');
  const t = (n.includes('\r') ? n.replace(/\r\n?/g, '\n') : n).trimEnd();
  return mediaUrls.length ? `${t}\u0000${mediaUrls.join('\u0000')}` : t;
}

/**
 * Packs that apply to a post by an author supervised in `regionCode`: the national packs ("00")
 * always, a province pack for its regencies and districts, a regency pack for its districts.
 * An author of unknown region (null) is checked against the national packs only.
 */
export function packsCovering<P extends { region_code: string }>(
  packs: readonly P[],
  regionCode: string | null,
): P[] {
  return packs.filter((p) =>
    p.region_code === NATIONAL
      ? true
      : regionCode !== null && isWithinJurisdiction(regionCode, p.region_code),
  );
}

/** Why a reviewer dismissed an alert. */
export const DISMISS_REASONS = ['not_partisan', 'not_asn', 'duplicate', 'out_of_jurisdiction'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

/**
 * The label a review decision gives the detector (contracts §4), or null when the decision says
 * nothing about the text: a duplicate or an alert outside the office's jurisdiction. "Not an ASN"
 * judges the author, not the words, so the text keeps the flag the detector gave it.
 */
export function labelOfDecision(
  decision: { kind: 'confirm' } | { kind: 'dismiss'; reason: DismissReason },
): { flag: boolean } | null {
  if (decision.kind === 'confirm') return { flag: true };
  switch (decision.reason) {
    case 'not_partisan':
      return { flag: false };
    case 'not_asn':
      return { flag: true };
    default:
      return null;
  }
}
