import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert } from '../../ui/icons.tsx';
import { SectionHeader } from '../../ui/SectionHeader.tsx';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { useAudit, useSetDisabled, useUsers } from './api.ts';

/**
 * *Admin* — users (list, disable/enable) and the audit trail (newest events, CSV export). Shown only
 * to roles with the permission; the server refuses the others anyway (403).
 */
export function AdminPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canUsers = me.permissions.includes('users.manage');
  const canAudit = me.permissions.includes('audit.read');
  if (!canUsers && !canAudit) {
    return (
      <Stack gap="lg">
        <SectionHeader section="admin" />
        <Alert color="yellow" icon={<IconAlert size={18} />} title={t('admin.noAccessTitle')} role="alert">
          {t('admin.noAccessBody')}
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <SectionHeader section="admin" />
      {canUsers && (
        <Anchor component={Link} to="/app/admin/kop-surat">
          {t('prevention.letterhead.title')}
        </Anchor>
      )}
      {me.permissions.includes('reference.manage') && (
        <Anchor component={Link} to="/app/penanganan/referensi">
          {t('cases.reference.title')}
        </Anchor>
      )}
      {canUsers && <UsersTable />}
      {canAudit && <AuditTable />}
    </Stack>
  );
}

function UsersTable() {
  const { t } = useTranslation();
  const users = useUsers(true);
  const setDisabled = useSetDisabled();
  return (
    <Stack gap="sm">
      <Title order={2} fz={20}>
        {t('admin.usersTitle')}
      </Title>
      {users.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : users.isError ? (
        <Alert color="red">{users.error.message}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.username')}</Table.Th>
                <Table.Th>{t('admin.name')}</Table.Th>
                <Table.Th>{t('admin.role')}</Table.Th>
                <Table.Th>{t('admin.office')}</Table.Th>
                <Table.Th>{t('admin.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.users.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                  <Table.Td>{u.office.name}</Table.Td>
                  <Table.Td>
                    <Badge color={u.disabled ? 'gray' : 'green'} variant="light">
                      {u.disabled ? t('admin.disabled') : t('admin.active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {u.abilities['users.manage'] && (
                      <Button
                        size="compact-sm"
                        variant="light"
                        loading={setDisabled.isPending && setDisabled.variables?.id === u.id}
                        onClick={() => setDisabled.mutate({ id: u.id, disabled: !u.disabled })}
                      >
                        {u.disabled ? t('admin.enable') : t('admin.disable')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function AuditTable() {
  const { t } = useTranslation();
  const audit = useAudit(true);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} fz={20}>
          {t('admin.auditTitle')}
        </Title>
        <Group gap="md">
          <Anchor href="/api/audit/export" download>
            {t('admin.exportCsv')}
          </Anchor>
          <Anchor href="/api/audit/export?format=xlsx" download>
            {t('admin.exportXlsx')}
          </Anchor>
        </Group>
      </Group>
      {audit.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : audit.isError ? (
        <Alert color="red">{audit.error.message}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.at')}</Table.Th>
                <Table.Th>{t('admin.actor')}</Table.Th>
                <Table.Th>{t('admin.action')}</Table.Th>
                <Table.Th>{t('admin.subject')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.data.events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                  <Table.Td>{e.actorUsername ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" fz="sm">
                      {e.action}
                    </Text>
                  </Table.Td>
                  <Table.Td>{e.subjectType ? `${e.subjectType} ${e.subjectId ?? ''}` : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
