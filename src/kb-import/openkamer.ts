import type { Registry } from './curated.js';
import { distinctNames, importedPerson, slugOf, withoutQualifier } from './names.js';
import type { ImportedActor, ImportedRole } from './types.js';

export const TWEEDE_KAMER = 'house-of-representatives-netherlands';

/** English names of the ministries and the portfolios of ministers without one, keyed as the source writes them. */
const PORTFOLIOS: Record<string, string> = {
  'algemene zaken': 'General Affairs',
  'buitenlandse zaken': 'Foreign Affairs',
  'binnenlandse zaken en koninkrijksrelaties': 'the Interior and Kingdom Relations',
  defensie: 'Defence',
  'economische zaken': 'Economic Affairs',
  'economische zaken en klimaat': 'Economic Affairs and Climate Policy',
  financiën: 'Finance',
  justitie: 'Justice',
  'veiligheid en justitie': 'Security and Justice',
  'justitie en veiligheid': 'Justice and Security',
  'onderwijs, cultuur en wetenschap': 'Education, Culture and Science',
  'sociale zaken en werkgelegenheid': 'Social Affairs and Employment',
  'volksgezondheid, welzijn en sport': 'Health, Welfare and Sport',
  'infrastructuur en milieu': 'Infrastructure and the Environment',
  'infrastructuur en waterstaat': 'Infrastructure and Water Management',
  'verkeer en waterstaat': 'Transport, Public Works and Water Management',
  'volkshuisvesting, ruimtelijke ordening en milieubeheer': 'Housing, Spatial Planning and the Environment',
  'landbouw, natuur en voedselkwaliteit': 'Agriculture, Nature and Food Quality',
  'landbouw, natuur en voedselkwaliteit ': 'Agriculture, Nature and Food Quality',
  ontwikkelingssamenwerking: 'Development Cooperation',
  'buitenlandse handel en ontwikkelingssamenwerking': 'Foreign Trade and Development Cooperation',
  'buitenlandse handel en ontwikkelinssamenwerking': 'Foreign Trade and Development Cooperation',
  'wonen, wijken en integratie': 'Housing, Communities and Integration',
  'wonen en rijksdienst': 'Housing and the Central Government Sector',
  'medische zorg': 'Medical Care',
  rechtsbescherming: 'Legal Protection',
  'immigratie, integratie en asiel': 'Immigration, Integration and Asylum',
  'programma jeugd en gezin': 'Youth and Families',
};

/**
 * Roles the source saw open on its snapshot date end with the cabinet or the Kamer term they belong to, facts the
 * source does not hold: Rutte III resigned and was replaced on 2022-01-10, and the Kamer elected in 2017 sat until
 * 2021-03-30. Later roles (re-election in 2021, Rutte IV) are not in the source.
 */
const CABINET_ENDS: Record<string, string> = { 'Kabinet-Rutte III': '2022-01-10' };
const KAMER_TERM_END = '2021-03-30';

interface KamerRole {
  title: string;
  title_en?: string;
  code: string;
  position_code?: string;
  cabinet?: string;
  from: string | null;
  to: string | null;
  open_as_of?: string;
}

interface Politician {
  wikidata: string;
  name: string;
  surname: string;
  birthdate?: string | null;
  aliases?: string[];
  wikipedia_nl?: string | null;
  roles: KamerRole[];
  parties: { party: string; party_wikidata: string | null; from: string | null; to: string | null }[];
}

/**
 * Tweede Kamer members and cabinet members → PERSON entries with their Dutch names (as Dutch news writes them),
 * LEG roles for the Tweede Kamer, GOV roles for the Netherlands with English titles, and PTY roles for their
 * parliamentary party, dated by the source or, for a member of one party only, by the member's seats.
 */
export function importOpenKamer(doc: { people: Politician[] }, registry: Registry): ImportedActor[] {
  const actors: ImportedActor[] = [];
  for (const person of [...doc.people].sort((a, b) => compare(a.name, b.name) || compare(a.wikidata, b.wikidata))) {
    const id = `wikidata:${person.wikidata}`;
    const names = distinctNames([person.name, ...(person.aliases ?? []), withoutQualifier(person.wikipedia_nl ?? '')]);
    let slug = slugOf(person.name);
    if (registry.curatedTwin(id, { slug, wikidata: person.wikidata, kind: 'PERSON', names })) continue;
    // Another person of the same name: English Wikipedia's `(politician)`, then the year of birth.
    for (const qualified of [`${person.name} politician`, `${person.name} ${person.birthdate?.slice(0, 4) ?? person.wikidata}`]) {
      if (registry.isTaken(slug)) slug = slugOf(qualified);
    }
    const roles = registry.datedInOrder(id, person.roles.map(toRole));
    if (roles.length === 0) {
      registry.skip(id, 'no role with its dates in order');
      continue;
    }
    registry.take(slug, person.wikidata);
    const all = [...roles, ...partyRoles(person, roles, registry)];
    actors.push(importedPerson({ slug, name: person.name, wikidata: person.wikidata, names, surname: person.surname, roles: all }));
  }
  return actors;
}

function toRole(role: KamerRole): ImportedRole {
  const open = role.to === null && role.open_as_of !== undefined;
  if (role.code === 'LEG') {
    return { title: 'Member of the House of Representatives of the Netherlands', for: TWEEDE_KAMER, code: 'LEG', from: role.from, to: open ? KAMER_TERM_END : role.to };
  }
  const to = open ? (CABINET_ENDS[role.cabinet ?? ''] ?? null) : role.to;
  return { title: cabinetTitle(role), for: 'netherlands', code: 'GOV', from: role.from, to };
}

/** `minister van buitenlandse zaken` → `Minister of Foreign Affairs of the Netherlands`. */
export function cabinetTitle(role: Pick<KamerRole, 'title' | 'position_code'>): string {
  const portfolio = PORTFOLIOS[role.title.replace(/^(minister|staatssecretaris) (van|voor) /, '').trim()];
  switch (role.position_code) {
    case 'PMI':
      return 'Prime Minister of the Netherlands';
    case 'DPM':
      return 'Deputy Prime Minister of the Netherlands';
    case 'SOS':
      return portfolio ? `State Secretary for ${portfolio} of the Netherlands` : 'State Secretary of the Netherlands';
    case 'MWP':
      return portfolio ? `Minister for ${portfolio} of the Netherlands` : 'Minister without portfolio of the Netherlands';
    default:
      return portfolio ? `Minister of ${portfolio} of the Netherlands` : 'Minister of the Netherlands';
  }
}

function partyRoles(person: Politician, roles: ImportedRole[], registry: Registry): ImportedRole[] {
  const seats = roles.filter((r) => r.code === 'LEG');
  const single = person.parties.length === 1;
  return person.parties.flatMap((party) => {
    const slug = party.party_wikidata ? registry.slugOfWikidata(party.party_wikidata) : undefined;
    if (!slug) return [];
    let { from, to } = party;
    if (from === null && to === null) {
      if (!single || seats.length === 0) return [];
      from = seats.map((s) => s.from ?? '').sort()[0] || null;
      to = seats.some((s) => s.to === null) ? null : seats.map((s) => s.to!).sort().at(-1)!;
    }
    return [{ title: `Member of the ${party.party} parliamentary group (Netherlands)`, for: slug, code: 'PTY', from, to }];
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
