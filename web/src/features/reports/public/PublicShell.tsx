import { Box, Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { PublicHeader } from '../../public/PublicHeader.tsx';

/** Layout of the public report pages: header, one readable column (phones first). */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="netra-skip-link" href="#konten">
        Lewati ke konten
      </a>
      <PublicHeader />
      <Box component="main" id="konten" py={{ base: 'md', sm: 'xl' }} bg="gray.0" mih="calc(100vh - 64px)">
        <Container size="sm" px={{ base: 'sm', sm: 'md' }}>
          {children}
        </Container>
      </Box>
    </>
  );
}
