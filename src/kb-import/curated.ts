import type { LinkingKnowledgeBase } from '../linking/kb-schema.js';
import type { ActorKind } from '../linking/types.js';
import { phraseKey } from './names.js';
import type { ImportedRole, ImportNotes } from './types.js';

/**
 * What the curated knowledge base already holds, and the slugs taken so far. An entry that is already curated
 * (same Wikidata id, same slug, or same full name of the same kind) is not imported: the curated entry wins and
 * stays the place where a person overrides the data. Its roles are not filled from the import either: a curated
 * entry says what it means to say, and the roles it lacks are listed by the command for a curator to copy.
 */
export class Registry {
  private readonly bySlug = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly byWikidata = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly importedWikidata = new Map<string, string>();
  /** Every name of a curated actor that links without context, with its actor. */
  readonly curatedNames = new Map<string, Set<string>>();
  /** State slug by ISO 3166-1 alpha-3, and the state's English name. */
  readonly states = new Map<string, { slug: string; name: string }>();
  readonly notes: ImportNotes = { curated: [], skipped: [] };

  constructor(kb: LinkingKnowledgeBase) {
    const lexicon = new Map(kb.lexicon.actors.map((a) => [a.slug, a]));
    for (const actor of kb.actors) {
      this.bySlug.set(actor.slug, actor.slug);
      this.taken.add(actor.slug);
      if (actor.wikidataId) this.byWikidata.set(actor.wikidataId, actor.slug);
      const context = new Set((lexicon.get(actor.slug)?.contextNames ?? []).map(phraseKey));
      const surnames = new Set((lexicon.get(actor.slug)?.surnames ?? []).map(phraseKey));
      for (const name of [actor.name, actor.nameNl, ...actor.aliases]) {
        const key = phraseKey(name);
        if (context.has(key)) continue;
        if (!surnames.has(key)) this.byName.set(`${groupOf(actor.kind)} ${key}`, actor.slug);
        const slugs = this.curatedNames.get(key) ?? new Set<string>();
        slugs.add(actor.slug);
        this.curatedNames.set(key, slugs);
      }
    }
    const names = new Map(kb.actors.map((a) => [a.slug, a.name]));
    for (const state of kb.states) this.states.set(state.isoAlpha3, { slug: state.slug, name: names.get(state.slug)! });
  }

  /** The curated actor this entry is, if any; records the match. */
  curatedTwin(id: string, entry: { slug: string; wikidata: string | null; kind: ActorKind; names: string[] }): string | null {
    const byName = entry.names.map((n) => this.byName.get(`${groupOf(entry.kind)} ${phraseKey(n)}`)).find(Boolean);
    const matches: [string | undefined, 'wikidata' | 'slug' | 'name'][] = [
      [entry.wikidata ? this.byWikidata.get(entry.wikidata) : undefined, 'wikidata'],
      [this.bySlug.get(entry.slug), 'slug'],
      [byName, 'name'],
    ];
    const found = matches.find(([slug]) => slug !== undefined);
    if (!found) return null;
    this.notes.curated.push({ id, slug: found[0]!, by: found[1] });
    return found[0]!;
  }

  /** The actor, curated or imported before, with this Wikidata id (a party a person's role names), if any. */
  slugOfWikidata(wikidata: string): string | undefined {
    return this.byWikidata.get(wikidata) ?? this.importedWikidata.get(wikidata);
  }

  isTaken(slug: string): boolean {
    return this.taken.has(slug);
  }

  /** Records an imported entry's slug (which must be free) and Wikidata id, for the roles that name it. */
  take(slug: string, wikidata: string | null): void {
    if (this.taken.has(slug)) throw new Error(`slug "${slug}" is taken twice`);
    this.taken.add(slug);
    if (wikidata && !this.byWikidata.has(wikidata)) this.importedWikidata.set(wikidata, slug);
  }

  /** The roles whose dates are in order; the others are errors of the source, left out and noted. */
  datedInOrder(id: string, roles: ImportedRole[]): ImportedRole[] {
    return roles.filter((role) => {
      const ok = role.from === null || role.to === null || role.from <= role.to;
      if (!ok) this.skip(id, `role "${role.title}" ends (${role.to}) before it starts (${role.from})`);
      return ok;
    });
  }

  skip(id: string, reason: string): void {
    this.notes.skipped.push({ id, reason });
  }
}

// A party may be curated as an armed group (Hezbollah, Hamas): organisations and groups are matched together.
function groupOf(kind: ActorKind): string {
  return kind === 'PERSON' ? 'person' : kind === 'STATE' ? 'state' : 'organisation';
}
