import type { SVGProps } from 'react';

/**
 * A small set of line icons (24×24, stroke-based) so the app needs no icon package.
 * They are decorative: `aria-hidden` is set, the text beside them carries the meaning.
 */
type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function BaseIcon({ paths, size = 20, ...props }: IconProps & { paths: readonly string[] }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

const DASHBOARD_PATHS = ['M4 4h6v8H4z', 'M14 4h6v5h-6z', 'M14 13h6v7h-6z', 'M4 16h6v4H4z'];
export const IconDashboard = (props: IconProps) => <BaseIcon paths={DASHBOARD_PATHS} {...props} />;
const EYE_PATHS = [
  'M2.5 12c2.4-4.3 5.6-6.5 9.5-6.5s7.1 2.2 9.5 6.5c-2.4 4.3-5.6 6.5-9.5 6.5S4.9 16.3 2.5 12z',
  'M12 9a3 3 0 1 0 0 6a3 3 0 0 0 0-6z',
];
export const IconEye = (props: IconProps) => <BaseIcon paths={EYE_PATHS} {...props} />;
const INBOX_PATHS = ['M4 13h4l1.5 3h5l1.5-3h4', 'M4 13l2.5-8h11l2.5 8v6H4z'];
export const IconInbox = (props: IconProps) => <BaseIcon paths={INBOX_PATHS} {...props} />;
const SCALE_PATHS = [
  'M12 4v16',
  'M8 20h8',
  'M5 8h14',
  'M5 8l-3 7a3 3 0 0 0 6 0z',
  'M19 8l-3 7a3 3 0 0 0 6 0z',
];
export const IconScale = (props: IconProps) => <BaseIcon paths={SCALE_PATHS} {...props} />;
const SHIELD_PATHS = ['M12 3l8 3v6c0 4.5-3.4 8.3-8 9c-4.6-.7-8-4.5-8-9V6z', 'M9 12l2 2l4-4'];
export const IconShield = (props: IconProps) => <BaseIcon paths={SHIELD_PATHS} {...props} />;
const REGISTRY_PATHS = [
  'M6 4h11a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6z',
  'M6 4v16',
  'M11 9a2 2 0 1 0 4 0a2 2 0 0 0-4 0',
  'M9.5 16a3.5 3.5 0 0 1 7 0',
];
export const IconRegistry = (props: IconProps) => <BaseIcon paths={REGISTRY_PATHS} {...props} />;
const SETTINGS_PATHS = [
  'M12 9a3 3 0 1 0 0 6a3 3 0 0 0 0-6z',
  'M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3a1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5a1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8a1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1a1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5a1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
];
export const IconSettings = (props: IconProps) => <BaseIcon paths={SETTINGS_PATHS} {...props} />;
const LOGOUT_PATHS = [
  'M14 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2v-2',
  'M9 12h12',
  'M18 9l3 3l-3 3',
];
export const IconLogout = (props: IconProps) => <BaseIcon paths={LOGOUT_PATHS} {...props} />;
const CHEVRONDOWN_PATHS = ['M6 9l6 6l6-6'];
export const IconChevronDown = (props: IconProps) => <BaseIcon paths={CHEVRONDOWN_PATHS} {...props} />;
const ARROWRIGHT_PATHS = ['M5 12h14', 'M13 6l6 6l-6 6'];
export const IconArrowRight = (props: IconProps) => <BaseIcon paths={ARROWRIGHT_PATHS} {...props} />;
const CHECK_PATHS = ['M5 12l5 5L20 7'];
export const IconCheck = (props: IconProps) => <BaseIcon paths={CHECK_PATHS} {...props} />;
const ALERT_PATHS = [
  'M12 9v4',
  'M12 16.5v.01',
  'M10.3 3.9L2.6 17.5A2 2 0 0 0 4.3 20.5h15.4a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
];
export const IconAlert = (props: IconProps) => <BaseIcon paths={ALERT_PATHS} {...props} />;
const LOCK_PATHS = ['M6 11h12v9H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3', 'M12 15v2'];
export const IconLock = (props: IconProps) => <BaseIcon paths={LOCK_PATHS} {...props} />;
const CLOCK_PATHS = ['M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18z', 'M12 7v5l3 2'];
export const IconClock = (props: IconProps) => <BaseIcon paths={CLOCK_PATHS} {...props} />;
const FILE_PATHS = [
  'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z',
  'M14 3v5h5',
  'M9 13h6',
  'M9 17h4',
];
export const IconFile = (props: IconProps) => <BaseIcon paths={FILE_PATHS} {...props} />;
const USEROFF_PATHS = ['M9 7a3 3 0 1 0 6 0a3 3 0 0 0-6 0', 'M6 21v-2a4 4 0 0 1 4-4h4', 'M3 3l18 18'];
export const IconUserOff = (props: IconProps) => <BaseIcon paths={USEROFF_PATHS} {...props} />;
const TICKET_PATHS = [
  'M4 7a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4z',
  'M14 5v2',
  'M14 11v2',
  'M14 17v2',
];
export const IconTicket = (props: IconProps) => <BaseIcon paths={TICKET_PATHS} {...props} />;
const MAPPIN_PATHS = [
  'M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z',
  'M12 7.5a2 2 0 1 0 0 4a2 2 0 0 0 0-4z',
];
export const IconMapPin = (props: IconProps) => <BaseIcon paths={MAPPIN_PATHS} {...props} />;
const SERVER_PATHS = ['M4 5h16v6H4z', 'M4 13h16v6H4z', 'M8 8h.01', 'M8 16h.01'];
export const IconServer = (props: IconProps) => <BaseIcon paths={SERVER_PATHS} {...props} />;
