import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab title to "<page> — Netra" (or the app's full name on the home page). */
export function usePageTitle(page?: string) {
  const { t } = useTranslation();
  const full = `${t('app.name')} — ${t('app.tagline')}`;
  useEffect(() => {
    document.title = page ? `${page} — ${t('app.name')}` : full;
  }, [page, full, t]);
}
