import { GraphQLError } from 'graphql';
import { kindOf, LINKED_KINDS, type Kind, type KindTypename } from '../kinds.js';
import type { Loaders } from '../loaders.js';
import { badInput } from './errors.js';
import { rowIdOf } from './ids.js';

/** The form of every actor and conflict slug (see the curation rules). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The type of what a reference names: a linked kind's type. */
export type RefType = KindTypename;

/** The loader of each kind's entities by slug. */
const BY_SLUG = {
  actor: 'actorBySlug',
  conflict: 'conflictBySlug',
} as const satisfies Record<Kind, keyof Loaders>;

type SlugLoaders = Pick<Loaders, (typeof BY_SLUG)[Kind]>;

/**
 * The row id of an actor or conflict named by a global id or by its slug, as analysts have it
 * (`vladimir-putin`). The two cannot be confused: a global id of ours starts with an encoded
 * capital (`QWN0b3I6…` is `Actor:…`), a slug never holds one. `path` names the input in errors,
 * such as `filter.actors.all[1]`. Slugs go through the request's loaders, so every slug of a
 * request costs one statement per type together, however many fields name it.
 */
export async function refToRowId(ref: string, type: RefType, path: string, loaders: SlugLoaders): Promise<number> {
  if (SLUG.test(ref)) {
    const row = await loaders[BY_SLUG[kindOf(type)]].load(ref);
    if (!row) throw badInput(`\`${path}\`: there is no ${type.toLowerCase()} with the slug ${JSON.stringify(ref)}`, { argument: path });
    return row.id;
  }
  try {
    return rowIdOf(ref, type, path);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const example = LINKED_KINDS[kindOf(type)].exampleSlug;
    throw badInput(`\`${path}\`: ${error.message}; give a global id of a ${type} or its slug (such as \`${example}\`)`, {
      argument: path,
    });
  }
}

/** `refToRowId` for each item of a list, named by its index (`filter.actors.all[1]`); the first bad item is the one reported. */
export async function refsToRowIds(refs: readonly (string | number)[], type: RefType, path: string, loaders: SlugLoaders): Promise<number[]> {
  const settled = await Promise.allSettled(refs.map((ref, i) => refToRowId(String(ref), type, `${path}[${i}]`, loaders)));
  return settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
}
