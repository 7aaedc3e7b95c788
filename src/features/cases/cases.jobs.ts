import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { enqueue, type JobHandler, type Schedule } from '../../platform/queue/queue.ts';
import { usersCovering } from './cases.repository.ts';

/** Reminders run every five minutes: a day before a statutory deadline and when it passes. */
export const casesSchedules: Schedule[] = [
  { name: 'case-deadline-reminders', kind: 'cases.deadline-reminders', everySeconds: 300 },
];

const REMIND_BEFORE_MS = 86_400_000;

export const DEADLINE_LABELS: Record<string, string> = {
  penetapan_temuan: 'Penetapan temuan (7 hari sejak diketahui) / setting the finding',
  batas_laporan: 'Batas waktu laporan / reporting window',
  kajian_awal: 'Kajian awal / initial review',
  kelengkapan: 'Kelengkapan laporan / completion of the report',
  penanganan: 'Penanganan dan putusan / handling and decision',
};

/** Notifies users in the app (once per dedupe key) and, when e-mail is on, queues a mail each (outbox). */
export async function notifyInTx(
  tx: Transaction<Tables>,
  users: { id: string; email: string | null }[],
  n: { kind: string; title: string; body: string; link: string; caseId: string; key: string },
  mailEnabled: boolean,
) {
  for (const u of users) {
    const dedupe = `${n.key}:${u.id}`;
    const inserted = await tx
      .insertInto('notifications')
      .values({
        user_id: u.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        subject_type: 'case',
        subject_id: n.caseId,
        dedupe_key: dedupe,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted && mailEnabled && u.email)
      await enqueue(
        tx,
        'mail.send',
        { to: u.email, subject: `[Netra] ${n.title}`, text: `${n.body}\n\n${n.link}` },
        { dedupeKey: `mail:${dedupe}` },
      );
  }
}

/** Finds deadlines due within a day or past, and reminds the heads and analysts covering the case's region. */
export async function sendDeadlineReminders(
  db: Kysely<Tables>,
  opts: { now: Date; mailEnabled: boolean; baseUrl?: string },
) {
  const soon = new Date(opts.now.getTime() + REMIND_BEFORE_MS);
  const due = await db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .select([
      'case_deadlines.case_id',
      'case_deadlines.kind',
      'case_deadlines.due_at',
      'case_deadlines.due_on',
      'case_deadlines.reminded_before_at',
      'case_deadlines.reminded_at_expiry',
      'cases.number',
      'cases.title',
      'cases.region_code',
    ])
    .where('case_deadlines.met_at', 'is', null)
    .where('cases.status', 'not in', ['selesai', 'dicabut', 'digabung'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('case_deadlines.reminded_before_at', 'is', null),
          eb('case_deadlines.due_at', '<=', soon),
          eb('case_deadlines.due_at', '>', opts.now),
        ]),
        eb.and([
          eb('case_deadlines.reminded_at_expiry', 'is', null),
          eb('case_deadlines.due_at', '<=', opts.now),
        ]),
      ]),
    )
    .execute();
  let sent = 0;
  for (const d of due) {
    const expired = d.due_at <= opts.now;
    const phase = expired ? 'expiry' : 'before';
    const dueOn = d.due_on.toISOString().slice(0, 10);
    await db.transaction().execute(async (tx) => {
      const users = await usersCovering(tx, d.region_code, ['head', 'analyst']);
      const label = DEADLINE_LABELS[d.kind] ?? d.kind;
      await notifyInTx(
        tx,
        users,
        {
          kind: expired ? 'case.deadline.expired' : 'case.deadline.soon',
          title: expired
            ? `Batas waktu terlewati: ${d.number} / deadline passed`
            : `Batas waktu besok: ${d.number} / deadline within a day`,
          body: `${label} — ${d.title} — batas / due ${dueOn}`,
          link: `${opts.baseUrl ?? ''}/app/cases/${d.case_id}`,
          caseId: d.case_id,
          key: `deadline:${d.case_id}:${d.kind}:${dueOn}:${phase}`,
        },
        opts.mailEnabled,
      );
      await tx
        .updateTable('case_deadlines')
        .set(
          expired
            ? { reminded_at_expiry: opts.now, reminded_before_at: opts.now }
            : { reminded_before_at: opts.now },
        )
        .where('case_id', '=', d.case_id)
        .where('kind', '=', d.kind)
        .execute();
      sent += users.length;
    });
  }
  return { deadlines: due.length, notified: sent };
}

export function casesHandlers(deps: {
  db: Kysely<Tables>;
  mailer?: Mailer;
  now?: () => Date;
  baseUrl?: string;
}): Record<string, JobHandler> {
  return {
    'cases.deadline-reminders': async () => {
      await sendDeadlineReminders(deps.db, {
        now: deps.now?.() ?? new Date(),
        mailEnabled: !!deps.mailer,
        baseUrl: deps.baseUrl,
      });
    },
    'mail.send': async (payload) => {
      if (!deps.mailer) return;
      await deps.mailer.send({
        to: String(payload.to),
        subject: String(payload.subject),
        text: String(payload.text),
      });
    },
  };
}
