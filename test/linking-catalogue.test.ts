import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../src/linking/kb.js';
import { createLinker, type Linker } from '../src/linking/linker.js';

// The catalogue of conflicts and crises of 2010–2025 (seeds/kb/conflicts/*.yaml), and the rule that keeps a wider
// catalogue from linking the crises an article only recalls. Texts written for these tests.

let linker: Linker;

beforeAll(() => {
  linker = createLinker(loadKnowledgeBase());
});

const conflicts = (body: string, publishedOn: string, title = '') =>
  linker.link({ title, body, publishedOn }).conflicts.map((c) => c.slug);

describe('the catalogue, by category', () => {
  it('links a coup, a poisoning, a shootdown, a crackdown and a diplomatic row from the names the news gives them', () => {
    expect(
      conflicts(
        'Na de couppoging in Bolivia staan generaal Zúñiga en twee andere officieren terecht. President Luis Arce zegt dat ' +
          'het leger met een pantservoertuig de deur van het regeringspaleis aan de Plaza Murillo ramde.',
        '2024-07-02',
      ),
    ).toEqual(['2024-bolivian-coup-attempt']);
    expect(
      conflicts(
        'Britse onderzoekers hebben een derde verdachte van de vergiftiging van Skripal geïdentificeerd. Het zenuwgif ' +
          'novitsjok werd in Salisbury op de deurklink van het huis van de oud-spion aangebracht, meldt Londen.',
        '2018-10-01',
      ),
    ).toEqual(['poisoning-of-sergei-and-yulia-skripal']);
    expect(
      conflicts(
        'Moskou heeft de economische sancties tegen Ankara aangescherpt na het neerhalen van de Su-24 boven de grens met ' +
          'Syrië. Turkije zegt dat de Russische straaljager het luchtruim schond; Rusland spreekt van een mes in de rug.',
        '2015-12-01',
      ),
    ).toEqual(['2015-russian-sukhoi-su-24-shootdown']);
    expect(
      conflicts(
        'Een week na de schietpartij bij de tolpoort van Lekki eisen jongeren van de EndSARS-beweging in Lagos nog altijd ' +
          'de ontbinding van de politie-eenheid SARS. Het Nigeriaanse leger ontkent dat soldaten op betogers schoten.',
        '2020-10-28',
      ),
    ).toEqual(['end-sars']);
    expect(
      conflicts(
        'Een jaar na de Turkije-rel in Rotterdam keren de ambassadeurs van Nederland en Turkije terug op hun post. ' +
          'Minister Kaya werd destijds door de ME naar de Duitse grens begeleid.',
        '2018-03-11',
      ),
    ).toEqual(['2017-dutch-turkish-diplomatic-incident']);
  });

  it('gives a war its own coups and episodes, not an entry of their own', () => {
    // The coup of August 2020 in Mali is news of the war in Mali, as the annotations read it.
    const body =
      'Muitende militairen hebben in Mali president Keïta afgezet. De junta belooft verkiezingen en zegt de strijd tegen ' +
      'JNIM en de andere jihadisten rond Kidal en Gao voort te zetten; Franse troepen van Barkhane blijven in het land.';
    expect(conflicts(body, '2020-08-20')).toEqual(['mali-war']);
  });
});

describe('a crisis recalled aside', () => {
  const yemen =
    'Saoedische gevechtsvliegtuigen hebben opnieuw doelen rond de havenstad Hodeida gebombardeerd. De Houthi-rebellen ' +
    'zeggen dat bij de luchtaanvallen op een markt burgers zijn omgekomen.\n\n' +
    'De coalitie onder leiding van Saoedi-Arabië vecht sinds 2015 tegen de Houthi\'s, die door Iran worden gesteund. ' +
    'De VN spreken van de ergste humanitaire crisis ter wereld.\n\n';

  it('does not link a crisis whose words are in one paragraph, with no second side of its own', () => {
    const aside =
      'In Washington groeit de kritiek op de steun aan Riyad. Sinds de moord op Khashoggi in het consulaat in Istanbul ' +
      'willen senatoren de wapenleveranties aan Saoedi-Arabië stoppen.';
    expect(conflicts(yemen + aside, '2018-12-10')).toEqual(['yemeni-civil-war']);
  });

  it('links the same crisis when the article reports on it with both its sides', () => {
    const body =
      'Turkije heeft nieuwe bewijzen vrijgegeven in de zaak-Khashoggi. Volgens president Erdoğan gaf de Saoedische ' +
      'top het bevel voor de moord op Khashoggi in het consulaat in Istanbul.\n\n' +
      'Saoedi-Arabië ontkent dat kroonprins Mohammed bin Salman ervan wist. Ankara eist de uitlevering van achttien ' +
      'Saoedische verdachten.';
    expect(conflicts(body, '2018-11-10')).toEqual(['assassination-of-jamal-khashoggi']);
  });

  it('reads a subheading with the paragraph under it as one section', () => {
    const protests =
      'De protesten in Iran na de dood van Mahsa Amini gaan de vierde week in. De zedenpolitie had de jonge vrouw ' +
      'opgepakt omdat haar hoofddoek niet goed zou zitten.\n\n' +
      'Basij-milities en de Revolutionaire Garde slaan de demonstraties neer; ayatollah Khamenei wijst naar het ' +
      'buitenland.\n\n';
    const section =
      '**Vandecasteele**\n\n' +
      'In België groeit intussen de zorg om de hulpverlener Olivier Vandecasteele, die sinds februari in Iran vastzit. ' +
      'Brussel overweegt een gevangenenruil met Teheran voor de veroordeelde Iraanse diplomaat Assadollah Assadi.';
    expect(conflicts(protests + section, '2022-10-15')).toEqual(['mahsa-amini-protests']);
  });

  it('still links the whole of the article\'s conflict from one paragraph', () => {
    const body =
      'Turkse troepen en het Syrisch Nationaal Leger rukken op naar Ras al-Ain en Tal Abyad. Ankara wil de Koerdische ' +
      'YPG van de grens verdrijven; de SDF roepen Damascus om hulp.\n\n' +
      'Het offensief is een nieuw hoofdstuk in de burgeroorlog in Syrië, die sinds 2011 aan honderdduizenden het leven kostte.';
    expect(conflicts(body, '2019-10-12')).toContain('syrian-civil-war');
  });
});
