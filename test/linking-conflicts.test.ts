import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, type LinkingKnowledgeBase } from '../src/linking/kb.js';
import { link, seedLinking } from './helpers/linking.js';

let kb: LinkingKnowledgeBase;
beforeAll(() => {
  kb = seedLinking().kb;
});

describe('conflicts', () => {
  it('links an article to the conflict it reports on', () => {
    const result = link('De taliban hebben opnieuw Kunduz aangevallen. Het Afghaanse leger sloeg de aanval af.', '2019-09-01');
    expect(result.conflicts.map((c) => c.slug)).toEqual(['war-in-afghanistan-2001-2021']);
  });

  it('needs the article date within the conflict dates, with a margin', () => {
    const text = 'De taliban hebben opnieuw Kunduz aangevallen. Het Afghaanse leger sloeg de aanval af.';
    expect(link(text, '2021-12-01').conflicts.map((c) => c.slug)).toEqual(['war-in-afghanistan-2001-2021']);
    expect(link(text, '2024-01-01').conflicts).toEqual([]);
    expect(link(text, '1999-01-01').conflicts).toEqual([]);
  });

  it('does not link a conflict on a passing mention of one party', () => {
    const result = link(
      'Libië blijft verdeeld. Generaal Khalifa Haftar zegt extremisten met banden met al-Qaida te bestrijden. ' +
        'Haftar wordt gesteund door Egypte en de troepen van Haftar rukken op naar Tripoli.',
      '2019-05-01',
    );
    expect(result.conflicts.map((c) => c.slug)).toEqual(['second-libyan-civil-war']);
  });

  it("reads a movement named in an article on its branch's war as the branch, not as the movement's own war", () => {
    const palma =
      'Strijders die trouw hebben gezworen aan Islamitische Staat hebben de havenstad Palma aangevallen. IS eiste de aanval op. ' +
      'IS, dat in Irak en Syrië zijn kalifaat verloor, zoekt nieuwe fronten. De Verenigde Staten sturen militaire trainers; ' +
      'volgens de VS is IS een groeiende dreiging. Amerikaanse drones helpen het leger van Mozambique.';
    expect(link(palma, '2021-03-01').conflicts.map((c) => c.slug)).toEqual(['insurgency-in-cabo-delgado']);
    // Where no war of a branch is named or placed, the movement is the movement.
    const mosul = 'Islamitische Staat verloor Mosul. De Verenigde Staten en Frankrijk bombardeerden IS-stellingen, het Iraakse leger rukte op.';
    expect(link(mosul, '2017-07-01').conflicts.map((c) => c.slug)).toEqual(['war-against-the-islamic-state']);
  });

  it('does not link a war from parties that meet elsewhere', () => {
    const result = link('Poetin en Biden spraken over wapenbeheersing. Rusland en de VS willen een dialoog.', '2021-06-01');
    expect(result.conflicts).toEqual([]);
  });

  it('links every conflict an article reports on', () => {
    const result = link(
      'Rusland bouwt troepen op bij de grens met Oekraïne en op de Krim. Oekraïne vraagt steun. ' +
        'Ondertussen trekken de VS hun troepen terug uit Afghanistan. De taliban rukken op naar Kandahar ' +
        'en de Afghaanse regering vraagt om steun.',
      '2021-04-01',
    );
    expect(result.conflicts.map((c) => c.slug).sort()).toEqual(['russo-ukrainian-war', 'war-in-afghanistan-2001-2021']);
  });

  it('counts the title extra', () => {
    const body = 'In Kunduz werd gevochten.';
    const without = link(body, '2019-09-01');
    const withTitle = link(body, '2019-09-01', 'Taliban vallen Kunduz aan');
    expect(without.conflicts).toEqual([]);
    expect(withTitle.conflicts.map((c) => c.slug)).toEqual(['war-in-afghanistan-2001-2021']);
  });

  it('names the conflict itself as strong evidence', () => {
    const result = link('De Syrische burgeroorlog duurt voort; Rusland en Turkije overleggen.', '2018-01-01');
    expect(result.conflicts[0]?.slug).toBe('syrian-civil-war');
  });
});

describe('conflicts, widened', () => {
  const cases: [string, string, string][] = [
    [
      'yemeni-civil-war',
      '2017-03-01',
      'De door Saoedi-Arabië geleide coalitie voerde nieuwe luchtaanvallen uit op Sanaa. De Houthi-rebellen ' +
        'beschoten Saoedische steden. President Hadi zit in Riyad. In Hodeidah dreigt hongersnood.',
    ],
    [
      'red-sea-crisis',
      '2024-01-20',
      "De Houthi's vuurden opnieuw raketten af op vrachtschepen in de Rode Zee. Amerikaanse en Britse " +
        'gevechtsvliegtuigen bombardeerden doelen in Jemen. Rederijen mijden het Suezkanaal.',
    ],
    [
      'israel-hamas-war',
      '2024-05-10',
      'Het Israëlische leger rukte verder op in Rafah. Hamas zegt dat het geen gijzelaars vrijlaat zolang de ' +
        'aanvallen op de Gazastrook doorgaan. Netanyahu wijst een bestand af.',
    ],
    [
      'mali-war',
      '2023-02-01',
      'De junta in Bamako zette de Franse troepen het land uit. Strijders van JNIM vielen een legerpost aan bij ' +
        'Timboektoe; Wagner-huurlingen vochten mee met het Malinese leger.',
    ],
    [
      'sudanese-civil-war-2023',
      '2023-06-01',
      'Het Soedanese leger en de RSF van Hemedti vechten al weken om Khartoem. Generaal Burhan weigert te ' +
        'onderhandelen. In Darfur slaan duizenden mensen op de vlucht.',
    ],
    [
      'myanmar-civil-war',
      '2023-11-15',
      'De junta van Myanmar verloor de controle over Lashio. Het Arakan Army en de MNDAA rukken op in de ' +
        'deelstaat Shan. Min Aung Hlaing spreekt van een bedreiging.',
    ],
    [
      'korean-conflict',
      '2022-11-01',
      'Noord-Korea heeft opnieuw een ballistische raket afgevuurd. Zuid-Korea en Japan veroordeelden de ' +
        'lancering. Kim Jong-un woonde de test bij.',
    ],
    [
      'tigray-war',
      '2021-01-10',
      'Ethiopische troepen rukten op naar Mekelle. Het TPLF zegt dat Eritrese soldaten meevechten in Tigray. ' +
        'Premier Abiy belooft een snelle overwinning.',
    ],
    [
      '2020-nagorno-karabakh-war',
      '2020-10-15',
      'Armenië en Azerbeidzjan beschuldigen elkaar van beschietingen in Nagorno-Karabach. Azerbeidzjaanse ' +
        'troepen naderen Stepanakert; Pasjinjan vraagt Rusland om hulp.',
    ],
  ];
  for (const [slug, date, text] of cases) {
    it(`links ${slug}`, () => {
      expect(link(text, date).conflicts[0]?.slug).toBe(slug);
    });
  }

  it('does not link a conflict to a meeting of leaders about something else', () => {
    expect(link('Macron bezocht Berlijn voor overleg met Scholz over de begroting.', '2023-01-01').conflicts).toEqual([]);
  });
});

describe('conflicts: disputes, interventions and thin evidence', () => {
  const slugsOf = (text: string, date: string) => link(text, date).conflicts.map((c) => c.slug);

  it('does not link a conflict from one party and signal words', () => {
    const oneParty =
      'Het Polisario bestaat vijftig jaar. Het Polisario wil nog altijd een referendum over zelfbeschikking. ' +
      'Leiders van het Polisario spraken over zelfbeschikking.';
    expect(slugsOf(oneParty, '2022-06-01')).toEqual([]);
    const bothSides =
      'Marokko en het Polisario-front beschuldigen elkaar van schendingen van het bestand in de Westelijke Sahara. ' +
      'Algerije steunt het Polisario.';
    expect(slugsOf(bothSides, '2016-09-20')).toEqual(['western-sahara-conflict']);
  });

  it('does not take two states named together for a war', () => {
    const trade =
      'Taiwan exporteerde vorig jaar veel chips naar China en de Verenigde Staten. TSMC bouwt nieuwe fabrieken in ' +
      'Arizona. China blijft de grootste handelspartner van Taiwan, en Taiwan van China.';
    expect(slugsOf(trade, '2023-05-01')).toEqual([]);
    const drills =
      'China houdt grote militaire oefeningen rond Taiwan na het bezoek van een Amerikaanse delegatie aan Taipei. ' +
      'Peking noemt Taiwan een afvallige provincie.';
    expect(slugsOf(drills, '2021-10-04')).toEqual(['cross-strait-conflict']);
    // From August 2022 such drills are the crisis they began, a part of the conflict over Taiwan.
    expect(slugsOf(drills, '2022-08-03')).toEqual(['fourth-taiwan-strait-crisis']);
    const talks = 'India en Pakistan praten weer over handel. De Indiase premier Modi sprak met zijn Pakistaanse ambtgenoot.';
    expect(slugsOf(talks, '2021-06-10')).toEqual([]);
  });

  it('links a war between two states from a word of war, its parts counting once in their engagements', () => {
    const strikes =
      'Iran heeft honderden drones en raketten op Israël afgevuurd als vergelding voor de aanval op zijn consulaat. ' +
      'Israël onderschepte bijna alles met hulp van de Verenigde Staten.';
    expect(slugsOf(strikes, '2024-04-14')).toEqual(['iran-israel-conflict-2024-2025']);
  });

  it('links a foreign intervention beside the civil war it joined only when the article names it', () => {
    const war =
      'De door Saoedi-Arabië geleide coalitie voerde nieuwe luchtaanvallen uit op Sanaa. De Houthi-rebellen ' +
      'beschoten Saoedische steden. President Hadi zit in Riyad. In Hodeidah dreigt hongersnood.';
    expect(slugsOf(war, '2017-03-01')).toEqual(['yemeni-civil-war']);
    const named = `De Saoedische interventie in Jemen duurt al twee jaar. ${war}`;
    expect(slugsOf(named, '2017-03-01').sort()).toEqual(['saudi-led-intervention-in-yemen', 'yemeni-civil-war']);
  });

  it('links the long-running conflict when the article is about the dispute itself', () => {
    const westBank =
      'Israëlische kolonisten vielen een Palestijns dorp bij Ramallah aan. Het Israëlische leger deed invallen in ' +
      'Jenin, Nablus en Tulkarem op de Westelijke Jordaanoever. Hamas riep op tot verzet; Israël zegt dat Hamas ' +
      'ook daar strijders heeft. De kolonisten bouwen nieuwe nederzettingen.';
    expect(slugsOf(westBank, '2024-07-15')[0]).toBe('israeli-palestinian-conflict');
    const afterTheWar =
      'Armenië en Azerbeidzjan wisselden gevangenen uit. In Nagorno-Karabach bewaken Russische vredestroepen de ' +
      'Lachin-corridor; Azerbeidzjan eist de rest van Karabach op. Pasjinjan staat onder druk.';
    expect(slugsOf(afterTheWar, '2021-03-01')).toEqual(['nagorno-karabakh-conflict']);
    // The conflict is itself a war still going on: its war of 2020 is an episode of it, and both link.
    const duringTheWar =
      'Armenië en Azerbeidzjan beschuldigen elkaar van beschietingen in Nagorno-Karabach. Azerbeidzjaanse troepen ' +
      'naderen Stepanakert; Pasjinjan vraagt Rusland om hulp.';
    expect(slugsOf(duringTheWar, '2020-10-15')).toEqual(['2020-nagorno-karabakh-war', 'nagorno-karabakh-conflict']);
  });

  it('does not link a neighbour\'s war of the same family from the parties both share', () => {
    const mali =
      'Het Malinese leger en Wagner-huurlingen vochten bij Timboektoe tegen strijders van JNIM. De junta in Bamako ' +
      'zegt dat de jihadisten ook in buurlanden Burkina Faso en Niger actief zijn. Ook IS in de Grote Sahara is actief.';
    expect(slugsOf(mali, '2023-02-01')).toEqual(['mali-war']);
  });

  it('does not link a second conflict from states named together without a word of its own', () => {
    const kirkuk =
      'Het Iraakse leger en de sjiitische milities van de Volksmobilisatie namen Kirkuk in. De peshmerga trokken zich ' +
      'terug uit de olievelden. Iran stuurde generaal Soleimani van de Revolutionaire Garde. Rusland en zijn ' +
      'oliebedrijf Rosneft investeren in de Koerdische olie. Turkije en de Verenigde Staten riepen op tot kalmte; de ' +
      'Amerikaanse troepen bleven in hun kazernes. Strijders van Islamitische Staat zijn uit Irak verdreven. Poetin en ' +
      'Erdogan belden. Iran, Turkije en Rusland overleggen.';
    expect(slugsOf(kirkuk, '2017-10-20')).toEqual(['2017-iraqi-kurdish-conflict']);
  });

  it('reads a capital named for its government as the state, not as a place of a conflict', () => {
    const lebanon =
      'Israël bombardeerde opnieuw doelen van Hezbollah in Zuid-Libanon en in Beiroet; Hezbollah vuurde raketten af ' +
      'op Noord-Israël. Teheran dreigt Israël met vergelding. Iran en de Revolutionaire Garde steunen Hezbollah, maar ' +
      'Teheran wil geen oorlog met Israël. De Verenigde Staten sturen schepen.';
    expect(slugsOf(lebanon, '2024-09-25')).toEqual(['israel-hezbollah-conflict-2023-2024']);
  });

  it("links a branch's insurgency, not the movement's war elsewhere", () => {
    const sinai =
      'Strijders van de Provincie Sinaï, de Egyptische tak van Islamitische Staat, vielen een moskee aan in ' +
      'Noord-Sinaï. Het Egyptische leger voerde luchtaanvallen uit. President Sisi belooft de jihadisten hard te ' +
      'treffen. Islamitische Staat eiste de aanslag op.';
    expect(slugsOf(sinai, '2017-11-25')).toEqual(['sinai-insurgency']);
    const kivu =
      'Oegandese en Congolese troepen vielen kampen van de Allied Democratic Forces aan in Noord-Kivu. Islamitische ' +
      'Staat rekent de ADF tot zijn Centraal-Afrikaanse provincie. Bij Beni vielen opnieuw doden.';
    expect(slugsOf(kivu, '2021-12-02')).not.toContain('war-against-the-islamic-state');
    expect(slugsOf(kivu, '2021-12-02')[0]).toBe('allied-democratic-forces-insurgency');
  });

  it('does not let a movement stand in for its regional branch', () => {
    const text =
      'Al-Shabaab, de Somalische tak van al-Qaida, pleegde een zelfmoordaanslag in Mogadishu. Het Somalische leger ' +
      'en AMISOM-troepen jagen op de strijders.';
    expect(slugsOf(text, '2019-04-10')).toEqual(['somali-civil-war']);
  });
});

describe('conflicts within conflicts', () => {
  it('checks that another slug of a conflict is not the slug of another conflict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-other-slugs-'));
    try {
      writeFileSync(
        join(dir, 'conflicts.yaml'),
        [
          'conflicts:',
          '  - { slug: a-war, name: A war, nameNl: Een oorlog, kind: CIVIL_WAR, startedOn: 2020, otherSlugs: [a-war-2020],',
          '      parties: [{ actor: x, role: BELLIGERENT, side: one }] }',
          '  - { slug: b-war, name: B war, nameNl: B-oorlog, kind: CIVIL_WAR, startedOn: 2021, otherSlugs: [a-war],',
          '      parties: [{ actor: x, role: BELLIGERENT, side: one }] }',
        ].join('\n'),
      );
      writeFileSync(join(dir, 'actors.yaml'), 'kind: STATE\nactors:\n  - { slug: x, name: X, nameNl: X }\n');
      expect(() => loadKnowledgeBase(dir)).toThrow(/entry "b-war": field otherSlugs\[0\]: "a-war" is already the slug of conflict a-war/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates partOf against the known conflicts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-part-of-'));
    try {
      writeFileSync(
        join(dir, 'conflicts.yaml'),
        'conflicts:\n  - { slug: a-war, name: A war, nameNl: Een oorlog, kind: CIVIL_WAR, startedOn: 2020, partOf: no-such-conflict,\n      parties: [{ actor: x, role: BELLIGERENT, side: one }] }\n',
      );
      writeFileSync(join(dir, 'actors.yaml'), 'kind: STATE\nactors:\n  - { slug: x, name: X, nameNl: X }\n');
      expect(() => loadKnowledgeBase(dir)).toThrow(/partOf: unknown conflict slug "no-such-conflict"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('links the most specific conflict, and the broader one only when the article names it', () => {
    const parts = kb.conflicts.filter((c) => c.partOf);
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) {
      const whole = kb.conflicts.find((c) => c.slug === part.partOf)!;
      const aliases = kb.lexicon.conflicts.find((c) => c.slug === part.slug)!.aliases;
      const wholeName = kb.lexicon.conflicts.find((c) => c.slug === whole.slug)!.aliases[0] ?? whole.nameNl;
      // A day both conflicts were going on.
      const date = part.startedOn > whole.startedOn ? part.startedOn : whole.startedOn;
      const about = `De ${aliases[0] ?? part.nameNl} ging voort. Over de ${aliases[0] ?? part.nameNl} werd opnieuw gesproken.`;
      const only = link(about, date).conflicts.map((c) => c.slug);
      expect(only, part.slug).toContain(part.slug);
      expect(only, part.slug).not.toContain(whole.slug);
      const bothText = `${about} Het hoort bij de ${wholeName}, zeggen kenners van de ${wholeName}.`;
      const both = link(bothText, date).conflicts.map((c) => c.slug);
      expect(both, `${part.slug}: ${bothText}`).toContain(whole.slug);
    }
  });
});
