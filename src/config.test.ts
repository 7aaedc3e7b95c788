import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults for embedded mode, with the demo data on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true, logLevel: 'info' });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('turns the demo off with a DATABASE_URL unless asked for', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', NETRA_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ NETRA_DEMO: '0' }).demo).toBe(false);
  });

  it('believes no X-Forwarded-* header unless told which proxy to trust', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ NETRA_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ NETRA_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ NETRA_TRUST_PROXY: '10.0.0.2, 10.0.0.3' }).trustProxy).toBe('10.0.0.2, 10.0.0.3');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['NETRA_MASTER_KEY', 'too-short'],
    ['NETRA_DEMO', 'yes'],
    ['NETRA_LOG_LEVEL', 'loud'],
    ['NETRA_CONNECTOR_POLL_SECONDS', '5'],
    ['NETRA_X_API_URL', 'http://api.x.com'],
    ['NETRA_META_API_URL', 'ftp://graph.facebook.com'],
    ['NETRA_META_GRAPH_VERSION', '23'],
    ['NETRA_X_BEARER_TOKEN', 'short'],
  ])('rejects a bad %s naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
      expect((e as Error).message).toContain(variable);
    }
  });

  it('wants the TikTok client key and secret together, naming the missing one', () => {
    expect(() => loadConfig({ NETRA_TIKTOK_CLIENT_KEY: 'k' })).toThrow('NETRA_TIKTOK_CLIENT_SECRET');
    expect(() => loadConfig({ NETRA_TIKTOK_CLIENT_SECRET: 's' })).toThrow('NETRA_TIKTOK_CLIENT_KEY');
  });

  it('configures a platform connector only when its credentials are set', () => {
    expect(loadConfig({}).connectors).toEqual({ pollSeconds: 900 });
    const c = loadConfig({
      NETRA_X_BEARER_TOKEN: 'AAAAAAAAAAAAAAAAAAAAA-token',
      NETRA_META_ACCESS_TOKEN: 'EAAG-meta-token-0123456789',
      NETRA_YOUTUBE_API_URL: 'http://127.0.0.1:4010',
      NETRA_TIKTOK_CLIENT_KEY: 'aw-key',
      NETRA_TIKTOK_CLIENT_SECRET: 'tt-secret',
      NETRA_CONNECTOR_POLL_SECONDS: '300',
    }).connectors;
    expect(c).toEqual({
      pollSeconds: 300,
      x: { baseUrl: 'https://api.x.com', bearerToken: 'AAAAAAAAAAAAAAAAAAAAA-token' },
      meta: {
        baseUrl: 'https://graph.facebook.com',
        accessToken: 'EAAG-meta-token-0123456789',
        version: 'v23.0',
      },
      tiktok: { baseUrl: 'https://open.tiktokapis.com', clientKey: 'aw-key', clientSecret: 'tt-secret' },
    });
  });

  it('accepts a 32-byte base64 master key', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ NETRA_MASTER_KEY: key }).masterKey).toBe(key);
  });
});
