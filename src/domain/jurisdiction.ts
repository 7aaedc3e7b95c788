/**
 * Jurisdictions are region subtrees keyed by Kemendagri codes: "00" is all of Indonesia, "64" a
 * province, "64.71" a regency/city, "64.71.01" a district. A code is inside a jurisdiction when it
 * equals the root or extends it by further dotted segments.
 */
export const NATIONAL = '00';

export function isWithinJurisdiction(regionCode: string, root: string): boolean {
  if (root === NATIONAL) return true;
  return regionCode === root || regionCode.startsWith(`${root}.`);
}

/** The chain of ancestors of a code, nearest last: "64.71.01" → ["00", "64", "64.71", "64.71.01"]. */
export function regionAncestry(code: string): string[] {
  if (code === NATIONAL) return [NATIONAL];
  const parts = code.split('.');
  return [NATIONAL, ...parts.map((_, i) => parts.slice(0, i + 1).join('.'))];
}

/** Level of a code: 0 national, 1 province, 2 regency/city, 3 district, 4 village. */
export const regionLevel = (code: string) => (code === NATIONAL ? 0 : code.split('.').length);
