import {
  Alert,
  Box,
  Button,
  Checkbox,
  Container,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { PublicHeader } from '../public/PublicHeader.tsx';
import { usePublicCampaign, useSignPledge } from './api.ts';

/**
 * Public neutrality-pledge page (`/ikrar/:campaignId`), mobile first: read the pledge, sign with NIP
 * and name. A wrong pair gets one neutral message; a hidden honeypot field catches bots.
 */
export function PledgePublicPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const campaign = usePublicCampaign(campaignId);
  const sign = useSignPledge(campaignId);
  const [nip, setNip] = useState('');
  const [name, setName] = useState('');
  const [agree, setAgree] = useState(false);
  const [website, setWebsite] = useState('');
  usePageTitle(campaign.data?.title ?? t('prevention.public.title'));
  return (
    <Box mih="100vh" bg="gray.0">
      <PublicHeader />
      <Container size="sm" py="lg" px="md">
        {campaign.isPending && <Loader aria-label={t('app.loading')} />}
        {campaign.isError && (
          <Alert color="red" role="alert">
            {t('prevention.public.notFound')}
          </Alert>
        )}
        {campaign.data && (
          <Stack gap="md">
            <Title order={1} fz={{ base: 24, sm: 30 }}>
              {campaign.data.title}
            </Title>
            <Text c="dimmed">{campaign.data.scope}</Text>
            <Paper withBorder p="md" radius="md">
              <Text style={{ whiteSpace: 'pre-line' }} lh={1.7}>
                {campaign.data.text}
              </Text>
            </Paper>
            <Text fz="sm" c="dimmed" data-testid="public-signed">
              {t('prevention.public.signedCount', { n: campaign.data.signed })}
            </Text>
            {sign.isSuccess ? (
              <Alert color="green" role="status" title={t('prevention.public.thanksTitle')}>
                {t('prevention.public.thanks')}
              </Alert>
            ) : !campaign.data.open ? (
              <Alert color="yellow">{t('prevention.public.closed')}</Alert>
            ) : (
              <Paper withBorder p="md" radius="md">
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (agree) sign.mutate({ nip, name, agree: true, website: website || undefined });
                  }}
                >
                  <Stack gap="sm">
                    <TextInput
                      label={t('prevention.public.nip')}
                      description={t('prevention.public.nipHint')}
                      inputMode="numeric"
                      autoComplete="off"
                      required
                      size="md"
                      value={nip}
                      onChange={(e) => setNip(e.currentTarget.value)}
                    />
                    <TextInput
                      label={t('prevention.public.name')}
                      autoComplete="name"
                      required
                      size="md"
                      value={name}
                      onChange={(e) => setName(e.currentTarget.value)}
                    />
                    {/* Honeypot: invisible to people, filled by bots. */}
                    <Box
                      style={{
                        position: 'absolute',
                        left: '-10000px',
                        width: 1,
                        height: 1,
                        overflow: 'hidden',
                      }}
                      aria-hidden
                    >
                      <label>
                        Website
                        <input
                          tabIndex={-1}
                          autoComplete="off"
                          name="website"
                          value={website}
                          onChange={(e) => setWebsite(e.currentTarget.value)}
                        />
                      </label>
                    </Box>
                    <Checkbox
                      label={t('prevention.public.agree')}
                      checked={agree}
                      onChange={(e) => setAgree(e.currentTarget.checked)}
                      required
                    />
                    {sign.error && (
                      <Alert color="red" role="alert">
                        {isApiError(sign.error) && sign.error.code === 'RATE_LIMITED'
                          ? t('prevention.public.tooMany')
                          : isApiError(sign.error) && sign.error.code === 'CONFLICT'
                            ? t('prevention.public.already')
                            : isApiError(sign.error) && sign.error.code === 'VALIDATION'
                              ? t('prevention.public.mismatch')
                              : sign.error.message}
                      </Alert>
                    )}
                    <Button type="submit" size="md" disabled={!agree} loading={sign.isPending} fullWidth>
                      {t('prevention.public.sign')}
                    </Button>
                    <Text fz="xs" c="dimmed">
                      {t('prevention.public.privacy')}
                    </Text>
                  </Stack>
                </form>
              </Paper>
            )}
          </Stack>
        )}
      </Container>
    </Box>
  );
}
