import { describe, expect, it } from 'vitest';
import { poolConfig } from './database.ts';

describe('PostgreSQL pool settings of the server', () => {
  it('opens sessions without parallel query workers (ADR 0005)', () => {
    const c = poolConfig('postgres://netra@db.internal:5432/netra');
    expect(c.max).toBe(10);
    expect(c.options).toBe('-c max_parallel_workers_per_gather=0');
  });

  it('leaves the setting to a DATABASE_URL that brings its own options', () => {
    const c = poolConfig('postgres://netra@db.internal:5432/netra?options=-c%20work_mem%3D64MB');
    expect(c.options).toBeUndefined();
    expect(c.connectionString).toContain('options=');
  });
});
