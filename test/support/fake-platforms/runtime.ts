import type {
  Checkpoint,
  ConnectorRuntime,
  PollAccount,
  PollingConnector,
  PollPage,
} from '../../../src/platform/connectors/connector.ts';

/** A runtime whose clock only moves when the adapter "sleeps"; every wait is recorded, none is real. */
export function testRuntime(start = new Date('2026-12-02T07:00:00Z'), extra: Partial<ConnectorRuntime> = {}) {
  let t = start.getTime();
  const sleeps: number[] = [];
  const rt: ConnectorRuntime = {
    fetch: globalThis.fetch,
    now: () => new Date(t),
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    random: () => 0.5,
    ...extra,
  };
  return {
    rt,
    sleeps,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export const EMPTY: Checkpoint = { since: null, pending: null };

/** Runs a poll to the end, or stops after `maxPages` pages (a crash in the middle of a run). */
export async function collect(
  connector: PollingConnector,
  account: PollAccount,
  checkpoint: Checkpoint = EMPTY,
  maxPages = Number.POSITIVE_INFINITY,
): Promise<{ pages: PollPage[]; ids: string[]; last: Checkpoint }> {
  const pages: PollPage[] = [];
  for await (const page of connector.poll(account, checkpoint)) {
    pages.push(page);
    if (pages.length >= maxPages) break;
  }
  return {
    pages,
    ids: pages.flatMap((p) => p.posts.map((x) => x.id)),
    last: pages[pages.length - 1]?.checkpoint ?? checkpoint,
  };
}
