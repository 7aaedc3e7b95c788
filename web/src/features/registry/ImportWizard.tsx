import {
  Alert,
  Button,
  FileInput,
  Group,
  Progress,
  SegmentedControl,
  Stack,
  Stepper,
  Table,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportProgress, ImportResult } from '../../../../src/contracts/registry.ts';
import { isApiError } from '../../app/api.ts';
import { uploadImport } from './api.ts';

type Step = 'upload' | 'preview' | 'done';
type RowError = { row: number; field: string; message: string };

/**
 * Import wizard: 1. choose the kind and upload a CSV/XLSX file; 2. preview — the server checks every
 * row without writing (dry run) and either lists the rows in error or shows what would change;
 * 3. confirm — the same file is imported for real.
 */
export function ImportWizard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('staff');
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>('upload');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const [server, setServer] = useState<ImportProgress | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<RowError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setProgress(0);
    setServer(null);
    setFailure(null);
    setErrors([]);
    try {
      const r = await uploadImport({
        kind,
        file,
        dryRun,
        onProgress: setProgress,
        onServerProgress: setServer,
      });
      if (dryRun) {
        setPreview(r);
        setStep('preview');
      } else {
        setResult(r);
        setStep('done');
        await queryClient.invalidateQueries({ queryKey: ['registry'] });
      }
    } catch (e) {
      if (isApiError(e) && e.code === 'IMPORT_ROW_INVALID') {
        setErrors(e.details.map((d) => ({ row: d.row ?? 1, field: d.field, message: d.message })));
        setFailure(e.message);
        setPreview(null);
        setStep('preview');
      } else setFailure(isApiError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep('upload');
    setPreview(null);
    setResult(null);
    setErrors([]);
    setFailure(null);
  };

  const active = step === 'upload' ? 0 : step === 'preview' ? 1 : 3;
  return (
    <Stack gap="md" maw={900}>
      <Stepper active={active} size="sm">
        <Stepper.Step label={t('registry.wizard.upload')} />
        <Stepper.Step label={t('registry.wizard.preview')} />
        <Stepper.Step label={t('registry.wizard.confirm')} />
      </Stepper>
      <Text fz="sm" c="dimmed">
        {t('registry.wizard.hint')}
      </Text>
      <SegmentedControl
        value={kind}
        onChange={(v) => {
          setKind(v as ImportKind);
          restart();
        }}
        data={[
          { value: 'agencies', label: t('registry.tabs.agencies') },
          { value: 'staff', label: t('registry.tabs.staff') },
          { value: 'accounts', label: t('registry.tabs.accounts') },
        ]}
      />
      <FileInput
        label={t('registry.wizard.file')}
        placeholder={t('registry.wizard.choose')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => {
          setFile(f);
          restart();
        }}
        clearable
      />
      {busy && (
        <Stack gap={4}>
          <Progress
            value={
              progress < 1
                ? progress * 100
                : server && server.total > 0
                  ? (100 * server.done) / server.total
                  : 100
            }
            animated={progress >= 1 && !server}
            aria-label={t('registry.wizard.progress')}
          />
          <Text fz="sm" c="dimmed" data-testid="import-progress">
            {progress < 1
              ? t('registry.wizard.uploading', { percent: Math.round(progress * 100) })
              : server
                ? t(`registry.wizard.phase.${server.phase}`, {
                    done: server.done.toLocaleString('id-ID'),
                    total: server.total.toLocaleString('id-ID'),
                  })
                : t('registry.wizard.checking')}
          </Text>
        </Stack>
      )}
      {step === 'upload' && (
        <Group>
          <Button disabled={!file || busy} loading={busy} onClick={() => send(true)}>
            {t('registry.wizard.check')}
          </Button>
        </Group>
      )}
      {failure && errors.length === 0 && <Alert color="red">{failure}</Alert>}
      {step === 'preview' && errors.length > 0 && (
        <Stack gap="sm">
          <Alert color="red" title={t('registry.wizard.errorsTitle', { count: errors.length })} role="alert">
            {t('registry.wizard.errorsBody')}
          </Alert>
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={t('registry.wizard.errorsTitle', { count: errors.length })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('registry.wizard.row')}</Table.Th>
                  <Table.Th>{t('registry.wizard.field')}</Table.Th>
                  <Table.Th>{t('registry.wizard.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {errors.map((e) => (
                  <Table.Tr key={`${e.row}-${e.field}-${e.message}`} bg="var(--mantine-color-red-light)">
                    <Table.Td>{t('registry.wizard.rowN', { row: e.row })}</Table.Td>
                    <Table.Td>{e.field}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text fz="sm">{t('registry.wizard.fixAndRetry')}</Text>
          <Group>
            <Button variant="default" onClick={restart}>
              {t('registry.wizard.again')}
            </Button>
          </Group>
        </Stack>
      )}
      {step === 'preview' && preview && (
        <Stack gap="sm">
          <Alert color="blue" title={t('registry.wizard.previewTitle')}>
            {t('registry.wizard.counts', preview)}
          </Alert>
          <Group>
            <Button loading={busy} onClick={() => send(false)}>
              {t('registry.wizard.confirmButton')}
            </Button>
            <Button variant="default" onClick={restart} disabled={busy}>
              {t('registry.wizard.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
      {step === 'done' && result && (
        <Alert color="green" title={t('registry.wizard.doneTitle')} role="status">
          {t('registry.wizard.counts', result)}
        </Alert>
      )}
    </Stack>
  );
}
