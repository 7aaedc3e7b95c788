import { PLATFORMS } from '../../../../src/domain/monitoring.ts';

/** A `t` that takes keys built at run time (see `useT`). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * What the timeline shows of an event's payload (documents and decisions, not internals), in the
 * order shown.
 */
export const SHOWN_FIELDS = [
  'origin',
  'reason',
  'outcome',
  'violationFormCodes',
  'sanctionRecommended',
  'sanction',
  'imposedOn',
  'decreeNumber',
  'letterNumber',
  'partyName',
  'partyRole',
  'statement',
  'conclusion',
  'category',
  'candidateStage',
  'role',
  'name',
  'details',
  'text',
  'to',
  'intoCaseNumber',
  'caseNumber',
  'toOfficeName',
  'number',
  'description',
] as const;

/** Payload fields that hold a code, and the i18n group (under `cases.`) that names each code. */
const CODED: Partial<Record<(typeof SHOWN_FIELDS)[number], string>> = {
  origin: 'origins',
  outcome: 'outcomes',
  sanctionRecommended: 'sanctions',
  partyRole: 'partyRoles',
  role: 'partyRoles',
  category: 'categories',
  candidateStage: 'candidateStages',
};

/** A code's label from `cases.<group>`, or the code itself when the group does not name it. */
export const codeLabel = (t: Translate, group: string, code: string): string =>
  t(`cases.${group}.${code}`, { defaultValue: code });

/** One line of an event in the timeline: the field's label and its value as a person reads it. */
export interface EventDetail {
  field: string;
  label: string;
  value: string;
}

/** The lines the timeline shows for one event's payload, with codes replaced by their labels. */
export function eventDetails(t: Translate, payload: Record<string, unknown>): EventDetail[] {
  const out: EventDetail[] = [];
  for (const field of SHOWN_FIELDS) {
    const raw = payload[field];
    if (raw === undefined || raw === null || raw === '') continue;
    if (Array.isArray(raw) && raw.length === 0) continue;
    const group = CODED[field];
    const value = Array.isArray(raw)
      ? raw.map(String).join(', ')
      : group && typeof raw === 'string'
        ? codeLabel(t, group, raw)
        : String(raw);
    out.push({ field, label: t(`cases.fields.${field}`), value });
  }
  return out;
}

const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);

/**
 * The case's place as a person reads it: a case opened from a monitoring alert keeps the post's
 * platform code (`x`) as its place, which is shown by the platform's name.
 */
export function placeLabel(t: Translate, place: string | null, origin: string): string {
  if (!place) return '-';
  if (origin === 'alert' && PLATFORM_SET.has(place)) return t(`registry.platforms.${place}`);
  return place;
}
