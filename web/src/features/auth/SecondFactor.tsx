import { Alert, Button, Code, Image, List, PinInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { IconAlert } from '../../ui/icons.tsx';
import { useConfirmEnrolment, useStartEnrolment, useTotpLogin } from './api.ts';
import { meQueryKey } from './keys.ts';

function useErrorMessage(error: Error | null): string | undefined {
  const { t } = useTranslation();
  if (!error) return undefined;
  if (isApiError(error) && error.fromServer) return error.message;
  if (isApiError(error) && error.status === 0) return t('errors.network');
  return t('errors.generic', { message: error.message });
}

function ErrorAlert({ message }: { message: string | undefined }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlert size={18} />}
      title={t('auth2fa.failedTitle')}
      role="alert"
    >
      {message}
    </Alert>
  );
}

/** Second step of signing in: six digits from the authenticator app, or a recovery code. */
export function TotpStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const totp = useTotpLogin();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const submit = (value: string) => totp.mutate(value, { onSuccess: onDone });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (code.trim()) submit(code.trim());
  };
  return (
    <Stack gap="md">
      <Title order={2} fz={20}>
        {t('auth2fa.codeTitle')}
      </Title>
      <Text fz="sm" c="dimmed">
        {recovery ? t('auth2fa.recoveryIntro') : t('auth2fa.codeIntro')}
      </Text>
      <ErrorAlert message={useErrorMessage(totp.error)} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {recovery ? (
            <TextInput
              label={t('auth2fa.recoveryLabel')}
              name="recovery"
              autoComplete="off"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              data-autofocus
            />
          ) : (
            <Stack gap={4}>
              <Text component="label" htmlFor="totp-code" fz="sm" fw={500}>
                {t('auth2fa.codeLabel')}
              </Text>
              <PinInput
                id="totp-code"
                length={6}
                type="number"
                oneTimeCode
                aria-label={t('auth2fa.codeLabel')}
                value={code}
                onChange={setCode}
                onComplete={submit}
                autoFocus
              />
            </Stack>
          )}
          <Button type="submit" fullWidth loading={totp.isPending}>
            {t('auth2fa.verify')}
          </Button>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setRecovery(!recovery);
              setCode('');
            }}
          >
            {recovery ? t('auth2fa.useApp') : t('auth2fa.useRecovery')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

/**
 * Enrolment of the second factor: the QR code (and the secret to type in by hand), a code to
 * confirm, then the ten recovery codes, shown once.
 */
export function EnrolStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState('');
  // Start once when the step appears.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once on mount by design
  useEffect(() => {
    start.mutate();
  }, []);

  const startError = useErrorMessage(start.error);
  const confirmError = useErrorMessage(confirm.error);

  if (confirm.data) {
    return (
      <Stack gap="md">
        <Title order={2} fz={20}>
          {t('auth2fa.recoveryTitle')}
        </Title>
        <Text fz="sm">{t('auth2fa.recoveryCodesIntro')}</Text>
        <List spacing={4} aria-label={t('auth2fa.recoveryTitle')} listStyleType="none">
          {confirm.data.recoveryCodes.map((c) => (
            <List.Item key={c}>
              <Code fz="md">{c}</Code>
            </List.Item>
          ))}
        </List>
        <Button
          fullWidth
          onClick={() => {
            queryClient.setQueryData(meQueryKey, confirm.data.me);
            onDone();
          }}
        >
          {t('auth2fa.continue')}
        </Button>
      </Stack>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (code.length === 6) confirm.mutate(code);
  };
  return (
    <Stack gap="md">
      <Title order={2} fz={20}>
        {t('auth2fa.enrolTitle')}
      </Title>
      <Text fz="sm" c="dimmed">
        {t('auth2fa.enrolIntro')}
      </Text>
      <ErrorAlert message={startError ?? confirmError} />
      {start.data && (
        <>
          <Image src={start.data.qrCode} alt={t('auth2fa.qrAlt')} w={200} h={200} mx="auto" />
          <Text fz="sm">
            {t('auth2fa.manualKey')} <Code data-testid="totp-secret">{start.data.secret}</Code>
          </Text>
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <TextInput
                label={t('auth2fa.codeLabel')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
              />
              <Button type="submit" fullWidth loading={confirm.isPending} disabled={code.length !== 6}>
                {t('auth2fa.confirm')}
              </Button>
            </Stack>
          </form>
        </>
      )}
    </Stack>
  );
}
