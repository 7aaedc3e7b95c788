import { describe, expect, it } from 'vitest';
import { membersText, parseMembers } from './members.ts';

describe('task-force members in the form', () => {
  it('reads one member per line, name and position split at a dash', () => {
    expect(
      parseMembers('Inspektur Daerah — Inspektur\n\n  Budi Santoso  \nSekretaris Sub-bagian - Sekretaris'),
    ).toEqual([
      { name: 'Inspektur Daerah', position: 'Inspektur', role: 'anggota', staffId: null },
      { name: 'Budi Santoso', position: null, role: 'anggota', staffId: null },
      { name: 'Sekretaris Sub-bagian', position: 'Sekretaris', role: 'anggota', staffId: null },
    ]);
  });

  it('keeps the role and staff link of members already on the task force through an edit', () => {
    const previous = [
      { id: '1', name: 'Sekretaris Daerah', position: 'Sekda', role: 'ketua', staffId: 's-1' },
      { id: '2', name: 'Kepala BKPSDM', position: null, role: 'sekretaris', staffId: null },
    ];
    const text = membersText(previous);
    expect(text).toBe('Sekretaris Daerah — Sekda\nKepala BKPSDM');
    expect(parseMembers(`${text}\nInspektur — Inspektur Daerah`, previous)).toEqual([
      { name: 'Sekretaris Daerah', position: 'Sekda', role: 'ketua', staffId: 's-1' },
      { name: 'Kepala BKPSDM', position: null, role: 'sekretaris', staffId: null },
      { name: 'Inspektur', position: 'Inspektur Daerah', role: 'anggota', staffId: null },
    ]);
  });
});
