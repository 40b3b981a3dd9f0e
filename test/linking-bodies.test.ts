import { beforeAll, describe, expect, it } from 'vitest';
import type { Linker } from '../src/linking/linker.js';
import type { LinkResult } from '../src/linking/types.js';
import { seedLinking } from './helpers/linking.js';

// Bodies of states, companies and organisations the knowledge base lacks. The texts are written for these tests;
// every organisation named only here is made up.

let linker: Linker;

beforeAll(() => {
  linker = seedLinking().linker;
});

function link(body: string, publishedOn = '2023-05-01'): LinkResult & { unlinked: { text: string }[] } {
  return linker.linkWithUnknown({ title: '', body, publishedOn });
}

/** Provisional actors as `key: mention texts`. */
function provisional(body: string): Record<string, string[]> {
  return Object.fromEntries(link(body).provisional.map((p) => [p.key, p.mentions.map((m) => m.text)]));
}

function slugs(body: string): string[] {
  return link(body).actors.map((a) => a.slug);
}

describe("a state's body named by the state", () => {
  it('reads the adjective before a body noun as the state and the noun as its body, named alike in every wording', () => {
    const result = link('De Kosovaarse politie nam het klooster in. Later zei de politie van Kosovo dat er geen gewonden waren.');
    expect(result.actors.map((a) => [a.slug, a.mentions.map((m) => m.text)])).toEqual([['kosovo', ['Kosovaarse', 'Kosovo']]]);
    expect(result.provisional).toEqual([
      expect.objectContaining({ key: 'politie-van-kosovo', name: 'Politie van Kosovo', kind: 'ORGANIZATION', description: 'Kosovaarse politie' }),
    ]);
    expect(result.provisional[0]!.mentions.map((m) => m.text)).toEqual(['politie', 'politie']);
    expect(result.unlinked).toEqual([]);
  });

  it('takes a ministry with its portfolio, a court, a branch of the armed forces and a national Red Cross', () => {
    expect(
      provisional(
        'Het Armeense ministerie van Defensie meldt doden. Het Keniaanse Hooggerechtshof blokkeerde de missie. ' +
          'De Egyptische luchtmacht bombardeerde de kust. Het ministerie van Buitenlandse Zaken van Moldavië ontbood de gezant.',
      ),
    ).toEqual({
      'ministerie-van-defensie-van-armenie': ['ministerie van Defensie'],
      'hooggerechtshof-van-kenia': ['Hooggerechtshof'],
      'luchtmacht-van-egypte': ['luchtmacht'],
      'ministerie-van-buitenlandse-zaken-van-moldavie': ['ministerie van Buitenlandse Zaken'],
    });
  });

  it('lets the national Red Cross or Red Crescent replace the international committee of that name', () => {
    const body = 'In Batken deelt de Rode Halve Maan van Kirgizië dekens uit. Ook het Filipijnse Rode Kruis helpt.';
    expect(slugs(body)).toEqual(['kyrgyzstan', 'philippines']);
    expect(Object.keys(provisional(body))).toEqual(['rode-halve-maan-van-kirgizie', 'rode-kruis-van-filipijnen']);
    // The knowledge base's own national society wins.
    expect(slugs('Ook het Belgische Rode Kruis helpt.')).toEqual(['belgian-red-cross']);
    expect(slugs('Het Internationale Rode Kruis bezocht de gevangenen.')).toEqual(['international-committee-of-the-red-cross']);
  });

  it("reads a body noun that alone names a body of no state as the state's own body after its adjective", () => {
    const body = 'De Moldavische Veiligheidsraad kwam bijeen. Later sprak de Veiligheidsraad in New York over de crisis.';
    expect(slugs(body)).toEqual(['moldova', 'un-security-council']);
    expect(provisional(body)).toEqual({ 'veiligheidsraad-van-moldavie': ['Veiligheidsraad'] });
  });

  it("keeps the knowledge base's body where it is the state's own, and drops another state's of the same name", () => {
    expect(slugs('Ook de Senaat stemde in. De Amerikaanse Senaat stemde in.')).toEqual(['united-states-senate']);
    const bolivia = link('De Verenigde Staten kijken toe. De Boliviaanse Senaat vroeg de president om terughoudendheid.');
    expect(bolivia.actors.map((a) => a.slug)).toEqual(['united-states', 'bolivia']);
    expect(bolivia.provisional.map((p) => p.key)).toEqual(['senaat-van-bolivia']);
    // A state whose senate the knowledge base holds: its own.
    const nigeria = link('De Verenigde Staten kijken toe. De Nigeriaanse Senaat vroeg de president om terughoudendheid.');
    expect(nigeria.actors.map((a) => a.slug)).toEqual(['united-states', 'nigeria', 'senate-of-nigeria']);
    expect(nigeria.provisional).toEqual([]);
  });

  it('names the body by its acronym after the noun', () => {
    const result = link('De Kirgizische veiligheidsdienst GKNB zweeg.');
    expect(result.provisional.map((p) => [p.key, p.mentions.map((m) => m.text), p.description])).toEqual([
      ['gknb', ['veiligheidsdienst GKNB'], 'Kirgizische veiligheidsdienst GKNB'],
    ]);
  });

  it('needs the adjective right before the noun, inflected, and a body noun', () => {
    expect(provisional('De Kosovaarse premier en het Kosovaarse volk. Een Kosovaars ministerie bestaat niet.')).toEqual({});
    expect(provisional('De politie arresteerde hem in het centrum van de hoofdstad.')).toEqual({});
  });
});

describe("a state's court, chamber or police named alone", () => {
  const withTitle = (title: string, body: string) => linker.linkWithUnknown({ title, body, publishedOn: '2018-07-20' });
  const bodies = (result: LinkResult) => Object.fromEntries(result.provisional.map((p) => [p.key, p.mentions.map((m) => m.text)]));

  it('reads a capitalised court, chamber or electoral council as the body of the state the title names', () => {
    const result = withTitle(
      'Onrust in Nicaragua houdt aan',
      'Het Hooggerechtshof wees het beroep van de studenten af. De Hoge Kiesraad zweeg, en de Nationale Politie viel de kerk binnen.',
    );
    expect(bodies(result)).toEqual({
      'hooggerechtshof-van-nicaragua': ['Hooggerechtshof'],
      'hoge-kiesraad-van-nicaragua': ['Hoge Kiesraad'],
      'nationale-politie-van-nicaragua': ['Nationale Politie'],
    });
    expect(result.provisional.every((p) => p.kind === 'ORGANIZATION')).toBe(true);
    expect(result.unlinked).toEqual([]);
  });

  it('takes the state the body names most where the title names none, and no state where the title names two', () => {
    expect(
      bodies(withTitle('Mugabe treedt af', 'Zimbabwe viert feest. In Zimbabwe kwam het Huis van Afgevaardigden bijeen; ook Zambia keek toe.')),
    ).toEqual({ 'huis-van-afgevaardigden-van-zimbabwe': ['Huis van Afgevaardigden'] });
    expect(bodies(withTitle('Kenia na de verkiezingen', 'De oppositie stapt niet naar het Hooggerecht.'))).toEqual({ 'hooggerecht-van-kenia': ['Hooggerecht'] });
    // A state named as the place someone fled to does not make the court its own.
    expect(bodies(withTitle('Couppoging in Burundi', 'Het Grondwettelijk Hof gaf hem gelijk. De rechter vluchtte naar Rwanda.'))).toEqual({
      'grondwettelijk-hof-van-burundi': ['Grondwettelijk Hof'],
    });
    expect(bodies(withTitle('Oeganda en Tanzania', 'Het Hooggerechtshof zweeg.'))).toEqual({});
    expect(bodies(withTitle('Een zware week', 'Oeganda en Tanzania kijken toe; het Hooggerechtshof zweeg.'))).toEqual({});
  });

  it("reads the Openbaar Ministerie as the Dutch one only where the article names the Netherlands", () => {
    const turkey = withTitle('Turkse troepen trekken zich terug uit Cizre', 'Het Openbaar Ministerie in Şırnak heeft een onderzoek geopend.');
    expect(turkey.actors).toEqual([]);
    expect(bodies(turkey)).toEqual({ 'openbaar-ministerie-van-turkije': ['Openbaar Ministerie'] });
    const dutch = withTitle('Drugsgeweld in Ecuador', 'In Nederland waarschuwt het Openbaar Ministerie voor hetzelfde in Rotterdam.');
    expect(dutch.actors.map((a) => a.slug)).toEqual(['netherlands', 'openbaar-ministerie']);
    expect(dutch.provisional).toEqual([]);
  });

  it('leaves a bare description, a lower-case noun and a longer name alone', () => {
    const title = 'Onrust in Nicaragua houdt aan';
    expect(bodies(withTitle(title, 'De politie schoot op betogers. Het hof zweeg, en het hooggerechtshof ook.'))).toEqual({});
    expect(bodies(withTitle(title, 'Het Federale Hooggerechtshof van Irak oordeelde anders.'))).not.toHaveProperty('hooggerechtshof-van-nicaragua');
  });

  it("gives way to the knowledge base's chamber of a state the paragraph names", () => {
    const result = withTitle('Kenia na de verkiezingen', 'In de Verenigde Staten stemde het Huis van Afgevaardigden over steun.');
    expect(result.actors.map((a) => a.slug)).toEqual(['united-states', 'united-states-house-of-representatives']);
    expect(result.provisional).toEqual([]);
    const court = withTitle('Verenigde Staten: abortusrecht in het geding', 'In Washington oordeelde het Hooggerechtshof anders.');
    expect(court.actors.map((a) => a.slug)).toEqual(['supreme-court-of-the-united-states']);
    expect(court.provisional).toEqual([]);
    // A title that names no state: the state the body names most is the one the article is about, for the knowledge
    // base's body of the name as for the bodies it lacks.
    const most = withTitle(
      'Abortusrecht in het geding',
      'De Verenigde Staten zijn verdeeld. Canada kijkt toe. In de Verenigde Staten gaan betogers de straat op.\n\nHet Hooggerechtshof oordeelde anders.',
    );
    expect(most.actors.map((a) => a.slug)).toEqual(['united-states', 'canada', 'supreme-court-of-the-united-states']);
    expect(most.provisional).toEqual([]);
  });
});

describe('chambers, courts and police of more states and territories', () => {
  it('names the lower chamber, the court of cassation and the police force after the adjective or before `van`', () => {
    expect(
      provisional(
        'De Colombiaanse Kamer van Afgevaardigden stemde in. Het Turkse Hof van Cassatie bevestigde het vonnis. ' +
          'De politiemacht van Kenia trok zich terug.',
      ),
    ).toEqual({
      'kamer-van-afgevaardigden-van-colombia': ['Kamer van Afgevaardigden'],
      'hof-van-cassatie-van-turkije': ['Hof van Cassatie'],
      'politiemacht-van-kenia': ['politiemacht'],
    });
  });

  it('names the central bank, the electoral commission, the supreme court and the police of a state by its adjective or name', () => {
    expect(
      provisional(
        'De centrale bank van Zimbabwe drukt nieuw geld. De Keniaanse kiescommissie telde opnieuw. ' +
          'Het Keniaanse Hooggerechtshof zweeg, en de Nicaraguaanse politie viel de universiteit binnen.',
      ),
    ).toEqual({
      'centrale-bank-van-zimbabwe': ['centrale bank'],
      'kiescommissie-van-kenia': ['kiescommissie'],
      'hooggerechtshof-van-kenia': ['Hooggerechtshof'],
      'politie-van-nicaragua': ['politie'],
    });
    // Without the state, the words describe a body and name none.
    expect(provisional('De kiescommissie telde opnieuw en de politie viel de universiteit binnen.')).toEqual({});
  });

  it('reads Hong Kong as a state whose police, courts and legislature are named as a state\'s', () => {
    const result = link('De Hongkongse politie omsingelde de universiteit. Het Hooggerechtshof van Hongkong vernietigde het verbod. Het Hongkongse parlement zweeg.');
    expect(result.actors.map((a) => a.slug)).toEqual(['hong-kong', 'legislative-council-of-hong-kong']);
    expect(seedLinking().kb.actors.find((a) => a.slug === 'hong-kong')?.kind).toBe('STATE');
    expect(result.provisional.map((p) => [p.key, p.kind])).toEqual([
      ['politie-van-hongkong', 'ORGANIZATION'],
      ['hooggerechtshof-van-hongkong', 'ORGANIZATION'],
    ]);
  });

  it('links a Congress by its name after the adjective once, and alone where the paragraph names its state', () => {
    const result = link('Het Colombiaanse Congres stemde in. In Bogotá vergaderde het Congres van Colombia opnieuw.');
    expect(result.actors.find((a) => a.slug === 'parliament-of-colombia')?.mentions.map((m) => m.text)).toEqual(['Congres', 'Congres van Colombia']);
    const alone = link('Colombia stemt. Het Congres moet het akkoord goedkeuren.');
    expect(alone.actors.map((a) => a.slug)).toEqual(['colombia', 'parliament-of-colombia']);
  });
});

describe('organisations named in one word, or with a place in their name', () => {
  it('reads a capitalised compound with the head of an organisation, not at the start of a sentence', () => {
    expect(provisional('Het kantoor van de regerende Velvaartspartij werd aangevallen.')).toEqual({ velvaartspartij: ['Velvaartspartij'] });
    expect(provisional('Leider van de Varanath-alliantie is hij niet.')).toEqual({ 'varanath-alliantie': ['Varanath-alliantie'] });
    expect(provisional('Volkspartij is een woord dat niet opent met een naam.')).toEqual({});
  });

  it('leaves a compound that describes a body, and a kind of group after `een`', () => {
    expect(provisional('Hij doceert aan de Staatsuniversiteit en leidt de Oppositiepartij.')).toEqual({});
    expect(provisional('Het was een Hutu-militie die de grens overstak.')).toEqual({});
  });

  it('reads a name of one word after a noun that says what it is, and its later mentions', () => {
    expect(
      provisional('Het Zelvaanse staatsbedrijf Ornavo haalt uranium uit de grond. Ornavo zegt dat de productie doorgaat.'),
    ).toEqual({ ornavo: ['Ornavo', 'Ornavo'] });
    expect(provisional('Ze kochten drones bij de wapenfabrikant Kestrava.')).toEqual({ kestrava: ['Kestrava'] });
    expect(provisional('De mensenrechtenorganisatie Causa en Vida spreekt van een symptoom.')).toEqual({ 'causa-en-vida': ['Causa en Vida'] });
  });

  it('leaves media alone: a medium is no actor, nor is a name of the knowledge base after a noun of media', () => {
    expect(provisional('Het staatspersbureau Ravna meldt dat er niemand gewond is.')).toEqual({});
    expect(slugs('Het Saoedische persbureau SPA beschuldigt Qatar.')).toEqual(['saudi-arabia', 'qatar']);
  });

  it('takes a state or place into the name of an organisation, while the state keeps its link', () => {
    const party = link('De oprichter van de Communistische Partij van de Filipijnen woont in Utrecht.');
    expect(party.actors.map((a) => a.slug)).toEqual(['philippines']);
    expect(party.provisional.map((p) => [p.key, p.name, p.mentions.map((m) => m.text)])).toEqual([
      ['communistische-partij-van-de-filipijnen', 'Communistische Partij van de Filipijnen', ['Communistische Partij']],
    ]);
    expect(Object.keys(provisional('Zijn Servische Boerenpartij verspreidde beelden.'))).toEqual(['servische-boerenpartij']);
  });

  it('parts an institute from the university it belongs to', () => {
    expect(Object.keys(provisional('Dat zegt onderzoeker Joris Vandamoer van het Instituut voor Vredesbeleid van de Universiteit Harlingen.'))).toEqual([
      'joris-vandamoer',
      'instituut-voor-vredesbeleid',
      'universiteit-harlingen',
    ]);
  });
});

describe('a name of the knowledge base inside a longer name', () => {
  it('leaves a party or council whose name goes on before or after it to that longer name', () => {
    const result = link('Zijn Nationaal-Democratische Partij viel uiteen. De Democratische Partij van Iraans Koerdistan vluchtte. De Hoge Veiligheidsraad vergaderde.');
    expect(result.actors.map((a) => a.slug)).toEqual([]);
    expect(result.provisional.map((p) => p.key)).toEqual([
      'nationaal-democratische-partij',
      'democratische-partij-van-iraans-koerdistan',
      'hoge-veiligheidsraad',
    ]);
    expect(slugs('Hij sprak met Abdul Fatah Younis over de opstand.')).toEqual([]);
    expect(slugs('Het Ministerie van Staatsveiligheid meldt dat.')).toEqual([]);
  });

  it('keeps an armed group or an acronym after an adjective that describes it', () => {
    expect(slugs('De Turken vechten tegen de Koerdische YPG.')).toEqual(['turkey', 'peoples-defense-units']);
    expect(slugs('Ook de Provincie Islamitische Staat in de Sahel is actief.')).toEqual(['islamic-state-sahel-province']);
  });

  it('gives a name in full before a bracketed acronym to the actor the acronym links to', () => {
    const result = link('In Mexico twitterde de voorzitter van de Partij van Nationale Actie (PAN). De PAN is boos.');
    expect(result.actors.find((a) => a.slug === 'national-action-party')?.mentions.map((m) => m.text)).toEqual(['Partij van Nationale Actie', 'PAN', 'PAN']);
    expect(result.provisional).toEqual([]);
  });
});

describe('an organisation or state named inside the name of another body', () => {
  const mentionsOf = (body: string) =>
    Object.fromEntries(link(body).actors.map((a) => [a.slug, a.mentions.map((m) => m.text)]));

  it('links the parent named after `van de`, beside the body the whole name links', () => {
    const found = mentionsOf(
      'Het Wereldvoedselprogramma van de VN stuurde konvooien, en de Algemene Vergadering van de Verenigde Naties stemde.',
    );
    expect(found['world-food-programme']).toEqual(['Wereldvoedselprogramma van de VN']);
    expect(found['un-general-assembly']).toEqual(['Algemene Vergadering van de Verenigde Naties']);
    expect(found['united-nations']).toEqual(['VN', 'Verenigde Naties']);
  });

  it('adds nothing for a name whose words after `van` name no organisation or state, nor for a state named by the rule for its army', () => {
    const found = mentionsOf('De Veiligheidsraad kwam bijeen. Het Internationaal Strafhof opende een onderzoek. Het leger van Mali trok zich terug.');
    expect(found).toEqual({
      'un-security-council': ['Veiligheidsraad'],
      'international-criminal-court': ['Internationaal Strafhof'],
      'malian-armed-forces': ['leger van Mali'],
      mali: ['Mali'],
    });
  });
});
