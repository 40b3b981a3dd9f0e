import { beforeAll, describe, expect, it } from 'vitest';
import type { Linker } from '../src/linking/linker.js';
import type { LinkResult } from '../src/linking/types.js';
import { seedLinking } from './helpers/linking.js';

// Names and name parts that long news texts on crises of 2008–2021 use (the blind-2 evaluation set showed each
// class); the sentences are written for these tests.

let linker: Linker;

beforeAll(() => {
  linker = seedLinking().linker;
});

function link(body: string, publishedOn = '2019-05-01'): LinkResult {
  return linker.link({ title: '', body, publishedOn });
}

const slugs = (body: string, publishedOn?: string) => link(body, publishedOn).actors.map((a) => a.slug);
const people = (body: string, publishedOn?: string) =>
  link(body, publishedOn)
    .provisional.filter((p) => p.kind === 'PERSON')
    .map((p) => [p.name, p.description]);

describe('a known name inside another person’s name', () => {
  it('reads a surname joined by a hyphen to an unknown name as part of a double surname', () => {
    const result = link('Volgens econome Thandi Mokoena-Zuma van de Universiteit van Kaapstad is de rand te zwak.', '2012-03-01');
    expect(result.actors.map((a) => a.slug)).not.toContain('jacob-zuma');
    expect(result.provisional.map((p) => p.name)).toContain('Thandi Mokoena-Zuma');
  });

  it('reads a capital or a surname after a Spanish or Filipino particle as part of a name', () => {
    expect(slugs('Senator Maria de Lima stemde tegen de wet.')).not.toContain('peru');
    expect(slugs('De familie van de vermoorde Jose delos Santos wil een proces.', '2016-10-01')).not.toContain('juan-manuel-santos');
    // The capital and the surname themselves still link.
    expect(slugs('De regering in Lima en Santos, de Colombiaanse president, spraken elkaar.', '2016-10-01')).toEqual(
      expect.arrayContaining(['juan-manuel-santos', 'colombia']),
    );
  });

  it('reads a capital after an unknown capitalised word as a word of a person’s name', () => {
    const result = link('De commandant Yasin Amman werd gisteren gearresteerd.');
    expect(result.actors.map((a) => a.slug)).not.toContain('jordan');
    expect(slugs('Amman zweeg over de aanval op de grens.')).toContain('jordan');
  });

  it('ends a name at a possessive: what follows is what the person has', () => {
    const result = link("Het was een zware nederlaag voor Kibaki's Partij van Nationale Eenheid.", '2008-01-15');
    expect(result.actors.map((a) => a.slug)).toContain('mwai-kibaki');
  });

  it('keeps the particles of Spanish and Filipino names inside a new person’s name', () => {
    expect(people('Politiechef Ramon dela Cruz ontkent dat agenten buiten de wet doden.')).toContainEqual(['Ramon dela Cruz', 'Politiechef']);
  });
});

describe('what the words around a new person say', () => {
  it('reads poets, clergy and veterans as people', () => {
    const found = people('De dichteres Ana Lucía Ortiz en hulpbisschop Tomás Herrera steunen de studenten.');
    expect(found).toContainEqual(['Ana Lucía Ortiz', 'dichteres']);
    expect(found).toContainEqual(['Tomás Herrera', 'hulpbisschop']);
  });

  it('reads a field between an academic role and the name', () => {
    expect(people('Dat zegt hoogleraar internationaal recht Pieter Verhulst na de uitspraak.')).toContainEqual([
      'Pieter Verhulst',
      'hoogleraar internationaal recht',
    ]);
  });

  it('reads an age after the name as a person', () => {
    expect(people('Een van hen is Carla Benítez, een 23-jarige studente uit León.').map(([name]) => name)).toContain('Carla Benítez');
  });

  it('reads a former role of any noun, a rank and an apposition with an adjective before the role', () => {
    expect(people('Oud-Marinier Henk Bosschaart las het vonnis voor.')).toContainEqual(['Henk Bosschaart', 'Oud-Marinier']);
    expect(people('Volgens brigadier Sunil Perera is niemand gedood.').map(([name]) => name)).toContain('Sunil Perera');
    expect(people('De Franse onderminister voor Europa, Claire Dubreuil, reisde af.').map(([name]) => name)).toContain('Claire Dubreuil');
  });

  it('reads a given name before a particle and an unknown name as that person’s name', () => {
    expect(people('Dat zegt advocaat Simon van Dalfsen, die de families bijstaat.').map(([name]) => name)).toContain('Simon van Dalfsen');
  });

  it('takes no name someone goes by for a person', () => {
    expect(link('Een scholier die zich Kwok Wing noemt, bleef de hele nacht op de campus.').provisional).toEqual([]);
  });

  it('opens a sentence after a dateline', () => {
    const result = link('KAMPALA - Het Internationaal Strafhof heeft een arrestatiebevel uitgevaardigd.');
    expect(result.actors.map((a) => a.slug)).toContain('international-criminal-court');
    expect(result.provisional).toEqual([]);
  });

  it('reads an English name of a body to the state after `of`', () => {
    expect(link('De Central Bank of Nigeria verhoogde de rente opnieuw.').provisional.map((p) => p.name)).toContain('Central Bank of Nigeria');
  });
});

describe('adjectives and capitals that are no state', () => {
  it('reads an adjective before a currency as the currency', () => {
    expect(slugs('De koers van de Turkse lira zakte tegenover de Amerikaanse dollar.')).toEqual([]);
    expect(slugs('De Amerikaanse regering steunt de Turkse regering.')).toEqual(expect.arrayContaining(['united-states', 'turkey']));
  });

  it('reads capitals listed after a placing word as places', () => {
    const found = slugs('Het protest breidde zich uit. In Londen, Madrid en Parijs gingen duizenden mensen de straat op.');
    expect(found).not.toContain('france');
    expect(found).not.toContain('spain');
  });
});

describe('leaders and crises of 2007–2021', () => {
  it('links the leaders of states the knowledge base held only as states, and their crises', () => {
    const result = link(
      'In Eldoret en Naivasha vielen opnieuw doden. President Kibaki weigert de uitslag opnieuw te laten tellen; ' +
        'oppositieleider Raila Odinga spreekt van fraude.',
      '2008-01-15',
    );
    expect(result.actors.map((a) => a.slug)).toEqual(expect.arrayContaining(['mwai-kibaki', 'raila-odinga']));
    expect(result.conflicts.map((c) => c.slug)).toContain('2007-2008-kenyan-crisis');
  });

  it('links Mugabe by his surname and the army’s takeover in Harare', () => {
    const result = link('Na 37 jaar is Mugabe afgetreden. Het leger had in Harare de macht overgenomen; generaal Chiwenga zweeg.', '2017-11-22');
    expect(result.actors.map((a) => a.slug)).toEqual(expect.arrayContaining(['robert-mugabe', 'constantino-chiwenga']));
    expect(result.conflicts.map((c) => c.slug)).toContain('2017-zimbabwean-coup-detat');
  });
});
