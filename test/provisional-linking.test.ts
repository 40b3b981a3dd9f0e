import { beforeAll, describe, expect, it } from 'vitest';
import { createLinker, type Linker } from '../src/linking/linker.js';
import type { KnowledgeBase, LinkResult, ProvisionalActor } from '../src/linking/types.js';
import { seedLinking } from './helpers/linking.js';

// Every person and organisation named here is made up for these tests.

let linker: Linker;

beforeAll(() => {
  linker = seedLinking().linker;
});

function link(body: string, publishedOn = '2023-05-01'): LinkResult & { unlinked: { text: string }[] } {
  return linker.linkWithUnknown({ title: '', body, publishedOn });
}

function provisional(body: string): ProvisionalActor[] {
  return link(body).provisional;
}

function only(body: string): ProvisionalActor {
  const found = provisional(body);
  expect(found.map((p) => p.key), body).toHaveLength(1);
  return found[0]!;
}

describe('people named in full, by the words around them', () => {
  it('reads a town of a conflict after a given name as the surname, and the town after a preposition as the town', () => {
    const body = 'In Kaya vielen opnieuw doden. "Ze schoten op ons", vertelt taxichauffeur Mehmet Kaya (38) in Istanbul.';
    expect(provisional(body).map((p) => p.name)).toEqual(['Mehmet Kaya']);
  });

  it('reads a descriptor before the name, compound or plain, and takes it as the description', () => {
    expect(only('Dat zegt Afghanistanspecialist Pieter Vermolen tegen de krant.')).toMatchObject({
      key: 'pieter-vermolen',
      name: 'Pieter Vermolen',
      kind: 'PERSON',
      description: 'Afghanistanspecialist',
    });
    expect(only('De Amerikaanse senator Lorna Quisby wil meer steun.')).toMatchObject({ key: 'lorna-quisby', description: 'senator' });
    expect(only('Het vonnis valt tegen, vindt advocaat Gerrit Haaksma.')).toMatchObject({ description: 'advocaat' });
    expect(only('Ook zijn broer Karim Oudaji werd opgepakt.')).toMatchObject({ key: 'karim-oudaji', description: 'broer' });
    expect(only('Hamas-commandant Rami Salehani kwam om.')).toMatchObject({ key: 'rami-salehani', description: 'Hamas-commandant' });
  });

  it('reads a title with a portfolio or a chamber, cut off the name it is glued to', () => {
    const minister = only('Dat bevestigt minister van Buitenlandse Zaken Sofie Wellemans.');
    expect(minister).toMatchObject({ key: 'sofie-wellemans', name: 'Sofie Wellemans', description: 'minister van Buitenlandse Zaken' });
    const chair = only('Het debat werd geleid door de voorzitter van de Tweede Kamer Jorien Wouterse.');
    expect(chair).toMatchObject({ key: 'jorien-wouterse', description: 'voorzitter van de Tweede Kamer' });
    const opening = only('Minister van Defensie Ludo Dedeyne reist af.');
    expect(opening).toMatchObject({ key: 'ludo-dedeyne', description: 'minister van Defensie' });
  });

  it('reads an apposition, an age, a nationality and a verb of saying', () => {
    const [professor, university] = provisional('Maarten Olderik, hoogleraar internationale betrekkingen aan de Universiteit van Harlingen, is somber.');
    expect(professor).toMatchObject({ key: 'maarten-olderik', kind: 'PERSON', description: 'hoogleraar internationale betrekkingen' });
    expect(university).toMatchObject({ key: 'universiteit-van-harlingen', kind: 'ORGANIZATION' });
    expect(only('Fenna Roestel (42) vluchtte met haar kinderen.')).toMatchObject({ key: 'fenna-roestel', description: null });
    expect(only('Onder hen is de Spanjaard Iker Lazkanoa.')).toMatchObject({ key: 'iker-lazkanoa', description: 'Spanjaard' });
    expect(only('"Het is voorbij", zegt Jorrit Vanderwaal.')).toMatchObject({ key: 'jorrit-vanderwaal', description: null });
    expect(only('Volgens Jorrit Vanderwaal is het voorbij.').mentions[0]!.text).toBe('Jorrit Vanderwaal');
  });

  it('reads a party in brackets, and a list that names a known person', () => {
    expect(only('Ook Sandra Bosmaert (D66) stemde tegen.')).toMatchObject({ key: 'sandra-bosmaert', kind: 'PERSON' });
    const listed = link('Olaf Scholz sprak met Emmanuel Macron en Giorgina Melandri over de oorlog.', '2023-01-01');
    expect(listed.provisional.map((p) => p.key)).toEqual(['giorgina-melandri']);
    expect(provisional('Hij sprak met Hamas en Wadi Halfaya.')).toEqual([]);
  });

  it('is surer of a name the text describes than of one it only quotes', () => {
    const described = only('Afghanistanspecialist Pieter Vermolen is somber.').mentions[0]!;
    const quoted = only('Het is voorbij, zegt Jorrit Vanderwaal.').mentions[0]!;
    for (const mention of [described, quoted]) expect(mention).toMatchObject({ method: 'RULE' });
    expect(described.confidence).toBeGreaterThan(quoted.confidence);
    expect(described.confidence).toBeLessThan(0.98);
  });

  it('reads a role phrase set off before the name, an age adjective, and roles of women and of trades', () => {
    expect(only('Zijn opvolger, Serhij Vandrenko, zit vast.')).toMatchObject({ key: 'serhij-vandrenko', description: 'opvolger' });
    const league = provisional('Het gesprek was met de secretaris-generaal van de Zuidelijke Liga, Amir Qassoumi.');
    expect(league.map((p) => [p.key, p.kind, p.description])).toEqual([
      ['zuidelijke-liga', 'ORGANIZATION', null],
      ['amir-qassoumi', 'PERSON', 'secretaris-generaal van de Zuidelijke Liga'],
    ]);
    expect(only('Vermist is de 39-jarige Reshid Amatovi, die werd meegenomen.')).toMatchObject({ key: 'reshid-amatovi' });
    expect(only('Dat zegt politicologe Ayasha Sidiqqui.')).toMatchObject({ description: 'politicologe' });
    expect(only('"Geen salaris", zegt agent Lionel Lazzaro.')).toMatchObject({ key: 'lionel-lazzaro', description: 'agent' });
    expect(only('Tot de leden behoort Nobelprijswinnares Svetlana Oleksijenko.')).toMatchObject({ key: 'svetlana-oleksijenko', description: 'nobelprijswinnares' });
  });

  it('reads an apposition after the name with an adjective or a hyphenated role', () => {
    expect(only('Ook Malka Yousefzadeh, de Pakistaanse scholiere die werd neergeschoten, steunt de actie.')).toMatchObject({ key: 'malka-yousefzadeh' });
    expect(only('Obi Ezekwueme, oud-minister van Onderwijs, leidt de campagne.')).toMatchObject({ key: 'obi-ezekwueme' });
  });

  it('reads a role of a known body right before the name, and takes no hyphenated body name for a descriptor', () => {
    expect(only('Voorzitter van de AU-commissie Nomsa Dlaminiwe riep op tot kalmte.')).toMatchObject({
      key: 'nomsa-dlaminiwe',
      kind: 'PERSON',
      description: 'voorzitter van de AU-commissie',
    });
    // Without a role the name glued to a body is nobody the text describes, and never an organisation.
    expect(provisional('Pas toen benoemde de AU-commissie Nomsa Dlaminiwe.')).toEqual([]);
  });

  it('reads a surname joined to a particle by a hyphen as a word of the name', () => {
    expect(only('"Vrijdag was het erg", zegt Salem al-Obeidani, een ingenieur.')).toMatchObject({ key: 'salem-al-obeidani', name: 'Salem al-Obeidani' });
    const haiti = provisional('Dat zegt onderzoeker Pierre-Richard Jean-Batiste van de Staatsuniversiteit. "Nee", zegt Jean-Batiste.');
    expect(haiti.map((p) => [p.key, p.mentions.map((m) => m.text)])).toEqual([
      ['pierre-richard-jean-batiste', ['Pierre-Richard Jean-Batiste', 'Jean-Batiste']],
    ]);
  });

  it('leaves a name without any cue to the curators', () => {
    const result = link('Ook Melania Trump was erbij.', '2018-01-01');
    expect(result.provisional).toEqual([]);
    expect(result.actors).toEqual([]);
    expect(result.unlinked.map((u) => u.text)).toEqual(['Melania Trump']);
  });
});

describe('organisations and armed groups', () => {
  it('reads the head word of the name, an acronym in brackets, and a descriptor', () => {
    expect(only('Leden van de Partij voor Vrijheid en Vooruitgang protesteren.')).toMatchObject({
      key: 'partij-voor-vrijheid-en-vooruitgang',
      kind: 'ORGANIZATION',
    });
    expect(only('Het rapport komt van de Greenfield Peace Foundation.')).toMatchObject({ kind: 'ORGANIZATION' });
    expect(only('Strijders van de Al-Rashidi Brigade trokken zich terug.')).toMatchObject({
      key: 'al-rashidi-brigade',
      kind: 'ARMED_GROUP',
    });
    expect(only('Het Zemblaans Bevrijdingsleger rukt op.')).toMatchObject({ kind: 'ARMED_GROUP' });
    expect(only('Volgens de denktank Northbridge Analytics is dat onwaarschijnlijk.')).toMatchObject({
      key: 'northbridge-analytics',
      kind: 'ORGANIZATION',
      description: 'denktank',
    });
  });

  it('joins the later uses of an acronym given in brackets', () => {
    const body = 'Het Kaspisch Observatorium voor Conflictstudies (KOC) telde 40 doden. Volgens het KOC loopt dat op.';
    const observatory = only(body);
    expect(observatory).toMatchObject({ key: 'kaspisch-observatorium-voor-conflictstudies', kind: 'ORGANIZATION' });
    expect(observatory.mentions.map((m) => m.text)).toEqual(['Kaspisch Observatorium voor Conflictstudies', 'KOC', 'KOC']);
  });

  it('makes no new actor of a name the knowledge base knows by its acronym or spells out', () => {
    expect(provisional("Het Ta'ang Nationaal Bevrijdingsleger (TNLA) rukt op.")).toEqual([]);
    expect(provisional('Leiders van de Asean, de Associatie van Zuidoost-Aziatische Landen, komen bijeen.')).toEqual([]);
  });
});

describe('guards against false actors', () => {
  it('takes no place, region, day, month or date for an actor', () => {
    for (const body of [
      'De hulp bereikte gisteren Kasr Umbar niet.',
      'Het konvooi reed naar Wadi Halfaya.',
      'De gevechten in Noord-Zembla gaan door; in West-Darfoer ook.',
      'Op Zwarte Zaterdag vielen de meeste doden.',
      'Hij keerde terug op 7 Oktober.',
      'Schepen varen om Kaap de Goede Hoop.',
    ]) {
      expect(provisional(body), body).toEqual([]);
    }
  });

  it('takes no media, works, events or operations for an actor', () => {
    for (const body of [
      'Dat meldt de krant Zuider Courant.',
      'Het staat in het boek Stille Jaren.',
      'Operatie Zilveren Valk begon in de nacht.',
      'Hij won de Wereldbeker Schaatsen.',
      'Het Vredesakkoord van Oslo werd getekend.',
      'De Storm Shadow-raketten werden geleverd.',
      'Volgens The Washington Post klopt dat niet.',
    ]) {
      expect(provisional(body), body).toEqual([]);
    }
  });

  it('takes no street named after a person for the person', () => {
    expect(provisional('De betogers liepen over de avenida Francisco Ortigoza naar het centrum, zegt hij.')).toEqual([]);
    expect(provisional('Het kantoor ligt aan de boulevard Jean-Pierre Mbolenga in de hoofdstad.')).toEqual([]);
  });

  it('takes no heading or sentence opener for part of a name', () => {
    expect(provisional('Grote Onrust Aan De Grens\n\nHet bleef er vannacht rustig.')).toEqual([]);
    expect(only('Volgens Jorrit Vanderwaal is het voorbij.').name).toBe('Jorrit Vanderwaal');
  });

  it('parts a person from the institution they are of', () => {
    const at = (body: string) => provisional(body).map((p) => [p.name, p.kind]);
    expect(at('Dat zegt hoogleraar Marijke Oosterwolde van de Universiteit van Harlingen.')).toEqual([
      ['Marijke Oosterwolde', 'PERSON'],
      ['Universiteit van Harlingen', 'ORGANIZATION'],
    ]);
    expect(at('"Het is stil", zegt onderzoeker Pieter Brandsma van het Noordelijk Instituut voor Vredesvragen.')).toEqual([
      ['Pieter Brandsma', 'PERSON'],
      ['Noordelijk Instituut voor Vredesvragen', 'ORGANIZATION'],
    ]);
    // A surname with particles stays whole; an organisation whose name holds `van het` too.
    expect(at('Volgens advocaat Sanne van der Heijden is het voorbij.')).toEqual([['Sanne van der Heijden', 'PERSON']]);
    expect(at('Het Zuidelijk Comité van het Witte Kruis stuurt hulp.')).toEqual([['Zuidelijk Comité van het Witte Kruis', 'ORGANIZATION']]);
  });

  it('takes no apposition for a role when the name runs on, nor a word of a comma list for a descriptor', () => {
    // The role phrase must be set off on both sides: here the name is the subject of a new clause.
    const runOn = provisional('Hij sprak met de woordvoerder van de Zuidelijke Liga, Wobke Ammerlaan kwam later.');
    expect(runOn.map((p) => p.key)).toEqual(['zuidelijke-liga']);
    // `de conferentie, X`: the noun before the comma describes nothing after it, but no cue makes X a person either.
    expect(provisional('Hij sprak op de conferentie, Wobke Ammerlaan niet.')).toEqual([]);
  });

  it('does not take a surname that is a spelling one letter off a known one for a known person', () => {
    // `Zanna` is two letters from the surname of a known Ahmad: too short a name to be the same one.
    expect(only('Senator Ahmad Zanna zei dat hij boos was.')).toMatchObject({ key: 'ahmad-zanna', description: 'senator' });
  });

  it('makes no name of a known actor and the capitalised word after it', () => {
    const result = link('Het begon nadat Poetin Oekraïne binnenviel.', '2022-03-01');
    expect(result.provisional).toEqual([]);
    expect(result.actors.map((a) => a.slug)).toEqual(['vladimir-putin', 'ukraine']);
  });

  it('tells a new person whose first name is a known surname from the known person', () => {
    const result = link('Dat zei de Palestijnse onderhandelaar Abbas Zerandi.', '2020-01-01');
    expect(result.provisional.map((p) => p.key)).toEqual(['abbas-zerandi']);
    expect(result.actors.map((a) => a.slug)).not.toContain('mahmoud-abbas');
  });

  it('makes no new person of another spelling of a known one, but lists it for the curators', () => {
    const kb: KnowledgeBase = {
      actors: [{ slug: 'nikol-pashinyan', name: 'Nikol Pashinyan', nameNl: 'Nikol Pashinyan', kind: 'PERSON', aliases: ['Pashinyan'], wikidataId: null, roles: [] }],
      conflicts: [],
    };
    const result = createLinker(kb).linkWithUnknown({ title: '', body: 'Dat zei premier Nikol Pasjinian gisteren.', publishedOn: '2021-01-01' });
    expect(result.provisional).toEqual([]);
    expect(result.unlinked.map((u) => u.text)).toEqual(['Nikol Pasjinian']);
  });
});

describe('one actor per person in an article', () => {
  it('joins later mentions by the surname alone, with a lower confidence', () => {
    const body = 'Afghanistanspecialist Pieter Vermolen is somber. "Het wordt erger," zei Vermolen. Vermolen vertrekt morgen.';
    const person = only(body);
    expect(person.mentions.map((m) => m.text)).toEqual(['Pieter Vermolen', 'Vermolen', 'Vermolen']);
    expect(person.mentions[1]!.confidence).toBeLessThan(person.mentions[0]!.confidence);
    for (const m of person.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
  });

  it('joins a surname with particles, written with a capital at the start of a sentence', () => {
    const person = only('Dat zegt hoogleraar Anke van der Sluys. Van der Sluys verwacht geen vrede.');
    expect(person.key).toBe('anke-van-der-sluys');
    expect(person.mentions.map((m) => m.text)).toEqual(['Anke van der Sluys', 'Van der Sluys']);
  });

  it('keeps the fullest form of the name seen', () => {
    const person = only('Dat zegt analist Pieter Vermolen. Eerder schreef analist Pieter Jan Vermolen een boek.');
    expect(person).toMatchObject({ key: 'pieter-jan-vermolen', name: 'Pieter Jan Vermolen' });
    expect(person.mentions).toHaveLength(2);
  });

  it('leaves a surname shared by two people named in full unjoined', () => {
    const found = provisional('Minister Eva Korsten en haar broer Tom Korsten kwamen. Korsten sprak eerst.');
    expect(found.map((p) => [p.key, p.mentions.length])).toEqual([
      ['eva-korsten', 1],
      ['tom-korsten', 1],
    ]);
  });

  it('leaves a surname to the known person who has it', () => {
    const kb: KnowledgeBase = {
      actors: [{ slug: 'karel-dorsman', name: 'Karel Dorsman', nameNl: 'Karel Dorsman', kind: 'PERSON', aliases: ['Dorsman'], wikidataId: null, roles: [] }],
      conflicts: [],
    };
    const body = 'Karel Dorsman sprak met minister Petra Dorsman. Dorsman zei niets.';
    const result = createLinker(kb).link({ title: '', body, publishedOn: '2021-01-01' });
    expect(result.actors.map((a) => [a.slug, a.mentions.map((m) => m.text)])).toEqual([['karel-dorsman', ['Karel Dorsman', 'Dorsman']]]);
    expect(result.provisional.map((p) => [p.key, p.mentions.length])).toEqual([['petra-dorsman', 1]]);
  });
});

describe('keys, spans and the curators list', () => {
  it('makes the key a slug of the name as written: lowercase, without diacritics or punctuation', () => {
    expect(only('Dat zegt minister Viktória Orbánová.').key).toBe('viktoria-orbanova');
    expect(only('Dat zegt woordvoerder Jan-Willem Brüggen.').key).toBe('jan-willem-bruggen');
  });

  it('never overlaps a mention of the knowledge base, and gives every mention offsets into the body', () => {
    const body =
      'Hamas-commandant Rami Salehani en Benjamin Netanyahu spraken niet met elkaar. Volgens de Verenigde Naties ' +
      'zei analist Nora Velthuis dat Salehani gewond is.';
    const result = link(body, '2024-01-01');
    const all = [...result.actors.flatMap((a) => a.mentions), ...result.provisional.flatMap((p) => p.mentions)].sort((x, y) => x.start - y.start);
    for (let i = 1; i < all.length; i++) expect(all[i]!.start).toBeGreaterThanOrEqual(all[i - 1]!.end);
    for (const m of all) expect(body.slice(m.start, m.end)).toBe(m.text);
    expect(result.provisional.map((p) => p.key)).toEqual(['rami-salehani', 'nora-velthuis']);
    expect(result.actors.map((a) => a.slug)).toEqual(expect.arrayContaining(['hamas', 'benjamin-netanyahu', 'united-nations']));
  });

  it('lists for the curators what is neither linked nor provisional, and only that', () => {
    const result = link('Dat bevestigt minister van Buitenlandse Zaken Sofie Wellemans. Schepen varen om Kaap de Goede Hoop.');
    expect(result.provisional.map((p) => p.name)).toEqual(['Sofie Wellemans']);
    expect(result.unlinked.map((u) => u.text)).toEqual(['Buitenlandse Zaken', 'Kaap de Goede Hoop']);
    expect(linker.unlinkedCandidates('Dat bevestigt minister van Buitenlandse Zaken Sofie Wellemans.').map((u) => u.text)).toEqual([
      'Buitenlandse Zaken',
    ]);
  });

  it('gives the same provisional actors from link as from linkWithUnknown', () => {
    const input = { title: 'Onrust', body: 'Dat zegt Afghanistanspecialist Pieter Vermolen. Vermolen is somber.', publishedOn: '2021-08-01' };
    expect(linker.link(input).provisional).toEqual(linker.linkWithUnknown(input).provisional);
  });
});
