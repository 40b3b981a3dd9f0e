/** A gold slug the knowledge base lacks, and a knowledge-base slug that looks like the same entity. */
export interface SlugRename {
  gold: string;
  kb: string;
  /**
   * `slug`: the slugs differ only in hyphens; `name`: the gold's English name (with or without its
   * Wikipedia disambiguator) is the KB entry's name or an alias.
   */
  why: 'slug' | 'name';
}

const normalize = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Suggestions for reconciling slug spellings, for the project lead to rename; the scores do not use them,
 * so a differently spelled slug still counts as a miss (and the KB's slug as a false positive).
 */
export function suggestRenames(
  gold: ReadonlyMap<string, { name: string }>,
  kb: ReadonlyArray<{ slug: string; name: string; aliases?: readonly string[] }>,
): SlugRename[] {
  const kbSlugs = new Set(kb.map((entry) => entry.slug));
  const bySlug = new Map(kb.map((entry) => [entry.slug.replace(/-/g, ''), entry.slug]));
  const byName = new Map<string, string>();
  for (const entry of kb) {
    for (const name of [entry.name, ...(entry.aliases ?? [])]) if (!byName.has(normalize(name))) byName.set(normalize(name), entry.slug);
  }
  const renames: SlugRename[] = [];
  for (const [slug, { name }] of gold) {
    if (kbSlugs.has(slug)) continue;
    const sameSlug = bySlug.get(slug.replace(/-/g, ''));
    // A Wikipedia disambiguator ("People's Defence Force (Myanmar)") is often left out of a KB name.
    const sameName = byName.get(normalize(name)) ?? byName.get(normalize(name.replace(/\s*\([^)]*\)$/, '')));
    if (sameSlug) renames.push({ gold: slug, kb: sameSlug, why: 'slug' });
    else if (sameName) renames.push({ gold: slug, kb: sameName, why: 'name' });
  }
  return renames.sort((a, b) => a.gold.localeCompare(b.gold));
}
