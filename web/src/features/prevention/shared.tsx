import { Alert, Loader, MultiSelect, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { useAgencies } from '../registry/api.ts';

/** Today as YYYY-MM-DD in the browser's calendar. */
export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A query's loading and error states; renders children when the data is there. */
export function Loading({ query }: { query: { isPending: boolean; isError: boolean; error: Error | null } }) {
  const { t } = useTranslation();
  if (query.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (query.isError)
    return (
      <Alert color="red" role="alert">
        {query.error?.message}
      </Alert>
    );
  return null;
}

/** The error of a mutation, with the rows/fields the server named. */
export function MutationError({ error }: { error: Error | null }) {
  if (!error) return null;
  const details = isApiError(error) ? error.details : [];
  return (
    <Alert color="red" role="alert">
      <Text fz="sm">{error.message}</Text>
      {details.slice(0, 20).map((d) => (
        <Text fz="xs" key={`${d.row ?? ''}-${d.field}-${d.message}`}>
          {d.row ? `Baris ${d.row} · ` : ''}
          {d.field}: {d.message}
        </Text>
      ))}
    </Alert>
  );
}

/**
 * Agency picker from the registry. Task-force heads cannot read the registry: their agency is
 * filled in by the server, so the picker is hidden for them.
 */
export function AgencyPicker(props: {
  value: string | null;
  onChange: (v: string | null) => void;
  label: string;
}) {
  const me = useCurrentUser();
  const agencies = useAgencies('');
  if (!me.permissions.includes('registry.read')) return null;
  return (
    <Select
      label={props.label}
      searchable
      clearable
      data={(agencies.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.regionName})` }))}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

export function AgenciesPicker(props: { value: string[]; onChange: (v: string[]) => void; label: string }) {
  const me = useCurrentUser();
  const agencies = useAgencies('');
  if (!me.permissions.includes('registry.read')) return null;
  return (
    <MultiSelect
      label={props.label}
      searchable
      clearable
      data={(agencies.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.regionName})` }))}
      value={props.value}
      onChange={props.onChange}
    />
  );
}
