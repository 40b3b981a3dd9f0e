import { GraphQLError } from 'graphql';
import type { ErrorCode } from '../error-codes.js';


export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function badInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return clientError('BAD_USER_INPUT', message, extensions);
}
