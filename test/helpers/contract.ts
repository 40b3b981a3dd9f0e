import { readFileSync, readdirSync } from 'node:fs';

const dir = new URL('../../schema/operations/', import.meta.url);

/** The client operations we promise to keep working (copied from ../shared/contract). */
export function contractOperation(name: string): string {
  return readFileSync(new URL(`${name}.graphql`, dir), 'utf8');
}

export function contractNames(): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => file.replace(/\.graphql$/, ''))
    .sort();
}

/**
 * The texts of the operations in a subfolder of schema/operations/, which persisted operations allow
 * too: the explorer's (explore/) and GraphiQL's example tabs (graphiql/).
 */
export function folderOperations(folder: 'explore' | 'graphiql'): string[] {
  const at = new URL(`${folder}/`, dir);
  return readdirSync(at)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(new URL(file, at), 'utf8'));
}
