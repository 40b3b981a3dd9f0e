/*
 * Dutch names of organisations read word for word in English, with a fixed list of the words organisations' names
 * are made of and the names and adjectives of the states: `Universiteit van Cyprus` is `University of Cyprus`,
 * `Servische Progressieve Partij` the `Serbian Progressive Party`. Two names are the same when they have the same
 * words in any order (`of`, `the`, `and` left out). Nothing is guessed: a word the list lacks reads only as itself.
 * The linker reads provisional organisations so against the knowledge base; the evaluation against the gold.
 */

/** Dutch words of organisations' names and their English words; `|` separates alternatives. */
export const WORDS: Record<string, string> = {
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
  hooggerechtshof: 'supreme court|high court',
  hooggerecht: 'high court|supreme court',
  gerechtshof: 'court',
  opperste: 'supreme',
  cassatie: 'cassation',
  beroep: 'appeal',
  kamer: 'chamber|house',
  huis: 'house',
  afgevaardigden: 'representatives|deputies',
  volksvertegenwoordigers: 'representatives',
  senaat: 'senate',
  parlement: 'parliament',
  kiesraad: 'electoral council',
  kiescommissie: 'electoral commission',
  politiemacht: 'police force',
  douane: 'customs',
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
  // `Ministerie van Binnenlandse Zaken` is the `Ministry of Interior` as often as the `Ministry of Internal Affairs`.
  zaken: 'affairs|',
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
  progressieve: 'progressive',
  conservatieve: 'conservative',
  sociaal: 'social',
  sociale: 'social',
  radicale: 'radical',
  patriottische: 'patriotic',
  patriottisch: 'patriotic',
  congres: 'congress',
  arbeiders: 'workers|labour',
  democratie: 'democracy',
  vooruitgang: 'progress',
  ontwikkeling: 'development',
  vernieuwing: 'renewal',
  vrijheid: 'freedom|liberty',
  gerechtigheid: 'justice',
  eenheid: 'unity',
  verandering: 'change',
  hervorming: 'reform',
  bevrijding: 'liberation',
  onafhankelijkheid: 'independence',
  solidariteit: 'solidarity',
  bescherming: 'protection|safeguard',
  vaderland: 'homeland|fatherland',
  redding: 'salvation|rescue',
  militaire: 'military',
  militair: 'military',
  overgangs: 'transitional',
  bataljon: 'battalion',
  regiment: 'regiment',
  brigade: 'brigade',
  snelle: 'rapid',
  interventie: 'intervention',
  speciale: 'special',
  operaties: 'operations',
  orthodoxe: 'orthodox',
  kerk: 'church',
  grenswacht: 'border guard',
  kustwacht: 'coast guard',
  inlichtingendienst: 'intelligence service',
  inlichtingen: 'intelligence',
  hulp: 'aid|relief',
  vluchtelingen: 'refugee|refugees',
  vrouwen: "women's|women",
  jongeren: 'youth',
  studenten: 'students',
  boeren: 'farmers',
  krachten: 'forces',
  strijders: 'fighters',
  observatorium: 'observatory',
  associatie: 'association',
  naties: 'nations',
  droom: 'dream',
  kracht: 'power|force',
  volkskracht: "people power",
  macht: 'power',
  sterk: 'strong',
  verzet: 'resistance',
  advocaten: 'lawyers|bar',
  orde: 'order|association',
  jonge: 'young',
};

/** Heads that end Dutch compounds: `staatsuniversiteit` is `staats` + `universiteit`. */
export const COMPOUND_HEADS = ['universiteit', 'partij', 'front', 'raad', 'beweging', 'bank', 'commissie', 'instituut', 'politie', 'leger', 'hof', 'kerk'];

const IGNORED = new Set(['of', 'the', 'and', 'for', 'de', 'la', 'el']);

export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

export function englishWords(name: string): Set<string> {
  return new Set(
    fold(name)
      .replace(/\([^)]*\)/g, (m) => m.slice(1, -1))
      // `People's Party` and `Peoples Party` are one name.
      .replace(/['’]/g, '')
      .split(/[^\p{L}\p{N}']+/u)
      .flatMap((w) => w.split(' '))
      .filter((w) => w !== '' && !IGNORED.has(w)),
  );
}

/**
 * The English words a Dutch word stands for, as slots in order, each with its alternatives: a compound is split at
 * its head (`staatsuniversiteit`: `state`, `university`), a word of no meaning (`van`) gives no slot.
 */
export function slots(word: string, states: ReadonlyMap<string, string>): string[][] {
  const state = states.get(word);
  if (state !== undefined) return [state.split('|')];
  const own = WORDS[word];
  if (own !== undefined) return own === '' ? [] : [own.split('|')];
  const head = COMPOUND_HEADS.find((h) => word.length > h.length + 2 && word.endsWith(h));
  if (!head) return [[word]];
  const stem = word.slice(0, -head.length);
  const first = WORDS[stem] ?? WORDS[stem.replace(/s$/, '')] ?? stem;
  return [first.split('|'), WORDS[head]!.split('|')];
}

// Alternatives multiply: a name of many ambiguous words is read at most this many ways.
const MAX_READINGS = 64;

/**
 * The English readings of a Dutch name, each as its set of words. `states` maps the folded Dutch names and
 * adjectives of the states to their English words (`libische` → `libya`; alternatives split by `|`).
 */
export function englishReadings(dutch: string, states: ReadonlyMap<string, string>): Set<string>[] {
  let readings = [''];
  for (const word of fold(dutch).split(/[^\p{L}\p{N}']+/u).filter(Boolean)) {
    for (const options of slots(word, states)) {
      readings = readings.flatMap((reading) => options.map((option) => `${reading} ${option}`)).slice(0, MAX_READINGS);
    }
  }
  return readings.map(englishWords);
}

/** The words of a name as one key, in a fixed order: two names with the same words have the same key. */
export function wordsKey(words: Set<string>): string {
  return [...words].sort().join(' ');
}
