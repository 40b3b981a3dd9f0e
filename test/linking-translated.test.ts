import { beforeAll, describe, expect, it } from 'vitest';
import type { Linker } from '../src/linking/linker.js';
import { seedLinking } from './helpers/linking.js';

// Organisations of a state the knowledge base names in English only (imported parties), named in Dutch. The texts
// are written for these tests.

let linker: Linker;

beforeAll(() => {
  linker = seedLinking().linker;
});

function linked(body: string): { actors: Record<string, string[]>; provisional: string[] } {
  const result = linker.link({ title: '', body, publishedOn: '2019-06-01' });
  return {
    actors: Object.fromEntries(result.actors.map((a) => [a.slug, a.mentions.map((m) => m.text)])),
    provisional: result.provisional.map((p) => p.key),
  };
}

describe('a state’s organisation named in Dutch, word for word', () => {
  it('links the Dutch name to the organisation of the state the text names, its adjective to the state', () => {
    const { actors, provisional } = linked('In Belgrado won de Servische Progressieve Partij de verkiezingen opnieuw.');
    expect(actors).toMatchObject({ serbia: ['Servische'], 'serbian-progressive-party': ['Progressieve Partij'] });
    expect(provisional).toEqual([]);
  });

  it('reads a name many states’ parties share as the party of the one state the text names', () => {
    const body = 'In Egypte trad de president af. De Nationaal-Democratische Partij viel daarna uiteen.';
    expect(linked(body).actors['national-democratic-party-egypt']).toEqual(['Nationaal-Democratische Partij']);
    // Without the state, or with two states whose parties have the name, the name stays a provisional actor.
    expect(linked('De Nationaal-Democratische Partij viel daarna uiteen.').provisional).toEqual(['nationaal-democratische-partij']);
    const two = 'Egypte en Marokko sloten een akkoord. De Nationaal-Democratische Partij viel daarna uiteen.';
    expect(linked(two).provisional).toEqual(['nationaal-democratische-partij']);
  });

  it('leaves a span the knowledge base links by a name of its own to that link, once', () => {
    const result = linker.link({ title: '', body: "België zweeg nog. De People's Party (PP) eiste de aanslag op.", publishedOn: '2019-06-01' });
    for (const actor of result.actors) {
      const spans = actor.mentions.map((m) => `${m.start}-${m.end}`);
      expect(new Set(spans).size, actor.slug).toBe(spans.length);
    }
  });
});
