import { Badge, Tooltip } from '@mantine/core';
import { useT } from './useT.ts';

const COLOURS = { overdue: 'red', due_soon: 'orange', ok: 'green', met: 'gray' } as const;

/** A deadline as a coloured badge: red past due, orange within a day, green running, grey met. */
export function DeadlineBadge({
  d,
}: {
  d: { kind: string; dueOn: string; state: keyof typeof COLOURS } | null;
}) {
  const { t } = useT();
  if (!d)
    return (
      <Badge color="gray" variant="light">
        {t('cases.deadline.none')}
      </Badge>
    );
  return (
    <Tooltip label={t(`cases.deadlineKinds.${d.kind}`)}>
      <Badge
        color={COLOURS[d.state]}
        variant={d.state === 'met' ? 'light' : 'filled'}
        data-deadline-state={d.state}
      >
        {t(`cases.deadline.${d.state}`)} · {d.dueOn}
      </Badge>
    </Tooltip>
  );
}
