import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Loader,
  Stack,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackCheck } from '../../../../src/contracts/monitoring.ts';
import { useCheckPack, usePacks, useSetPackActive, useUploadPack } from './api.ts';

/** Election packs: upload a pack JSON (checked first), activate or deactivate, list. */
export function PacksPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const packs = usePacks();
  const check = useCheckPack();
  const upload = useUploadPack();
  const setActive = useSetPackActive();
  const [body, setBody] = useState<unknown>(null);
  const [result, setResult] = useState<PackCheck | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [activate, setActivate] = useState(true);

  const onFile = async (file: File | null) => {
    setResult(null);
    setParseError(null);
    if (!file) return;
    try {
      const json = JSON.parse(await file.text());
      setBody(json);
      setResult(await check.mutateAsync(json));
    } catch (e) {
      setParseError((e as Error).message);
    }
  };

  return (
    <Stack gap="sm">
      {canManage && (
        <Group>
          <FileButton onChange={onFile} accept="application/json,.json">
            {(props) => (
              <Button variant="default" {...props}>
                {t('monitoring.packs.choose')}
              </Button>
            )}
          </FileButton>
          <Checkbox
            label={t('monitoring.packs.activate')}
            checked={activate}
            onChange={(e) => setActivate(e.currentTarget.checked)}
          />
        </Group>
      )}
      {parseError && <Alert color="red">{parseError}</Alert>}
      {result && !result.valid && (
        <Alert color="red" title={t('monitoring.packs.invalid')}>
          {result.errors.map((e) => (
            <Text key={`${e.field}:${e.message}`} size="sm">
              {e.field}: {e.message}
            </Text>
          ))}
        </Alert>
      )}
      {result?.valid && result.pack && (
        <Alert color="teal" title={t('monitoring.packs.valid')}>
          <Text size="sm">
            {result.pack.name} ({result.pack.id}, {result.pack.regionCode}) — {result.pack.contestants}{' '}
            {t('monitoring.packs.contestants')}
          </Text>
          <Button
            mt="xs"
            size="xs"
            loading={upload.isPending}
            onClick={() => upload.mutate({ body, activate }, { onSuccess: () => setResult(null) })}
          >
            {t('monitoring.packs.save')}
          </Button>
        </Alert>
      )}
      {upload.isError && <Alert color="red">{upload.error.message}</Alert>}
      {packs.isPending ? (
        <Loader size="sm" />
      ) : packs.isError ? (
        <Alert color="red">{packs.error.message}</Alert>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('monitoring.packs.name')}</Table.Th>
              <Table.Th>{t('monitoring.packs.region')}</Table.Th>
              <Table.Th>{t('monitoring.packs.stages')}</Table.Th>
              <Table.Th>{t('monitoring.packs.active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {packs.data.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {p.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {p.id} · {p.kind} · {p.contestants} {t('monitoring.packs.contestants')}
                  </Text>
                </Table.Td>
                <Table.Td>{p.regionCode}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {p.stages.map((s) => (
                      <Badge key={s.code} variant="outline" size="xs">
                        {s.name}: {s.start}–{s.end}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={p.active}
                    disabled={!canManage}
                    aria-label={t('monitoring.packs.active')}
                    onChange={(e) => setActive.mutate({ id: p.id, active: e.currentTarget.checked })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
