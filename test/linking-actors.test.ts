import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLinker } from '../src/linking/linker.js';
import type { KnowledgeBase, LinkResult } from '../src/linking/types.js';
import { link, mentionTexts, seedLinking, slugs } from './helpers/linking.js';

function person(slug: string, name: string, state: string): KnowledgeBase['actors'][number] {
  return {
    slug,
    name,
    nameNl: name,
    kind: 'PERSON',
    aliases: [name.split(' ')[1]!],
    wikidataId: null,
    roles: [{ title: 'Minister', for: state, code: 'GOV', from: '2001-01-01', to: '2005-01-01' }],
  };
}

describe('matching', () => {
  it('prefers the longest name: the Security Council over the UN', () => {
    const result = link('De VN-Veiligheidsraad kwam dinsdag bijeen over een VN-resolutie.');
    expect(mentionTexts(result, 'un-security-council')).toEqual(['VN-Veiligheidsraad']);
    expect(mentionTexts(result, 'united-nations')).toEqual(['VN']);
  });

  it('matches acronyms case-sensitively', () => {
    const result = link('Het is duidelijk dat IS terrein verliest, maar is het voorbij? Is dat zo?');
    expect(mentionTexts(result, 'islamic-state')).toEqual(['IS']);
    expect(slugs(link('De vs en de vn zwegen.'))).toEqual([]);
    expect(slugs(link('De NAVO en de Navo zijn hetzelfde.'))).toEqual(['nato']);
    expect(slugs(link('HET IS EEN RAMP, ZEGT DE VN NIET.'))).toEqual([]);
  });

  it('matches a lowercase name in any case, a capitalised name only capitalised', () => {
    expect(mentionTexts(link('Taliban zeggen dat de taliban niet opgeven.'), 'taliban')).toEqual(['Taliban', 'taliban']);
    expect(slugs(link('Het oude witte huis op de hoek staat te koop.'))).toEqual([]);
    expect(slugs(link('Het Witte Huis reageerde kort.'))).toEqual(['united-states']);
  });

  it('links the known part of hyphenated compounds', () => {
    const result = link(
      'IS-strijders en taliban-strijders trokken zich terug. NAVO-militairen bleven. Een al-Qaida-leider vluchtte. ' +
        'VS-president en VN-gezant spraken aan de Turks-Syrische grens.',
    );
    expect(mentionTexts(result, 'islamic-state')).toEqual(['IS']);
    expect(mentionTexts(result, 'taliban')).toEqual(['taliban']);
    expect(mentionTexts(result, 'nato')).toEqual(['NAVO']);
    expect(mentionTexts(result, 'al-qaeda')).toEqual(['al-Qaida']);
    expect(mentionTexts(result, 'united-states')).toEqual(['VS']);
    expect(mentionTexts(result, 'turkey')).toEqual(['Turks']);
    expect(mentionTexts(result, 'syria')).toEqual(['Syrische']);
  });

  it('ignores diacritics and keeps UTF-16 offsets', () => {
    const body = '🙂 Erdoğan en Erdogan, daarna Oekraine en Oekraïne.';
    const result = link(body);
    expect(mentionTexts(result, 'recep-tayyip-erdogan')).toEqual(['Erdoğan', 'Erdogan']);
    expect(mentionTexts(result, 'ukraine')).toEqual(['Oekraine', 'Oekraïne']);
    for (const actor of result.actors) for (const m of actor.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
  });

  it('does not join words across punctuation', () => {
    expect(slugs(link('Dat zijn de Verenigde. Staten zijn geen partij.'))).toEqual([]);
  });
});

describe('states', () => {
  it('links names, every adjective form, demonyms and institutions', () => {
    const result = link(
      'Rusland en de Russische marine. Een Amerikaans schip, Amerikaanse soldaten, Amerikanen en Turken. ' +
        'Het Kremlin en het Witte Huis zwegen.',
    );
    expect(mentionTexts(result, 'russia')).toEqual(['Rusland', 'Russische', 'Kremlin']);
    expect(mentionTexts(result, 'united-states')).toEqual(['Amerikaans', 'Amerikaanse', 'Amerikanen', 'Witte Huis']);
    expect(mentionTexts(result, 'turkey')).toEqual(['Turken']);
  });

  it('links a capital that stands for its state', () => {
    const result = link('Moskou wil praten met Washington. Parijs zegt niets. De regering in Kaboel twijfelt.');
    expect(mentionTexts(result, 'russia')).toEqual(['Moskou']);
    expect(mentionTexts(result, 'united-states')).toEqual(['Washington']);
    expect(mentionTexts(result, 'france')).toEqual(['Parijs']);
    expect(mentionTexts(result, 'afghanistan')).toEqual(['Kaboel']);
  });

  it('does not link a capital used as a place', () => {
    expect(slugs(link('De gezant arriveerde gisteren in Kaboel.'))).toEqual([]);
    expect(slugs(link('Er waren aanslagen in New York en Washington.'))).toEqual([]);
    expect(slugs(link('Er zijn vluchten tussen Washington en New York.'))).toEqual([]);
    expect(slugs(link('Ze reisden naar Moskou en Peking.'))).toEqual([]);
    expect(slugs(link('De hoofdstad Tripoli ligt onder vuur.'))).toEqual([]);
  });

  it('links both capitals when they stand for two states', () => {
    const result = link('De gesprekken tussen Moskou en Washington liepen vast.');
    expect(slugs(result)).toEqual(['russia', 'united-states']);
  });

  it('does not link names inside non-actors: media, agencies, regions', () => {
    expect(slugs(link('The Washington Post en de Washington Post schreven het.'))).toEqual([]);
    expect(slugs(link('Dat meldt persbureau Belga, op gezag van Agence France-Presse en Reuters.'))).toEqual([]);
    expect(slugs(link('Volgens het Iraanse persbureau Tasnim is het rustig.'))).toEqual(['iran']);
    expect(slugs(link('Veel Latijns-Amerikaanse landen stemden tegen.'))).toEqual([]);
  });

  it('keeps a full name over an adjective inside it', () => {
    expect(slugs(link('Frans Timmermans sprak in het parlement.'))).toEqual(['frans-timmermans']);
    expect(slugs(link('Een Frans fregat voer uit.'))).toEqual(['france']);
  });
});

describe('persons', () => {
  it('links the full name, then the surname, and genitives', () => {
    const result = link('Vladimir Poetin belde. Poetin zei later dat Poetins woordvoerder gelijk had.');
    expect(mentionTexts(result, 'vladimir-putin')).toEqual(['Vladimir Poetin', 'Poetin', 'Poetins']);
    expect(mentionTexts(link('Bidens plan en Rohani’s antwoord.', '2021-03-01'), 'joe-biden')).toEqual(['Bidens']);
    expect(mentionTexts(link('Bidens plan en Rohani’s antwoord.', '2021-03-01'), 'hassan-rouhani')).toEqual([
      'Rohani’s',
    ]);
  });

  it('knows Dutch and English spellings', () => {
    const result = link('Sergej Lavrov en Sergei Lavrov, Poetin en Putin, Rohani en Rouhani.');
    expect(mentionTexts(result, 'sergey-lavrov')).toEqual(['Sergej Lavrov', 'Sergei Lavrov']);
    expect(mentionTexts(result, 'vladimir-putin')).toEqual(['Poetin', 'Putin']);
    expect(mentionTexts(result, 'hassan-rouhani')).toEqual(['Rohani', 'Rouhani']);
  });

  it('decides a shared surname by the roles held on the article date', () => {
    expect(slugs(link('Het regime van Assad hield stand.', '2016-09-01'))).toEqual(['bashar-al-assad']);
    expect(slugs(link('Het regime van Assad hield stand.', '1990-09-01'))).toEqual(['hafez-al-assad']);
    expect(slugs(link('President Bush sprak het land toe.', '2003-03-01'))).toEqual(['george-w-bush']);
    expect(slugs(link('President Bush sprak het land toe.', '1991-01-01'))).toEqual(['george-h-w-bush']);
  });

  it('decides a shared surname by the person named in full, or leaves it unlinked', () => {
    expect(slugs(link('Clinton voerde campagne.', '2016-09-01'))).toEqual([]);
    const named = link('Hillary Clinton voerde campagne. Clinton won het debat.', '2016-09-01');
    expect(mentionTexts(named, 'hillary-clinton')).toEqual(['Hillary Clinton', 'Clinton']);
  });

  it('reads a shared surname as the one of its people named in full before it, even when the other is named later', () => {
    const text = 'Bill Clinton sprak in Little Rock. Clinton prees de economie. Later nam Hillary Clinton het woord.';
    const result = link(text, '2016-09-01');
    expect(mentionTexts(result, 'bill-clinton')).toEqual(['Bill Clinton', 'Clinton']);
    expect(mentionTexts(result, 'hillary-clinton')).toEqual(['Hillary Clinton']);
  });

  it('decides a shared surname by the other actors in the article', () => {
    const small: KnowledgeBase = {
      actors: [
        { slug: 'iran', name: 'Iran', nameNl: 'Iran', kind: 'STATE', aliases: [], wikidataId: null, roles: [] },
        { slug: 'afghanistan', name: 'Afghanistan', nameNl: 'Afghanistan', kind: 'STATE', aliases: [], wikidataId: null, roles: [] },
        person('ahmad-karimi', 'Ahmad Karimi', 'iran'),
        person('hamid-karimi', 'Hamid Karimi', 'afghanistan'),
      ],
      conflicts: [],
    };
    const result = createLinker(small).link({ title: '', body: 'Karimi bezocht Afghanistan.', publishedOn: '2020-01-01' });
    expect(slugs(result)).toEqual(['hamid-karimi', 'afghanistan']);
  });
});

describe('surnames', () => {
  it('needs the full name first for a surname that is a common word', () => {
    expect(slugs(link('May zei niets, en Hunt zweeg.', '2018-05-01'))).toEqual([]);
    const named = link('Premier Theresa May kwam aan. May zei dat Hunt later volgt.', '2018-05-01');
    expect(mentionTexts(named, 'theresa-may')).toEqual(['Theresa May', 'May']);
    expect(slugs(named)).not.toContain('jeremy-hunt');
    expect(slugs(link('De Maas stroomt door Limburg. Heiko Maas zei dat Maas later kwam.', '2019-01-01'))).toEqual([
      'heiko-maas',
    ]);
    expect(mentionTexts(link('De Maas stroomt door Limburg. Heiko Maas kwam.', '2019-01-01'), 'heiko-maas')).toEqual([
      'Heiko Maas',
    ]);
  });

  it("needs the full name first for a surname that is another person's first name or another actor's name", () => {
    expect(slugs(link('Abbas kwam aan.', '2023-01-01'))).toEqual([]);
    expect(mentionTexts(link('Mahmoud Abbas kwam aan. Abbas zei weinig.', '2023-01-01'), 'mahmoud-abbas')).toEqual([
      'Mahmoud Abbas',
      'Abbas',
    ]);
    const turk = link('Een Turk werd opgepakt. Volker Türk sprak. Türk zei dat.', '2023-01-01');
    expect(mentionTexts(turk, 'turkey')).toEqual(['Turk']);
    expect(mentionTexts(turk, 'volker-turk')).toEqual(['Volker Türk', 'Türk']);
  });

  it('links a unique surname that is no common word on its own', () => {
    expect(slugs(link('Rutte sprak de bondgenoten toe.', '2025-02-01'))).toEqual(['mark-rutte']);
    expect(slugs(link('Johnson belde met Kyiv.', '2022-03-01'))).toEqual(['boris-johnson', 'ukraine']);
  });

  it('knows the Dutch spellings of people in the news', () => {
    const result = link(
      'Poetin, Zelenski, Erdogan, Xi Jinping, Kim Jong-un, Sinwar, Nasrallah, Hemedti, Abiy Ahmed, ' +
        'Min Aung Hlaing, Aliyev, Pasjinjan, Lavrov en Netanyahu.',
      '2022-06-01',
    );
    expect(slugs(result)).toEqual([
      'vladimir-putin',
      'volodymyr-zelensky',
      'recep-tayyip-erdogan',
      'xi-jinping',
      'kim-jong-un',
      'yahya-sinwar',
      'hassan-nasrallah',
      'mohamed-hamdan-dagalo',
      'abiy-ahmed',
      'min-aung-hlaing',
      'ilham-aliyev',
      'nikol-pashinyan',
      'sergey-lavrov',
      'benjamin-netanyahu',
    ]);
  });

  it('links a Korean surname after the full name only', () => {
    expect(slugs(link('Kim liet een raket testen.', '2022-11-01'))).toEqual([]);
    expect(mentionTexts(link('Kim Jong-un keek toe. Kim was tevreden.', '2022-11-01'), 'kim-jong-un')).toEqual([
      'Kim Jong-un',
      'Kim',
    ]);
  });

  it('does not link a surname that is part of the name of someone unknown', () => {
    expect(slugs(link('De voetballer Abe Lenstra scoorde twee keer.', '2015-01-01'))).toEqual([]);
    expect(slugs(link('Ook Melania Trump was erbij.', '2018-01-01'))).toEqual([]);
    const order = link('Het begon nadat Poetin Oekraïne binnenviel; Premier Rutte reageerde.', '2022-03-01');
    expect(slugs(order)).toEqual(['vladimir-putin', 'ukraine', 'mark-rutte']);
  });

  it('links possessives and genitives', () => {
    const result = link("Netanyahu's kabinet en Israëls leger. Hamas' leiders en Poetins woordvoerder.", '2024-01-01');
    expect(mentionTexts(result, 'benjamin-netanyahu')).toEqual(["Netanyahu's"]);
    expect(mentionTexts(result, 'israel')).toEqual(['Israëls']);
    expect(mentionTexts(result, 'hamas')).toEqual(['Hamas']);
    expect(mentionTexts(result, 'vladimir-putin')).toEqual(['Poetins']);
  });
});

describe('names shared by several entries', () => {
  it('decides by the date, by the other actors named, or leaves the name unlinked', () => {
    expect(slugs(link('Koning Abdullah ontving de gezant.', '2020-05-01'))).toEqual(['abdullah-ii-of-jordan']);
    expect(slugs(link('Koning Abdullah ontving de gezant.', '2012-05-01'))).toEqual([]);
    expect(slugs(link('Koning Abdullah sprak met de Jordaanse regering.', '2012-05-01'))).toEqual([
      'abdullah-ii-of-jordan',
      'jordan',
    ]);
  });
});

describe('states, widened', () => {
  it('links the names, adjectives, demonyms and capitals of every region', () => {
    const result = link(
      'Jemenitische rebellen, Soedanese troepen en Malinese soldaten. Noord-Koreaanse raketten vlogen over Japan. ' +
        'Eritreeërs en Azerbeidzjanen. Het Vaticaan zweeg; de Taiwanese regering ook. Peking en Seoel reageerden.',
      '2023-01-01',
    );
    expect(slugs(result)).toEqual([
      'yemen',
      'sudan',
      'mali',
      'north-korea',
      'japan',
      'eritrea',
      'azerbaijan',
      'holy-see',
      'taiwan',
      'china',
      'south-korea',
    ]);
  });

  it('links a capital named as a seat of government, not as a place', () => {
    expect(slugs(link('De regering in Sanaa protesteerde; Pyongyang dreigde.', '2016-01-01'))).toEqual([
      'yemen',
      'north-korea',
    ]);
    expect(slugs(link('De delegatie landde in Sanaa en reisde door naar Aden.', '2016-01-01'))).toEqual([]);
  });

  it('does not link a state in the name of a region', () => {
    expect(slugs(link('In Zuid-Libanon en Noord-Syrië wordt gevochten; Oost-Oekraïense steden liggen onder vuur.'))).toEqual(
      [],
    );
    expect(slugs(link('Noord-Korea, Zuid-Korea en Zuid-Afrika.'))).toEqual(['north-korea', 'south-korea', 'south-africa']);
  });

  it('does not link a language or a first name for a state', () => {
    expect(slugs(link('Hij spreekt vloeiend Frans en Russisch.'))).toEqual([]);
    expect(slugs(link('Het boek is vertaald in het Arabisch en het Chinees. De Russische taal is moeilijk.'))).toEqual([]);
    expect(slugs(link('Frans Weemoed zong een lied.'))).toEqual([]);
    expect(slugs(link('Het Russische leger en een Frans fregat. Het Frans-Duitse plan.'))).toEqual(['russia', 'russian-armed-forces', 'france', 'germany']);
  });

  it('does not link a state in a place, outlet, event or treaty named after it', () => {
    expect(slugs(link('Schepen voeren door de Golf van Oman en de Japanse Zee.'))).toEqual([]);
    expect(slugs(link('De Tour de France, het klimaatakkoord van Parijs en de Oslo-akkoorden.'))).toEqual([]);
    expect(slugs(link('Dat schrijft The Times of Israel, en Tehran Times bevestigt het.'))).toEqual([]);
  });

  it('does not match a name of a state that is mostly something else', () => {
    expect(slugs(link('Michael Jordan en Chad Smith speelden in Georgia.'))).toEqual([]);
    expect(slugs(link('Jordanië, Tsjaad en Georgië.'))).toEqual(['jordan', 'chad', 'georgia-country']);
  });
});

describe('organisations and armed groups', () => {
  it('links a ministry named as such to itself, a building that stands for the government to the state', () => {
    const result = link('Het Amerikaanse ministerie van Defensie en de CIA zwegen; het Pentagon en het Witte Huis reageerden wel.');
    expect(slugs(result)).toEqual(['united-states', 'united-states-department-of-defense', 'central-intelligence-agency']);
    expect(mentionTexts(result, 'united-states')).toEqual(['Amerikaanse', 'Pentagon', 'Witte Huis']);
    expect(mentionTexts(result, 'united-states-department-of-defense')).toEqual(['ministerie van Defensie']);
  });

  it('links UN agencies by their Dutch names and acronyms, the longest name first', () => {
    const result = link('De VN-vluchtelingenorganisatie UNHCR en het Wereldvoedselprogramma waarschuwen. De VN ook.');
    expect(mentionTexts(result, 'unhcr')).toEqual(['VN-vluchtelingenorganisatie', 'UNHCR']);
    expect(mentionTexts(result, 'world-food-programme')).toEqual(['Wereldvoedselprogramma']);
    expect(mentionTexts(result, 'united-nations')).toEqual(['VN']);
  });

  it('knows the Dutch spellings of armed groups', () => {
    const result = link('De houthi-rebellen, de Houthi\'s en Ansar Allah. Islamitische Staat, al-Qaida en AQAP.');
    expect(mentionTexts(result, 'houthis')).toEqual(['houthi-rebellen', "Houthi's", 'Ansar Allah']);
    expect(slugs(result)).toEqual(['houthis', 'islamic-state', 'al-qaeda', 'al-qaeda-in-the-arabian-peninsula']);
  });
});

describe('unlinked candidates', () => {
  it('lists capitalised names the knowledge base does not know and that are no provisional actors', () => {
    const text = 'Gisteren sprak Ahmed Zubair Khan met Vladimir Poetin in de Raad van Ouderen bij Kaap de Goede Hoop.';
    expect(seedLinking().linker.unlinkedCandidates(text).map((n) => n.text)).toEqual(['Kaap de Goede Hoop']);
    const provisional = link(text, '2020-01-01').provisional;
    expect(provisional.map((p) => [p.name, p.kind])).toEqual([
      ['Ahmed Zubair Khan', 'PERSON'],
      ['Raad van Ouderen', 'ORGANIZATION'],
    ]);
  });
});

describe('provenance of each mention', () => {
  const mentionsOf = (result: LinkResult, slug: string) => result.actors.find((a) => a.slug === slug)?.mentions ?? [];

  it('marks an actor named by its own name as DICTIONARY and a rule-made link as RULE, with a lower confidence', () => {
    const result = link('Vladimir Poetin sprak in Moskou. Poetin zei dat de Russische troepen blijven.', '2021-04-01');
    const putin = mentionsOf(result, 'vladimir-putin');
    expect(putin.map((m) => [m.text, m.method])).toEqual([
      ['Vladimir Poetin', 'DICTIONARY'],
      ['Poetin', 'RULE'],
    ]);
    expect(putin[1]!.confidence).toBeLessThan(putin[0]!.confidence);
    for (const m of mentionsOf(result, 'russia')) {
      expect(m.method).toBe('RULE');
      expect(m.confidence).toBeGreaterThan(0);
      expect(m.confidence).toBeLessThan(1);
    }
  });

  it('gives every mention of every seed a method and a confidence in (0, 1]', () => {
    for (const file of readdirSync(new URL('../seeds/articles/', import.meta.url))) {
      const text = readFileSync(new URL(`../seeds/articles/${file}`, import.meta.url), 'utf8');
      for (const actor of link(text.replace(/^\s*date \d{4}-\d{2} /, ''), '2019-01-01').actors) {
        for (const m of actor.mentions) {
          expect(['DICTIONARY', 'RULE']).toContain(m.method);
          expect(m.confidence > 0 && m.confidence <= 1).toBe(true);
        }
      }
    }
  });
});

describe('scale', () => {
  it('links every full name and surname among tens of thousands of aliases', () => {
    const actors: KnowledgeBase['actors'] = [];
    for (let i = 0; i < 20_000; i++) {
      actors.push({
        slug: `person-${i}`,
        name: `Voornaam${i} Achternaam${i}`,
        nameNl: `Voornaam${i} Achternaam${i}`,
        kind: 'PERSON',
        aliases: [`Achternaam${i}`, `V. Achternaam${i}`],
        wikidataId: null,
        roles: [],
      });
    }
    // Its speed is measured by `npm run bench:link`, not here: this checks what it links.
    const big = createLinker({ actors, conflicts: [] });
    const body = Array.from({ length: 200 }, (_, i) => `Voornaam${i * 7} Achternaam${i * 7} sprak met Achternaam${i * 13}.`).join(' ');
    const result = big.link({ title: '', body, publishedOn: '2020-01-01' });
    const linked = new Set(result.actors.map((actor) => actor.slug));
    const expected = new Set(Array.from({ length: 200 }, (_, i) => [`person-${i * 7}`, `person-${i * 13}`]).flat());
    expect(linked).toEqual(expected);
  });
});
