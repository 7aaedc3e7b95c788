import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** Deep institutional blue, from light (0) to dark (9). */
const netra: MantineColorsTuple = [
  '#eef3fa',
  '#dbe4f2',
  '#b3c6e4',
  '#88a6d6',
  '#658bc9',
  '#4e7ac2',
  '#3f6fbf',
  '#2f5ea9',
  '#24508f',
  '#14325c',
];

export const theme = createTheme({
  primaryColor: 'netra',
  primaryShade: { light: 7, dark: 5 },
  colors: { netra },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});
