import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from the environment, read in this one place and validated with zod.
 * A wrong value stops the start with a message naming the variable (exit status 2).
 */
/** A platform API base URL: https, or http only to this machine (a local proxy or test server). */
const apiUrl = z
  .string()
  .regex(
    /^(https:\/\/[^\s/]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?)\/?$/,
    'harus https://host (http hanya ke localhost) / must be https://host (http only to localhost)',
  );

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NETRA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'harus berupa URL postgres:// / must be a postgres:// URL')
    .optional(),
  NETRA_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'harus 32 byte base64 / must be 32 bytes in base64')
    .optional(),
  NETRA_DEMO: z.enum(['0', '1']).optional(),
  NETRA_REQUIRE_TOTP: z.enum(['0', '1']).optional(),
  NETRA_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9A-Fa-f.:/, ]+|loopback|linklocal|uniquelocal)$/,
      'true, false, jumlah hop, atau daftar IP/CIDR / true, false, a hop count, or IP/CIDR list',
    )
    .default('false'),
  NETRA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NETRA_JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  NETRA_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'harus berupa URL smtp:// atau smtps:// / must be an smtp:// or smtps:// URL')
    .optional(),
  NETRA_MAIL_FROM: z.string().min(3).default('Netra <netra@localhost>'),
  NETRA_BASE_URL: z.url().optional(),
  // Connectors (docs/connectors.md): a platform is polled only when its credentials are set.
  NETRA_CONNECTOR_POLL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  NETRA_X_BEARER_TOKEN: z.string().min(20, 'token terlalu pendek / token too short').optional(),
  NETRA_X_API_URL: apiUrl.default('https://api.x.com'),
  NETRA_META_ACCESS_TOKEN: z.string().min(20, 'token terlalu pendek / token too short').optional(),
  NETRA_META_API_URL: apiUrl.default('https://graph.facebook.com'),
  NETRA_META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'mis. / e.g. v23.0')
    .default('v23.0'),
  NETRA_YOUTUBE_API_KEY: z.string().min(20, 'kunci terlalu pendek / key too short').optional(),
  NETRA_YOUTUBE_API_URL: apiUrl.default('https://www.googleapis.com'),
  NETRA_TIKTOK_CLIENT_KEY: z.string().min(1).optional(),
  NETRA_TIKTOK_CLIENT_SECRET: z.string().min(1).optional(),
  NETRA_TIKTOK_API_URL: apiUrl.default('https://open.tiktokapis.com'),
  NETRA_REPORTS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(20),
  NETRA_REPORTS_TOTAL: z.coerce.number().int().min(1).max(10_000_000).default(3000),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  masterKey: string | undefined;
  /** Seed the demo data set on first start: on by default in embedded mode, off with a DATABASE_URL. */
  demo: boolean;
  /**
   * Every user must use a TOTP second factor: on by default, off by default only with demo data
   * (so the documented demo logins work); see docs/decisions/0003-totp-and-demo-logins.md.
   */
  requireTotp: boolean;
  /**
   * Which proxies' X-Forwarded-* headers to believe (client IP for rate limits, TLS for Secure
   * cookies, host for the CSRF origin check): `false` none (the default: safe when clients reach
   * Netra directly), a hop count or a list of proxy addresses/CIDRs (behind a reverse proxy), or
   * `true` anyone (only when nothing but the proxy can reach the port). ADR 0004.
   */
  trustProxy: boolean | number | string;
  logLevel: z.infer<typeof Env>['NETRA_LOG_LEVEL'];
  jobPollMs: number;
  /** Outgoing mail server for reminders (`NETRA_SMTP_URL`); unset: in-app notifications only. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Public address of the web UI for links in e-mails (`NETRA_BASE_URL`). */
  baseUrl: string | undefined;
  /** Public report submissions per hour: per client address, and in total (in memory, per process). */
  reportLimits: { perAddressPerHour: number; totalPerHour: number };
  /** Platform API credentials and endpoints; a platform without credentials is not polled. */
  connectors: ConnectorsConfig;
};

export type ConnectorsConfig = {
  pollSeconds: number;
  x?: { baseUrl: string; bearerToken: string };
  meta?: { baseUrl: string; accessToken: string; version: string };
  youtube?: { baseUrl: string; apiKey: string };
  tiktok?: { baseUrl: string; clientKey: string; clientSecret: string };
};

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`Konfigurasi tidak valid / invalid configuration: ${variable}: ${message}`);
    this.variable = variable;
  }
}

/** Reads and validates configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankToUndefined = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]),
  );
  const parsed = Env.safeParse(blankToUndefined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'env'), issue?.message ?? 'invalid');
  }
  const e = parsed.data;
  if (Boolean(e.NETRA_TIKTOK_CLIENT_KEY) !== Boolean(e.NETRA_TIKTOK_CLIENT_SECRET))
    throw new ConfigError(
      e.NETRA_TIKTOK_CLIENT_KEY ? 'NETRA_TIKTOK_CLIENT_SECRET' : 'NETRA_TIKTOK_CLIENT_KEY',
      'kunci dan rahasia klien TikTok diatur bersama / set the TikTok client key and secret together',
    );
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.NETRA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    masterKey: e.NETRA_MASTER_KEY,
    demo: e.NETRA_DEMO ? e.NETRA_DEMO === '1' : e.DATABASE_URL === undefined,
    requireTotp: e.NETRA_REQUIRE_TOTP
      ? e.NETRA_REQUIRE_TOTP === '1'
      : !(e.NETRA_DEMO ? e.NETRA_DEMO === '1' : e.DATABASE_URL === undefined),
    trustProxy:
      e.NETRA_TRUST_PROXY === 'true'
        ? true
        : e.NETRA_TRUST_PROXY === 'false'
          ? false
          : /^\d+$/.test(e.NETRA_TRUST_PROXY)
            ? Number(e.NETRA_TRUST_PROXY)
            : e.NETRA_TRUST_PROXY,
    logLevel: e.NETRA_LOG_LEVEL,
    jobPollMs: e.NETRA_JOB_POLL_MS,
    smtpUrl: e.NETRA_SMTP_URL,
    mailFrom: e.NETRA_MAIL_FROM,
    baseUrl: e.NETRA_BASE_URL?.replace(/\/$/, ''),
    connectors: {
      pollSeconds: e.NETRA_CONNECTOR_POLL_SECONDS,
      ...(e.NETRA_X_BEARER_TOKEN
        ? { x: { baseUrl: e.NETRA_X_API_URL, bearerToken: e.NETRA_X_BEARER_TOKEN } }
        : {}),
      ...(e.NETRA_META_ACCESS_TOKEN
        ? {
            meta: {
              baseUrl: e.NETRA_META_API_URL,
              accessToken: e.NETRA_META_ACCESS_TOKEN,
              version: e.NETRA_META_GRAPH_VERSION,
            },
          }
        : {}),
      ...(e.NETRA_YOUTUBE_API_KEY
        ? { youtube: { baseUrl: e.NETRA_YOUTUBE_API_URL, apiKey: e.NETRA_YOUTUBE_API_KEY } }
        : {}),
      ...(e.NETRA_TIKTOK_CLIENT_KEY && e.NETRA_TIKTOK_CLIENT_SECRET
        ? {
            tiktok: {
              baseUrl: e.NETRA_TIKTOK_API_URL,
              clientKey: e.NETRA_TIKTOK_CLIENT_KEY,
              clientSecret: e.NETRA_TIKTOK_CLIENT_SECRET,
            },
          }
        : {}),
    },
    reportLimits: { perAddressPerHour: e.NETRA_REPORTS_PER_ADDRESS, totalPerHour: e.NETRA_REPORTS_TOTAL },
  };
}
