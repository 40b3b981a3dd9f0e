import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { GazetteerError, gazetteerVersion, loadGazetteer, placeKey, placeWords, soundKey, type Gazetteer } from '../src/linking/gazetteer.js';
import { tokenize } from '../src/linking/text.js';
import { loadKnowledgeBase } from '../src/linking/kb.js';
import { createLinker, type Linker } from '../src/linking/linker.js';
import { createPlaceLinker, type PlaceLinker } from '../src/linking/places.js';

let gazetteer: Gazetteer;
let linker: Linker;
let places: PlaceLinker;

beforeAll(() => {
  const kb = loadKnowledgeBase();
  gazetteer = loadGazetteer();
  linker = createLinker(kb);
  places = createPlaceLinker(gazetteer, kb);
});

/** The places of a text as `name/country` (GeoNames' English name), in order of first mention. */
function placesIn(body: string, publishedOn = '2023-05-01'): string[] {
  const input = { title: '', body, publishedOn };
  return places.link(input, linker.link(input)).map(({ place }) => `${place.name}/${place.country ?? '–'}`);
}

describe('the gazetteer', () => {
  it('holds GeoNames places with ids, countries, regions and coordinates', () => {
    const kabul = gazetteer.find(placeKey('Kabul')).map((i) => gazetteer.place(i));
    expect(kabul).toContainEqual(expect.objectContaining({ id: 'geonames:1138958', kind: 'CITY', country: 'AF', feature: 'PPLC', geonameId: 1138958 }));
    const kabulCity = kabul.find((p) => p.kind === 'CITY')!;
    expect(kabulCity.lat).toBeCloseTo(34.53, 1);
    expect(kabulCity.lon).toBeCloseTo(69.17, 1);
    expect(gazetteer.place(gazetteer.indexOf('admin1:AF.03')!)).toMatchObject({ kind: 'REGION', name: 'Baghlan', country: 'AF' });
  });

  it('puts every place at a point of its own: a region without a seat at its largest town, none at 0°, 0°', () => {
    // GeoNames codes Simferopol, Crimea's seat, as PPLA2: the region takes its largest town's point.
    const crimea = gazetteer.place(gazetteer.indexOf('admin1:UA.11')!);
    expect(crimea.lat).toBeGreaterThan(44.3);
    expect(crimea.lat).toBeLessThan(46.3);
    expect(crimea.lon).toBeGreaterThan(32.4);
    expect(crimea.lon).toBeLessThan(36.7);
    const nowhere: string[] = [];
    for (let i = 0; i < gazetteer.size; i++) {
      const { id, lat, lon } = gazetteer.place(i);
      if (lat === 0 && lon === 0) nowhere.push(id);
    }
    expect(nowhere).toEqual([]);
  });

  it('gives Dutch names to the places they stand for', () => {
    const named = (name: string) => gazetteer.find(placeKey(name)).map((i) => gazetteer.place(i).id);
    expect(named('Kaboel')).toEqual(['geonames:1138958']);
    expect(named('de Krim')).toEqual(['admin1:UA.11']);
    expect(named('Donbas')).toEqual(['area:donbas']);
  });

  it('makes Dutch and English spellings of a transliterated name sound alike', () => {
    expect(soundKey(placeKey('Charkiv'), 'dutch')).toBe(soundKey(placeKey('Kharkiv'), 'english'));
    expect(soundKey(placeKey('Boetsja'), 'dutch')).toBe(soundKey(placeKey('Bucha'), 'english'));
    expect(soundKey(placeKey('Tsjernihiv'), 'dutch')).toBe(soundKey(placeKey('Chernihiv'), 'english'));
    expect(soundKey(placeKey('Kramatorsk'), 'dutch')).not.toBe(soundKey(placeKey('Kharkiv'), 'english'));
  });

  it('keys words parted by spaces or a hyphen as their tokens, which is how the linker bounds its look-ups', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿĞğİıŁłŒœ]{1,8}(?:['’][A-Za-zé]{1,6})?$/);
    const gap = fc.constantFrom(' ', '  ', '-', '\u2010', '\u2011', '\u2013', '\n', ' \n ', '\u00a0', '\t');
    fc.assert(
      fc.property(fc.array(fc.tuple(gap, word), { minLength: 1, maxLength: 5 }), (parts) => {
        const text = parts.map(([g, w], i) => (i === 0 ? w : g + w)).join('');
        expect(tokenize(text).map((t) => placeWords(t.key)).join(' ')).toBe(placeKey(text));
      }),
      { numRuns: 300 },
    );
    expect(gazetteer.prefixes.has('ras al')).toBe(true);
    expect(gazetteer.prefixes.has('al ain ras')).toBe(false);
  });

  it("keeps its cache beside the compiled server's, and its version (part of the database's fingerprint) follows the data only", () => {
    const cache = mkdtempSync(join(tmpdir(), 'gazetteer-cache-'));
    const compiledServers = join(cache, 'gazetteer-dist-0123.json');
    writeFileSync(compiledServers, '{}');
    const loaded = loadGazetteer({ cache });
    expect(readdirSync(cache).filter((name) => name.startsWith('gazetteer-src-'))).toHaveLength(1);
    expect(existsSync(compiledServers)).toBe(true);
    expect(loadGazetteer({ cache }).version).toBe(loaded.version);
    expect(loaded.version).toBe(gazetteerVersion());
  });

  it('refuses a curated entry that does not resolve, naming the file and the entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'places-'));
    const file = join(dir, 'places.yaml');
    writeFileSync(file, 'places:\n  - { geonames: Atlantis, country: GR, names: [Atlantis] }\n');
    expect(() => loadGazetteer({ file, cache: false })).toThrow(GazetteerError);
    expect(() => loadGazetteer({ file, cache: false })).toThrow(/places\.yaml: places\[0\] \(Atlantis\): GeoNames has no place "Atlantis" in GR/);
    writeFileSync(file, 'places:\n  - { admin1: UA.11, area: crimea, names: [Krim] }\n');
    expect(() => loadGazetteer({ file, cache: false })).toThrow(/exactly one of geonames, admin1 or area/);
    writeFileSync(file, 'places:\n  - { admin1: UA.11 }\n');
    expect(() => loadGazetteer({ file, cache: false })).toThrow(/places\[0\]\.names/);
  });
});

describe('place linking', () => {
  it('links a Dutch exonym to its GeoNames place, with offsets into the body', () => {
    const body = 'Het Russische leger trok zich zondag terug uit de buitenwijken van Charkiv.';
    const input = { title: '', body, publishedOn: '2022-05-15' };
    const [kharkiv] = places.link(input, linker.link(input));
    expect(kharkiv!.place).toMatchObject({ id: 'geonames:706483', kind: 'CITY', country: 'UA', geonameId: 706483 });
    const [mention] = kharkiv!.mentions;
    expect(body.slice(mention!.start, mention!.end)).toBe('Charkiv');
    expect(mention!.confidence).toBeGreaterThan(0);
    expect(mention!.confidence).toBeLessThanOrEqual(1);
  });

  it('picks the namesake in the country the article is about', () => {
    expect(placesIn('In Tripoli, de grootste stad in het noorden van Libanon, vielen bij gevechten tussen milities drie doden.')).toEqual([
      'Tripoli/LB',
    ]);
    expect(placesIn('In Tripoli kwamen de Libische partijen opnieuw samen om over een bestand te praten.')).toEqual(['Tripoli/LY']);
  });

  it('links a town and the region the text names it by', () => {
    expect(placesIn('De taliban namen Pol-e Khomri in, de hoofdstad van de provincie Baghlan.', '2021-08-10')).toEqual([
      'Pul-e Khumrī/AF',
      'Baghlan/AF',
    ]);
    expect(placesIn('De gevechten in de regio Donetsk duren voort.', '2023-03-01')).toEqual(['Donetsk/UA']);
    expect(placesIn('Het leger heroverde een dorp in Zuid-Kordofan.', '2024-01-20')).toEqual(['Southern Kordofan/SD']);
  });

  it('leaves a capital that stands for its government to the state, and links it where the text places it', () => {
    expect(placesIn('Teheran reageerde woedend op de sancties van de Verenigde Staten.')).toEqual([]);
    expect(placesIn('De Iraanse minister landde dinsdag in Teheran na een reis naar China.')).toEqual(['Tehran/IR']);
  });

  it('does not read a place inside the name of something else', () => {
    expect(placesIn('Het akkoord van Minsk werd nooit uitgevoerd, zeggen Oekraïense diplomaten.')).toEqual([]);
    expect(placesIn('De onderhandelingen over het Gaza-akkoord liepen vast.')).toEqual([]);
  });

  it('reads no town in a surname, also after two particles', () => {
    expect(placesIn('Volgens onderzoeker Frans-Paul van der Putten en Jan van den Bosch blijft het rustig in Utrecht.')).toEqual(['Utrecht/NL']);
    expect(placesIn('Hij woont in Putten.')).toEqual(['Putten/NL']);
  });

  it('never reads a country name as a town of that name elsewhere', () => {
    expect(placesIn('Franse troepen vertrokken vorig jaar uit Mali en Burkina Faso.')).toEqual([]);
  });

  it('does not count a dateline left at the head of the body', () => {
    expect(placesIn('GOMA (AFP) - Rebellen van M23 rukten op naar het vliegveld.', '2025-01-27')).toEqual([]);
  });

  it('finds a Dutch spelling of a transliterated town by its sound, where the text places it', () => {
    expect(placesIn('Oekraïense eenheden trokken zich terug uit de stad Avdiivka, meldt het leger.', '2024-02-17')).toEqual(['Avdiyivka/UA']);
  });

  it('finds names of several words, joined by hyphens or an apostrophe', () => {
    expect(placesIn('Turkse troepen rukten op naar Ras al-Ain in het noorden van Syrië.')).toEqual(['Ra’s al ‘Ayn/SY']);
    expect(placesIn("Rebellen naderden de Tsjadische hoofdstad N'Djamena, meldt het leger.")).toEqual(["N'Djamena/TD"]);
  });

  it('reads a state adjective before a town as its country, not as a word of its name', () => {
    expect(placesIn('Na de grensovergang wachten vrachtwagens in het Egyptische Rafah op toestemming van Israël.')).toEqual(['Rafaḩ/EG']);
    expect(placesIn('De oppositieleider woont al jaren in het Britse Oxford.')).toEqual(['Oxford/GB']);
    expect(placesIn('Onderhandelaars van Soedan kwamen bijeen in het Saoedische Djedda.')).toEqual(['Jeddah/SA']);
  });

  it('places the next of a list after a placing word, also where the gazetteer lacks the first', () => {
    expect(placesIn('Het Russische leger houdt in Syrië twee bases, in Hmeimim en Tartus.', '2024-12-09')).toEqual(['Tartouss/SY']);
  });

  it('reads a plural word for towns as placing the list after it', () => {
    expect(placesIn('In Syrië beschoten Turkse troepen de steden Ras al-Ain en Manbij.', '2019-10-12')).toEqual(['Ra’s al ‘Ayn/SY', 'Manbij/SY']);
  });

  it('reads a name with -stad as the town', () => {
    expect(placesIn('Israëlische tanks rukten op naar de wijk Zeitoun in Gaza-stad.')).toEqual(['Gaza/PS']);
  });

  it('reads a state adjective as its country also against a namesake in a region the article names, or a capital the actor linker took', () => {
    expect(placesIn('In de Gazastrook sloten de winkels van Rafah. Ook in het Egyptische Rafah bleef het stil.', '2024-05-08')).toEqual([
      'Gaza Strip/PS',
      'Rafaḩ/PS',
      'Rafaḩ/EG',
    ]);
    expect(placesIn('Syrische vluchtelingen in het Libanese Tripoli vrezen een nieuwe golf van geweld.', '2020-03-06')).toEqual(['Tripoli/LB']);
  });

  it('puts a name in the region named right after it, for that mention only', () => {
    expect(
      placesIn('Russische troepen rukken op in Oekraïne en naderen Pokrovsk. Het veel kleinere Pokrovsk in Jakoetië ligt ver van het front.', '2024-08-20'),
    ).toEqual(['Pokrovsk/UA', 'Pokrovsk/RU', 'Sakha/RU']);
  });

  it('reads names that end in a lower-case word after a hyphen or open with the Arabic article', () => {
    expect(placesIn('Vrachtwagens met hulp reden over de Latsjin-corridor naar Armenië.', '2023-09-26')).toEqual(['Lachin corridor/AZ']);
    expect(placesIn('Koerdische bewakers houden duizenden vrouwen vast in het kamp van al-Hol.', '2019-10-14')).toEqual(['Al Ḩawl/SY']);
  });

  it('prefers a longer name that sounds like a transliterated one over a shorter one the gazetteer spells so', () => {
    expect(placesIn('Turkse troepen trokken in Syrië de grensstad Tal Abyad binnen.', '2019-10-13')).toEqual(['Tall Abyaḑ/SY']);
  });

  it('reads a name right after an actor as its own, not as part of the actor’s name', () => {
    expect(placesIn('Vorige maand namen de Rapid Support Forces Wad Madani in.', '2024-01-10')).toEqual(['Wad Medani/SD']);
  });

  it('reads a seat of government as the government where the text has it act, and as a place where it is visited', () => {
    expect(placesIn('De regering zwichtte voor de druk uit Washington.', '2018-12-14')).toEqual([]);
    expect(placesIn('Het was een door Athene gesteunde coup.', '2019-10-15')).toEqual([]);
    expect(placesIn('Betogers hielden een mars door Harare.', '2017-11-18')).toEqual(['Harare/ZW']);
    expect(placesIn('De minister sprak met zijn collega tijdens een bezoek aan Den Haag.', '2014-05-12')).toEqual(['The Hague/NL']);
    expect(placesIn('De Amerikaanse ambassade in Manilla gaf een verklaring uit.', '2017-06-10')).toEqual(['Manila/PH']);
  });

  it('reads a part of a town as a town, never as the region of the same name', () => {
    expect(placesIn('Nigeria sloot de grens met Niger. In de wijk Plateau in Niamey bleef het rustig.', '2023-08-01')).not.toContain('Plateau State/NG');
  });

  it('takes the word that placed the first of a list for the rest', () => {
    expect(placesIn('Rusland heeft twee militaire bases in Syrië, in Latakia en Tartus.', '2024-12-09')).toEqual([
      'Latakia/SY',
      'Tartouss/SY',
    ]);
  });

  it('reads a curated seat of government that GeoNames codes as no capital as its government unless placed', () => {
    expect(placesIn('Jeruzalem zegt dat het alleen militaire doelen treft.', '2024-10-02')).toEqual([]);
    expect(placesIn('De minister landde dinsdag in Jeruzalem.', '2024-10-02')).toEqual(['Jerusalem/IL']);
  });

  it('reads a capital after `voor` as its government, another town as a place', () => {
    expect(placesIn('Een bevroren conflict is voor Kyiv geen voorbeeld, zei een adviseur.', '2023-07-12')).toEqual([]);
  });

  it('places the next of a list whose first the gazetteer lacks, also where the placing word opens the sentence', () => {
    expect(placesIn('Israël bombardeerde het zuiden van Libanon. In Bint Jbeil en Marjayoun zijn nauwelijks nog inwoners.', '2024-10-02')).toEqual(['Marjayoûn/LB']);
  });

  it('knows Dutch exonyms of towns and regions abroad, and areas no region holds', () => {
    expect(placesIn('De verdachten werden opgepakt in Luik en in Rijsel; een huurwagen stond in Aken.', '2016-04-07')).toEqual(['Liège/BE', 'Lille/FR', 'Aachen/DE']);
    expect(placesIn('Het geweld op de Molukken sloeg over naar Noord-Molukken.', '2000-01-10')).toEqual(['Maluku Islands/ID', 'North Maluku/ID']);
    expect(placesIn('De onrust breidde zich uit naar KwaZoeloe-Natal en de Oost-Kaap in Zuid-Afrika.', '2021-07-14')).toEqual(['KwaZulu-Natal/ZA', 'Eastern Cape/ZA']);
  });

  it('reads Noord- before a region GeoNames names in Spanish as Norte de', () => {
    expect(placesIn('In Colombia neemt het geweld toe in Noord-Santander, aan de grens met Venezuela.', '2022-01-10')).toContain('Norte de Santander Department/CO');
  });

  it('reads no town that is the seat of a division after a word for a part of a town', () => {
    expect(placesIn('In Somalië ontplofte een bom in Mogadishu. De Verenigde Staten veroordeelden de aanslag. Een tweede bom ontplofte in de wijk Medina.', '2017-10-15')).not.toContain('Medina/US');
  });

  it('links an actor that is also a region (a de facto state) where the text places it, not where it acts', () => {
    expect(placesIn('Moldavië vreest de oorlog. Er waren explosies in de afgescheiden regio Transnistrië.', '2022-04-27')).toEqual(['Transnistria/MD']);
    expect(placesIn('Moldavië vreest de oorlog. Transnistrië sprak van terreuraanslagen.', '2022-04-27')).toEqual([]);
  });

  it('places the start of a route, a town after a compound word for a town, and an installation named after its town', () => {
    expect(placesIn('In Niger werd een konvooi op weg van Tillabéri naar Ayorou aangevallen.', '2023-09-10')).toEqual(['Tillabéri/NE', 'Ayorou/NE']);
    expect(placesIn('Oekraïne meldt dat de Russen oprukken naar het grensstadje Vovtsjansk.', '2024-06-02')).toEqual(['Vovchans’k/UA']);
    expect(placesIn('Iran meldt een explosie in de ondergrondse verrijkingsfabriek van Natanz.', '2021-04-12')).toEqual(['Naţanz/IR']);
  });

  it('reads an enclave as a part of a country the article is about', () => {
    expect(placesIn('Kirgizië en Tadzjikistan vechten opnieuw. De gevechten begonnen rond de Tadzjiekse exclave Vorukh.', '2022-09-16')).toContain('Vorukh/TJ');
  });

  it('takes a name that only sounds like a town for a place of the article’s conflict, not of a state it names in passing', () => {
    const body = 'Kirgizië en Tadzjikistan vechten om de grens. Rusland riep op tot kalmte. Tadzjiekse troepen vielen het dorp Ak-Sai binnen.';
    expect(placesIn(body, '2022-09-16')).not.toContain('Aksay/RU');
  });

  it('knows West-Tigray as the zone, not a compass description of the region', () => {
    expect(placesIn('De TPLF beschuldigt milities ervan delen van West-Tigray te bezetten.', '2023-08-10')).toEqual(['Western Zone (Tigray)/ET']);
  });

  it('reads a region named in one word with a word for a region (`Zuidwestregio’s`), also a region named by a compass word alone', () => {
    expect(placesIn('In Kameroen is de verkiezing overschaduwd door geweld in de Noordwest- en Zuidwestregio’s.', '2018-10-22')).toEqual([
      'North-West/CM',
      'South-West/CM',
    ]);
  });

  it('reads a second-order division where the text says it is one, its town where it places the town', () => {
    expect(placesIn('Pakistaanse troepen vochten in het district Kurram tegen militanten.', '2023-07-30')).toEqual(['Kurram District/PK']);
    expect(placesIn('In Irak heroverde het leger het district Sinjar. In de stad Sinjar werd de vlag gehesen.', '2017-10-17')).toEqual([
      'Sinjar/IQ',
      'Sinjār/IQ',
    ]);
    expect(placesIn('Afghaanse troepen trokken zich terug uit het district Sangin in Afghanistan.', '2021-08-10')).toEqual(['Sangīn/AF']);
    // Its own name, placed, is the town; a division is never a place without a word for it.
    expect(placesIn('In Afghanistan vielen doden in Sangin.', '2021-08-10')).toEqual(['Sangīn/AF']);
    expect(placesIn('In Afghanistan vielen doden in Sangin.', '2021-08-10').length).toBe(1);
    expect(placesIn('Senator Lincoln sprak in Nebraska met boeren.', '2020-11-04')).not.toContain('Lincoln County/US');
  });

  it('reads a division named by a compass word, which no town shares, where the text places it, and a valley named after its district', () => {
    expect(placesIn('Pakistan overweegt een offensief in Noord-Waziristan.', '2012-10-10')).toEqual(['North Wazīristān District/PK']);
    expect(placesIn('De Pakistaanse Taliban beheersten jarenlang het Swatdal.', '2012-10-10')).toEqual(['Swat/PK']);
  });

  it('puts a division whose towns the data leaves uncoded at its namesake town', () => {
    const afrin = gazetteer.place(gazetteer.indexOf('admin2:SY.09.174184')!);
    const town = gazetteer.place(gazetteer.indexOf('geonames:174186')!);
    expect(afrin).toMatchObject({ kind: 'REGION', country: 'SY', admin1: 'SY.09' });
    expect([afrin.lat, afrin.lon]).toEqual([town.lat, town.lon]);
  });

  it('reads a first-order region before a namesake town elsewhere in its country, also the next of a list and after `de grens met`', () => {
    expect(placesIn('Trump wil hertellingen in Nevada en Pennsylvania.', '2020-11-07')).toEqual(['Nevada/US', 'Pennsylvania/US']);
    expect(placesIn('Biden belde met de gouverneurs van Maryland en Virginia.', '2021-01-06')).toEqual(['Maryland/US', 'Virginia/US']);
    expect(placesIn('In Mexico heersen bendes in Michoacán en Morelos, tot aan de grens met Texas.', '2014-10-20')).toEqual([
      'Michoacán/MX',
      'Morelos/MX',
      'Texas/US',
    ]);
    // A capital or a region's seat stays the town: `Minsk` is not the region around it.
    expect(placesIn('Duizenden mensen demonstreerden in Minsk tegen Loekasjenko.', '2020-08-16')).toEqual(['Minsk/BY']);
  });

  it('reads a seat placed by `in` as its government where the clause tells what it watches or weighs', () => {
    expect(placesIn('Israël hervormt zijn rechtspraak. Ook in Den Haag wordt meegekeken.', '2023-03-12')).toEqual([]);
    expect(placesIn('In Islamabad kijkt men alleen naar de verkiezingen, zegt een ouderling.', '2023-07-31')).toEqual([]);
    expect(placesIn('In Den Haag werd woensdag gedemonstreerd tegen de oorlog.', '2023-03-12')).toEqual(['The Hague/NL']);
  });

  it('reads a town introduced by its kind alone in a country of the article, never a namesake abroad', () => {
    expect(placesIn('In Mozambique ligt het gasproject stil sinds jihadisten de kuststad Palma aanvielen.', '2024-11-05')).toEqual([]);
    expect(placesIn('In Spanje staken toeristen de Spaanse kuststad Palma over.', '2024-07-05')).toEqual(['Palma/ES']);
  });

  it('places a town after a visit with words between, and after a word for what befalls it (`de verdediging van`)', () => {
    expect(placesIn('President Biden bezocht maandag onverwacht Kiev.', '2023-02-20')).toEqual(['Kyiv/UA']);
    expect(placesIn('Oekraïne bereidt de verdediging van Slovjansk en Kramatorsk voor.', '2022-06-20')).toEqual(['Sloviansk/UA', 'Kramators’k/UA']);
  });

  it('reads Dutch words of a region’s name as GeoNames’ English ones, and the English `kh` kept in a Dutch spelling', () => {
    expect(placesIn('In Brazilië schorste de rechter de gouverneur van het Federaal District.', '2023-01-09')).toEqual(['Federal District/BR']);
    expect(placesIn('Pakistan belooft meer steun voor scholen in Khyber-Pakhtoenkhwa.', '2012-10-10')).toEqual(['Khyber Pakhtunkhwa/PK']);
  });

  it('knows a Spanish town by the short name the news gives it', () => {
    expect(placesIn('In Mexico verdwenen studenten in Iguala; in Acapulco en Ciudad Juárez werd gedemonstreerd.', '2014-10-20')).toEqual([
      'Iguala de la Independencia/MX',
      'Acapulco de Juárez/MX',
      'Juárez/MX',
    ]);
  });

  it('places the next of a list that the actor linker only guessed to be a person', () => {
    expect(placesIn('In Venezuela staken demonstranten in Maracaibo en San Cristóbal barricades in brand.', '2019-04-02')).toEqual([
      'Maracaibo/VE',
      'San Cristóbal/VE',
    ]);
  });

  it('reads a country’s name as a first-order region of its namesake only beside that region’s neighbours in a list', () => {
    expect(placesIn('In de Verenigde Staten wordt in Georgia, Pennsylvania en Arizona nog geteld.', '2020-11-07')).toEqual([
      'Georgia/US',
      'Pennsylvania/US',
      'Arizona/US',
    ]);
    expect(placesIn('De Verenigde Staten steunen Georgia, Armenië en Oekraïne.', '2022-03-01')).toEqual([]);
    expect(placesIn('Rusland viel in 2008 Georgia binnen.', '2008-08-10')).toEqual([]);
  });
});
