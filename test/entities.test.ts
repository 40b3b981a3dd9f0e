import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKeys } from '../src/db/name-keys.js';
import { col, selectRows } from '../src/db/rows.js';
import { syncKnowledgeBase } from '../src/ingest/knowledge-base.js';
import { testClient } from './helpers/app.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { seedLinking } from './helpers/linking.js';

const { kb } = seedLinking();

describe.each(backends)('actors and conflicts in depth on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
  });
  afterAll(() => database?.close());

  describe('autocomplete', () => {
    const actorSuggest = async (prefix: string, extra = '') =>
      (
        await client.query(`query($p: String!) { actorSuggest(prefix: $p${extra}) { matchedName actor { slug kind } } }`, {
          p: prefix,
        })
      ).actorSuggest as { matchedName: string; actor: { slug: string; kind: string } }[];

    it('finds actors and conflicts by the start of any word of any of their names, ignoring case and accents', async () => {
      expect((await actorSuggest('Poet'))[0]?.actor.slug).toBe('vladimir-putin');
      expect((await actorSuggest('afgh')).map((s) => s.actor.slug)).toContain('afghanistan');
      const conflicts = await client.query(`{ conflictSuggest(prefix: "Afgh") { conflict { slug } } }`);
      expect(conflicts.conflictSuggest.map((s: any) => s.conflict.slug)).toContain('war-in-afghanistan-2001-2021');
      expect((await actorSuggest('OEKRAINE')).map((s) => s.actor.slug)).toContain('ukraine');
    });

    it('finds every actor of the knowledge base by its full Dutch name', async () => {
      for (const actor of kb.actors.slice(0, 60)) {
        const found = (await actorSuggest(actor.nameNl, ', first: 25')).map((s) => s.actor.slug);
        expect(found, actor.nameNl).toContain(actor.slug);
      }
    });

    it('filters by kind, treats LIKE wildcards as text and refuses bad limits', async () => {
      const people = await actorSuggest('a', ', kinds: [PERSON], first: 25');
      expect(people.length).toBeGreaterThan(0);
      expect(new Set(people.map((s) => s.actor.kind))).toEqual(new Set(['PERSON']));
      expect(await actorSuggest('%')).toEqual([]);
      expect(await actorSuggest('   ')).toEqual([]);
      const error = await client.fail(`{ actorSuggest(prefix: "a", first: 26) { matchedName } }`);
      expect(error.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('dated roles', () => {
    const person = kb.actors.find((a) => a.kind === 'PERSON' && a.roles.length >= 1 && a.roles[0]!.from && a.roles[0]!.to)!;
    const first = person.roles[0]!;
    const ROLES = `query($slug: String!, $inside: Date!, $before: Date!) { actor(slug: $slug) {
      roles { title code validFrom validTo for { slug } }
      inside: roleAt(date: $inside) { title validFrom }
      before: roleAt(date: $before) { title } } }`;

    it('lists the roles of the knowledge base and tells which one was held on a date', async () => {
      const { actor } = await client.query(ROLES, { slug: person.slug, inside: first.from, before: '1900-01-01' });
      expect(actor.roles).toEqual(
        person.roles.map((r) => ({ title: r.title, code: r.code, validFrom: r.from, validTo: r.to, for: r.for ? { slug: r.for } : null })),
      );
      expect(actor.inside).toMatchObject({ title: first.title });
      expect(actor.before).toBeNull();
    });

    it('resolves each person mentioned in an article to the role held on its date', async () => {
      const { articles } = await client.query(`{ articles(first: 100) { edges { node { publishedOn
        actors { actor { kind roles { title validFrom validTo } } role { title validFrom validTo } } } } } }`);
      let resolved = 0;
      for (const { node } of articles.edges) {
        for (const link of node.actors) {
          if (!link.role) continue;
          resolved += 1;
          expect(link.actor.roles).toContainEqual(link.role);
          expect((link.role.validFrom ?? '0000') <= node.publishedOn).toBe(true);
          expect((link.role.validTo ?? '9999') >= node.publishedOn).toBe(true);
        }
      }
      expect(resolved).toBeGreaterThan(5);
    });
  });

  it('gives each mention the sentence it stands in', async () => {
    const { articles } = await client.query(`{ articles(first: 100) { edges { node { body
      actors { mentions { start end text sentence } } } } } }`);
    let checked = 0;
    for (const { node } of articles.edges) {
      for (const link of node.actors) {
        for (const m of link.mentions) {
          checked += 1;
          expect(node.body).toContain(m.sentence);
          const at = node.body.indexOf(m.sentence);
          expect(m.sentence).toContain(m.text);
          expect(m.sentence.length).toBeLessThan(600);
          expect(at <= m.start || node.body.indexOf(m.sentence, m.start - m.sentence.length) !== -1).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('says how each link was made and how sure it is', async () => {
    const { articles } = await client.query(`{ articles(first: 100) { edges { node {
      actors { method confidence mentions { method confidence } }
      conflicts { method confidence score } } } } }`);
    for (const { node } of articles.edges) {
      for (const link of node.actors) {
        const methods = link.mentions.map((m: any) => m.method);
        expect(link.method).toBe(methods.includes('DICTIONARY') ? 'DICTIONARY' : 'RULE');
        expect(link.confidence).toBe(Math.max(...link.mentions.map((m: any) => m.confidence)));
      }
      for (const link of node.conflicts) expect(link).toMatchObject({ method: 'RULE', confidence: link.score });
    }
  });

  describe('conflicts', () => {
    it('lists related conflicts by the parties they share', async () => {
      const target = kb.conflicts.find((c) => c.slug === 'syrian-civil-war')!;
      const mine = new Set(target.parties.map((p) => p.actor));
      const expected = kb.conflicts
        .filter((c) => c.slug !== target.slug)
        .map((c) => ({ slug: c.slug, name: c.name, shared: new Set(c.parties.map((p) => p.actor).filter((a) => mine.has(a))).size }))
        .filter((c) => c.shared > 0)
        .sort((a, b) => b.shared - a.shared || a.name.localeCompare(b.name, 'en'))
        // The first page: the catalogue relates more than 100 conflicts to the Syrian war.
        .slice(0, 100);
      const data = await client.query(`{ conflict(slug: "syrian-civil-war") { places
        relatedConflicts(first: 100) { sharedActorCount conflict { slug } sharedActors { slug } } } }`);
      const related = data.conflict.relatedConflicts;
      expect(related.map((r: any) => r.sharedActorCount)).toEqual(expected.map((c) => c.shared));
      expect(new Set(related.map((r: any) => r.conflict.slug))).toEqual(new Set(expected.map((c) => c.slug)));
      for (const r of related) for (const a of r.sharedActors) expect(mine.has(a.slug)).toBe(true);
      expect(data.conflict.places.length).toBeGreaterThan(0);
    });

    it('filters parties by role and side and tells how the articles cover each', async () => {
      const conflict = kb.conflicts.find((c) => c.slug === 'russo-ukrainian-war')!;
      const data = await client.query(`{ conflict(slug: "russo-ukrainian-war") {
        belligerents: actors(first: 100, role: BELLIGERENT) { totalCount edges { role node { slug } } }
        ukraineSide: actors(first: 100, side: "ukraine") { totalCount edges { side node { slug } } }
        all: actors(first: 100) { edges { articleCount mentionCount firstArticleOn lastArticleOn node { slug } } }
        articles(first: 100) { edges { node { publishedOn actors { mentionCount actor { slug } } } } } } }`);
      const c = data.conflict;
      const belligerents = conflict.parties.filter((p) => p.role === 'BELLIGERENT').map((p) => p.actor).sort();
      expect(c.belligerents.edges.map((e: any) => e.node.slug).sort()).toEqual(belligerents);
      expect(c.belligerents.totalCount).toBe(belligerents.length);
      const ukraineSide = conflict.parties.filter((p) => p.side?.toLowerCase() === 'ukraine').map((p) => p.actor).sort();
      expect(c.ukraineSide.edges.map((e: any) => e.node.slug).sort()).toEqual(ukraineSide);
      for (const edge of c.all.edges) {
        const links = c.articles.edges.flatMap((a: any) =>
          a.node.actors.filter((l: any) => l.actor.slug === edge.node.slug).map((l: any) => ({ ...l, on: a.node.publishedOn })),
        );
        const dates = links.map((l: any) => l.on).sort();
        expect(edge.articleCount, edge.node.slug).toBe(links.length);
        expect(edge.mentionCount, edge.node.slug).toBe(links.reduce((n: number, l: any) => n + l.mentionCount, 0));
        expect(edge.firstArticleOn, edge.node.slug).toBe(dates[0] ?? null);
        expect(edge.lastArticleOn, edge.node.slug).toBe(dates.at(-1) ?? null);
      }
      expect(c.all.edges.some((e: any) => e.articleCount > 0)).toBe(true);
    });
  });

  // Last in the file: it changes the database's knowledge base, and puts the seeds' back at the end.
  describe('a knowledge base synced again', () => {
    const person = kb.actors.find((a) => a.kind === 'PERSON' && a.roles.length >= 2 && a.aliases.length >= 1)!;
    const keysOf = async () =>
      (
        await selectRows(
          database.database.db,
          sql`select k.name || ' / ' || k.key || ' / ' || k.position as row from name_keys k join actors a on a.id = k.entity_id
              where k.entity_kind = 'ACTOR' and a.slug = ${person.slug} order by 1`,
          { row: col.text },
        )
      ).map((r) => r.row);
    const expectedKeys = (names: string[]) =>
      [...new Set(names.flatMap((name) => nameKeys(name).map(({ key, position }) => `${name} / ${key} / ${position}`)))].sort();
    const roleRows = async () =>
      selectRows(
        database.database.db,
        sql`select r.id, r.title from actor_roles r join actors a on a.id = r.actor_id where a.slug = ${person.slug} order by r.id`,
        { id: col.int, title: col.text },
      );
    const ROLES = `query($slug: String!) { actor(slug: $slug) { roles { title code validFrom validTo } } }`;
    const rolesServed = async () => ((await client.query(ROLES, { slug: person.slug })).actor.roles as object[]).map((r) => JSON.stringify(r)).sort();
    const rolesOf = (roles: typeof person.roles) =>
      roles.map((r) => JSON.stringify({ title: r.title, code: r.code, validFrom: r.from, validTo: r.to })).sort();

    it('writes the names and roles that changed, and leaves those that did not as they are', async () => {
      const names = [person.name, person.nameNl, ...person.aliases];
      expect(await keysOf()).toEqual(expectedKeys(names));
      const before = await roleRows();
      // The same knowledge base again: the roles keep their rows.
      await syncKnowledgeBase(database.database.db, kb);
      expect(await roleRows()).toEqual(before);
      expect(await keysOf()).toEqual(expectedKeys(names));

      // An alias dropped and one added, a role retitled and one dropped.
      const aliases = [...person.aliases.slice(1), 'Zwerdijk Testnaam'];
      const roles = [{ ...person.roles[0]!, title: 'Testtitel van de synchronisatie' }, ...person.roles.slice(1, -1)];
      const changed = { ...kb, actors: kb.actors.map((a) => (a === person ? { ...a, aliases, roles } : a)) };
      await syncKnowledgeBase(database.database.db, changed);
      expect(await keysOf()).toEqual(expectedKeys([person.name, person.nameNl, ...aliases]));
      expect(await rolesServed()).toEqual(rolesOf(roles));
      const found = await client.query(`{ actorSuggest(prefix: "zwerdijk") { actor { slug } } }`);
      expect(found.actorSuggest.map((s: any) => s.actor.slug)).toEqual([person.slug]);

      await syncKnowledgeBase(database.database.db, kb);
      expect(await keysOf()).toEqual(expectedKeys(names));
      expect(await rolesServed()).toEqual(rolesOf(person.roles));
      expect((await client.query(`{ actorSuggest(prefix: "zwerdijk") { actor { slug } } }`)).actorSuggest).toEqual([]);
    });
  });
});
