import type { Registry } from './curated.js';
import { distinctNames, importedPerson, slugOf, withoutQualifier } from './names.js';
import type { ImportedActor, ImportedRole } from './types.js';

export const CONGRESS_CHAMBERS = {
  house: 'united-states-house-of-representatives',
  senate: 'united-states-senate',
} as const;

/** Party Facts' Wikidata ids of the parties the source names; a party the knowledge base lacks gets no role. */
const PARTIES: Record<string, { wikidata: string; name: string }> = {
  Democrat: { wikidata: 'Q29552', name: 'Democratic Party' },
  Republican: { wikidata: 'Q29468', name: 'Republican Party' },
  Libertarian: { wikidata: 'Q558334', name: 'Libertarian Party' },
};

interface Legislator {
  bioguide: string | null;
  wikidata: string | null;
  name: string;
  last: string;
  aliases?: string[];
  wikipedia: string;
  roles: { title: string; chamber: string; party?: string | null; from: string | null; to: string | null }[];
  leadership?: { title: string; chamber: string; from: string | null; to: string | null }[];
}

/**
 * Congress members, presidents and vice presidents → PERSON entries. Seats are LEG roles held for their chamber
 * (whose `country` is the United States), so that `senator` plus a surname can later be read as a Senate seat on
 * the article's date; the presidency and vice presidency are GOV roles for the United States; leadership posts
 * are LEG roles for the chamber; party membership is a PTY role dated by the seats held for the party.
 */
export function importCongress(doc: { people: Legislator[] }, registry: Registry): ImportedActor[] {
  const actors: ImportedActor[] = [];
  for (const person of [...doc.people].sort((a, b) => (a.wikipedia < b.wikipedia ? -1 : a.wikipedia > b.wikipedia ? 1 : 0))) {
    const id = person.bioguide ? `bioguide:${person.bioguide}` : `wikidata:${person.wikidata}`;
    const slug = slugOf(person.wikipedia);
    const name = withoutQualifier(person.wikipedia);
    const names = distinctNames([name, person.name, ...(person.aliases ?? []).map(withoutQualifier)]);
    if (registry.curatedTwin(id, { slug, wikidata: person.wikidata, kind: 'PERSON', names })) continue;
    if (registry.isTaken(slug)) {
      registry.skip(id, `slug "${slug}" is another actor's`);
      continue;
    }
    const roles = registry.datedInOrder(id, [...seatRoles(person), ...leadershipRoles(person), ...partyRoles(person, registry)]);
    if (roles.length === 0) {
      registry.skip(id, 'no role with its dates in order');
      continue;
    }
    registry.take(slug, person.wikidata);
    actors.push(importedPerson({ slug, name, wikidata: person.wikidata, names, surname: person.last, roles }));
  }
  return actors;
}

function seatRoles(person: Legislator): ImportedRole[] {
  return person.roles.map((role) => ({
    title: role.title,
    for: role.chamber === 'executive' ? 'united-states' : chamberOf(role.chamber),
    code: role.chamber === 'executive' ? 'GOV' : 'LEG',
    from: role.from,
    to: role.to,
  }));
}

function leadershipRoles(person: Legislator): ImportedRole[] {
  return (person.leadership ?? []).map((post) => ({
    title: leadershipTitle(post.title, post.chamber),
    for: chamberOf(post.chamber),
    code: 'LEG',
    from: post.from,
    to: post.to,
  }));
}

/** `Speaker` → `Speaker of the United States House of Representatives`; `Majority Leader` → `Senate Majority Leader`. */
export function leadershipTitle(title: string, chamber: string): string {
  if (/^speaker( of the house)?$/i.test(title)) return 'Speaker of the United States House of Representatives';
  if (/\b(house|senate)\b/i.test(title)) return title;
  return `${chamber === 'senate' ? 'Senate' : 'House'} ${title}`;
}

function partyRoles(person: Legislator, registry: Registry): ImportedRole[] {
  const spans = new Map<string, { from: string | null; to: string | null; open: boolean }>();
  for (const role of person.roles) {
    const party = role.party ? PARTIES[role.party] : undefined;
    const slug = party && registry.slugOfWikidata(party.wikidata);
    if (!party || !slug) continue;
    const span = spans.get(slug) ?? { from: role.from, to: role.to, open: false };
    if (role.from && (!span.from || role.from < span.from)) span.from = role.from;
    if (role.to === null) span.open = true;
    else if (!span.to || role.to > span.to) span.to = role.to;
    spans.set(slug, span);
  }
  return [...spans].map(([slug, span]) => ({
    title: `Member of the ${Object.values(PARTIES).find((p) => registry.slugOfWikidata(p.wikidata) === slug)!.name} (United States)`,
    for: slug,
    code: 'PTY',
    from: span.from,
    to: span.open ? null : span.to,
  }));
}

function chamberOf(chamber: string): string {
  const slug = CONGRESS_CHAMBERS[chamber as keyof typeof CONGRESS_CHAMBERS];
  if (!slug) throw new Error(`unknown chamber "${chamber}"`);
  return slug;
}
