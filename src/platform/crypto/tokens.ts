import { createHash, randomBytes } from 'node:crypto';

/** A random token for a session cookie: 256 bits, base64url. */
export const newToken = () => randomBytes(32).toString('base64url');

/** Sessions are stored by the SHA-256 of their token, so a database leak yields no usable cookie. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
