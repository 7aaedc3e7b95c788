import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toQuery } from './api.ts';

/** Downloads the list as XLSX with the filters on screen (the server streams the workbook). */
export function ExportButton({
  list,
  filters,
}: {
  list: 'staff' | 'agencies' | 'accounts';
  filters: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <Button component="a" variant="light" href={`/api/registry/export/${list}${toQuery(filters)}`} download>
      {t('registry.exportXlsx')}
    </Button>
  );
}
