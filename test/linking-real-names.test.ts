import { beforeAll, describe, expect, it } from 'vitest';
import type { Linker } from '../src/linking/linker.js';
import type { LinkResult } from '../src/linking/types.js';
import { seedLinking } from './helpers/linking.js';

// Classes of names real Dutch news uses that the linker missed (issue 13). The texts are written for these tests.

let linker: Linker;

beforeAll(() => {
  linker = seedLinking().linker;
});

function link(body: string, publishedOn = '2023-05-01'): LinkResult {
  return linker.link({ title: '', body, publishedOn });
}

const slugs = (body: string, publishedOn?: string) => link(body, publishedOn).actors.map((a) => a.slug);

describe('states that are not UN members', () => {
  it('links the states that no longer exist by their Dutch names', () => {
    const found = slugs(
      'De grens tussen de twee republieken werd in de Sovjet-Unie getrokken. Na het uiteenvallen van Joegoslavië en van ' +
        'Tsjecho-Slowakije kwam er een nieuwe kaart; de DDR bestond toen al niet meer.',
    );
    expect(found).toEqual(expect.arrayContaining(['soviet-union', 'yugoslavia', 'czechoslovakia', 'east-germany']));
  });

  it('leaves the east of today’s Germany to Germany', () => {
    expect(slugs('In Oost-Duitsland wonnen de populisten de verkiezingen in twee deelstaten.')).not.toContain('east-germany');
  });

  it('links the Caribbean countries of the Kingdom of the Netherlands, by name and adjective', () => {
    const found = slugs('De Arubaanse regering en het bestuur van Curaçao vragen Den Haag om extra kustwacht rond Sint Maarten.');
    expect(found).toEqual(expect.arrayContaining(['aruba', 'curacao', 'sint-maarten']));
  });
});
