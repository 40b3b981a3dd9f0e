/**
 * The global id of a row: its type name and row id, base64-encoded (`Actor:12`). GraphQL hands
 * these out, and the response cache tags the answers holding a row by it.
 */
export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}
