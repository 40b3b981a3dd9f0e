import { GraphQLError } from 'graphql';
import type { Loaders } from '../loaders/index.js';
import { badInput } from './errors.js';
import { rowIdOf } from './ids.js';

/** The form of every actor and conflict slug (see the curation rules). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type RefType = 'Actor' | 'Conflict';

type SlugLoaders = Pick<Loaders, 'actorBySlug' | 'conflictBySlug'>;

/**
 * The row id of an actor or conflict named by a global id or by its slug, as analysts have it
 * (`vladimir-putin`). The two cannot be confused: a global id of ours starts with an encoded
 * capital (`QWN0b3I6…` is `Actor:…`), a slug never holds one. `path` names the input in errors,
 * such as `filter.actors.all[1]`. Slugs go through the request's loaders, so every slug of a
 * request costs one statement per type together, however many fields name it.
 */
export async function refToRowId(ref: string, type: RefType, path: string, loaders: SlugLoaders): Promise<number> {
  if (SLUG.test(ref)) {
    const row = await (type === 'Actor' ? loaders.actorBySlug : loaders.conflictBySlug).load(ref);
    if (!row) throw badInput(`\`${path}\`: there is no ${type.toLowerCase()} with the slug ${JSON.stringify(ref)}`, { argument: path });
    return row.id;
  }
  try {
    return rowIdOf(ref, type, path);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw badInput(`\`${path}\`: ${error.message}; give a global id of a ${type} or its slug (such as \`${EXAMPLE[type]}\`)`, {
      argument: path,
    });
  }
}

const EXAMPLE: Record<RefType, string> = { Actor: 'vladimir-putin', Conflict: 'russo-ukrainian-war' };

/** `refToRowId` for each item of a list, named by its index (`filter.actors.all[1]`); the first bad item is the one reported. */
export async function refsToRowIds(refs: readonly (string | number)[], type: RefType, path: string, loaders: SlugLoaders): Promise<number[]> {
  const settled = await Promise.allSettled(refs.map((ref, i) => refToRowId(String(ref), type, `${path}[${i}]`, loaders)));
  return settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
}
