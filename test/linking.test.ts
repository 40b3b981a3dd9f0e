import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBaseError, loadKnowledgeBase, type LinkingKnowledgeBase } from '../src/linking/kb.js';
import { createLinker, type Linker } from '../src/linking/linker.js';
import { countries } from '../src/linking/states.js';
import type { KnowledgeBase, LinkResult } from '../src/linking/types.js';

const seedsDir = fileURLToPath(new URL('../seeds/articles/', import.meta.url));
const gold = JSON.parse(readFileSync(new URL('./fixtures/linking/seeds-gold.json', import.meta.url), 'utf8')) as Record<
  string,
  SeedGold
>;

interface SpanRef {
  text: string;
  context: string;
}
interface SeedGold {
  actors: string[];
  conflicts: string[];
  conflictsAllowed: string[];
  mainConflict: string | null;
  mentions: (SpanRef & { slug: string })[];
  unlinked: SpanRef[];
}

let kb: LinkingKnowledgeBase;
let linker: Linker;

beforeAll(() => {
  kb = loadKnowledgeBase();
  linker = createLinker(kb);
});

/** Links a short text as an article body; the title is empty unless given. */
function link(body: string, publishedOn = '2020-01-01', title = ''): LinkResult {
  return linker.link({ title, body, publishedOn });
}

function slugs(result: LinkResult): string[] {
  return result.actors.map((a) => a.slug);
}

function mentionTexts(result: LinkResult, slug: string): string[] {
  return result.actors.find((a) => a.slug === slug)?.mentions.map((m) => m.text) ?? [];
}

/**
 * Reads a seed file the way the corpus parser is meant to (the header line gives the month; repeated
 * paragraphs are dropped); bylines and credits stay in, so they are tested as non-actors too.
 */
function readSeed(file: string): { title: string; body: string; publishedOn: string } {
  const raw = readFileSync(join(seedsDir, file), 'utf8');
  const header = /^\s*date (\d{4})-(\d{2})\s*/.exec(raw);
  if (!header) throw new Error(`${file}: no date header`);
  const paragraphs = [...new Set(raw.slice(header[0].length).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean))];
  const body = paragraphs.join('\n\n');
  const title = (body.split(/(?<=[.!?])\s/)[0] ?? '').slice(0, 120);
  return { title, body, publishedOn: `${header[1]}-${header[2]}-01` };
}

/** Body offset of `text` inside the first occurrence of `context`. */
function locate(body: string, ref: SpanRef): { start: number; end: number } {
  const at = body.indexOf(ref.context);
  const inner = ref.context.indexOf(ref.text);
  if (at < 0 || inner < 0) throw new Error(`context not found: ${JSON.stringify(ref)}`);
  return { start: at + inner, end: at + inner + ref.text.length };
}

describe('seed articles against the gold annotation', () => {
  const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
  const results = new Map<string, { body: string; result: LinkResult }>();

  beforeAll(() => {
    for (const file of files) {
      const input = readSeed(file);
      results.set(file.replace(/\.txt$/, ''), { body: input.body, result: linker.link(input) });
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const lines: string[] = [];
    for (const [id, { result }] of results) {
      const expected = new Set(gold[id]!.actors);
      const found = new Set(slugs(result));
      const hits = [...found].filter((s) => expected.has(s)).length;
      tp += hits;
      fp += found.size - hits;
      fn += expected.size - hits;
      lines.push(
        `${id}: actors ${hits}/${expected.size} gold, ${found.size - hits} extra; conflicts ${result.conflicts
          .map((c) => `${c.slug} ${c.score}`)
          .join(', ')}`,
      );
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`${lines.join('\n')}\nactors: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  });

  it('has a gold annotation for every seed', () => {
    expect(Object.keys(gold).filter((k) => !k.startsWith('$')).sort()).toEqual(files.map((f) => f.replace(/\.txt$/, '')));
  });

  for (const file of files) {
    const id = file.replace(/\.txt$/, '');
    describe(id, () => {
      it('links every gold actor and no other', () => {
        const found = slugs(results.get(id)!.result);
        expect([...found].sort()).toEqual([...gold[id]!.actors].sort());
      });

      it('links the gold spans and leaves the forbidden ones alone', () => {
        const { body, result } = results.get(id)!;
        const spans = result.actors.flatMap((a) => a.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, slug: a.slug })));
        for (const m of spans) expect(body.slice(m.start, m.end)).toBe(m.text);
        for (const ref of gold[id]!.mentions) {
          const { start, end } = locate(body, ref);
          expect(spans, JSON.stringify(ref)).toContainEqual({ start, end, text: ref.text, slug: ref.slug });
        }
        for (const ref of gold[id]!.unlinked) {
          const { start, end } = locate(body, ref);
          const overlapping = spans.filter((m) => m.start < end && start < m.end);
          expect(overlapping, JSON.stringify(ref)).toEqual([]);
        }
      });

      it('links the conflicts it reports on', () => {
        const { conflicts } = results.get(id)!.result;
        const g = gold[id]!;
        const linked = conflicts.map((c) => c.slug);
        for (const slug of g.conflicts) expect(linked).toContain(slug);
        for (const slug of linked) expect([...g.conflicts, ...g.conflictsAllowed]).toContain(slug);
        if (g.mainConflict) expect(linked[0]).toBe(g.mainConflict);
        for (const c of conflicts) {
          expect(c.score).toBeGreaterThan(0);
          expect(c.score).toBeLessThanOrEqual(1);
        }
      });
    });
  }
});

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
  it('links a ministry named as such to itself, a seat of government to the state', () => {
    const result = link('Het Pentagon en de CIA zwegen; het Witte Huis reageerde wel.');
    expect(slugs(result)).toEqual(['united-states-department-of-defense', 'central-intelligence-agency', 'united-states']);
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
    expect(slugsOf(drills, '2022-08-03')).toEqual(['cross-strait-conflict']);
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

describe('unlinked candidates', () => {
  it('lists capitalised names the knowledge base does not know and that are no provisional actors', () => {
    const text = 'Gisteren sprak Ahmed Zubair Khan met Vladimir Poetin in de Raad van Ouderen bij Kaap de Goede Hoop.';
    expect(linker.unlinkedCandidates(text).map((n) => n.text)).toEqual(['Kaap de Goede Hoop']);
    const provisional = link(text, '2020-01-01').provisional;
    expect(provisional.map((p) => [p.name, p.kind])).toEqual([
      ['Ahmed Zubair Khan', 'PERSON'],
      ['Raad van Ouderen', 'ORGANIZATION'],
    ]);
  });
});

describe('knowledge base', () => {
  it('loads the seed knowledge base', () => {
    expect(kb.actors.length).toBeGreaterThan(100);
    expect(kb.conflicts.length).toBeGreaterThanOrEqual(6);
    const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    for (const actor of kb.actors) {
      expect(actor.slug).toMatch(slugPattern);
      const keys = Object.keys(actor).sort();
      expect(keys.filter((k) => k !== 'country')).toEqual(['aliases', 'kind', 'name', 'nameNl', 'roles', 'slug', 'wikidataId']);
      if (keys.includes('country')) expect(kb.actors.find((a) => a.slug === actor.country)?.kind).toBe('STATE');
      for (const role of actor.roles) {
        for (const date of [role.from, role.to]) if (date !== null) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    const putin = kb.actors.find((a) => a.slug === 'vladimir-putin')!;
    expect(putin.aliases).toContain('Poetin');
    const us = kb.actors.find((a) => a.slug === 'united-states')!;
    expect(us.aliases).toContain('VS');
    expect(us.aliases).not.toContain('Amerikaanse');
  });

  it('covers the required conflicts with dated parties', () => {
    const bySlug = new Map(kb.conflicts.map((c) => [c.slug, c]));
    for (const slug of [
      'syrian-civil-war',
      'second-libyan-civil-war',
      'war-in-afghanistan-2001-2021',
      'iran-united-states-crisis',
      'russo-ukrainian-war',
      'war-against-the-islamic-state',
    ]) {
      const conflict = bySlug.get(slug);
      expect(conflict, slug).toBeDefined();
      expect(conflict!.startedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(conflict!.parties.length).toBeGreaterThan(1);
    }
    expect(bySlug.get('war-in-afghanistan-2001-2021')!.endedOn).toBe('2021-08-30');
  });

  it('gives no two actors the same Wikidata id, and every id is a Wikidata item id', () => {
    const byId = new Map<string, string[]>();
    for (const actor of kb.actors) {
      if (actor.wikidataId === null) continue;
      expect(actor.wikidataId, actor.slug).toMatch(/^Q[1-9]\d*$/);
      byId.set(actor.wikidataId, [...(byId.get(actor.wikidataId) ?? []), actor.slug]);
    }
    expect([...byId].filter(([, slugs]) => slugs.length > 1)).toEqual([]);
    expect(byId.size).toBeGreaterThan(kb.actors.length / 2);
  });

  it('normalises partial dates to the start or the end of the period', () => {
    const soleimani = kb.actors.find((a) => a.slug === 'qasem-soleimani')!;
    expect(soleimani.roles[0]).toMatchObject({ from: '1998-01-01', to: '2020-01-03' });
  });


  describe('states from the world-countries package', () => {
    const un = countries.filter((c) => c.unMember);

    it('has every UN member and observer state, Kosovo and Taiwan, each with a Dutch name and ISO codes', () => {
      const codes = new Map(kb.states.map((s) => [s.isoAlpha3, s]));
      for (const country of un) expect(codes.get(country.cca3), country.name.common).toBeDefined();
      expect(kb.states.filter((s) => s.unStatus === 'MEMBER')).toHaveLength(193);
      expect(kb.states.filter((s) => s.unStatus === 'OBSERVER').map((s) => s.slug).sort()).toEqual([
        'holy-see',
        'state-of-palestine',
      ]);
      expect(kb.states.filter((s) => s.unStatus === 'NONE').map((s) => s.slug).sort()).toEqual(['kosovo', 'taiwan']);
      const states = kb.actors.filter((a) => a.kind === 'STATE');
      expect(states).toHaveLength(197);
      for (const state of states) {
        const code = kb.states.find((s) => s.slug === state.slug);
        expect(code?.isoAlpha2, state.slug).toMatch(/^[A-Z]{2}$/);
        expect(code?.isoAlpha3, state.slug).toMatch(/^[A-Z]{3}$/);
        expect(state.nameNl, state.slug).toMatch(/\p{L}/u);
        expect(state.wikidataId, state.slug).toMatch(/^Q\d+$/);
      }
      expect(new Set(kb.states.map((s) => s.isoAlpha3)).size).toBe(kb.states.length);
    });

    it('takes names from the package and keeps the slugs stable', () => {
      const bySlug = new Map(kb.actors.map((a) => [a.slug, a]));
      expect(bySlug.get('kenya')).toMatchObject({ name: 'Kenya', nameNl: 'Kenia' });
      expect(bySlug.get('united-states')).toMatchObject({ name: 'United States', nameNl: 'Verenigde Staten', wikidataId: 'Q30' });
      expect(bySlug.get('united-states')!.aliases).toContain('Verenigde Staten van Amerika');
      expect(bySlug.get('turkey')).toMatchObject({ name: 'Turkey', nameNl: 'Turkije' });
      for (const slug of ['russia', 'united-kingdom', 'france', 'china', 'afghanistan', 'iran', 'syria', 'netherlands']) {
        expect(bySlug.get(slug)?.kind, slug).toBe('STATE');
      }
    });

    it('has no slug twice, and every party and role names a known actor', () => {
      const slugSet = new Set(kb.actors.map((a) => a.slug));
      expect(slugSet.size).toBe(kb.actors.length);
      for (const conflict of kb.conflicts) {
        for (const party of conflict.parties) expect(slugSet.has(party.actor), `${conflict.slug}: ${party.actor}`).toBe(true);
        const sides = new Set(conflict.parties.filter((p) => p.role === 'BELLIGERENT').map((p) => p.side));
        expect(sides.size, conflict.slug).toBeGreaterThanOrEqual(2);
      }
      for (const actor of kb.actors) for (const role of actor.roles) if (role.for) expect(slugSet.has(role.for)).toBe(true);
    });

    it('says whose armed forces each state army is, by a military role for the state', () => {
      const armies = kb.actors.filter((a) => a.roles.some((r) => r.title.startsWith('Armed forces of')));
      expect(armies.length).toBeGreaterThanOrEqual(15);
      for (const army of armies) {
        expect(army.kind, army.slug).toBe('ORGANIZATION');
        const role = army.roles.find((r) => r.title.startsWith('Armed forces of'))!;
        expect(role.code, army.slug).toBe('MIL');
        expect(kb.actors.find((a) => a.slug === role.for)?.kind, army.slug).toBe('STATE');
      }
    });

    it('has several hundred people, each with a dated role', () => {
      const people = kb.actors.filter((a) => a.kind === 'PERSON');
      expect(people.length).toBeGreaterThan(400);
      for (const person of people) {
        expect(person.roles.length, person.slug).toBeGreaterThan(0);
        expect(person.roles.some((r) => r.from !== null), person.slug).toBe(true);
      }
    });

    it('covers the conflicts of 2010-2025 that the news reports', () => {
      const slugSet = new Set(kb.conflicts.map((c) => c.slug));
      for (const slug of [
        'yemeni-civil-war',
        'israel-hamas-war',
        'israeli-palestinian-conflict',
        '2020-nagorno-karabakh-war',
        '2023-azerbaijani-offensive-in-nagorno-karabakh',
        'tigray-war',
        'mali-war',
        'sudanese-civil-war-2023',
        'myanmar-civil-war',
        'korean-conflict',
        'first-libyan-civil-war',
        'iraq-war',
        'nagorno-karabakh-conflict',
        'kashmir-conflict',
        'western-sahara-conflict',
        'cross-strait-conflict',
        'south-china-sea-disputes',
        'iran-israel-proxy-conflict',
        'iran-saudi-arabia-proxy-conflict',
        'saudi-led-intervention-in-yemen',
        'russian-intervention-in-syria',
        'russo-georgian-war',
        'colombian-conflict',
        'venezuelan-presidential-crisis',
        'haitian-crisis',
        'central-african-republic-civil-war',
        'south-sudanese-civil-war',
        'insurgency-in-cabo-delgado',
      ]) {
        expect(slugSet.has(slug), slug).toBe(true);
      }
    });
  });

  describe('validation', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function kbDir(files: Record<string, string>): string {
      dir = mkdtempSync(join(tmpdir(), 'kb-'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      return dir;
    }

    function loadError(files: Record<string, string>): KnowledgeBaseError {
      try {
        loadKnowledgeBase(kbDir(files));
      } catch (error) {
        expect(error).toBeInstanceOf(KnowledgeBaseError);
        return error as KnowledgeBaseError;
      }
      throw new Error('expected a KnowledgeBaseError');
    }

    const state = (slug: string, extra = '') => `  - slug: ${slug}\n    name: ${slug}\n    nameNl: ${slug}\n${extra}`;

    it('names a duplicate slug', () => {
      const error = loadError({
        'a.yaml': `kind: STATE\nactors:\n${state('ruritania')}`,
        'b.yaml': `kind: STATE\nactors:\n${state('ruritania')}`,
      });
      expect(error.message).toContain('b.yaml: entry "ruritania": field slug: duplicate slug, first defined in a.yaml');
    });

    it('names a party with an unknown actor', () => {
      const error = loadError({
        'states.yaml': `kind: STATE\nactors:\n${state('ruritania')}`,
        'conflicts.yaml': [
          'conflicts:',
          '  - slug: ruritanian-war',
          '    name: Ruritanian War',
          '    nameNl: Ruritaanse oorlog',
          '    kind: CIVIL_WAR',
          '    startedOn: 2001-01-01',
          '    parties:',
          '      - { actor: ruritania, role: BELLIGERENT, side: government }',
          '      - { actor: grand-fenwick, role: BELLIGERENT, side: rebels }',
        ].join('\n'),
      });
      expect(error.message).toContain(
        'conflicts.yaml: entry "ruritanian-war": field parties[1].actor: unknown actor slug "grand-fenwick"',
      );
    });

    it('names a role date that is not ISO', () => {
      const error = loadError({
        'persons.yaml': [
          'kind: PERSON',
          'actors:',
          '  - slug: rudolf-rassendyll',
          '    name: Rudolf Rassendyll',
          '    nameNl: Rudolf Rassendyll',
          '    roles:',
          '      - { title: King, for: null, code: GOV, from: 12/05/1894, to: null }',
        ].join('\n'),
      });
      expect(error.message).toBe(
        'persons.yaml: entry "rudolf-rassendyll": field roles[0].from: must be an ISO date (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)',
      );
      expect(error.problems).toEqual([
        expect.objectContaining({ file: 'persons.yaml', entry: '"rudolf-rassendyll"', field: 'roles[0].from' }),
      ]);
    });

    it('names a role held for an unknown actor, and a role that ends before it starts', () => {
      const error = loadError({
        'persons.yaml': [
          'kind: PERSON',
          'actors:',
          '  - slug: rudolf-rassendyll',
          '    name: Rudolf Rassendyll',
          '    nameNl: Rudolf Rassendyll',
          '    roles:',
          '      - { title: King, for: ruritania, code: GOV, from: 1894-05, to: null }',
          '      - { title: Regent, for: null, code: GOV, from: 1895, to: 1894 }',
        ].join('\n'),
      });
      expect(error.message).toContain('persons.yaml: entry "rudolf-rassendyll": field roles[0].for: unknown actor slug "ruritania"');
      expect(error.message).toContain('persons.yaml: entry "rudolf-rassendyll": field roles[1].to: ends (1894) before it starts (1895)');
    });

    it('names a date that is not in the calendar', () => {
      const error = loadError({
        'conflicts.yaml': [
          'conflicts:',
          '  - slug: ruritanian-war',
          '    name: Ruritanian War',
          '    nameNl: Ruritaanse oorlog',
          '    kind: CIVIL_WAR',
          '    startedOn: 1894-02-30',
          '    parties: []',
        ].join('\n'),
      });
      expect(error.message).toContain('field startedOn: is not a date of the calendar');
      expect(error.message).toContain('field parties: must name at least one party');
    });

    it('names a bad slug, an unknown field and a wrong kind', () => {
      const error = loadError({
        'a.yaml': `kind: STATE\nactors:\n${state('Ruritania', '    capitol: Strelsau\n')}`,
        'b.yaml': `kind: COUNTRY\nactors: []\n`,
      });
      expect(error.message).toContain('a.yaml: entry "Ruritania": field slug: must be a lowercase kebab-case slug');
      expect(error.message).toContain('a.yaml: entry "Ruritania": field capitol: is not a known field');
      expect(error.message).toContain('b.yaml: field kind:');
    });

    it('names an unknown ISO code, a second overlay of a state, and a state without names', () => {
      const error = loadError({
        'a.yaml': `kind: STATE\ninclude: { package: world-countries, also: [XYZ] }\nactors:\n  - { slug: kenya, iso: KEN }\n`,
        'b.yaml': 'kind: STATE\nactors:\n  - { slug: kenia, iso: KEN }\n  - { slug: ruritania, iso: RUR }\n  - { slug: grand-fenwick }\n',
      });
      expect(error.message).toContain('a.yaml: field include.also[0]: unknown ISO 3166-1 alpha-3 code "XYZ"');
      expect(error.message).toContain('b.yaml: entry "kenia": field iso: KEN has an overlay already, in a.yaml');
      expect(error.message).toContain('b.yaml: entry "ruritania": field iso: unknown ISO 3166-1 alpha-3 code "RUR"');
      expect(error.message).toContain('b.yaml: entry "grand-fenwick": field name: is required for a state without `iso`');
    });

    it('takes package states only where a STATE file includes them', () => {
      const error = loadError({ 'a.yaml': 'kind: PERSON\ninclude: { package: world-countries, unMembers: true }\n' });
      expect(error.message).toContain('a.yaml: field include: only a file of kind STATE includes states from a package');
      const small = loadKnowledgeBase(
        kbDir({ 'a.yaml': 'kind: STATE\ninclude: { package: world-countries, also: [NLD] }\nactors:\n  - { slug: kenya, iso: KEN }\n' }),
      );
      expect(small.actors.map((a) => [a.slug, a.nameNl]).sort()).toEqual([
        ['kenya', 'Kenia'],
        ['netherlands', 'Nederland'],
      ]);
      expect(small.states.find((s) => s.slug === 'netherlands')).toEqual({
        slug: 'netherlands',
        isoAlpha2: 'NL',
        isoAlpha3: 'NLD',
        unStatus: 'MEMBER',
      });
    });

    it('names a file that is not YAML or not a list the loader knows', () => {
      const error = loadError({ 'a.yaml': 'actors: [\n', 'b.yaml': 'people: []\n' });
      expect(error.message).toContain('a.yaml: not valid YAML');
      expect(error.message).toContain('b.yaml: must hold a list under `actors`, `conflicts` or `nonActors`');
    });
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
