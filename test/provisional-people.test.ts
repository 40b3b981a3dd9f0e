import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../src/linking/kb.js';
import { createLinker, type Linker } from '../src/linking/linker.js';
import { seedLinking } from './helpers/linking.js';

// People outside the knowledge base, as real articles describe them. Every person named here is made up.

let linker: Linker;

beforeAll(() => {
  linker = seedLinking().linker;
});

/** Provisional actors as `[key, description]`. */
function people(body: string): [string, string | null][] {
  return linker.link({ title: '', body, publishedOn: '2023-05-01' }).provisional.map((p) => [p.key, p.description]);
}

describe('roles of the people real articles quote', () => {
  it('reads trades, colleagues and office-holders, in compounds too', () => {
    expect(people('Zo zegt taxichauffeur Issa Garbovo.')).toEqual([['issa-garbovo', 'taxichauffeur']]);
    expect(people('Hotelhouder Hovik Mardanyan laat een gat zien.')).toEqual([['hovik-mardanyan', 'Hotelhouder']]);
    expect(people('Hij sprak met zijn Tadzjiekse ambtgenoot Sayrullo Vatimov.')).toEqual([['sayrullo-vatimov', 'ambtgenoot']]);
    expect(people('De ombudsvrouw Kristiane Gavoryan spreekt van misdaden.')).toEqual([['kristiane-gavoryan', 'ombudsvrouw']]);
  });

  it('cuts a minister off the name after any portfolio, also one of two words joined by `en`', () => {
    expect(people('Minister van Communicatie Legessa Tulovo sprak van een operatie.')).toEqual([['legessa-tulovo', 'minister van Communicatie']]);
    expect(people('Sancties treffen de minister van Informatie- en Communicatietechnologie Isra Zarevour, die het internet afsloot.')).toEqual([
      ['isra-zarevour', 'minister van Informatie- en Communicatietechnologie'],
    ]);
  });

  it('reads a role in the plural and in a hyphenated compound before an apposition', () => {
    expect(people('Een van de CNSP-generaals, Salifa Modovo, reisde al af.')).toEqual([['salifa-modovo', 'CNSP-generaals']]);
  });

  it('reads `X, een van de …` with people after it', () => {
    expect(people('Ze arresteerden Ovidio Garzán Lopera, een van de zonen van de drugsbaron.')).toEqual([['ovidio-garzan-lopera', null]]);
    expect(people('De groep wordt geleid door Egiano Kogorra, een van de meest gezochte mannen.')).toEqual([['egiano-kogorra', null]]);
  });

  it("takes first names with the endings of adjectives (`José`, `Marieke`), not adjectives before a body's name", () => {
    expect(people('De oprichter van de partij, José Mario Sisovan, woont in Utrecht.')).toEqual([['jose-mario-sisovan', 'oprichter van de partij']]);
    expect(people('Dat zegt onderzoekster Marieke Smitsma.')).toEqual([['marieke-smitsma', 'onderzoekster']]);
    expect(people('De Politieke Raad zei het.').map(([key]) => key)).toEqual(['politieke-raad']);
  });

  it('keeps a surname that looks like a plural role in the name: `Broers` is no role', () => {
    expect(people('Dat zegt Kaukasusexpert Laurens Broers.')).toEqual([['laurens-broers', 'Kaukasusexpert']]);
  });

  it('links the last of several names, or the last two, as a later short form; never a surname cut after a particle', () => {
    const mentions = (body: string) =>
      linker.link({ title: '', body, publishedOn: '2023-05-01' }).provisional.map((p) => [p.key, p.mentions.map((m) => m.text)]);
    expect(mentions('De advocaat Maria Luisa Fernández Obregón verdedigt hem. Volgens Fernández Obregón is het proces oneerlijk.')).toEqual([
      ['maria-luisa-fernandez-obregon', ['Maria Luisa Fernández Obregón', 'Fernández Obregón']],
    ]);
    expect(mentions('Activist Tomas Elias Ranoa werd opgepakt. Ranoa zit nu vast.')).toEqual([['tomas-elias-ranoa', ['Tomas Elias Ranoa', 'Ranoa']]]);
    expect(mentions('Onderzoeker Pieter van der Wiel schreef het rapport. Wiel is een woord voor een rad.')).toEqual([
      ['pieter-van-der-wiel', ['Pieter van der Wiel']],
    ]);
  });

  it('finds a person named as a signal word of a conflict, and the surname alone later', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-signal-'));
    try {
      writeFileSync(join(dir, 'states.yaml'), 'kind: STATE\ninclude: { package: world-countries, also: [PHL] }\nactors:\n  - { slug: philippines, iso: PHL }\n');
      writeFileSync(
        join(dir, 'conflicts.yaml'),
        'conflicts:\n  - { slug: siege-of-tarmadi, name: Siege of Tarmadi, nameNl: Beleg van Tarmadi, kind: INSURGENCY, startedOn: 2017-05-23,\n' +
          '      parties: [{ actor: philippines, role: BELLIGERENT, side: government }], signals: [Isnaldo Hapirol] }\n',
      );
      const withSignal = createLinker(loadKnowledgeBase(dir));
      const found = withSignal.link({ title: '', body: 'Ze zochten Isnaldo Hapirol. Hapirol, een leider van de groep, vluchtte.', publishedOn: '2017-06-01' });
      expect(found.provisional.map((p) => [p.key, p.mentions.map((m) => m.text)])).toEqual([['isnaldo-hapirol', ['Isnaldo Hapirol', 'Hapirol']]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
