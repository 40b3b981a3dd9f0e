/** A gold slug the knowledge base lacks, and a knowledge-base slug that looks like the same entity. */
export interface SlugRename {
  gold: string;
  kb: string;
  /**
   * `slug`: the slugs differ only in hyphens; `name`: the gold's English name (with or without its
   * Wikipedia disambiguator) is the KB entry's name, Dutch name or an alias; `transliteration`: a person's
   * name is a KB person's in another transliteration (`Shah Mehmood Qureshi`, `Shah Mahmood Qureshi`).
   */
  why: 'slug' | 'name' | 'transliteration';
}

const normalize = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Gold slugs the knowledge base spells differently: the same entity, known by the same name. The scores use
 * them (`identityOf`): a KB actor linked under its own slug counts for the gold slug of the same name, in a text
 * whose gold lists that slug. A name shared by two KB entries proves nothing and is left out.
 */
export function suggestRenames(
  gold: ReadonlyMap<string, { name: string; kind?: string }>,
  kb: ReadonlyArray<{ slug: string; name: string; nameNl?: string; kind?: string; aliases?: readonly string[]; country?: string | null }>,
): SlugRename[] {
  const kbSlugs = new Set(kb.map((entry) => entry.slug));
  // The English names of each state (`UK` too), folded: what a disambiguator or an `of <state>` names.
  const stateOf = new Map<string, string>();
  for (const entry of kb) if (entry.kind === 'STATE') for (const name of [entry.name, ...(entry.aliases ?? [])]) stateOf.set(normalize(name), entry.slug);
  const byCountry = new Map<string, typeof kb>();
  for (const entry of kb) if (entry.country) byCountry.set(entry.country, [...(byCountry.get(entry.country) ?? []), entry]);
  const bySlug = new Map(kb.map((entry) => [entry.slug.replace(/-/g, ''), entry.slug]));
  const byName = new Map<string, string | null>();
  const bySkeleton = new Map<string, string | null>();
  const spelled = new Map<string, string>();
  const once = (map: Map<string, string | null>, key: string, slug: string) =>
    map.set(key, map.has(key) && map.get(key) !== slug ? null : slug);
  for (const entry of kb) {
    const names = [entry.name, ...(entry.nameNl ? [entry.nameNl] : []), ...(entry.aliases ?? [])];
    for (const name of new Set(names.map(normalize))) once(byName, name, entry.slug);
    if (entry.kind === 'PERSON') for (const name of names) once(bySkeleton, skeleton(name).join(' '), entry.slug);
    if (entry.kind === 'PERSON') for (const name of names) spelled.set(`${entry.slug} ${skeleton(name).join(' ')}`, name);
  }
  const renames: SlugRename[] = [];
  for (const [slug, { name, kind }] of gold) {
    if (kbSlugs.has(slug)) continue;
    const sameSlug = bySlug.get(slug.replace(/-/g, ''));
    // A Wikipedia disambiguator ("People's Defence Force (Myanmar)") is often left out of a KB name; where it names
    // a state, the KB entry of that name must be of that state (`House of Representatives (Nigeria)` is not the US one).
    const qualified = stateQualified(name, stateOf);
    const stripped = byName.get(normalize(name.replace(/\s*\([^)]*\)$/, '')));
    const strippedFits = (slug: string | null | undefined) => {
      if (!slug || !qualified || !name.endsWith(')')) return true;
      const country = kb.find((entry) => entry.slug === slug)?.country;
      return !country || country === qualified.state;
    };
    const sameName = byName.get(normalize(name)) ?? (strippedFits(stripped) ? stripped : undefined) ?? ofState(qualified, byCountry, stateOf);
    const words = skeleton(withoutDisambiguator(name));
    const skeletonMatch = kind === 'PERSON' && words.length >= 2 ? bySkeleton.get(words.join(' ')) : undefined;
    const kbName = skeletonMatch ? spelled.get(`${skeletonMatch} ${words.join(' ')}`) : undefined;
    const sameSkeleton = kbName !== undefined && closeSpelling(kbName, withoutDisambiguator(name)) ? skeletonMatch : undefined;
    if (sameSlug) renames.push({ gold: slug, kb: sameSlug, why: 'slug' });
    else if (sameName) renames.push({ gold: slug, kb: sameName, why: 'name' });
    else if (sameSkeleton) renames.push({ gold: slug, kb: sameSkeleton, why: 'transliteration' });
  }
  return renames.sort((a, b) => a.gold.localeCompare(b.gold));
}

/**
 * What the scorer needs to tell that a linked actor is a gold actor spelled otherwise. `sameAs`: a KB slug and
 * the gold slugs of the same entity (from `suggestRenames`); `goldNames`: the registry's English names, for
 * provisional actors.
 */
export interface Identity {
  sameAs: ReadonlyMap<string, readonly string[]>;
  goldNames: ReadonlyMap<string, string>;
  /** The folded Dutch names and adjectives of the states, each to the state's English name (`sameOrganizationName`). */
  stateNames?: ReadonlyMap<string, string>;
}

export const NO_IDENTITY: Identity = { sameAs: new Map(), goldNames: new Map() };

export function identityOf(
  renames: readonly SlugRename[],
  gold: ReadonlyMap<string, { name: string }>,
  stateNames: ReadonlyMap<string, string> = new Map(),
): Identity {
  const sameAs = new Map<string, string[]>();
  for (const { gold: goldSlug, kb } of renames) sameAs.set(kb, [...(sameAs.get(kb) ?? []), goldSlug]);
  return { sameAs, goldNames: new Map([...gold].map(([slug, { name }]) => [slug, name])), stateNames };
}

const withoutDisambiguator = (name: string) => name.replace(/\s*\([^)]*\)$/, '');

/**
 * A name qualified by its state, as Wikipedia titles bodies: `Labour Party (UK)`, `Liberal Party (Brazil, 2006)`,
 * `Christian Democratic Union of Germany`: the name without the state, and the state. Null for any other name.
 */
function stateQualified(name: string, stateOf: ReadonlyMap<string, string>): { base: string; state: string } | null {
  // A year in the disambiguator (`People's Party (Thailand, 2024)`) tells bodies of one name apart: not this.
  const paren = /^(.+?)\s*\(([^),]+)\)$/.exec(name);
  const of = /^(.+?) of (?:the )?(.+)$/.exec(name);
  const parts: [string, string][] = [];
  if (paren) parts.push([paren[1]!, paren[2]!]);
  if (of) parts.push([of[1]!, of[2]!]);
  for (const [base, state] of parts) {
    const slug = stateOf.get(normalize(state));
    if (slug) return { base, state: slug };
  }
  return null;
}

/**
 * The one KB body of the qualified name's state that bears the name without the state: as it is (`Labour Party`
 * of the United Kingdom), after one word, the state's adjective (`Norwegian Labour Party`), or with `of <state>`
 * (`Conservative Party of Norway`).
 */
function ofState(
  qualified: { base: string; state: string } | null,
  byCountry: ReadonlyMap<string, ReadonlyArray<{ slug: string; name: string; aliases?: readonly string[] }>>,
  stateOf: ReadonlyMap<string, string>,
): string | undefined {
  if (!qualified) return undefined;
  const base = normalize(qualified.base);
  const same = (name: string) => normalize(name) === base;
  const qualifiedToo = (name: string) => {
    const n = normalize(name);
    const rest = n.startsWith(`${base} of `) ? n.slice(base.length + 4).replace(/^the /, '') : null;
    return (n.endsWith(` ${base}`) && !n.slice(0, -base.length - 1).includes(' ')) || (rest !== null && stateOf.get(rest) === qualified.state);
  };
  // The name as it is first (`Socialist Labour Party` is no other form of the UK's `Labour Party`).
  const entries = byCountry.get(qualified.state) ?? [];
  for (const fits of [same, qualifiedToo]) {
    const found = entries.filter((entry) => [entry.name, ...(entry.aliases ?? [])].some(fits));
    if (found.length > 0) return found.length === 1 ? found[0]!.slug : undefined;
  }
  return undefined;
}

/**
 * A name's consonants as Dutch and English transliterations share them: `oe` is `u`, and vowels, `j`, `y`, `h`
 * and `w` are dropped, so `Sergej Aksjonov` and `Sergey Aksyonov`, `Moestafa Dzjemiljev` and `Mustafa Dzhemilev`
 * agree word by word. Each word keeps its first letter, so that `Ali` and `Eli` stay apart.
 */
function skeleton(name: string): string[] {
  return normalize(name)
    .split(' ')
    .filter(Boolean)
    .map((word) => word[0]!.replace(/[jy]/, 'i') + word.slice(1).replace(/oe/g, 'u').replace(/[aeiouyjhw]/g, '').replace(/(.)\1+/g, '$1'));
}

/**
 * Whether a provisional actor's name is the gold entry's English name: the same words, or for a person, the same
 * words in another transliteration (`skeleton`), word for word.
 */
export function sameName(provisional: string, gold: string, person: boolean): boolean {
  const english = withoutDisambiguator(gold);
  if (normalize(provisional) === normalize(english)) return true;
  if (!person) return false;
  const a = skeleton(provisional);
  const b = skeleton(english);
  return a.length >= 2 && a.length === b.length && a.every((word, i) => word === b[i]) && closeSpelling(provisional, english);
}

/**
 * Transliterations differ in a few letters, not in most: `Sergej Aksjonov` and `Sergey Aksyonov` are two
 * edits apart, `Mohamed Yusuf` and `Mahamadou Issoufou`, whose skeletons agree, eight.
 */
function closeSpelling(x: string, y: string): boolean {
  // The Dutch `oe` is one sound, the English `u`: one letter, not two edits.
  const [a, b] = [normalize(x).replace(/oe/g, 'u'), normalize(y).replace(/oe/g, 'u')];
  return levenshtein(a, b) <= Math.max(a.length, b.length) * 0.25;
}

function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}
