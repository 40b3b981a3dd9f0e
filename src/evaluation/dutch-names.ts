/*
 * A provisional organisation is named as the text writes it, in Dutch (`Universiteit van Cyprus`, `Libische
 * Centrale Bank`); the gold by its English Wikipedia title (`University of Cyprus`, `Central Bank of Libya`). The
 * evaluation reads the Dutch name word for word in English, with a fixed list of the words organisations' names
 * are made of and the names and adjectives of the states, and counts the two as one name when they have the same
 * words, in any order (`of`, `the`, `and` left out). Nothing is guessed: a word the list lacks matches only itself.
 */

/** Dutch words of organisations' names and their English words; `|` separates alternatives. */
const WORDS: Record<string, string> = {
  universiteit: 'university',
  hogeschool: 'university college',
  instituut: 'institute',
  centrum: 'centre|center',
  partij: 'party',
  beweging: 'movement',
  raad: 'council',
  commissie: 'commission|committee',
  comite: 'committee',
  bank: 'bank',
  ministerie: 'ministry',
  politie: 'police',
  leger: 'army',
  strijdkrachten: 'armed forces',
  luchtmacht: 'air force',
  marine: 'navy|naval forces',
  front: 'front',
  unie: 'union',
  alliantie: 'alliance',
  liga: 'league',
  organisatie: 'organisation|organization',
  vereniging: 'association',
  federatie: 'federation',
  stichting: 'foundation',
  fonds: 'fund',
  agentschap: 'agency',
  dienst: 'service',
  hof: 'court',
  rechtbank: 'court',
  hooggerechtshof: 'supreme court',
  grondwettelijk: 'constitutional',
  constitutioneel: 'constitutional',
  constitutionele: 'constitutional',
  vergadering: 'assembly',
  assemblee: 'assembly',
  garde: 'guard',
  maatschappij: 'company',
  coordinatie: 'coordination',
  centrale: 'central',
  nationale: 'national',
  nationaal: 'national',
  federale: 'federal',
  staats: 'state',
  rijks: 'state',
  volks: "people's",
  democratische: 'democratic',
  republikeinse: 'republican',
  socialistische: 'socialist',
  communistische: 'communist',
  liberale: 'liberal',
  islamitische: 'islamic',
  verenigde: 'united',
  vrije: 'free',
  nieuwe: 'new',
  nieuw: 'new',
  hoge: 'high|supreme',
  veiligheids: 'security',
  hoogste: 'supreme',
  openbaar: 'public',
  rode: 'red',
  kruis: 'cross',
  halve: '',
  maan: 'crescent',
  buitenlandse: 'foreign',
  binnenlandse: 'internal|interior|home',
  zaken: 'affairs',
  defensie: 'defence|defense',
  volksgezondheid: 'public health',
  justitie: 'justice',
  financien: 'finance',
  veiligheid: 'security',
  olie: 'oil',
  mensenrechten: 'human rights',
  voor: '',
  van: '',
  de: '',
  het: '',
  der: '',
  en: '',
};

/** Heads that end Dutch compounds: `staatsuniversiteit` is `staats` + `universiteit`. */
const COMPOUND_HEADS = ['universiteit', 'partij', 'raad', 'beweging', 'bank', 'commissie', 'instituut', 'politie', 'leger', 'hof'];

const IGNORED = new Set(['of', 'the', 'and', 'for', 'de', 'la', 'el']);

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

function englishWords(name: string): Set<string> {
  return new Set(
    fold(name)
      .replace(/\([^)]*\)/g, (m) => m.slice(1, -1))
      .split(/[^\p{L}\p{N}']+/u)
      .flatMap((w) => w.split(' '))
      .filter((w) => w !== '' && !IGNORED.has(w)),
  );
}

/**
 * The English words a Dutch word stands for, as slots in order, each with its alternatives: a compound is split at
 * its head (`staatsuniversiteit`: `state`, `university`), a word of no meaning (`van`) gives no slot.
 */
function slots(word: string, states: ReadonlyMap<string, string>): string[][] {
  const state = states.get(word);
  if (state !== undefined) return [[state]];
  const own = WORDS[word];
  if (own !== undefined) return own === '' ? [] : [own.split('|')];
  const head = COMPOUND_HEADS.find((h) => word.length > h.length + 2 && word.endsWith(h));
  if (!head) return [[word]];
  const stem = word.slice(0, -head.length);
  const first = WORDS[stem] ?? WORDS[stem.replace(/s$/, '')] ?? stem;
  return [first.split('|'), WORDS[head]!.split('|')];
}

/** `ENH` for `Empresa Nacional de Hidrocarbonetos`: an acronym of the capitalised words of the English (or native) name. */
function isInitialsOf(acronym: string, gold: string): boolean {
  if (!/^\p{Lu}{2,6}$/u.test(acronym)) return false;
  const initials = gold
    .replace(/\s*\([^)]*\)$/, '')
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
  return initials === acronym;
}

// Alternatives multiply: a name of many ambiguous words is read at most this many ways.
const MAX_READINGS = 64;

/**
 * Whether the Dutch name of an organisation is the English `gold` name, word for word: `Universiteit van Cyprus` is
 * `University of Cyprus`, `Tufts-universiteit` is `Tufts University`. `states` maps the folded Dutch names and
 * adjectives of the states to their English names (`libische` → `libya`).
 */
export function sameOrganizationName(dutch: string, gold: string, states: ReadonlyMap<string, string>): boolean {
  if (isInitialsOf(dutch, gold)) return true;
  // A Wikipedia disambiguator (`Coordination Council (Belarus)`) may be left out of the Dutch name.
  const targets = [englishWords(gold), englishWords(gold.replace(/\s*\([^)]*\)$/, ''))];
  let readings = [''];
  for (const word of fold(dutch).split(/[^\p{L}\p{N}']+/u).filter(Boolean)) {
    for (const options of slots(word, states)) {
      readings = readings.flatMap((reading) => options.map((option) => `${reading} ${option}`)).slice(0, MAX_READINGS);
    }
  }
  return readings.some((reading) => {
    const got = englishWords(reading);
    return targets.some((target) => got.size === target.size && [...got].every((w) => target.has(w)));
  });
}
