import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer, placeKey, soundKey, soundVariants, vowelKey, type Gazetteer } from '../src/linking/gazetteer.js';
import { loadKnowledgeBase } from '../src/linking/kb.js';
import { createLinker, type Linker } from '../src/linking/linker.js';
import { createPlaceLinker, type PlaceLinker } from '../src/linking/places.js';

// The ways Dutch news spells a transliterated place other than GeoNames does, by rule rather than name by name:
// Dutch and English transliterations of Russian and Ukrainian names, the vowels of Arabic-script names, which the
// script does not write, and the Arabic `q` and closing `-h`; and a namesake of a capital in a country of the article.

let gazetteer: Gazetteer;
let linker: Linker;
let places: PlaceLinker;

beforeAll(() => {
  const kb = loadKnowledgeBase();
  gazetteer = loadGazetteer();
  linker = createLinker(kb);
  places = createPlaceLinker(gazetteer, kb);
});

/** The places of a text as `name/country` (GeoNames' name), in order of first mention. */
function placesIn(body: string): string[] {
  const input = { title: '', body, publishedOn: '2023-05-01' };
  return places.link(input, linker.link(input)).map(({ place }) => `${place.name}/${place.country ?? '–'}`);
}

describe('the sound of a transliterated name', () => {
  const dutch = (name: string) => soundKey(placeKey(name), 'dutch');
  const english = (name: string) => soundKey(placeKey(name), 'english');

  it('reads the Dutch `ie`, an English `sh` kept in Dutch, the Arabic `q` and a closing `-h` after a vowel alike', () => {
    expect(dutch('Mazar-e-Sjarief')).toBe(english('Mazār-e Sharīf'));
    expect(dutch('Tikriet')).toBe(english('Tikrīt'));
    expect(dutch('Baakoeba')).toBe(english('Baqubah'));
    expect(dutch('Ninevé')).toBe(english('Nineveh'));
    expect(dutch('Musa Qala')).toBe(english('Mūsá Qal‘ah'));
    // A closing `h` after a consonant is a sound of its own.
    expect(dutch('Balkh')).not.toBe(dutch('Balk'));
  });

  it('tries the Ukrainian form of a Russian name and `sj` as `sy`, each rule alone and together', () => {
    expect(soundVariants(placeKey('Tsjernigov'))).toContain(english('Chernihiv'));
    expect(soundVariants(placeKey('Gorlovka'))).toContain(english('Horlivka'));
    expect(soundVariants(placeKey('Sjevjerodonetsk'))).toContain(english('Syevyerodonets’k'));
    // No rule applies: no other spelling.
    expect(soundVariants(placeKey('Kramatorsk'))).toEqual([]);
  });

  it('leaves the vowels of a name vague, but not a name of fewer than three consonants', () => {
    expect(vowelKey(dutch('Dohuk'))).toBe(vowelKey(english('Dihok')));
    expect(vowelKey(dutch('Sheberghan'))).toBe(vowelKey(english('Shibirghān')));
    expect(vowelKey(dutch('Qala-e-Naw'))).toBe(vowelKey(english('Qala i Naw')));
    expect(vowelKey(dutch('Oran'))).toBeNull();
  });
});

describe('place linking of other spellings', () => {
  it('finds Ukrainian towns under their Russian names in Dutch spelling', () => {
    expect(
      placesIn('Oekraïense eenheden trokken zich terug naar Tsjernigov. Bij Gorlovka en rond Sjevjerodonetsk vochten Russische en Oekraïense troepen verder.'),
    ).toEqual(['Chernihiv/UA', 'Horlivka/UA', 'Syevyerodonets’k/UA']);
  });

  it('finds Afghan and Iraqi towns and regions written with other vowels, `k` for `q` and no closing `-h`', () => {
    expect(placesIn('De Taliban rukten zondag op naar Qala-e-Naw en Mazar-i-Sjarif, waar het Afghaanse leger zich had verschanst.')).toEqual([
      'Qala i Naw/AF',
      'Mazār-e Sharīf/AF',
    ]);
    expect(
      placesIn('Iraakse troepen trokken op naar Baakoeba, de hoofdstad van de provincie Diyala. In de provincie Ninevé en rond Dahok worden nog altijd ontheemden opgevangen.'),
    ).toEqual(['Baqubah/IQ', 'Diyala/IQ', 'Nineveh/IQ', 'Dihok/IQ']);
  });

  it('reads a town or seat of the article’s conflict by its sound without a placing word, and a name of two words at a sentence’s start', () => {
    expect(placesIn('Het Iraakse leger heroverde vorige week Tikriet op Islamitische Staat.')).toEqual(['Tikrīt/IQ']);
    expect(placesIn('Turkse troepen trokken Noord-Syrië binnen om de Koerdische YPG te verdrijven, een nieuwe wending in de Syrische burgeroorlog. Tal Abyad, dat dicht bij de grens ligt, werd na drie dagen ingenomen.')).toContain(
      'Tall Abyaḑ/SY',
    );
  });

  it('reads no word of Dutch as a town by the vowels of its sound', () => {
    expect(placesIn('In Algerije protesteerden duizenden mensen tegen het regime. Binnen een week volgden nieuwe betogingen in Oran.')).toEqual(['Oran/DZ']);
    expect(placesIn('De Chinese autoriteiten beperken het onderwijs. In Binnen-Mongolië protesteerden ouders tegen het schrappen van lessen.')).toEqual([
      'Inner Mongolia/CN',
    ]);
  });
});

describe('a namesake of a capital', () => {
  it('reads a capital abroad before a small namesake in a country of the article', () => {
    expect(placesIn('De Colombiaanse regering en het ELN hervatten de vredesgesprekken. In Madrid tekenden de delegaties een akkoord over een staakt-het-vuren.')).toEqual([
      'Madrid/ES',
    ]);
  });

  it('keeps a large town of a country of the article before a namesake abroad that is no capital', () => {
    expect(placesIn('In Valencia en Maracay, in het noorden van Venezuela, gingen duizenden aanhangers van Guaidó de straat op.')).toEqual([
      'Valencia/VE',
      'Maracay/VE',
    ]);
  });
});
