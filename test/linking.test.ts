import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBaseError, loadKnowledgeBase, type LinkingKnowledgeBase } from '../src/linking/kb.js';
import { createLinker, type Linker } from '../src/linking/linker.js';
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
        const spans = result.actors.flatMap((a) => a.mentions.map((m) => ({ ...m, slug: a.slug })));
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

describe('unlinked candidates', () => {
  it('lists capitalised names the knowledge base does not know', () => {
    const names = linker.unlinkedCandidates('Gisteren sprak Ahmed Zubair Khan met Vladimir Poetin in het Huis van Afgevaardigden.');
    expect(names.map((n) => n.text)).toEqual(['Ahmed Zubair Khan', 'Huis van Afgevaardigden']);
  });
});

describe('knowledge base', () => {
  it('loads the seed knowledge base', () => {
    expect(kb.actors.length).toBeGreaterThan(100);
    expect(kb.conflicts.length).toBeGreaterThanOrEqual(6);
    const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    for (const actor of kb.actors) {
      expect(actor.slug).toMatch(slugPattern);
      expect(Object.keys(actor).sort()).toEqual(['aliases', 'kind', 'name', 'nameNl', 'roles', 'slug', 'wikidataId']);
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

  it('normalises partial dates to the start or the end of the period', () => {
    const soleimani = kb.actors.find((a) => a.slug === 'qasem-soleimani')!;
    expect(soleimani.roles[0]).toMatchObject({ from: '1998-01-01', to: '2020-01-03' });
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

    it('names a file that is not YAML or not a list the loader knows', () => {
      const error = loadError({ 'a.yaml': 'actors: [\n', 'b.yaml': 'people: []\n' });
      expect(error.message).toContain('a.yaml: not valid YAML');
      expect(error.message).toContain('b.yaml: must hold a list under `actors`, `conflicts` or `nonActors`');
    });
  });
});

describe('scale', () => {
  it('builds once and links in one pass over tens of thousands of aliases', () => {
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
    const started = performance.now();
    const big = createLinker({ actors, conflicts: [] });
    const built = performance.now();
    const body = Array.from({ length: 200 }, (_, i) => `Voornaam${i * 7} Achternaam${i * 7} sprak met Achternaam${i * 13}.`).join(' ');
    const result = big.link({ title: '', body, publishedOn: '2020-01-01' });
    const linked = performance.now();
    expect(result.actors.length).toBeGreaterThan(200);
    expect(built - started).toBeLessThan(15_000);
    expect(linked - built).toBeLessThan(1_000);
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
