import { beforeAll, describe, expect, it } from 'vitest';
import type { Linker } from '../src/linking/linker.js';
import { seedLinking } from './helpers/linking.js';

// Names that several states' bodies share (`de Kamer`), acronyms of parties at home, and capitals that are only
// places. The texts are written for these tests.

let linker: Linker;

beforeAll(() => {
  linker = seedLinking().linker;
});

function linked(body: string, publishedOn = '2023-05-01'): Record<string, string[]> {
  const result = linker.link({ title: '', body, publishedOn });
  return Object.fromEntries(result.actors.map((a) => [a.slug, a.mentions.map((m) => m.text)]));
}

describe('names shared across states', () => {
  it('links the acronym of a Dutch or Flemish party without the state named, but not a common word', () => {
    expect(linked('Europarlementariër Jan Koster (PvdA) is kritisch. Ook Groen en Volt zwijgen.')).toEqual({ 'labour-party-netherlands': ['PvdA'] });
    expect(linked('Kamerlid Els Maes (CD&V) vroeg het.')).toEqual({ 'christian-democratic-and-flemish': ['CD&V'] });
  });

  it("reads a member of a party by its acronym: `SP'er`, `VVD'ers`", () => {
    expect(linked("In Den Haag stemden twee VVD'ers en een SP'er tegen.")).toMatchObject({
      'peoples-party-for-freedom-and-democracy': ["VVD'ers"],
      'socialist-party-netherlands': ["SP'er"],
    });
  });

  it("counts a state's body named in full as the state named: `Tweede Kamer` makes `D66` Dutch", () => {
    expect(linked('Zijn uitspraken werden in de Tweede Kamer door D66 bekritiseerd.')).toEqual({
      'house-of-representatives-netherlands': ['Tweede Kamer'],
      'democrats-66': ['D66'],
    });
  });

  it('gives a name shared by two named states to the state its paragraph named last', () => {
    const body = 'In Nederland bleef het stil.\n\nOok in België leidde de aanval tot vragen. In de Kamer wilde een Kamerlid het weten.';
    expect(linked(body)).toEqual({ netherlands: ['Nederland'], belgium: ['België'], 'chamber-of-representatives-belgium': ['Kamer'] });
    // A state of another paragraph says nothing: the Senate of a third state is meant (one the knowledge base lacks).
    const bolivia = 'België en Nederland steunen de regering.\n\nIn Bolivia is de Senaat verdeeld: de Senaat in La Paz wil meer.';
    expect(Object.keys(linked(bolivia))).toEqual(['belgium', 'netherlands', 'bolivia']);
  });
});

describe('names shared across states, in their paragraph', () => {
  it("needs the state of a body's shared name in the same paragraph; a head of state named in full names it", () => {
    expect(linked('Nederland protesteert.\n\nDe Raad van State oordeelde anders.')).toEqual({ netherlands: ['Nederland'] });
    expect(linked('Nederland protesteert. De Raad van State oordeelde anders.')).toEqual({
      netherlands: ['Nederland'],
      'council-of-state-netherlands': ['Raad van State'],
    });
    expect(linked('President Idriss Déby sneuvelde. De voorzitter van de Nationale Assemblee moest hem opvolgen.', '2021-04-20')).toEqual({
      'idriss-deby': ['Idriss Déby'],
      'parliament-of-chad': ['Nationale Assemblee'],
    });
  });

  it('reads a shared name in a paragraph without its state as the body of that name the text links elsewhere', () => {
    const body =
      'De voorzitter van de Raad van State gaf zijn advies.\n\nIn Nederland was de verbazing groot. De Raad van State ' +
      'gaat over wetten.\n\nOok Frankrijk en België keken mee.';
    expect(linked(body)['council-of-state-netherlands']).toEqual(['Raad van State', 'Raad van State']);
    // Not when the text links the body of that name of no state, or of two.
    expect(linked('De Raad van State gaf advies.\n\nNederland en België kijken mee.')).toEqual({ netherlands: ['Nederland'], belgium: ['België'] });
  });
});

describe('capitals that are places', () => {
  it('reads a dateline as the place of writing, not the government', () => {
    expect(linked('NAIROBI - Ethiopië roept de noodtoestand uit.')).toEqual({ ethiopia: ['Ethiopië'] });
    expect(linked('Voorpagina\n\nDOHA/RIYAD - Saudi-Arabië sluit de grens met Qatar.')).toEqual({
      'saudi-arabia': ['Saudi-Arabië'],
      qatar: ['Qatar'],
    });
  });

  it("reads a capital after `<noun> van` as the city: its inhabitants, its centre, an accord made there", () => {
    expect(linked('De bewoners van Ouagadougou zagen soldaten. Het akkoord van Pretoria hield stand.')).toEqual({});
    expect(linked('Het centrum van Mogadishu lag onder vuur, meldt Kigali.')).toEqual({ rwanda: ['Kigali'] });
  });
});
