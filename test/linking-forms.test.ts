import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../src/linking/kb.js';
import { genitivesOf } from '../src/linking/lexicon.js';
import { createLinker, type Linker } from '../src/linking/linker.js';
import type { LinkResult } from '../src/linking/types.js';
import { transliterationVariants } from '../src/linking/variants.js';
import { seedLinking } from './helpers/linking.js';

/* Names in the forms Dutch news writes them: other transliterations, possessives, names inside other names. */

let seed: Linker;
beforeAll(() => {
  seed = seedLinking().linker;
});

function linked(linker: Linker, body: string, publishedOn = '2023-01-01'): Record<string, string[]> {
  const result: LinkResult = linker.link({ title: '', body, publishedOn });
  return Object.fromEntries(result.actors.map((a) => [a.slug, a.mentions.map((m) => m.text)]));
}

/** A knowledge base of invented people in a temporary directory. */
function smallKb(persons: string): { linker: Linker; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kb-forms-'));
  writeFileSync(join(dir, 'states.yaml'), 'kind: STATE\ninclude: { package: world-countries, also: [RUS, USA, IRN] }\n');
  writeFileSync(join(dir, 'persons.yaml'), `kind: PERSON\nactors:\n${persons}`);
  return { linker: createLinker(loadKnowledgeBase(dir)), dir };
}

const person = (slug: string, name: string, surname: string, state: string) =>
  `  - slug: ${slug}\n    name: ${name}\n    nameNl: ${name}\n    surnames: [${surname}]\n` +
  `    roles: [{ title: Minister, for: ${state}, code: GOV, from: 2010 }]\n`;

describe('transliteration variants', () => {
  it('derives the Dutch, English, German and French spellings of a Russian name', () => {
    const spellings = transliterationVariants('Loekasjenko', 'cyrillic').map((v) => v.text);
    expect(spellings).toEqual(expect.arrayContaining(['Lukasjenko', 'Lukashenko', 'Loekashenko', 'Lukaschenko', 'Loukachenko']));
    expect(spellings).not.toContain('Loekasjenko');
    expect(transliterationVariants('Zelensky', 'cyrillic').map((v) => v.text)).toEqual(
      expect.arrayContaining(['Zelenski', 'Zelenskyj', 'Zelenskiy', 'Zelenskij']),
    );
    expect(transliterationVariants('Sjoigoe', 'cyrillic').map((v) => v.text)).toEqual(expect.arrayContaining(['Shoigu', 'Shoigou', 'Schoigu']));
    expect(transliterationVariants('Medvedev', 'cyrillic').map((v) => v.text)).toContain('Medvedjev');
    expect(transliterationVariants('Khamenei', 'arabic').map((v) => v.text)).toContain('Chamenei');
    expect(transliterationVariants('Soleimani', 'arabic').map((v) => v.text)).toContain('Suleimani');
    expect(transliterationVariants('Ahmadinejad', 'arabic').map((v) => v.text)).toContain('Ahmadinedzjad');
    // The Armenian ending after a consonant, and not where a vowel comes before it.
    expect(transliterationVariants('Pasjinjan', 'cyrillic').map((v) => v.text)).toEqual(expect.arrayContaining(['Pasjinian', 'Pashinian']));
    expect(transliterationVariants('Kajan', 'cyrillic').map((v) => v.text)).not.toContain('Kaian');
  });

  it('keeps acronyms and leaves a name without such sounds alone', () => {
    expect(transliterationVariants('Macron', 'cyrillic')).toEqual([]);
    expect(transliterationVariants('FSB', 'cyrillic')).toEqual([]);
  });

  it('links the people of the knowledge base in spellings it does not list', () => {
    const found = linked(seed, 'Lukasjenko belde met Loekashenko en Loukachenko. Zelenskyj, Medvedjev, Schoigu, Chamenei en Pasjinian zwegen.');
    expect(found['alexander-lukashenko']).toEqual(['Lukasjenko', 'Loekashenko', 'Loukachenko']);
    expect(found['volodymyr-zelensky']).toEqual(['Zelenskyj']);
    expect(found['dmitry-medvedev']).toEqual(['Medvedjev']);
    expect(found['sergei-shoigu']).toEqual(['Schoigu']);
    expect(found['ali-khamenei']).toEqual(['Chamenei']);
    expect(found['nikol-pashinyan']).toEqual(['Pasjinian']);
  });

  it('links armed groups that fight beside or against such states in other spellings of their one-word names', () => {
    const found = linked(seed, "Hezbullah, de Hoethi's en Sjabaab. Hizbollah en Hezbollah.");
    expect(found).toEqual({
      hezbollah: ['Hezbullah', 'Hizbollah', 'Hezbollah'],
      houthis: ["Hoethi's"],
      'al-shabaab': ['Sjabaab'],
    });
  });

  it('reads a given name in one spelling before a surname in another as the full name', () => {
    const found = linked(seed, 'Gisteren sprak Sergei Shojgu met Wolodymyr Zelenskyj en Aleksandr Lukashenko.');
    expect(found).toEqual({
      'sergei-shoigu': ['Sergei Shojgu'],
      'volodymyr-zelensky': ['Wolodymyr Zelenskyj'],
      'alexander-lukashenko': ['Aleksandr Lukashenko'],
    });
    expect(seed.unlinkedCandidates('Gisteren sprak Sergei Shojgu met de pers.')).toEqual([]);
  });

  describe('in a knowledge base with look-alike names', () => {
    let small: { linker: Linker; dir: string };
    beforeAll(() => {
      small = smallKb(
        person('ivan-kusjin', 'Ivan Kusjin', 'Kusjin', 'russia') +
          person('tom-kushin', 'Tom Kushin', 'Kushin', 'united-states') +
          person('oleg-boent', 'Oleg Boent', 'Boent', 'russia') +
          person('pavel-sjoekov', 'Pavel Sjoekov', 'Sjoekov', 'russia') +
          person('boris-shoukov', 'Boris Shoukov', 'Shoukov', 'russia') +
          person('amy-fleshman', 'Amy Fleshman', 'Fleshman', 'united-states') +
          person('oleg-bloem', 'Oleg Bloem', 'Bloem', 'russia') +
          person('yuri-koesj', 'Yuri Koesj', 'Koesj', 'russia') +
          person('reza-ghorbani', 'Reza Ghorbani', 'Ghorbani', 'iran'),
      );
    });
    afterAll(() => rmSync(small.dir, { recursive: true, force: true }));

    it("does not add a spelling that is another person's name, a common word, or derived from two names", () => {
      expect(linked(small.linker, 'Kusjin en Kushin spraken.')).toEqual({ 'ivan-kusjin': ['Kusjin'], 'tom-kushin': ['Kushin'] });
      expect(linked(small.linker, 'Kuschin kwam.')).toEqual({ 'ivan-kusjin': ['Kuschin'] });
      // `Bunt` is a common word; `Boent` itself and its other spellings still link.
      expect(linked(small.linker, 'Bunt sprak met Boent en Bount.')).toEqual({ 'oleg-boent': ['Boent', 'Bount'] });
      // `Shukov` and `Schoekov` are derived from both `Sjoekov` and `Shoukov`: they stand for neither.
      expect(linked(small.linker, 'Shukov en Schoekov kwamen.')).toEqual({});
      expect(linked(small.linker, 'Choekov en Shoukov.')).toEqual({ 'pavel-sjoekov': ['Choekov'], 'boris-shoukov': ['Shoukov'] });
    });

    it('derives no spelling of a surname that is a common word, and none of fewer than five letters', () => {
      expect(linked(small.linker, 'Bloum en Blum kwamen.')).toEqual({});
      expect(linked(small.linker, 'Kusj en Kush kwamen niet, Koush wel.')).toEqual({ 'yuri-koesj': ['Koush'] });
      expect(linked(small.linker, 'Oleg Bloem kwam. Bloem bleef.')).toEqual({ 'oleg-bloem': ['Oleg Bloem', 'Bloem'] });
    });

    it('derives spellings only for people of states whose names reach Dutch in transliteration', () => {
      expect(linked(small.linker, 'Flesjman en Fleshman.')).toEqual({ 'amy-fleshman': ['Fleshman'] });
      expect(linked(small.linker, 'Ghurbani en Gorbani.')).toEqual({ 'reza-ghorbani': ['Ghurbani'] });
    });
  });
});

describe('possessives', () => {
  it('follows Dutch spelling: an apostrophe after a long vowel, none after a consonant or mute e', () => {
    expect(genitivesOf('Poetin')).toEqual(['s', "'s"]);
    expect(genitivesOf('Rutte')).toEqual(['s', "'s"]);
    expect(genitivesOf('Obama')).toEqual(["'s"]);
    expect(genitivesOf('Rohani')).toEqual(["'s"]);
    expect(genitivesOf('Hamas')).toEqual(["'s"]);
    expect(genitivesOf('May', true)).toEqual(["'s"]);
  });

  it('links genitives and leaves plurals and ordinary words alone', () => {
    expect(linked(seed, "Hamas' leiders en de Hamass.", '2020-01-01')).toEqual({ hamas: ['Hamas'] });
    expect(linked(seed, "Ruttes kabinet, Rutte's plan en Rutte’s brief.", '2020-01-01')).toEqual({
      'mark-rutte': ['Ruttes', "Rutte's", 'Rutte’s'],
    });
    expect(linked(seed, "Obama's plan, en de Obamas op vakantie.", '2012-01-01')).toEqual({ 'barack-obama': ["Obama's"] });
    const may = linked(seed, "Theresa May kwam. May's plan, en de Mays uit de buurt.", '2018-05-01');
    expect(may).toEqual({ 'theresa-may': ['Theresa May', "May's"] });
  });
});

describe("a name that is part of someone else's full name", () => {
  it('does not link a surname that is here the given name of another person', () => {
    const found = linked(seed, 'Mahmoud Abbas kwam aan. Later sprak Abbas Araghchi, en ook Abbas Kiarostami kwam.');
    expect(found).toEqual({ 'mahmoud-abbas': ['Mahmoud Abbas'], 'abbas-araghchi': ['Abbas Araghchi'] });
  });

  it('does not link a surname with a particle after an unknown given name', () => {
    const found = linked(seed, 'Ook Samir al-Assad en Hamza bin Laden waren er. President al-Assad zweeg.', '2016-01-01');
    expect(found).toEqual({ 'bashar-al-assad': ['al-Assad'] });
  });

  it("keeps people apart who share a given name", () => {
    const found = linked(seed, 'Hassan Rouhani sprak met Hassan Nasrallah. Rouhani en Nasrallah zijn bondgenoten.', '2019-01-01');
    expect(found).toEqual({
      'hassan-rouhani': ['Hassan Rouhani', 'Rouhani'],
      'hassan-nasrallah': ['Hassan Nasrallah', 'Nasrallah'],
    });
  });
});

describe('lowercase inner words', () => {
  it('links a name of an organisation whose inner words are in lowercase inside a sentence', () => {
    const found = linked(
      seed,
      'Volgens de Verenigde naties oordeelt het Internationaal strafhof snel; de Syrische democratische strijdkrachten zwijgen.',
    );
    expect(found).toEqual({
      'united-nations': ['Verenigde naties'],
      'international-criminal-court': ['Internationaal strafhof'],
      'syrian-democratic-forces': ['Syrische democratische strijdkrachten'],
    });
  });

  it('not at the start of a sentence or quote, where a capital marks nothing', () => {
    expect(linked(seed, 'Internationaal strafhof is een woord. „Verenigde naties” ook.')).toEqual({});
    expect(linked(seed, 'Internationaal Strafhof is een naam.')).toEqual({ 'international-criminal-court': ['Internationaal Strafhof'] });
  });

  it("not for people's names, seats of power or one-word names", () => {
    expect(Object.keys(linked(seed, 'Toen kwam Frans timmermans binnen.', '2019-01-01'))).not.toContain('frans-timmermans');
    expect(Object.keys(linked(seed, 'Toen kwam Frans Timmermans binnen.', '2019-01-01'))).toContain('frans-timmermans');
    expect(linked(seed, 'Ze woont in het Witte huis op de hoek.')).toEqual({});
  });
});
