import { suggestActors, suggestConflicts, type Suggestion } from '../../queries/suggest.js';
import type { ActorRow, ConflictRow } from '../../queries/rows.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { Actor, ActorKind, EVERY_NAMED, readStatuses, statusArg } from './actor.js';
import { Conflict } from './conflict.js';

const MAX_SUGGESTIONS = 25;
/** No name is longer; folding accents is slow on long runs of combining marks. */
const MAX_PREFIX = 100;

const ActorSuggestion = builder.objectRef<Suggestion<ActorRow>>('ActorSuggestion').implement({
  description: 'An actor whose name matches what was typed.',
  fields: (t) => ({
    actor: t.field({ type: Actor, description: 'The actor.', resolve: (s) => s.row }),
    matchedName: t.exposeString('matchedName', { description: 'The name that matched: canonical, Dutch or an alias.' }),
  }),
});

const ConflictSuggestion = builder.objectRef<Suggestion<ConflictRow>>('ConflictSuggestion').implement({
  description: 'A conflict whose name matches what was typed.',
  fields: (t) => ({
    conflict: t.field({ type: Conflict, description: 'The conflict.', resolve: (s) => s.row }),
    matchedName: t.exposeString('matchedName', { description: 'The name that matched: canonical, Dutch or an alias.' }),
  }),
});

function checkedLimit(first: number | null | undefined): number {
  const limit = first ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUGGESTIONS) {
    throw badInput(`\`first\` must be between 1 and ${MAX_SUGGESTIONS}, got ${limit}`, { argument: 'first' });
  }
  return limit;
}

const PREFIX_DESCRIPTION =
  'The start of any word of a name, case and accents ignored: `Poet` finds Vladimir Putin (Vladimir Poetin), `afgh` Afghanistan. ' +
  `At most ${MAX_PREFIX} characters.`;

function checkedPrefix(prefix: string): string {
  if (prefix.length > MAX_PREFIX) throw badInput(`\`prefix\` takes at most ${MAX_PREFIX} characters, got ${prefix.length}`, { argument: 'prefix' });
  if (prefix.includes('\u0000')) throw badInput('`prefix` must not contain NUL characters', { argument: 'prefix' });
  return prefix;
}

builder.queryFields((t) => ({
  actorSuggest: t.field({
    type: [ActorSuggestion],
    description:
      'Autocomplete for actors over their names, Dutch names and aliases: names that start with the prefix first, then the actors most covered in the corpus.',
    args: {
      prefix: t.arg.string({ required: true, description: PREFIX_DESCRIPTION }),
      kinds: t.arg({ type: [ActorKind], description: 'Only actors of these kinds.' }),
      status: t.arg(statusArg(EVERY_NAMED)),
      first: t.arg.int({ defaultValue: 10, description: `How many to return (1 to ${MAX_SUGGESTIONS}).` }),
    },
    resolve: (_root, args, { db }) =>
      suggestActors(db, checkedPrefix(args.prefix), checkedLimit(args.first), args.kinds ?? null, readStatuses(args.status, EVERY_NAMED)),
  }),
  conflictSuggest: t.field({
    type: [ConflictSuggestion],
    description: 'Autocomplete for conflicts over their names, Dutch names and aliases.',
    args: {
      prefix: t.arg.string({ required: true, description: PREFIX_DESCRIPTION }),
      first: t.arg.int({ defaultValue: 10, description: `How many to return (1 to ${MAX_SUGGESTIONS}).` }),
    },
    resolve: (_root, args, { db }) => suggestConflicts(db, checkedPrefix(args.prefix), checkedLimit(args.first)),
  }),
}));
