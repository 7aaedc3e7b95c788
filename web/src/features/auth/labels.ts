import type { TFunction } from 'i18next';
import type { Me } from '../../../../src/contracts/auth.ts';

/** "Nasional" for the national root "00", else the region code (names come with the region registry). */
export function jurisdictionLabel(t: TFunction, office: Me['office']): string {
  return office.regionCode === '00' ? t('region.national') : t('region.code', { code: office.regionCode });
}

/** Two-letter initials for the avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? `${parts[0]![0]}${parts[parts.length - 1]![0]}` : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}
