import { Alert, Badge, Box, Button, Group, List, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyNode, UnitNode } from '../../../../src/contracts/registry.ts';
import { AgencyForm } from './AgencyForm.tsx';
import { useAgencies } from './api.ts';
import { ExportButton } from './ExportButton.tsx';

function UnitTree({ units, parentId }: { units: UnitNode[]; parentId: string | null }) {
  const children = units.filter((u) => u.parentId === parentId);
  if (!children.length) return null;
  return (
    <List size="sm" withPadding>
      {children.map((u) => (
        <List.Item key={u.id}>
          {u.name}
          <UnitTree units={units} parentId={u.id} />
        </List.Item>
      ))}
    </List>
  );
}

function AgencyItem({
  agency,
  all,
  onEdit,
}: {
  agency: AgencyNode;
  all: AgencyNode[];
  onEdit?: (a: AgencyNode) => void;
}) {
  const { t } = useTranslation();
  const children = all.filter((a) => a.parentId === agency.id);
  return (
    <List.Item>
      <Group gap="xs">
        <Text fw={600}>{agency.name}</Text>
        <Badge variant="light">
          {t(`registry.agencyKinds.${agency.kind}`, { defaultValue: agency.kind })}
        </Badge>
        <Text fz="sm" c="dimmed">
          {agency.regionName} · {t('registry.staffCount', { count: agency.staffCount })}
          {agency.taskForceHead ? ` · ${t('registry.taskForceHead')}: ${agency.taskForceHead}` : ''}
        </Text>
        {onEdit && (
          <Button
            variant="subtle"
            size="compact-xs"
            onClick={() => onEdit(agency)}
            aria-label={t('registry.forms.editAgencyNamed', { name: agency.name })}
          >
            {t('registry.forms.edit')}
          </Button>
        )}
      </Group>
      <UnitTree units={agency.units} parentId={null} />
      {children.length > 0 && (
        <List withPadding>
          {children.map((c) => (
            <AgencyItem key={c.id} agency={c} all={all} onEdit={onEdit} />
          ))}
        </List>
      )}
    </List.Item>
  );
}

/** Agencies of the jurisdiction as a tree (parent agencies, then units and sub-units). */
export function AgencyTree({
  canWrite = false,
  defaultRegion = '00',
}: {
  canWrite?: boolean;
  defaultRegion?: string;
}) {
  const { t } = useTranslation();
  // undefined: closed; null: a new agency; else the agency being edited.
  const [editing, setEditing] = useState<AgencyNode | null | undefined>(undefined);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const agencies = useAgencies(debounced.trim());
  return (
    <Stack gap="sm">
      <Group align="end">
        <TextInput
          label={t('registry.searchAgency')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={320}
        />
        <ExportButton list="agencies" filters={{ q: debounced.trim() || undefined }} />
        {canWrite && (
          <Button variant="light" onClick={() => setEditing(null)}>
            {t('registry.forms.addAgency')}
          </Button>
        )}
      </Group>
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? t('registry.forms.editAgency') : t('registry.forms.addAgency')}
        size="lg"
      >
        {editing !== undefined && (
          <AgencyForm
            agency={editing ?? undefined}
            defaultRegion={defaultRegion}
            onDone={() => setEditing(undefined)}
          />
        )}
      </Modal>
      {agencies.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : agencies.isError ? (
        <Alert color="red">{agencies.error.message}</Alert>
      ) : agencies.data.length === 0 ? (
        <Text c="dimmed">{t('registry.noAgencies')}</Text>
      ) : (
        <Box>
          <List spacing="sm">
            {agencies.data
              .filter((a) => !a.parentId || !agencies.data.some((p) => p.id === a.parentId))
              .map((a) => (
                <AgencyItem
                  key={a.id}
                  agency={a}
                  all={agencies.data}
                  onEdit={canWrite ? setEditing : undefined}
                />
              ))}
          </List>
        </Box>
      )}
    </Stack>
  );
}
