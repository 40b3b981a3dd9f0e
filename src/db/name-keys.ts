/** Lower case without accents or punctuation, single spaces: how names and typed prefixes compare. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The keys of one name: its folded form from each word start (`vladimir poetin`, `poetin`). */
export function nameKeys(name: string): { key: string; position: number }[] {
  const words = foldName(name).split(' ').filter(Boolean);
  return words.map((_, position) => ({ key: words.slice(position).join(' '), position }));
}
