import type { TaskForceView } from '../../../../src/contracts/prevention.ts';

type Member = TaskForceView['members'][number];
type Role = 'ketua' | 'wakil_ketua' | 'sekretaris' | 'anggota';
const ROLES: readonly string[] = ['ketua', 'wakil_ketua', 'sekretaris', 'anggota'];

/** Name and position separated by an em or en dash, or by a hyphen with spaces around it. */
const SEPARATOR = /\s*[—–]\s*|\s+-\s+/;

/** A task force's members as the form's text: one per line, `Name — Position`. */
export const membersText = (members: readonly Pick<Member, 'name' | 'position'>[]): string =>
  members.map((m) => (m.position ? `${m.name} — ${m.position}` : m.name)).join('\n');

/**
 * The members typed in the form, one per line (`Name — Position`). A member already on the task
 * force (same name) keeps their role and staff link; a new one is an `anggota`.
 */
export function parseMembers(
  text: string,
  previous: readonly Member[] = [],
): { name: string; position: string | null; role: Role; staffId: string | null }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = SEPARATOR.exec(line);
      const name = (m ? line.slice(0, m.index) : line).trim();
      const position = m ? line.slice(m.index + m[0].length).trim() : '';
      const before = previous.find((p) => p.name === name);
      return {
        name,
        position: position || null,
        role: before && ROLES.includes(before.role) ? (before.role as Role) : 'anggota',
        staffId: before?.staffId ?? null,
      };
    });
}
