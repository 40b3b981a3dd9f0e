import type { Context } from '../context.js';
import { clientError } from './errors.js';

/** Every mutation needs the write token: off when the server has none, refused without it. */
export function requireWriteAccess({ writeAccess }: Pick<Context, 'writeAccess'>): void {
  if (writeAccess === 'OFF') throw clientError('FORBIDDEN', 'writes are disabled on this server (no WRITE_TOKEN is configured)');
  if (writeAccess === 'DENIED') {
    throw clientError('UNAUTHENTICATED', 'this mutation needs the header `Authorization: Bearer <write token>`');
  }
}
