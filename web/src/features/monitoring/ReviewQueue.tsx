import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Kbd,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertView, DismissReason } from '../../../../src/contracts/monitoring.ts';
import { CATEGORIES } from '../../../../src/contracts/scan.ts';
import {
  type QueueFilters,
  useConfirm,
  useDismiss,
  usePacks,
  useQueue,
  useReassign,
  useReviewers,
} from './api.ts';
import { highlightSegments } from './highlight.ts';

const REASONS: DismissReason[] = ['not_partisan', 'not_asn', 'duplicate', 'out_of_jurisdiction'];

function PostText({ alert }: { alert: AlertView }) {
  const segments = useMemo(() => highlightSegments(alert.post.text, alert.signals), [alert]);
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="post-text">
      {segments.map((s, i) =>
        s.kinds ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
          <mark key={i} className="signal" data-signal={s.kinds.join(' ')} title={s.kinds.join(', ')}>
            {s.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
          <span key={i}>{s.text}</span>
        ),
      )}
    </Text>
  );
}

/** The supervisors' review queue: alerts grouped by account, keyboard-driven, with bulk actions. */
export function ReviewQueue({ canReview }: { canReview: boolean }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<QueueFilters>({ status: 'pending' });
  const queue = useQueue(filters);
  const packs = usePacks();
  const confirm = useConfirm();
  const dismiss = useDismiss();
  const reassign = useReassign();
  const reviewers = useReviewers(canReview);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [dismissFor, setDismissFor] = useState<string[] | null>(null);
  const [reassignFor, setReassignFor] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const rowRefs = useRef<Map<string, HTMLDivElement>>(new Map());

  const flat = useMemo(() => (queue.data?.groups ?? []).flatMap((g) => g.alerts), [queue.data]);
  const focused = flat[Math.min(focus, flat.length - 1)];
  const pending = filters.status === 'pending' && canReview;
  const targets = () => (selected.size > 0 ? [...selected] : focused ? [focused.id] : []);
  const done = (n: number, key: string) => {
    setSelected(new Set());
    setMessage((t as unknown as (k: string, o: object) => string)(key, { count: n }));
  };
  const doConfirm = (ids: string[]) => {
    if (ids.length === 0) return;
    confirm.mutate({ ids }, { onSuccess: (r) => done(r.updated.length, 'monitoring.queue.confirmed') });
  };
  const doDismiss = (ids: string[], reason: DismissReason) => {
    setDismissFor(null);
    dismiss.mutate(
      { ids, reason },
      { onSuccess: (r) => done(r.updated.length, 'monitoring.queue.dismissed') },
    );
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
      if (e.ctrlKey || e.metaKey || e.altKey || dismissFor || reassignFor) return;
      if (e.key === 'j') setFocus((f) => Math.min(f + 1, Math.max(0, flat.length - 1)));
      else if (e.key === 'k') setFocus((f) => Math.max(0, f - 1));
      else if (e.key === 'x' && focused)
        setSelected((s) => {
          const n = new Set(s);
          if (n.has(focused.id)) n.delete(focused.id);
          else n.add(focused.id);
          return n;
        });
      else if (e.key === 'c' && pending) doConfirm(targets());
      else if (e.key === 'd' && pending && targets().length) setDismissFor(targets());
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    if (focused) rowRefs.current.get(focused.id)?.scrollIntoView({ block: 'nearest' });
  }, [focused]);

  const fmt = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
          dateStyle: 'medium',
          timeStyle: 'short',
        })
      : '—';
  const error = confirm.error ?? dismiss.error ?? reassign.error;

  return (
    <Stack gap="sm">
      <Group align="end" gap="sm">
        <Select
          label={t('monitoring.queue.status')}
          data={(['pending', 'confirmed', 'dismissed'] as const).map((s) => ({
            value: s,
            label: t(`monitoring.status.${s}`),
          }))}
          value={filters.status}
          onChange={(v) => {
            setFilters((f) => ({ ...f, status: (v as QueueFilters['status']) ?? 'pending' }));
            setSelected(new Set());
            setFocus(0);
          }}
          w={170}
          allowDeselect={false}
        />
        <Select
          label={t('monitoring.queue.pack')}
          clearable
          data={(packs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={filters.pack ?? null}
          onChange={(v) => setFilters((f) => ({ ...f, pack: v ?? undefined }))}
          w={280}
        />
        <Select
          label={t('monitoring.queue.category')}
          clearable
          data={CATEGORIES.map((c) => ({ value: c, label: t(`monitoring.categories.${c}`) }))}
          value={filters.category ?? null}
          onChange={(v) => setFilters((f) => ({ ...f, category: v ?? undefined }))}
          w={230}
        />
        <Checkbox
          label={t('monitoring.queue.mine')}
          checked={filters.mine === 'true'}
          onChange={(e) => setFilters((f) => ({ ...f, mine: e.currentTarget.checked ? 'true' : undefined }))}
          mb={8}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('monitoring.queue.keys')} <Kbd>j</Kbd>/<Kbd>k</Kbd> {t('monitoring.queue.keyMove')} · <Kbd>x</Kbd>{' '}
        {t('monitoring.queue.keySelect')} · <Kbd>c</Kbd> {t('monitoring.queue.keyConfirm')} · <Kbd>d</Kbd>{' '}
        {t('monitoring.queue.keyDismiss')}
      </Text>
      {message && (
        <Alert color="teal" withCloseButton onClose={() => setMessage(null)} data-testid="queue-message">
          {message}
        </Alert>
      )}
      {error && <Alert color="red">{error.message}</Alert>}
      {pending && selected.size > 0 && (
        <Card withBorder padding="xs" data-testid="bulk-bar">
          <Group gap="sm">
            <Text size="sm" fw={600}>
              {t('monitoring.queue.selected', { count: selected.size })}
            </Text>
            <Button size="xs" color="red" onClick={() => doConfirm([...selected])}>
              {t('monitoring.queue.confirmSelected')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setDismissFor([...selected])}>
              {t('monitoring.queue.dismissSelected')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setReassignFor([...selected])}>
              {t('monitoring.queue.reassign')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
              {t('monitoring.queue.clearSelection')}
            </Button>
          </Group>
        </Card>
      )}
      {queue.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : queue.isError ? (
        <Alert color="red">{queue.error.message}</Alert>
      ) : queue.data.groups.length === 0 ? (
        <Text c="dimmed">{t('monitoring.queue.empty')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('monitoring.queue.total', { count: queue.data.total })}
          </Text>
          {queue.data.groups.map((g) => (
            <Card key={g.key} withBorder padding="sm" data-testid="alert-group">
              <Group justify="space-between" mb="xs">
                <div>
                  <Text fw={700}>
                    @{g.account.handle ?? '—'}{' '}
                    <Badge variant="light" size="sm">
                      {g.platform}
                    </Badge>
                  </Text>
                  {g.staff ? (
                    <Text size="sm">
                      {g.staff.name}
                      {g.staff.position ? ` — ${g.staff.position}` : ''} · {g.staff.agency.name}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('monitoring.queue.unlinked')}
                    </Text>
                  )}
                </div>
                <Badge color={g.topScore >= 0.8 ? 'red' : 'orange'}>{g.topScore.toFixed(2)}</Badge>
              </Group>
              <Stack gap="xs">
                {g.alerts.map((a) => {
                  const isFocused = focused?.id === a.id;
                  return (
                    <div
                      key={a.id}
                      ref={(el) => {
                        if (el) rowRefs.current.set(a.id, el);
                        else rowRefs.current.delete(a.id);
                      }}
                      data-testid="alert-row"
                      data-alert-id={a.id}
                      data-focused={isFocused ? 'true' : undefined}
                      style={{
                        borderLeft: `4px solid ${isFocused ? 'var(--mantine-color-blue-6)' : 'transparent'}`,
                        paddingLeft: 8,
                      }}
                    >
                      <Group gap="xs" wrap="nowrap" align="start">
                        {pending && (
                          <Checkbox
                            aria-label={t('monitoring.queue.select')}
                            checked={selected.has(a.id)}
                            onChange={() =>
                              setSelected((s) => {
                                const n = new Set(s);
                                if (n.has(a.id)) n.delete(a.id);
                                else n.add(a.id);
                                return n;
                              })
                            }
                            mt={4}
                          />
                        )}
                        <Stack gap={4} style={{ flex: 1 }}>
                          <Group gap={6}>
                            <Badge color="red" variant="filled" size="sm">
                              {a.score.toFixed(2)}
                            </Badge>
                            {a.category && (
                              <Badge variant="light" size="sm">
                                {t(`monitoring.categories.${a.category}`, a.category)}
                              </Badge>
                            )}
                            <Badge variant="outline" size="sm">
                              {a.packName ?? a.packId}
                            </Badge>
                            {a.stageCode && (
                              <Badge variant="outline" color="grape" size="sm">
                                {t(`monitoring.stages.${a.stageCode}`, a.stageCode)}
                              </Badge>
                            )}
                            {a.targets.length > 0 && (
                              <Text size="xs" c="dimmed">
                                {t('monitoring.queue.targets')}: {a.targets.join(', ')}
                              </Text>
                            )}
                            <Text size="xs" c="dimmed">
                              {fmt(a.post.postedAt ?? a.createdAt)}
                            </Text>
                            {a.post.deleted && (
                              <Badge color="gray" size="sm">
                                {t('monitoring.queue.deleted')}
                              </Badge>
                            )}
                            {a.post.version > a.post.alertVersion && (
                              <Badge color="yellow" size="sm">
                                {t('monitoring.queue.editedSince')}
                              </Badge>
                            )}
                            {a.assignedTo && (
                              <Text size="xs">
                                {t('monitoring.queue.assignedTo')}: {a.assignedTo.name}
                              </Text>
                            )}
                          </Group>
                          <PostText alert={a} />
                          <Text size="xs" c="dimmed">
                            {a.explanation}
                            {a.post.url && (
                              <>
                                {' · '}
                                <Anchor href={a.post.url} target="_blank" rel="noreferrer noopener" size="xs">
                                  {t('monitoring.queue.open')}
                                </Anchor>
                              </>
                            )}
                            {a.dismissReason && ` · ${t(`monitoring.reasons.${a.dismissReason}`)}`}
                          </Text>
                          {pending && (
                            <Group gap="xs">
                              <Button size="compact-xs" color="red" onClick={() => doConfirm([a.id])}>
                                {t('monitoring.queue.confirm')}
                              </Button>
                              <Button
                                size="compact-xs"
                                variant="default"
                                onClick={() => setDismissFor([a.id])}
                              >
                                {t('monitoring.queue.dismiss')}
                              </Button>
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                onClick={() => setReassignFor([a.id])}
                              >
                                {t('monitoring.queue.reassign')}
                              </Button>
                            </Group>
                          )}
                          {a.findingId && (
                            <Tooltip label={a.findingId}>
                              <Text size="xs" c="teal">
                                {t('monitoring.queue.findingDraft')}
                              </Text>
                            </Tooltip>
                          )}
                        </Stack>
                      </Group>
                    </div>
                  );
                })}
              </Stack>
            </Card>
          ))}
        </>
      )}
      <Modal
        opened={!!dismissFor}
        onClose={() => setDismissFor(null)}
        title={t('monitoring.queue.dismissTitle', { count: dismissFor?.length ?? 0 })}
      >
        <Stack gap="xs">
          {REASONS.map((r, i) => (
            <Button
              key={r}
              variant="default"
              justify="start"
              onClick={() => dismissFor && doDismiss(dismissFor, r)}
            >
              {i + 1}. {t(`monitoring.reasons.${r}`)}
            </Button>
          ))}
        </Stack>
      </Modal>
      <Modal
        opened={!!reassignFor}
        onClose={() => setReassignFor(null)}
        title={t('monitoring.queue.reassignTitle')}
      >
        <Select
          searchable
          label={t('monitoring.queue.reviewer')}
          data={[
            { value: '', label: t('monitoring.queue.unassigned') },
            ...(reviewers.data ?? []).map((u) => ({ value: u.id, label: `${u.name} — ${u.office}` })),
          ]}
          onChange={(v) => {
            const ids = reassignFor;
            setReassignFor(null);
            if (ids)
              reassign.mutate(
                { ids, userId: v ? v : null },
                { onSuccess: (r) => done(r.updated.length, 'monitoring.queue.reassigned') },
              );
          }}
        />
      </Modal>
    </Stack>
  );
}
