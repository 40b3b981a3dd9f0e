import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeVariantOf, prefixOf } from '../src/linking/kb-cache.js';
import { KnowledgeBaseError, loadKnowledgeBase, type LinkingKnowledgeBase } from '../src/linking/kb.js';
import { countries } from '../src/linking/states.js';
import { seedLinking } from './helpers/linking.js';

let kb: LinkingKnowledgeBase;
beforeAll(() => {
  kb = seedLinking().kb;
});

describe('knowledge base', () => {
  it('loads the seed knowledge base', () => {
    expect(kb.actors.length).toBeGreaterThan(100);
    expect(kb.conflicts.length).toBeGreaterThanOrEqual(6);
    const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    for (const actor of kb.actors) {
      expect(actor.slug).toMatch(slugPattern);
      const keys = Object.keys(actor).sort();
      expect(keys.filter((k) => k !== 'country' && k !== 'branchOf')).toEqual(['aliases', 'kind', 'name', 'nameNl', 'roles', 'slug', 'wikidataId']);
      if (keys.includes('country')) expect(kb.actors.find((a) => a.slug === actor.country)?.kind).toBe('STATE');
      if (keys.includes('branchOf')) expect(kb.actors.find((a) => a.slug === actor.branchOf)?.kind).toBe('ARMED_GROUP');
      for (const role of actor.roles) {
        for (const date of [role.from, role.to]) if (date !== null) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    const putin = kb.actors.find((a) => a.slug === 'vladimir-putin')!;
    expect(putin.aliases).toContain('Poetin');
    const us = kb.actors.find((a) => a.slug === 'united-states')!;
    expect(us.aliases).toContain('VS');
    expect(us.aliases).not.toContain('Amerikaanse');
  });

  it('covers the required conflicts with dated parties', () => {
    const bySlug = new Map(kb.conflicts.map((c) => [c.slug, c]));
    for (const slug of [
      'syrian-civil-war',
      'second-libyan-civil-war',
      'war-in-afghanistan-2001-2021',
      'iran-united-states-crisis',
      'russo-ukrainian-war',
      'war-against-the-islamic-state',
    ]) {
      const conflict = bySlug.get(slug);
      expect(conflict, slug).toBeDefined();
      expect(conflict!.startedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(conflict!.parties.length).toBeGreaterThan(1);
    }
    expect(bySlug.get('war-in-afghanistan-2001-2021')!.endedOn).toBe('2021-08-30');
  });

  it('gives no two actors the same Wikidata id, and every id is a Wikidata item id', () => {
    const byId = new Map<string, string[]>();
    for (const actor of kb.actors) {
      if (actor.wikidataId === null) continue;
      expect(actor.wikidataId, actor.slug).toMatch(/^Q[1-9]\d*$/);
      byId.set(actor.wikidataId, [...(byId.get(actor.wikidataId) ?? []), actor.slug]);
    }
    expect([...byId].filter(([, slugs]) => slugs.length > 1)).toEqual([]);
    expect(byId.size).toBeGreaterThan(kb.actors.length / 2);
  });

  it('normalises partial dates to the start or the end of the period', () => {
    const soleimani = kb.actors.find((a) => a.slug === 'qasem-soleimani')!;
    expect(soleimani.roles[0]).toMatchObject({ from: '1998-01-01', to: '2020-01-03' });
  });

  describe('states from the world-countries package', () => {
    const FORMER_STATES = ['soviet-union', 'yugoslavia', 'czechoslovakia', 'east-germany'];
    const un = countries.filter((c) => c.unMember);

    it('has every UN member and observer state, Kosovo, Taiwan, Hong Kong and the Caribbean countries of the Kingdom, each with a Dutch name and ISO codes', () => {
      const codes = new Map(kb.states.map((s) => [s.isoAlpha3, s]));
      for (const country of un) expect(codes.get(country.cca3), country.name.common).toBeDefined();
      expect(kb.states.filter((s) => s.unStatus === 'MEMBER')).toHaveLength(193);
      expect(kb.states.filter((s) => s.unStatus === 'OBSERVER').map((s) => s.slug).sort()).toEqual([
        'holy-see',
        'state-of-palestine',
      ]);
      const caribbean = ['aruba', 'curacao', 'sint-maarten'];
      expect(kb.states.filter((s) => s.unStatus === 'NONE').map((s) => s.slug).sort()).toEqual(['aruba', 'curacao', 'hong-kong', 'kosovo', 'sint-maarten', 'taiwan']);
      const states = kb.actors.filter((a) => a.kind === 'STATE' && !FORMER_STATES.includes(a.slug));
      expect(states).toHaveLength(201);
      for (const state of states) {
        const code = kb.states.find((s) => s.slug === state.slug);
        expect(code?.isoAlpha2, state.slug).toMatch(/^[A-Z]{2}$/);
        expect(code?.isoAlpha3, state.slug).toMatch(/^[A-Z]{3}$/);
        expect(state.nameNl, state.slug).toMatch(/\p{L}/u);
        // No Wikidata-derived source here pairs the Caribbean countries with their ids (seeds/kb/README.md).
        if (!caribbean.includes(state.slug)) expect(state.wikidataId, state.slug).toMatch(/^Q\d+$/);
      }
      expect(new Set(kb.states.map((s) => s.isoAlpha3)).size).toBe(kb.states.length);
    });

    it('has the states that no longer exist by their Dutch names, without ISO codes', () => {
      const former = kb.actors.filter((a) => a.kind === 'STATE' && !kb.states.some((s) => s.slug === a.slug));
      expect(former.map((a) => a.slug).sort()).toEqual([...FORMER_STATES].sort());
      expect(Object.fromEntries(former.map((a) => [a.slug, a.nameNl]))).toMatchObject({
        'soviet-union': 'Sovjet-Unie',
        yugoslavia: 'Joegoslavië',
        'east-germany': 'Duitse Democratische Republiek',
      });
    });

    it('takes names from the package and keeps the slugs stable', () => {
      const bySlug = new Map(kb.actors.map((a) => [a.slug, a]));
      expect(bySlug.get('kenya')).toMatchObject({ name: 'Kenya', nameNl: 'Kenia' });
      expect(bySlug.get('united-states')).toMatchObject({ name: 'United States', nameNl: 'Verenigde Staten', wikidataId: 'Q30' });
      expect(bySlug.get('united-states')!.aliases).toContain('Verenigde Staten van Amerika');
      expect(bySlug.get('turkey')).toMatchObject({ name: 'Turkey', nameNl: 'Turkije' });
      for (const slug of ['russia', 'united-kingdom', 'france', 'china', 'afghanistan', 'iran', 'syria', 'netherlands']) {
        expect(bySlug.get(slug)?.kind, slug).toBe('STATE');
      }
    });

    it('has no slug twice, and every party and role names a known actor', () => {
      const slugSet = new Set(kb.actors.map((a) => a.slug));
      expect(slugSet.size).toBe(kb.actors.length);
      for (const conflict of kb.conflicts) {
        for (const party of conflict.parties) expect(slugSet.has(party.actor), `${conflict.slug}: ${party.actor}`).toBe(true);
        const sides = new Set(conflict.parties.filter((p) => p.role === 'BELLIGERENT').map((p) => p.side));
        expect(sides.size, conflict.slug).toBeGreaterThanOrEqual(2);
      }
      for (const actor of kb.actors) for (const role of actor.roles) if (role.for) expect(slugSet.has(role.for)).toBe(true);
    });

    it('loads without the imported files: every party of a conflict is a curated actor', () => {
      const curated = loadKnowledgeBase(undefined, { imported: false });
      const slugs = new Set(curated.actors.map((a) => a.slug));
      expect(slugs.size).toBeLessThan(kb.actors.length);
      for (const conflict of curated.conflicts) {
        for (const party of conflict.parties) expect(slugs.has(party.actor), `${conflict.slug}: ${party.actor}`).toBe(true);
      }
    });

    it('says whose armed forces each state army is, by a military role for the state', () => {
      const armies = kb.actors.filter((a) => a.roles.some((r) => r.title.startsWith('Armed forces of')));
      expect(armies.length).toBeGreaterThanOrEqual(15);
      for (const army of armies) {
        expect(army.kind, army.slug).toBe('ORGANIZATION');
        const role = army.roles.find((r) => r.title.startsWith('Armed forces of'))!;
        expect(role.code, army.slug).toBe('MIL');
        expect(kb.actors.find((a) => a.slug === role.for)?.kind, army.slug).toBe('STATE');
      }
    });

    it('has several hundred people, each with a dated role', () => {
      const people = kb.actors.filter((a) => a.kind === 'PERSON');
      expect(people.length).toBeGreaterThan(400);
      for (const person of people) {
        expect(person.roles.length, person.slug).toBeGreaterThan(0);
        expect(person.roles.some((r) => r.from !== null), person.slug).toBe(true);
      }
    });

    it('covers the conflicts of 2010-2025 that the news reports', () => {
      const slugSet = new Set(kb.conflicts.map((c) => c.slug));
      for (const slug of [
        'yemeni-civil-war',
        'israel-hamas-war',
        'israeli-palestinian-conflict',
        '2020-nagorno-karabakh-war',
        '2023-azerbaijani-offensive-in-nagorno-karabakh',
        'tigray-war',
        'mali-war',
        'sudanese-civil-war-2023',
        'myanmar-civil-war',
        'korean-conflict',
        'first-libyan-civil-war',
        'iraq-war',
        'nagorno-karabakh-conflict',
        'kashmir-conflict',
        'western-sahara-conflict',
        'cross-strait-conflict',
        'south-china-sea-disputes',
        'iran-israel-proxy-conflict',
        'iran-saudi-arabia-proxy-conflict',
        'saudi-led-intervention-in-yemen',
        'russian-intervention-in-syria',
        'russo-georgian-war',
        'colombian-conflict',
        'venezuelan-presidential-crisis',
        'haitian-crisis',
        'central-african-republic-civil-war',
        'south-sudanese-civil-war',
        'insurgency-in-cabo-delgado',
      ]) {
        expect(slugSet.has(slug), slug).toBe(true);
      }
    });
  });

  describe('validation', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function kbDir(files: Record<string, string>): string {
      dir = mkdtempSync(join(tmpdir(), 'kb-'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      return dir;
    }

    function loadError(files: Record<string, string>): KnowledgeBaseError {
      try {
        loadKnowledgeBase(kbDir(files));
      } catch (error) {
        expect(error).toBeInstanceOf(KnowledgeBaseError);
        return error as KnowledgeBaseError;
      }
      throw new Error('expected a KnowledgeBaseError');
    }

    /** A conflict file with one civil war of Ruritania, and the lines given after its first party. */
    const ruritanianWar = (...more: string[]) =>
      [
        'conflicts:',
        '  - slug: ruritanian-war',
        '    name: Ruritanian War',
        '    nameNl: Ruritaanse oorlog',
        '    kind: CIVIL_WAR',
        '    startedOn: 2001-01-01',
        '    parties:',
        '      - { actor: ruritania, role: BELLIGERENT, side: government }',
        ...more,
      ].join('\n');

    const state = (slug: string, extra = '') => `  - slug: ${slug}\n    name: ${slug}\n    nameNl: ${slug}\n${extra}`;

    it('names a duplicate slug', () => {
      const error = loadError({
        'a.yaml': `kind: STATE\nactors:\n${state('ruritania')}`,
        'b.yaml': `kind: STATE\nactors:\n${state('ruritania')}`,
      });
      expect(error.message).toContain('b.yaml: entry "ruritania": field slug: duplicate slug, first defined in a.yaml');
    });

    it('names a party with an unknown actor', () => {
      const error = loadError({
        'states.yaml': `kind: STATE\nactors:\n${state('ruritania')}`,
        'conflicts.yaml': ruritanianWar('      - { actor: grand-fenwick, role: BELLIGERENT, side: rebels }'),
      });
      expect(error.message).toContain(
        'conflicts.yaml: entry "ruritanian-war": field parties[1].actor: unknown actor slug "grand-fenwick"',
      );
    });

    it('names a signal word that is the name of a person, who belongs among the parties', () => {
      const error = loadError({
        'states.yaml': `kind: STATE\nactors:\n${state('ruritania')}`,
        'persons.yaml': 'kind: PERSON\nactors:\n  - slug: rudolf-rassendyll\n    name: Rudolf Rassendyll\n    nameNl: Rudolf Rassendyll\n    surnames: [Rassendyll]\n',
        'conflicts.yaml': ruritanianWar('    signals: [troonopvolging, rassendyll]'),
      });
      expect(error.message).toContain(
        'conflicts.yaml: entry "ruritanian-war": field signals[1]: "rassendyll" names the person rudolf-rassendyll: list the person as a party instead',
      );
      expect(error.problems).toHaveLength(1);
    });

    it('names a branch of an unknown movement', () => {
      const error = loadError({
        'groups.yaml': 'kind: ARMED_GROUP\nactors:\n  - slug: black-elephants\n    name: Black Elephants\n    nameNl: Zwarte Olifanten\n    branchOf: red-elephants\n',
      });
      expect(error.message).toContain('groups.yaml: entry "black-elephants": field branchOf: unknown actor slug "red-elephants"');
    });

    it('names a role date that is not ISO', () => {
      const error = loadError({
        'persons.yaml': [
          'kind: PERSON',
          'actors:',
          '  - slug: rudolf-rassendyll',
          '    name: Rudolf Rassendyll',
          '    nameNl: Rudolf Rassendyll',
          '    roles:',
          '      - { title: King, for: null, code: GOV, from: 12/05/1894, to: null }',
        ].join('\n'),
      });
      expect(error.message).toBe(
        'persons.yaml: entry "rudolf-rassendyll": field roles[0].from: must be an ISO date (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)',
      );
      expect(error.problems).toEqual([
        expect.objectContaining({ file: 'persons.yaml', entry: '"rudolf-rassendyll"', field: 'roles[0].from' }),
      ]);
    });

    it('names a role held for an unknown actor, and a role that ends before it starts', () => {
      const error = loadError({
        'persons.yaml': [
          'kind: PERSON',
          'actors:',
          '  - slug: rudolf-rassendyll',
          '    name: Rudolf Rassendyll',
          '    nameNl: Rudolf Rassendyll',
          '    roles:',
          '      - { title: King, for: ruritania, code: GOV, from: 1894-05, to: null }',
          '      - { title: Regent, for: null, code: GOV, from: 1895, to: 1894 }',
        ].join('\n'),
      });
      expect(error.message).toContain('persons.yaml: entry "rudolf-rassendyll": field roles[0].for: unknown actor slug "ruritania"');
      expect(error.message).toContain('persons.yaml: entry "rudolf-rassendyll": field roles[1].to: ends (1894) before it starts (1895)');
    });

    it('names a date that is not in the calendar', () => {
      const error = loadError({
        'conflicts.yaml': [
          'conflicts:',
          '  - slug: ruritanian-war',
          '    name: Ruritanian War',
          '    nameNl: Ruritaanse oorlog',
          '    kind: CIVIL_WAR',
          '    startedOn: 1894-02-30',
          '    parties: []',
        ].join('\n'),
      });
      expect(error.message).toContain('field startedOn: is not a date of the calendar');
      expect(error.message).toContain('field parties: must name at least one party');
    });

    it('names a bad slug, an unknown field and a wrong kind', () => {
      const error = loadError({
        'a.yaml': `kind: STATE\nactors:\n${state('Ruritania', '    capitol: Strelsau\n')}`,
        'b.yaml': `kind: COUNTRY\nactors: []\n`,
      });
      expect(error.message).toContain('a.yaml: entry "Ruritania": field slug: must be a lowercase kebab-case slug');
      expect(error.message).toContain('a.yaml: entry "Ruritania": field capitol: is not a known field');
      expect(error.message).toContain('b.yaml: field kind:');
    });

    it('names an unknown ISO code, a second overlay of a state, and a state without names', () => {
      const error = loadError({
        'a.yaml': `kind: STATE\ninclude: { package: world-countries, also: [XYZ] }\nactors:\n  - { slug: kenya, iso: KEN }\n`,
        'b.yaml': 'kind: STATE\nactors:\n  - { slug: kenia, iso: KEN }\n  - { slug: ruritania, iso: RUR }\n  - { slug: grand-fenwick }\n',
      });
      expect(error.message).toContain('a.yaml: field include.also[0]: unknown ISO 3166-1 alpha-3 code "XYZ"');
      expect(error.message).toContain('b.yaml: entry "kenia": field iso: KEN has an overlay already, in a.yaml');
      expect(error.message).toContain('b.yaml: entry "ruritania": field iso: unknown ISO 3166-1 alpha-3 code "RUR"');
      expect(error.message).toContain('b.yaml: entry "grand-fenwick": field name: is required for a state without `iso`');
    });

    it('takes package states only where a STATE file includes them', () => {
      const error = loadError({ 'a.yaml': 'kind: PERSON\ninclude: { package: world-countries, unMembers: true }\n' });
      expect(error.message).toContain('a.yaml: field include: only a file of kind STATE includes states from a package');
      const small = loadKnowledgeBase(
        kbDir({ 'a.yaml': 'kind: STATE\ninclude: { package: world-countries, also: [NLD] }\nactors:\n  - { slug: kenya, iso: KEN }\n' }),
      );
      expect(small.actors.map((a) => [a.slug, a.nameNl]).sort()).toEqual([
        ['kenya', 'Kenia'],
        ['netherlands', 'Nederland'],
      ]);
      expect(small.states.find((s) => s.slug === 'netherlands')).toEqual({
        slug: 'netherlands',
        isoAlpha2: 'NL',
        isoAlpha3: 'NLD',
        unStatus: 'MEMBER',
      });
    });

    it('names a file that is not YAML or not a list the loader knows', () => {
      const error = loadError({ 'a.yaml': 'actors: [\n', 'b.yaml': 'people: []\n' });
      expect(error.message).toContain('a.yaml: not valid YAML');
      expect(error.message).toContain('b.yaml: must hold a list under `actors`, `conflicts` or `nonActors`');
    });
  });
  describe('cache', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const states = (nameNl: string) => `kind: STATE\nactors:\n  - slug: ruritania\n    name: Ruritania\n    nameNl: ${nameNl}\n`;
    const cached = (cache: string) => readdirSync(cache).filter((f) => f.endsWith('.json'));

    /** A knowledge base of one file in a new folder, and a folder for its cache beside it. */
    function folders(nameNl: string): { files: string; cache: string } {
      dir = mkdtempSync(join(tmpdir(), 'kb-cache-'));
      const files = join(dir, 'kb');
      mkdirSync(files);
      writeFileSync(join(files, 'states.yaml'), states(nameNl));
      return { files, cache: join(dir, 'cache') };
    }

    it('loads from the cache what it loads from the files, and never a cache of other files', () => {
      const { files, cache } = folders('Ruritanië');
      const fresh = loadKnowledgeBase(files, { cache: false });
      expect(existsSync(cache)).toBe(false);

      expect(loadKnowledgeBase(files, { cache })).toEqual(fresh);
      const [first] = cached(cache);
      expect(first).toBeDefined();
      // What is read from the cache is the same, and reading it writes nothing new.
      expect(loadKnowledgeBase(files, { cache })).toEqual(fresh);
      expect(cached(cache)).toEqual([first]);

      // A changed file is read anew: the cache of the old text is never used, and is dropped.
      writeFileSync(join(files, 'states.yaml'), states('Groot-Ruritanië'));
      const changed = loadKnowledgeBase(files, { cache });
      expect(changed.actors.find((a) => a.slug === 'ruritania')?.nameNl).toBe('Groot-Ruritanië');
      expect(cached(cache)).not.toContain(first);
      expect(cached(cache)).toHaveLength(1);
      // The curated files alone are cached apart from the whole.
      expect(loadKnowledgeBase(files, { cache, imported: false })).toEqual(loadKnowledgeBase(files, { cache: false, imported: false }));
      expect(cached(cache)).toHaveLength(2);
    });

    it('loads from the files when the cache cannot be read', () => {
      const { files, cache } = folders('Ruritanië');
      const fresh = loadKnowledgeBase(files, { cache });
      expect(cached(cache)).toHaveLength(1);
      for (const file of cached(cache)) writeFileSync(join(cache, file), '{"actors": [');
      expect(loadKnowledgeBase(files, { cache })).toEqual(fresh);
    });
  });

  describe('cache names', () => {
    it("names the caches of a test run's compiled code alike in every run, apart from those of src/ and dist/", () => {
      // A name per run left some 30 MB per run in .data/cache/ and started each run's processes without a cache.
      expect(codeVariantOf('.test-dist-3c2ad878')).toBe('test-dist');
      expect(codeVariantOf('.test-dist-0a1b2c3d')).toBe(codeVariantOf('.test-dist-3c2ad878'));
      expect(codeVariantOf('src')).toBe('src');
      expect(codeVariantOf('dist')).toBe('dist');
      expect(prefixOf('all')).toBe('knowledge-base-all-src-');
    });
  });
});
