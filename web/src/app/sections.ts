import type { ComponentType } from 'react';
import {
  IconDashboard,
  IconEye,
  IconInbox,
  IconRegistry,
  IconScale,
  IconSettings,
  IconShield,
} from '../ui/icons.tsx';

/** The seven sections of the staff area, in navigation order. */
export const SECTIONS = [
  { key: 'dashboard', path: '/app', icon: IconDashboard },
  { key: 'monitoring', path: '/app/pemantauan', icon: IconEye },
  { key: 'reports', path: '/app/laporan', icon: IconInbox },
  { key: 'cases', path: '/app/penanganan', icon: IconScale },
  { key: 'prevention', path: '/app/pencegahan', icon: IconShield },
  { key: 'registry', path: '/app/registri', icon: IconRegistry },
  { key: 'admin', path: '/app/admin', icon: IconSettings },
] as const satisfies readonly { key: string; path: string; icon: ComponentType<{ size?: number }> }[];

export type SectionKey = (typeof SECTIONS)[number]['key'];
