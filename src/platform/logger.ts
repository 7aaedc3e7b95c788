import pino, { type Logger } from 'pino';

/** JSON logs to standard output (pino); the level comes from NETRA_LOG_LEVEL. */
export const createLogger = (level: string): Logger =>
  pino({ level, base: { app: 'netra' }, redact: ['req.headers.cookie', 'req.headers.authorization'] });
