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

/** The texts of the explorer's operations (schema/operations/explore/), which persisted operations allow too. */
export function exploreOperations(): string[] {
  const explore = new URL('explore/', dir);
  return readdirSync(explore)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(new URL(file, explore), 'utf8'));
}
