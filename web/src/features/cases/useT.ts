import { useTranslation } from 'react-i18next';

/**
 * `t` for keys built at run time (`cases.states.${status}`): the typed `t` accepts only literal
 * keys, and the workflow's state, action and field names come from the server's data.
 */
export function useT() {
  const { t } = useTranslation();
  return {
    t: (key: string, options?: Record<string, unknown>): string =>
      (t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options),
  };
}
