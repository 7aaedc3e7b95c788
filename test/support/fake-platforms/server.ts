import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server on 127.0.0.1 (port 0) for a fake social platform: it records every request
 * and lets a test inject failures (status, headers, body) for the next matching requests before
 * the platform's normal answer.
 */
export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
};

export type Injected = {
  /** Only requests whose path matches (default: any). */
  path?: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many requests get this answer (default 1). */
  times?: number;
};

export type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

export type FakeServer = {
  url: string;
  requests: RecordedRequest[];
  inject: (failure: Injected) => void;
  /** Forgets recorded requests and failures not yet served. */
  reset: () => void;
  close: () => Promise<void>;
};

export async function startFakeServer(handle: (req: RecordedRequest) => Reply): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const injected: (Injected & { left: number })[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    const i = injected.findIndex((f) => f.left > 0 && (!f.path || f.path.test(url.pathname)));
    let reply: Reply;
    if (i >= 0) {
      const f = injected[i]!;
      f.left--;
      reply = f;
    } else {
      try {
        reply = handle(recorded);
      } catch (e) {
        reply = { status: 500, body: { error: String(e) } };
      }
    }
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(
      reply.body === undefined
        ? ''
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject: (f) => injected.push({ ...f, left: f.times ?? 1 }),
    reset: () => {
      requests.length = 0;
      injected.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Opaque cursors as platforms issue them: base64url of an offset. */
export const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
export const decodeCursor = (cursor: string | null) => {
  if (!cursor) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new Error('bad cursor');
  return Number(m[1]);
};

/** A bearer token from the Authorization header, or undefined. */
export const bearer = (req: RecordedRequest) =>
  /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
