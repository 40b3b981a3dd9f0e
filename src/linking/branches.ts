import type { ActorLexicon } from './kb-schema.js';
import type { ResolvedMention } from './resolve.js';
import { foldKey, type Token } from './text.js';
import type { KbActor } from './types.js';

/*
 * A movement's national branch named by the state's adjective and the movement's name (`de Pakistaanse Taliban`,
 * the Tehrik-i-Taliban Pakistan): once a text names the branch, the movement's bare name stands for the branch
 * (`de Taliban van Fazlullah`, `de Taliban eisten de aanslag op`), as outlets shorten it. A bare name right after
 * another state's adjective (`de Afghaanse Taliban`) stays the movement's.
 */

/** A branch and the state whose adjective names it. */
interface Branch {
  slug: string;
  /** Folded adjectives of the branch's state (`pakistaanse`). */
  adjectives: Set<string>;
}

/** Movement slug → its branches, read from the Dutch names `<adjective> <movement's name>` of the knowledge base. */
export type Branches = Map<string, Branch[]>;

export function branchesOf(actors: ReadonlyMap<string, KbActor>, lexicon: readonly ActorLexicon[]): Branches {
  const adjectiveOf = new Map<string, Set<string>>();
  for (const entry of lexicon) {
    if (entry.kind !== 'STATE') continue;
    for (const adjective of entry.adjectives) {
      const folded = foldKey(adjective);
      // Only the inflected adjective goes before a plural movement's name: `Pakistaanse`.
      if (folded.endsWith('e')) adjectiveOf.set(folded, new Set(entry.adjectives.map(foldKey)));
    }
  }
  const movements = new Map<string, string>();
  for (const actor of actors.values()) {
    if (actor.kind !== 'ARMED_GROUP') continue;
    for (const name of [actor.name, actor.nameNl]) if (name && !/\s/.test(name)) movements.set(foldKey(name), actor.slug);
  }
  const branches: Branches = new Map();
  for (const actor of actors.values()) {
    if (actor.kind !== 'ARMED_GROUP') continue;
    for (const name of new Set([actor.nameNl, ...actor.aliases].filter((n): n is string => Boolean(n)).map(foldKey))) {
      const [adjective, movementName, ...rest] = name.split(' ');
      const movement = movementName === undefined || rest.length > 0 ? undefined : movements.get(movementName);
      const adjectives = adjective === undefined ? undefined : adjectiveOf.get(adjective);
      if (!movement || !adjectives || movement === actor.slug) continue;
      const list = branches.get(movement) ?? [];
      if (!list.some((b) => b.slug === actor.slug)) list.push({ slug: actor.slug, adjectives });
      branches.set(movement, list);
    }
  }
  return branches;
}

/** The mentions with a movement's bare name given to its one branch the text names; see above. */
export function withBranches(mentions: ResolvedMention[], tokens: Token[], branches: Branches): ResolvedMention[] {
  if (branches.size === 0) return mentions;
  const named = new Set(mentions.map((m) => m.slug));
  let changed: ResolvedMention[] | null = null;
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i]!;
    const branchesNamed = branches.get(mention.slug)?.filter((b) => named.has(b.slug));
    if (!branchesNamed || branchesNamed.length !== 1) continue;
    const [branch] = branchesNamed as [Branch];
    // The token's key is its folded text.
    const before = tokens[mention.start - 1];
    if (before && before.key.endsWith('e') && !branch.adjectives.has(before.key) && /^\p{Lu}/u.test(before.text)) continue;
    changed ??= [...mentions];
    changed[i] = { ...mention, slug: branch.slug };
  }
  return changed ?? mentions;
}
