import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../src/linking/kb.js';
import { createLinker, type Linker } from '../src/linking/linker.js';
import { seedLinking } from './helpers/linking.js';

/* A title before a surname ("minister Blok", "de Iraanse minister Karimi") is resolved by the office held on the date. */

let seed: Linker;
let small: Linker;
let dir: string;

const role = (title: string, state: string, code: string, from: string, to = 'null') =>
  `{ title: ${title}, for: ${state}, code: ${code}, from: ${from}, to: ${to} }`;
const person = (slug: string, name: string, surname: string, roles: string[]) =>
  `  - slug: ${slug}\n    name: ${name}\n    nameNl: ${name}\n    surnames: [${surname}]\n    roles: [${roles.join(', ')}]\n`;

beforeAll(() => {
  seed = seedLinking().linker;
  dir = mkdtempSync(join(tmpdir(), 'kb-titles-'));
  writeFileSync(
    join(dir, 'states.yaml'),
    'kind: STATE\ninclude: { package: world-countries, also: [IRN, AFG, NLD] }\nactors:\n' +
      '  - { slug: iran, iso: IRN, adjectives: [Iraans, Iraanse] }\n' +
      '  - { slug: afghanistan, iso: AFG, adjectives: [Afghaans, Afghaanse] }\n' +
      '  - { slug: netherlands, iso: NLD, adjectives: [Nederlands, Nederlandse] }\n',
  );
  writeFileSync(
    join(dir, 'persons.yaml'),
    'kind: PERSON\nactors:\n' +
      person('ahmad-karimi', 'Ahmad Karimi', 'Karimi', [role('Minister of Defence of Iran', 'iran', 'GOV', '2010')]) +
      person('hamid-karimi', 'Hamid Karimi', 'Karimi', [role('Minister of Foreign Affairs of Afghanistan', 'afghanistan', 'GOV', '2010')]) +
      person('reza-karimi', 'Reza Karimi', 'Karimi', [role('Chief of Staff of the Army of Iran', 'iran', 'MIL', '2010')]) +
      person('jan-wolf', 'Jan Wolf', 'Wolf', [role('Member of the House of Representatives', 'netherlands', 'LEG', '2015', '2021')]),
  );
  small = createLinker(loadKnowledgeBase(dir));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linked(linker: Linker, body: string, publishedOn: string): Record<string, string[]> {
  const result = linker.link({ title: '', body, publishedOn });
  return Object.fromEntries(result.actors.map((a) => [a.slug, a.mentions.map((m) => m.text)]));
}

const people = (found: Record<string, string[]>) => Object.keys(found).filter((slug) => !['iran', 'afghanistan', 'netherlands'].includes(slug));

describe('title plus surname', () => {
  it('links a surname that is a common word after a title that fits an office held on the date', () => {
    expect(linked(seed, 'Blok zei dat het kabinet wacht.', '2019-06-01')).toEqual({});
    expect(linked(seed, 'Minister Blok zei dat het kabinet wacht.', '2019-06-01')).toEqual({ 'stef-blok': ['Blok'] });
    expect(linked(seed, 'Minister van Buitenlandse Zaken Blok reisde af.', '2019-06-01')).toEqual({ 'stef-blok': ['Blok'] });
    // Not a minister on the date, or a title his office does not fit.
    expect(linked(seed, 'Minister Blok zei dat het kabinet wacht.', '2012-06-01')).toEqual({});
    expect(linked(seed, 'Generaal Blok zei dat het leger wacht.', '2019-06-01')).toEqual({});
  });

  it('does not take a former office for one held on the date', () => {
    expect(linked(seed, 'Oud-minister Blok en voormalig minister Blok spraken.', '2019-06-01')).toEqual({});
  });

  it('decides a shared surname by the state named with the title', () => {
    expect(people(linked(small, 'Karimi sprak.', '2020-01-01'))).toEqual([]);
    expect(people(linked(small, 'De Iraanse minister Karimi sprak.', '2020-01-01'))).toEqual(['ahmad-karimi']);
    expect(people(linked(small, 'De Afghaanse minister Karimi sprak.', '2020-01-01'))).toEqual(['hamid-karimi']);
  });

  it('takes a state only from the words right before the title, not from a bracket that ends another name', () => {
    // `(Afghaanse)` closes what is said of Jan Wolf: the minister of defence after it is Iran's, whatever the bracket says.
    expect(people(linked(small, 'Toen vroeg Kamerlid Jan Wolf (Afghaanse) minister van Defensie Karimi om uitleg.', '2020-01-01'))).toEqual([
      'jan-wolf',
      'ahmad-karimi',
    ]);
    expect(people(linked(small, 'Kamerlid Jan Wolf vroeg de Iraanse minister Karimi om uitleg.', '2020-01-01'))).toEqual(['jan-wolf', 'ahmad-karimi']);
  });

  it('decides by the portfolio and by the kind of office', () => {
    expect(people(linked(small, 'Minister van Defensie Karimi sprak.', '2020-01-01'))).toEqual(['ahmad-karimi']);
    expect(people(linked(small, 'Minister van Buitenlandse Zaken Karimi sprak.', '2020-01-01'))).toEqual(['hamid-karimi']);
    expect(people(linked(small, 'Generaal Karimi sprak.', '2020-01-01'))).toEqual(['reza-karimi']);
    // Two ministers of that name hold office: the title alone does not decide.
    expect(people(linked(small, 'Minister Karimi sprak.', '2020-01-01'))).toEqual([]);
  });

  it('links a legislator by the title of a member of parliament', () => {
    expect(linked(small, 'Kamerlid Wolf stelde vragen.', '2019-01-01')).toEqual({ 'jan-wolf': ['Wolf'] });
    expect(linked(small, 'Kamerlid Wolf stelde vragen.', '2023-01-01')).toEqual({});
    expect(linked(small, 'Wolf stelde vragen.', '2019-01-01')).toEqual({});
  });

  it('takes the organisation joined to the title', () => {
    expect(linked(seed, 'VN-chef Guterres riep op tot kalmte.', '2020-01-01')).toMatchObject({ 'antonio-guterres': ['Guterres'] });
  });
});
