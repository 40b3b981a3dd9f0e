import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBaseError, loadKnowledgeBase } from '../src/linking/kb.js';
import { createLinker, type Linker } from '../src/linking/linker.js';

/* A state's army named as such links to the actor that is the state's armed forces, where the knowledge base has one. */

let dir: string;
let linker: Linker;

function kbDir(organizations: string): string {
  const path = mkdtempSync(join(tmpdir(), 'kb-forces-'));
  writeFileSync(
    join(path, 'states.yaml'),
    'kind: STATE\ninclude: { package: world-countries, also: [MLI, RUS, ISR] }\nactors:\n' +
      '  - { slug: mali, iso: MLI, adjectives: [Malinees, Malinese] }\n' +
      '  - { slug: russia, iso: RUS, adjectives: [Russisch, Russische] }\n' +
      '  - { slug: israel, iso: ISR, nameNl: Israël, adjectives: [Israëlisch, Israëlische] }\n',
  );
  writeFileSync(join(path, 'organizations.yaml'), `kind: ORGANIZATION\nactors:\n${organizations}`);
  return path;
}

beforeAll(() => {
  dir = kbDir(
    '  - { slug: malian-armed-forces, name: Malian Armed Forces, nameNl: Malinese strijdkrachten, aliases: [FAMa], armedForcesOf: mali }\n' +
      '  - { slug: israel-defense-forces, name: Israel Defense Forces, nameNl: Israëlisch defensieleger, aliases: [IDF, Tsahal], armedForcesOf: israel }\n',
  );
  linker = createLinker(loadKnowledgeBase(dir));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linked(body: string): Record<string, string[]> {
  const result = linker.link({ title: '', body, publishedOn: '2022-01-01' });
  return Object.fromEntries(result.actors.map((a) => [a.slug, a.mentions.map((m) => m.text)]));
}

describe('national armed forces', () => {
  // The army's mention is the noun, the adjective's the state's: one mention per offset of the body.
  it('links the army named by the state adjective to the armed forces and the adjective to the state', () => {
    expect(linked('Het Malinese leger trok zich terug.')).toEqual({
      mali: ['Malinese'],
      'malian-armed-forces': ['leger'],
    });
    expect(linked('Het Israëlische leger en de Israëlische strijdkrachten. Het IDF en Tsahal.')).toEqual({
      israel: ['Israëlische', 'Israëlische'],
      'israel-defense-forces': ['leger', 'strijdkrachten', 'IDF', 'Tsahal'],
    });
  });

  it('leaves a branch to a body of its own: the air force is not the armed forces as a whole', () => {
    const result = linker.link({ title: '', body: 'De Israëlische luchtmacht en de Israëlische marine.', publishedOn: '2022-01-01' });
    expect(result.actors.map((a) => a.slug)).toEqual(['israel']);
    expect(result.provisional.map((p) => [p.key, p.mentions.map((m) => m.text)])).toEqual([
      ['luchtmacht-van-israel', ['luchtmacht']],
      ['marine-van-israel', ['marine']],
    ]);
  });

  it('links the army named after the state', () => {
    expect(linked('Een woordvoerder van het leger van Mali sprak.')).toEqual({
      'malian-armed-forces': ['leger van Mali'],
      mali: ['Mali'],
    });
  });

  it('links the state alone when the knowledge base has no armed forces for it', () => {
    expect(linked('De Russische strijdkrachten rukten op.')).toEqual({ russia: ['Russische'] });
  });

  it('needs a forces noun right after an inflected adjective', () => {
    expect(linked('De Malinese regering en het Malinese volk. Malinees leger is een woord.')).toEqual({
      mali: ['Malinese', 'Malinese', 'Malinees'],
    });
  });

  it('derives armed forces for every state without curated ones, when the states file asks for them', () => {
    const derived = kbDir('  - { slug: malian-armed-forces, name: Malian Armed Forces, nameNl: Malinese strijdkrachten, armedForcesOf: mali }\n');
    writeFileSync(
      join(derived, 'states.yaml'),
      'kind: STATE\ninclude: { package: world-countries, also: [MLI, RUS, COG, COD, USA], armedForces: true }\nactors:\n' +
        '  - { slug: mali, iso: MLI, adjectives: [Malinees, Malinese] }\n' +
        '  - { slug: russia, iso: RUS, adjectives: [Russisch, Russische] }\n' +
        '  - { slug: united-states, iso: USA, adjectives: [Amerikaans, Amerikaanse] }\n',
    );
    try {
      const kb = loadKnowledgeBase(derived);
      const forces = kb.actors.filter((a) => a.kind === 'ORGANIZATION').map((a) => a.slug).sort();
      // Mali keeps its curated forces; `Congolese` names two states, so theirs are named by the state.
      expect(forces).toEqual([
        'american-armed-forces',
        'armed-forces-of-dr-congo',
        'armed-forces-of-republic-of-the-congo',
        'malian-armed-forces',
        'russian-armed-forces',
      ]);
      expect(kb.actors.find((a) => a.slug === 'american-armed-forces')).toMatchObject({
        name: 'American Armed Forces',
        nameNl: 'Strijdkrachten van Verenigde Staten',
        aliases: expect.arrayContaining(['United States Armed Forces', 'United States of America Armed Forces']),
      });
      const result = createLinker(kb).link({ title: '', body: 'De Russische strijdkrachten en het Amerikaanse leger.', publishedOn: '2022-01-01' });
      expect(Object.fromEntries(result.actors.map((a) => [a.slug, a.mentions.map((m) => m.text)]))).toEqual({
        russia: ['Russische'],
        'russian-armed-forces': ['strijdkrachten'],
        'united-states': ['Amerikaanse'],
        'american-armed-forces': ['leger'],
      });
    } finally {
      rmSync(derived, { recursive: true, force: true });
    }
  });

  it("links a state's parliament named by its adjective or after it, to a curated chamber or a derived one", () => {
    const dir = kbDir('  - { slug: duma, name: State Duma, nameNl: Doema, parliamentOf: russia }\n');
    writeFileSync(
      join(dir, 'states.yaml'),
      'kind: STATE\ninclude: { package: world-countries, also: [MLI, RUS], parliaments: true }\nactors:\n' +
        '  - { slug: mali, iso: MLI, adjectives: [Malinees, Malinese] }\n' +
        '  - { slug: russia, iso: RUS, adjectives: [Russisch, Russische] }\n',
    );
    try {
      const kb = loadKnowledgeBase(dir);
      expect(kb.actors.filter((a) => a.kind === 'ORGANIZATION').map((a) => [a.slug, a.nameNl])).toEqual([
        ['duma', 'Doema'],
        ['parliament-of-mali', 'Parlement van Mali'],
      ]);
      const link = (body: string) =>
        Object.fromEntries(createLinker(kb).link({ title: '', body, publishedOn: '2022-01-01' }).actors.map((a) => [a.slug, a.mentions.map((m) => m.text)]));
      expect(link('Het Russische parlement stemde. Het parlement van Mali zweeg.')).toEqual({
        russia: ['Russische'],
        duma: ['parlement'],
        'parliament-of-mali': ['parlement van Mali'],
        mali: ['Mali'],
      });
      // A bare `het parlement` names no state, and so no parliament.
      expect(link('Het parlement stemde. Het Malinese volk zweeg.')).toEqual({ mali: ['Malinese'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects armedForcesOf that names no state', () => {
    const bad = kbDir('  - { slug: some-army, name: Some Army, nameNl: Een leger, armedForcesOf: nowhere }\n');
    try {
      expect(() => loadKnowledgeBase(bad)).toThrow(KnowledgeBaseError);
      expect(() => loadKnowledgeBase(bad)).toThrow('organizations.yaml: entry "some-army": field armedForcesOf: "nowhere" is not the slug of a state');
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
