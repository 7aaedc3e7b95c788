import type { ComponentType } from 'react';
import type { Action } from '../../../src/domain/permissions.ts';
import {
  IconDashboard,
  IconEye,
  IconInbox,
  IconRegistry,
  IconScale,
  IconSettings,
  IconShield,
} from '../ui/icons.tsx';

/**
 * The seven sections of the staff area, in navigation order. `permission`: the navigation shows the
 * section only to roles that have it (src/domain/permissions.ts); the server refuses the rest anyway.
 */
export const SECTIONS = [
  { key: 'dashboard', path: '/app', icon: IconDashboard, permission: null },
  { key: 'monitoring', path: '/app/pemantauan', icon: IconEye, permission: 'monitoring.read' },
  { key: 'reports', path: '/app/laporan', icon: IconInbox, permission: 'reports.read' },
  { key: 'cases', path: '/app/penanganan', icon: IconScale, permission: 'cases.read' },
  { key: 'prevention', path: '/app/pencegahan', icon: IconShield, permission: 'prevention.read' },
  { key: 'registry', path: '/app/registri', icon: IconRegistry, permission: 'registry.read' },
  { key: 'admin', path: '/app/admin', icon: IconSettings, permission: 'users.manage' },
] as const satisfies readonly {
  key: string;
  path: string;
  icon: ComponentType<{ size?: number }>;
  permission: Action | null;
}[];

export type SectionKey = (typeof SECTIONS)[number]['key'];
