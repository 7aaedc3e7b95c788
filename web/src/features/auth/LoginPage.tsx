import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { IconAlert } from '../../ui/icons.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { PublicHeader } from '../public/PublicHeader.tsx';
import { useLogin, useMe } from './api.ts';
import { EnrolStep, TotpStep } from './SecondFactor.tsx';

/** Where to go after signing in: the staff page the user was sent away from, else the Dasbor. */
function targetAfterLogin(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/app') ? from : '/app';
}

/** `/masuk` — staff sign-in with username and password. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string }>({});
  const [step, setStep] = useState<'password' | 'totp' | 'enrol'>('password');

  const target = targetAfterLogin(location.state);
  if (me.data) return <Navigate to={target} replace />;
  const done = () => navigate(target, { replace: true });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = {
      username: username.trim() === '' ? t('login.usernameRequired') : undefined,
      password: password === '' ? t('login.passwordRequired') : undefined,
    };
    setFieldErrors(errors);
    if (errors.username || errors.password) return;
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: (result) => ('next' in result ? setStep(result.next) : done()) },
    );
  };

  const error = login.error;
  const errorMessage = !error
    ? undefined
    : isApiError(error) && error.fromServer
      ? error.message
      : isApiError(error) && error.status === 0
        ? t('errors.network')
        : t('errors.generic', { message: error.message });

  return (
    <>
      <a className="netra-skip-link" href="#konten">
        {t('app.skipToContent')}
      </a>
      <PublicHeader />
      <Box
        component="main"
        id="konten"
        tabIndex={-1}
        bg="gray.0"
        mih="calc(100dvh - 64px)"
        py={{ base: 'xl', sm: 64 }}
        px="md"
      >
        <Center>
          <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420}>
            <Stack gap="md">
              <Stack gap={4}>
                <Title order={1} fz={26} c="netra.9">
                  {t('login.title')}
                </Title>
                <Text fz="sm" c="dimmed" lh={1.5}>
                  {t('login.intro')}
                </Text>
              </Stack>
              {step === 'password' && errorMessage && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlert size={18} />}
                  title={t('login.failedTitle')}
                  role="alert"
                >
                  {errorMessage}
                </Alert>
              )}
              {step === 'totp' ? (
                <TotpStep onDone={done} />
              ) : step === 'enrol' ? (
                <EnrolStep onDone={done} />
              ) : me.isPending ? (
                <Center py="md">
                  <Loader size="sm" aria-label={t('app.loading')} />
                </Center>
              ) : (
                <form onSubmit={onSubmit} noValidate>
                  <Stack gap="md">
                    <TextInput
                      label={t('login.username')}
                      name="username"
                      autoComplete="username"
                      autoCapitalize="none"
                      spellCheck={false}
                      required
                      value={username}
                      onChange={(e) => setUsername(e.currentTarget.value)}
                      error={fieldErrors.username}
                      data-autofocus
                    />
                    <PasswordInput
                      label={t('login.password')}
                      name="password"
                      autoComplete="current-password"
                      required
                      value={password}
                      onChange={(e) => setPassword(e.currentTarget.value)}
                      error={fieldErrors.password}
                    />
                    <Button
                      type="submit"
                      fullWidth
                      size="md"
                      loading={login.isPending}
                      loaderProps={{ 'aria-label': t('login.submitting') }}
                    >
                      {t('login.submit')}
                    </Button>
                  </Stack>
                </form>
              )}
              <Stack gap={4} align="center">
                <Anchor component={Link} to="/#cara-melapor" fz="sm" ta="center">
                  {t('login.howToReport')}
                </Anchor>
                <Anchor component={Link} to="/" fz="xs" c="dimmed">
                  {t('login.backToPublic')}
                </Anchor>
              </Stack>
            </Stack>
          </Paper>
        </Center>
      </Box>
    </>
  );
}
