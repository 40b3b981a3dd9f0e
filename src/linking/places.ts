import { isCommonWord } from './common-words.js';
import { addPrefixes, DIVISION, placeKey, placeWords, soundKey, type Gazetteer, type PlaceKind } from './gazetteer.js';
import type { LinkingKnowledgeBase } from './kb-schema.js';
import { foldKey, isAllCaps, isCapitalised, isNameGap, isSentenceBreak, tokenizeShared, type Token } from './text.js';
import type { Linker } from './linker.js';
import type { KnowledgeBase, LinkedMention, LinkedPlace, LinkInput, LinkResult } from './types.js';

/*
 * Places named in an article: the towns, regions and areas where things happen. A name of the gazetteer is a
 * place where the text uses it as one: after a word that places (`in`, `bij`, `naar`, `uit` …), after a word
 * that says what kind of place it is (`de provincie Baghlan`, `de havenstad Hodeida`), under a Dutch name the
 * knowledge base lists (seeds/places.yaml), or where it is a sizeable town of a country the article is about.
 * Of the places a name may stand for, the one in a country the article is about wins, then one whose region the
 * article names, then the most populous. A span the actor linker took (a capital standing for its government,
 * `Teheran reageerde`) is never a place; countries are states, linked as actors.
 */

export interface PlaceLinker {
  link(input: LinkInput, actors: LinkResult): LinkedPlace[];
}

/** Words after which a name is a place. */
const PLACING = new Set([
  'in', 'bij', 'nabij', 'naar', 'uit', 'rond', 'rondom', 'vanuit', 'richting', 'te', 'tussen', 'buiten', 'langs',
  'door', 'via', 'voor', 'achter', 'binnen', 'over', 'omgeving', 'regio', 'nabijheid', 'noorden', 'zuiden', 'oosten', 'westen',
  // Visits: `Baerbock bezocht Chisinau`.
  'bezocht', 'bezoekt', 'bezoeken',
]);
/** `van` places only after these (`ten noorden van Kaboel`, `twintig kilometer van Charkiv`). */
const BEFORE_VAN = new Set([
  'stad', 'hoofdstad', 'havenstad', 'provincie', 'regio', 'deelstaat', 'gebied', 'deel', 'delen', 'grens', 'grenzen', 'straten', 'wijken',
  'noordkant', 'zuidkant', 'oostkant', 'westkant', 'poorten', 'hart', 'haven', 'luchthaven', 'vliegveld', 'ruïnes', 'puin','noorden', 'zuiden', 'oosten', 'westen', 'noordoosten', 'noordwesten', 'zuidoosten', 'zuidwesten', 'kilometer', 'km', 'buurt', 'omgeving', 'centrum', 'rand', 'buitenwijken', 'inwoners', 'burgemeester', 'gouverneur', 'bevolking', 'haven', 'luchthaven', 'belegering', 'slag', 'inname', 'verovering', 'val',
  'verdediging', 'omsingeling', 'bevrijding', 'bezetting', 'bestorming', 'herovering', 'beschieting', 'beschietingen', 'evacuatie',
  // Distances: `een uur rijden van Stockholm`.
  'rijden', 'vliegen', 'varen', 'lopen', 'afstand', 'meter', 'mijl']);
/** Words of Dutch that open a sentence and are also the name of some town (`Van`, `Als`, `Ede`). */
const FUNCTION_WORDS = new Set([
  'van', 'de', 'het', 'een', 'en', 'in', 'op', 'als', 'om', 'bij', 'aan', 'met', 'voor', 'na', 'tot', 'uit', 'door', 'over', 'onder',
  'dan', 'dat', 'die', 'dit', 'deze', 'er', 'ook', 'nog', 'al', 'maar', 'of', 'want', 'toen', 'zo', 'wel', 'niet', 'geen', 'wie', 'wat', 'waar',
]);
/** Words for a government that `in` and a capital follow as its seat (`de regering in Den Haag`). */
const GOVERNMENT = new Set(['regering', 'regeringen', 'kabinet', 'machthebbers', 'autoriteiten', 'leiders', 'leiding', 'bewindslieden', 'regime', 'junta']);
/** Visits: `aan` after these places what follows (`het bezoek aan Den Haag`). */
const VISITS = new Set(['bezoek', 'bezoeken', 'werkbezoek', 'staatsbezoek', 'reis', 'bliksembezoek']);
/** What a government sends: `uit` and a capital after these are the government (`druk uit Washington`, `hulp uit Den Haag`). */
const FROM_GOVERNMENT = new Set([
  'druk', 'hulp', 'steun', 'kritiek', 'signalen', 'bevel', 'bevelen', 'orders', 'instructies', 'geld', 'reactie', 'reacties',
  'boodschap', 'dreigementen', 'waarschuwing', 'waarschuwingen', 'toezeggingen', 'woorden',
]);

/** `van` after these makes what follows part of a name (`het akkoord van Minsk`, `de Conventies van Genève`). */
const NAME_BEFORE_VAN = new Set([
  'akkoord', 'akkoorden', 'verdrag', 'verdragen', 'conventie', 'conventies', 'protocol', 'verklaring', 'universiteit', 'top',
  'conferentie', 'proces', 'formaat', 'format', 'groep', 'hof', 'rechtbank', 'tribunaal', 'school', 'slachter', 'beul', 'leeuw',
  'overeenkomst', 'memorandum', 'resolutie', 'bisschop', 'aartsbisschop', 'patriarch', 'emir', 'sultan', 'club', 'ziekenhuis',
]);

/** Lower-case words inside the names of people and streets. */
const PARTICLES = new Set(['de', 'da', 'del', 'della', 'do', 'dos', 'van', 'von', 'der', 'den', 'al', 'el', 'bin', 'ibn', 'abu', 'ould', 'ag']);
/** Words for a second-order division: after them, the division of the name rather than a town or first-order region. */
const DIVISION_WORDS = new Set(['district', 'districten', 'rayon', 'rajon', 'agentschap', 'regentschap', 'tehsil']);
const REGION_WORDS = new Set(['provincie', 'regio', 'oblast', 'gouvernement', 'deelstaat', 'staat', 'district', 'departement', 'gewest', 'deelgebied', "regio's", 'provincies', 'districten', 'rajon', 'rayon', 'oblasten', 'deelstaten', 'gouvernementen']);
/** Words for a part of a town: what follows is in a country the article is about, never a namesake elsewhere. */
const DISTRICT_WORDS = new Set(['wijk', 'stadsdeel', 'buitenwijk', 'kamp', 'vluchtelingenkamp', 'district', 'township', 'enclave', 'exclave']);
const CITY_WORDS = new Set([
  'stad', 'dorp', 'havenstad', 'hoofdstad', 'grensstad', 'plaats', 'stadje', 'gemeente',
  'badplaats', 'woonplaats', 'geboorteplaats', 'provinciehoofdstad', 'regiohoofdstad', 'frontstad', 'mijnstad', 'garnizoensstad',
  // `de grenssteden Ras al-Ain en Tal Abyad`: the first of a list, the rest placed as it is.
  'steden', 'dorpen', 'havensteden', 'grenssteden', 'plaatsen', 'stadjes', 'gemeenten', 'gemeentes', 'badplaatsen', 'frontsteden',
]);
/** Dutch compass words before a hyphen and the English ones GeoNames writes: `Noord-Kivu` is North Kivu. */
const COMPASS = new Map<string, string[]>([
  ['noord', ['north', 'northern', 'norte de']],
  ['zuid', ['south', 'southern']],
  ['oost', ['east', 'eastern']],
  ['west', ['west', 'western']],
  ['midden', ['central', 'middle']],
  ['centraal', ['central']],
]);

/** Dutch words of regions' names and the English words GeoNames writes for them (`Federaal District`). */
const TRANSLATED = new Map([
  ['federaal', 'federal'], ['federale', 'federal'], ['autonome', 'autonomous'], ['autonoom', 'autonomous'], ['republiek', 'republic'],
  ['hoofdstedelijk', 'capital'], ['hoofdstedelijke', 'capital'], ['district', 'district'], ['territorium', 'territory'], ['gebied', 'territory'],
]);

/** The countries of the outlets the corpus is from. */
const HOME = ['NL', 'BE'];

/** Longest name read, in words. */
const MAX_WORDS = 5;
/** A town of a country the article is about is a place without a placing word from this many inhabitants. */
const TOWN = 20_000;
/** A town anywhere is one after a placing word from this many inhabitants (`in Manchester`). */
const ANYWHERE = 50_000;

/** The readings of a name. */
type Named = Pick<Candidate, 'curated' | 'exact' | 'sound'>;

interface Candidate {
  start: number;
  end: number;
  /** Token indices. */
  first: number;
  last: number;
  /** What a curated list (seeds/places.yaml, the capitals of the knowledge base) says the name is. */
  curated: readonly number[];
  /** GeoNames places of that name. */
  exact: readonly number[];
  /** Places of a transliterated name that sounds the same (`Boetsja`, `Bucha`). */
  sound: readonly number[];
  /** The name ends in `-staat`, `-provincie` (`Shan-staat`: a region) or `-stad` (`Gaza-stad`: a town). */
  suffix: 'REGION' | 'CITY' | null;
  /** The span of an actor mention it overlaps, if any. */
  taken: Taken | null;
  /** The name is also a country's, so a region only beside regions of the region's country (`Georgia`). */
  countryName?: boolean;
}

interface Taken {
  start: number;
  end: number;
  /** The mention is of a state (a capital standing for it). */
  state: boolean;
  /** The mention is of a provisional actor: a name the knowledge base lacks, read as a person's or a body's. */
  provisional?: boolean;
}

export function createPlaceLinker(gazetteer: Gazetteer, kb: KnowledgeBase | LinkingKnowledgeBase): PlaceLinker {
  const isoOf = new Map<string, string>('states' in kb ? kb.states.map((s) => [s.slug, s.isoAlpha2]) : []);
  const countryOfActor = new Map<string, string>();
  for (const actor of kb.actors) {
    const iso = isoOf.get(actor.slug) ?? (actor.country ? isoOf.get(actor.country) : undefined);
    if (iso) countryOfActor.set(actor.slug, iso);
  }
  const isDivision = (p: number) => gazetteer.feature(p) === DIVISION;
  const withoutDivisions = <C extends Named>(c: C): C =>
    ({ ...c, curated: c.curated.filter((p) => !isDivision(p)), exact: c.exact.filter((p) => !isDivision(p)), sound: c.sound.filter((p) => !isDivision(p)) });
  // A conflict is about the countries of its belligerent states and of the places it is fought in.
  const conflictCountries = new Map<string, Set<string>>();
  const placesOf = new Map('lexicon' in kb ? kb.lexicon.conflicts.map((c) => [c.slug, c.places]) : []);
  for (const conflict of kb.conflicts) {
    const found = new Set<string>();
    for (const party of conflict.parties) {
      const iso = party.role === 'BELLIGERENT' ? isoOf.get(party.actor) : undefined;
      if (iso) found.add(iso);
    }
    // Its countries, regions and areas first, then its towns, which add no country of their own: a town of its list
    // that the gazetteer lacks must not bring in a namesake's country (`Palma` of Cabo Delgado is no town of Spain).
    const named = (placesOf.get(conflict.slug) ?? []).map((name) => {
      const key = placeKey(name);
      return withoutDivisions<Named>({ curated: gazetteer.findCurated(key), exact: gazetteer.find(key), sound: [] });
    });
    const towns = named.filter((c) => [...c.curated, ...c.exact].every((p) => gazetteer.kind(p) === 'CITY'));
    for (const c of [...named.filter((c) => !towns.includes(c)), ...towns]) {
      const best = pick(gazetteer, c, found, new Set(), null);
      const country = best === null ? null : gazetteer.country(best);
      const named = best !== null && gazetteer.kind(best) === 'COUNTRY';
      if (country && (named || found.size === 0 || (gazetteer.population(best!) >= ANYWHERE && !towns.includes(c)) || found.has(country))) found.add(country);
    }
    conflictCountries.set(conflict.slug, found);
  }

  // The Dutch names of capitals the knowledge base gives its states (`Manilla`, `Kaboel`) name the capital too.
  const capitals = new Map<string, number[]>();
  if ('lexicon' in kb) {
    const seats = new Map<string, number>();
    for (let i = 0; i < gazetteer.size; i++) if (gazetteer.feature(i) === 'PPLC') seats.set(gazetteer.country(i) ?? '', i);
    for (const actor of kb.lexicon.actors) {
      const seat = seats.get(isoOf.get(actor.slug) ?? '');
      if (seat === undefined) continue;
      for (const name of actor.capitals) if (!gazetteer.isCurated(placeKey(name))) capitals.set(placeKey(name), [seat]);
    }
  }
  // A state's adjectives (`Egyptische`), for the actor linker does not link every one it reads.
  const adjectives = new Map<string, string>();
  if ('lexicon' in kb) {
    for (const actor of kb.lexicon.actors) {
      const iso = isoOf.get(actor.slug);
      // Before a name it is inflected: `Egyptisch`, `het Egyptische Rafah`.
      if (iso) for (const adjective of actor.adjectives) adjectives.set(foldKey(adjective).replace(/([^e])$/, '$1e'), iso);
    }
  }
  const capitalPrefixes = new Set<string>();
  for (const key of capitals.keys()) addPrefixes(capitalPrefixes, key);
  const isPrefix = (words: string) => gazetteer.prefixes.has(words) || capitalPrefixes.has(words);
  const lookup: Lookup = (key) => capitals.get(key) ?? gazetteer.findCurated(key);
  // What a word is to the gazetteer, worked out once per word rather than at each of its uses: the look-ups in
  // the gazetteer's large tables, not the rules, were most of the place linker's time.
  const known = new Map<string, Word>();
  const noCountry = (p: number) => gazetteer.kind(p) !== 'COUNTRY';
  const wordOf = (token: Token): Word => {
    let word = known.get(token.key);
    if (word === undefined) {
      const key = placeKey(token.text);
      // The sound of the word before others: as `soundKey` of the run begins (its `-ie` is no name's end).
      const leading = soundKey(`${key} \u0001`, 'dutch').slice(0, -1);
      word = {
        key,
        known: isPrefix(firstWord(token.key)),
        sound: key.length < 5 ? [] : gazetteer.findSound(key).filter(noCountry),
        leads: gazetteer.soundPrefixes.has(leading),
      };
      if (known.size >= WORDS_KEPT) known.clear();
      known.set(token.key, word);
    }
    return word;
  };

  return {
    link(input, result) {
      const tokens = tokenizeShared(input.body);
      const taken: Taken[] = [];
      const stateOf = new Map<number, string>();
      for (const actor of result.actors) {
        const iso = isoOf.get(actor.slug);
        for (const m of actor.mentions) {
          taken.push({ start: m.start, end: m.end, state: iso !== undefined });
          if (iso) stateOf.set(m.start, iso);
        }
      }
      for (const actor of result.provisional) for (const m of actor.mentions) taken.push({ start: m.start, end: m.end, state: false, provisional: true });
      // Dutch and Flemish outlets: a town of the Low Countries needs no other reason.
      const countries = new Set<string>(HOME);
      for (const actor of result.actors) {
        const iso = countryOfActor.get(actor.slug);
        if (iso) countries.add(iso);
      }
      // `core`: the countries the article's conflicts are fought in and between (all its countries where it names no conflict).
      const core = new Set<string>(HOME);
      for (const conflict of result.conflicts) {
        for (const iso of conflictCountries.get(conflict.slug) ?? []) {
          countries.add(iso);
          core.add(iso);
        }
      }
      if (core.size === HOME.length) for (const iso of countries) core.add(iso);

      /**
       * A second-order division is read only where the text says it is one (`het district Kurram`, `de Swatvallei`),
       * or where the name is nothing else and the text places it in a country of the article (`in Noord-Waziristan`):
       * the names of districts and counties are those of people and towns the world over (`Lincoln`, `Washington`).
       * After a word for a district, the district of the name is meant rather than its town (`het district Sinjar`).
       */
      const divisionsRead = (c: Candidate, cue: Cue): Candidate | null => {
        const all = [...c.curated, ...c.exact, ...c.sound];
        const divisions = all.filter(isDivision);
        if (divisions.length === 0) return c;
        const word = tokens[c.first - 1]?.key ?? '';
        const said = c.suffix === 'REGION' || cue === 'region';
        // A compass word and a name (`Noord-Waziristan`) is never also a town's name, as a district's own name so often is.
        const only =
          COMPASS.has(tokens[c.first]!.key) &&
          divisions.length === all.length &&
          (cue === 'place' || cue === 'district') &&
          divisions.some((p) => countries.has(gazetteer.country(p) ?? ''));
        if (!said && !only) {
          const rest = withoutDivisions(c);
          return rest.curated.length + rest.exact.length + rest.sound.length === 0 ? null : rest;
        }
        if (!DIVISION_WORDS.has(word)) return c;
        const ours = divisions.filter((p) => countries.has(gazetteer.country(p) ?? ''));
        if (ours.length === 0) return c;
        return { ...c, curated: c.curated.filter((p) => ours.includes(p)), exact: c.exact.filter((p) => ours.includes(p)), sound: c.sound.filter((p) => ours.includes(p)) };
      };
      const actorStarts = new Set(taken.map((t) => t.start));
      const actorEnds = new Set(taken.map((t) => t.end));
      const words: Words = {
        stateAt: (i) => (i >= 0 ? (stateOf.get(tokens[i]!.start) ?? adjectives.get(tokens[i]!.key)) : undefined),
        actorAt: (i) => i >= 0 && actorStarts.has(tokens[i]!.start),
        actorEndsAt: (i) => i >= 0 && actorEnds.has(tokens[i]!.end),
      };
      const candidates = findCandidates(input.body, tokens, gazetteer, lookup, taken, isPrefix, wordOf, words);
      // Regions the article names, so that a town in one of them wins over its namesakes elsewhere.
      // (named by another name than the town's own: `Tripoli` is also a region of Libya).
      // Read first without them: the regions the names stand for then (never a town's own name's region).
      // A region named right after a name (`het kleinere Pokrovsk in Jakoetië`) holds that name's place only.
      // `in Georgia, Pennsylvania en Arizona`: a name of a list whose next or previous name is a first-order region.
      const regionsAt = (at: number) => {
        const c = candidates[at];
        return c === undefined || c.countryName ? [] : [...c.curated, ...c.exact].filter((p) => gazetteer.kind(p) === 'REGION' && gazetteer.feature(p) !== DIVISION);
      };
      const besideRegionOf = (at: number, region: number): boolean => {
        const c = candidates[at]!;
        const same = (other: number) => regionsAt(other).some((p) => gazetteer.country(p) === gazetteer.country(region));
        const before = candidates[at - 1];
        const after = candidates[at + 1];
        return (before !== undefined && isListNext(tokens, before.last, c.first) && same(at - 1)) || (after !== undefined && isListNext(tokens, c.last, after.first) && same(at + 1));
      };
      const asRegion = (at: number): number | undefined =>
        candidates[at]!.exact.find((p) => countries.has(gazetteer.country(p) ?? '') && besideRegionOf(at, p));
      const regionNames = new Map<string, Set<Candidate>>();
      const within = new Map<Candidate, string>();
      candidates.forEach((c, at) => {
        if (c.countryName && asRegion(at) === undefined) return;
        const first = pick(gazetteer, withoutDivisions(c), countries, new Set(), null);
        if (first === null || gazetteer.kind(first) !== 'REGION') return;
        const before = candidates[at - 1];
        if (before && c.first === before.last + 2 && tokens[before.last + 1]!.key === 'in' && /^\s+$/.test(tokens[c.first]!.gapBefore)) {
          within.set(before, gazetteer.admin1(first)!);
          return;
        }
        const by = regionNames.get(gazetteer.admin1(first)!) ?? new Set();
        regionNames.set(gazetteer.admin1(first)!, by.add(c));
      });

      const linked = new Map<number, LinkedMention[]>();
      let previous: { last: number; cue: Cue } | null = null;
      for (const [at, read] of candidates.entries()) {
        if (read.countryName) {
          const region = asRegion(at);
          if (region !== undefined) {
            const mentions = linked.get(region) ?? [];
            mentions.push({ start: read.start, end: read.end, text: input.body.slice(read.start, read.end), method: 'RULE', confidence: 0.6 });
            linked.set(region, mentions);
          }
          continue;
        }
        // The next of a list takes the word that placed the first: `in Hmeimim en Tartus`, `in Gao, Mopti en Timboektoe`.
        const listed: boolean = previous !== null && previous.cue !== null && previous.cue !== 'name' && isListNext(tokens, previous.last, read.first);
        const cue: Cue = read.suffix === 'REGION' ? 'region' : read.suffix === 'CITY' ? 'city' : listed ? previous!.cue : cueBefore(tokens, read.first, words, read.last);
        previous = { last: read.last, cue };
        const c = divisionsRead(read, cue);
        if (c === null) continue;
        const kind: PlaceKind | null = cue === 'region' ? 'REGION' : cue === 'city' || cue === 'district' ? 'CITY' : null;
        const regions = new Set([...regionNames].filter(([, by]) => by.size > (by.has(read) ? 1 : 0)).map(([region]) => region));
        // `het Egyptische Rafah`: the state's adjective says whose town it is.
        const described = c.suffix === null ? stateAdjectiveBefore(tokens, c.first, words) : undefined;
        // Where the state has a place of the name, it is that one, whatever else the article names.
        const ofState = (list: readonly number[]) => list.filter((p) => gazetteer.country(p) === described);
        const own = described ? { curated: ofState(c.curated), exact: ofState(c.exact), sound: ofState(c.sound) } : null;
        const named = own && own.curated.length + own.exact.length + own.sound.length > 0 ? own : c;
        const best = pick(gazetteer, named, described ? new Set([described]) : countries, regions, kind, within.get(read));
        if (best === null) continue;
        const curated = c.curated.includes(best);
        const sound = !curated && !c.exact.includes(best);
        // The seat of a government (a capital, `Den Haag`) is the government where the text says it acts: `de
        // door Athene gesteunde staatsgreep`, `druk uit Washington`.
        const capital = gazetteer.isSeat(best);
        const acting = capital && (cue === 'seat' || isAgent(tokens, c.first, c.last) || (cue === 'place' && watchedFrom(tokens, c.first, c.last)));
        // `Pokrovsk in Jakoetië`: the text puts the place in its region.
        const held = within.has(read) && gazetteer.admin1(best) === within.get(read);
        const placing = held || (!acting && (cue === 'place' || cue === 'city' || cue === 'district' || cue === 'region' || cue === 'seat'));
        const inContext = countries.has(gazetteer.country(best) ?? '');
        const population = gazetteer.population(best);
        const sentenceStart = c.first === 0 || isSentenceBreak(tokens[c.first]!.gapBefore);
        const single = c.first === c.last;
        const common = single && (isCommonWord(tokens[c.first]!.key) || FUNCTION_WORDS.has(tokens[c.first]!.key));
        let accept: boolean;
        if (cue === 'name') accept = false;
        // A part of a town (`de wijk Plateau`) is no region.
        else if (cue === 'district' && gazetteer.kind(best) !== 'CITY') accept = false;
        // `de wijk Medina`: a part of a town, or a district named as its own, is never a town that is a division's seat.
        else if (cue === 'district' && /^PPL(?:A\d?|C|G)$/.test(gazetteer.feature(best) ?? '')) accept = false;
        // `het Libanese Tripoli`: the adjective says the town is meant, not the state whose capital shares its name.
        else if (c.taken?.state && described !== undefined && gazetteer.country(best) === described) accept = placing || inContext;
        // A name the actor linker read as its state (`Kiev`, `Den Haag`) is also the place where the text places it.
        // `de afgescheiden regio Transnistrië`: an actor (a de facto state) that is also a region, where the text places it.
        else if (c.taken && !c.taken.state && curated && gazetteer.kind(best) !== 'CITY' && placing) accept = true;
        // `in Maracaibo en San Cristóbal`: a name the actor linker only guessed at is the town where the text places
        // it in a country of the article.
        else if (c.taken?.provisional && cue === 'place' && c.taken.start === c.start && c.taken.end === c.end) accept = inContext;
        else if (c.taken) accept = c.taken.state && (curated || gazetteer.kind(best) !== 'CITY') && (placing || gazetteer.kind(best) !== 'CITY');
        // A capital without a word that places it is most often its government (`Washington veroordeelde`).
        else if (capital && !placing) accept = false;
        else if (curated || held) accept = true;
        // A name that only sounds like one of the gazetteer is a place of the article's conflict, not of a state it names
        // in passing; where no word places it, a sizeable town or a seat, and at a sentence's start a name of more words
        // than one (`Tal Afar, dat …`), as for names the gazetteer spells so.
        else if (sound) accept = core.has(gazetteer.country(best) ?? '') && (placing || (!common && (!sentenceStart || !single) && isTownOrSeat(gazetteer, best)));
        else if (cue === 'district') accept = inContext;
        // `de kuststad Palma`: a town the text introduces by its kind alone is one of the article's countries; a
        // namesake abroad would have its state's adjective (`de Spaanse kuststad Palma`).
        else if (cue === 'city' && gazetteer.kind(best) === 'CITY') accept = !common && inContext;
        else if (cue !== null) accept = !common && (inContext || population >= ANYWHERE || gazetteer.kind(best) !== 'CITY');
        else if (common) accept = false;
        else if (sentenceStart) accept = inContext && population >= 5 * TOWN;
        else accept = inContext && (population >= TOWN || gazetteer.kind(best) !== 'CITY');
        if (!accept) continue;
        const mentions = linked.get(best) ?? [];
        const sure = curated || placing;
        mentions.push({
          start: c.start,
          end: c.end,
          text: input.body.slice(c.start, c.end),
          method: curated ? 'DICTIONARY' : 'RULE',
          confidence: confidenceOf(gazetteer, c, best, countries, sure),
        });
        linked.set(best, mentions);
      }
      return [...linked].map(([at, mentions]) => ({ place: gazetteer.place(at), mentions }));
    },
  };
}

/** The places a curated list gives a folded name (none where it gives none). */
type Lookup = (key: string) => readonly number[];

/** A word (by its token's key) as the gazetteer sees it. */
interface Word {
  /** Its `placeKey`. */
  key: string;
  /** Some name of the gazetteer or a curated list starts with it (its part before an apostrophe). */
  known: boolean;
  /** The places (no countries) of transliterated names that sound like the word alone (`findSound`). */
  sound: readonly number[];
  /** A run of words it starts may sound like a transliterated name: false only where none can (`soundPrefixes`). */
  leads: boolean;
  /** The places (no countries) a curated list and the gazetteer give the word alone, once asked (`namedAlone`). */
  named?: { curated: readonly number[]; exact: readonly number[] };
}

/** What a curated list and the gazetteer say the word alone names, countries left out: shared, never changed. */
function namedAlone(word: Word, lookup: Lookup, gazetteer: Gazetteer): NonNullable<Word['named']> {
  // The filters are made only when the word is first asked for: this runs for many words of every article.
  return (word.named ??= {
    curated: lookup(word.key).filter((p) => gazetteer.kind(p) !== 'COUNTRY'),
    exact: gazetteer.find(word.key).filter((p) => gazetteer.kind(p) !== 'COUNTRY'),
  });
}

/** Words `Word` is kept for; when full, the kept ones are dropped and kept anew. */
const WORDS_KEPT = 50_000;

/** Words after a hyphen that make the name before them a region: `Shan-staat`, `Idlib-provincie`. */
const REGION_SUFFIXES = new Map([['staat', 'state'], ['provincie', 'province'], ['regio', 'region'], ['oblast', 'oblast']]);
/** One word of a name and a word for a region (`zuidwestregio's`): the name, of at least four letters. */
/** Also a valley named after its district or region (`het Swatdal`, `de Panjshirvallei`). */
const REGION_COMPOUND = /^(\p{L}{4,}?)(?:regio|regio's|provincie|provincies|dal|vallei)$/u;
/** What `REGION_COMPOUND` asks first, cheaper: most capitalised words end otherwise. */
const isRegionCompound = (key: string) =>
  key.endsWith('regio') || key.endsWith("regio's") || key.endsWith('provincie') || key.endsWith('provincies') || key.endsWith('dal') || key.endsWith('vallei');
/** Words after a hyphen that make the name before them a town: `Gaza-stad`. */
const CITY_SUFFIXES = new Set(['stad']);

/** Every longest run of words that the gazetteer knows; `isPrefix` says whether a name or run of first words of one is known (by `placeKey`). */
function findCandidates(
  body: string,
  tokens: Token[],
  gazetteer: Gazetteer,
  lookup: Lookup,
  taken: Taken[],
  isPrefix: (words: string) => boolean,
  wordOf: (token: Token) => Word,
  words: Words,
): Candidate[] {
  const candidates: Candidate[] = [];
  // Each word as the gazetteer sees it, looked up once per article however often the rules below ask.
  const read: (Word | undefined)[] = new Array(tokens.length);
  const wordAt = (k: number): Word => (read[k] ??= wordOf(tokens[k]!));
  const noCountry = (p: number) => gazetteer.kind(p) !== 'COUNTRY';
  const isRegion = (p: number) => gazetteer.kind(p) === 'REGION';
  const isCity = (p: number) => gazetteer.kind(p) === 'CITY';
  /** The last token of a name from `i` to `j` whose words all join (or null), and its key. */
  const span = (i: number, j: number): string | null => {
    // A name ends in a capitalised word, or in a word joined by a hyphen (`de Latsjin-corridor`, `het Sambisa-woud`).
    if (!isCapitalised(tokens[j]!.text) && !(j > i && tokens[j]!.gapBefore === '-')) return null;
    // Words parted by spaces or a hyphen: the key is their keys, parted by spaces (as `placeKey` of the text).
    let joined = true;
    for (let k = i + 1; k <= j; k++) {
      const gap = tokens[k]!.gapBefore;
      if (!isNameGap(gap)) {
        if (!(tokens[k]!.key === 'en' && k < j)) return null;
        joined = false;
      } else if (gap === '&') joined = false;
    }
    if (joined) {
      let key = wordAt(i).key;
      for (let k = i + 1; k <= j && key !== ''; k++) {
        const word = wordAt(k).key;
        key = word === '' ? '' : `${key} ${word}`;
      }
      if (key !== '') return key;
    }
    return placeKey(body.slice(tokens[i]!.start, tokens[j]!.end));
  };
  for (let i = 0; i < tokens.length; i++) {
    // A name opens with a capital, or with the Arabic article before a hyphen (`het kamp van al-Hol`).
    if (!isCapitalised(tokens[i]!.text) && !(ARABIC_ARTICLES.has(tokens[i]!.key) && tokens[i + 1]?.gapBefore === '-' && isCapitalised(tokens[i + 1]!.text))) continue;
    const longest = Math.min(tokens.length - 1, i + MAX_WORDS - 1);
    let match: { j: number; key: string; curated: readonly number[]; exact: readonly number[]; sound: readonly number[] } | null = null;
    // The longest name the gazetteer or a curated list spells so (a word no name starts with is passed by)…
    const compass = COMPASS.get(tokens[i]!.key);
    const translated = TRANSLATED.has(tokens[i]!.key);
    if (compass || translated || wordAt(i).known) {
      // `Noord-Kivu` is looked up under other words than its own: every run of words is tried.
      const last = compass || translated ? longest : lastKnown(tokens, i, longest, isPrefix);
      for (let j = last; j >= i && !match; j--) {
        const key = span(i, j);
        if (key === null) continue;
        const alone = j === i ? namedAlone(wordAt(i), lookup, gazetteer) : null;
        const curated = alone ? alone.curated : lookup(key).filter(noCountry);
        let exact = alone ? alone.exact : gazetteer.find(key).filter(noCountry);
        let sound: readonly number[] = [];
        if (curated.length + exact.length === 0 && compass && j > i && tokens[i + 1]!.gapBefore === '-') {
          // `Noord-Kivu`, `Zuid-Kordofan`, `West-Darfoer`: a region GeoNames names in English.
          const rest = placeKey(body.slice(tokens[i + 1]!.start, tokens[j]!.end));
          exact = compass.flatMap((word) => gazetteer.find(`${word} ${rest}`).filter(isRegion));
          sound = compass.flatMap((word) => gazetteer.findSound(`${word} ${rest}`).filter(isRegion));
        } else if (curated.length + exact.length === 0 && translated && j > i) {
          // `het Federaal District`, `de Autonome Republiek Krim`: a region GeoNames names in English, word for word.
          exact = gazetteer.find(key.split(' ').map((word) => TRANSLATED.get(word) ?? word).join(' ')).filter(isRegion);
        } else if (exact.length > 0 && exact.every(isRegion)) {
          // GeoNames writes a region's town another way (`Tartus` and `Tartouss`, `Raqqa` and `Ar Raqqah`), and a
          // district's first-order region too (`Marib` and `Ma'rib`).
          const divisions = exact.every((p) => gazetteer.feature(p) === DIVISION);
          sound = gazetteer.findSound(key).filter((p) => gazetteer.kind(p) === 'CITY' || (divisions && isRegion(p) && gazetteer.feature(p) !== DIVISION));
        }
        if (curated.length + exact.length + sound.length > 0) match = { j, key, curated, exact, sound };
      }
    }
    // … else, or where it is longer than that name, the longest of up to three words that sounds like a
    // transliterated name (`Boetsja`, `Avdiivka`; `Tal Abyad`, of which `Tal` alone is a town elsewhere).
    // No such name opens with a word of Dutch (`In Binnen-Mongolië`), but for the Arabic article (`Al`).
    const shorter = match === null ? i - 1 : match.j;
    const opensDutch = FUNCTION_WORDS.has(tokens[i]!.key) && !ARABIC_ARTICLES.has(tokens[i]!.key);
    for (let j = Math.min(longest, i + 2), found = false; j > shorter && !found && !opensDutch; j--) {
      if (j > i && !wordAt(i).leads) continue;
      const key = span(i, j);
      if (key === null || key.length < 5) continue;
      const sound = j === i ? wordAt(i).sound : gazetteer.findSound(key).filter(noCountry);
      if (sound.length > 0) {
        match = { j, key, curated: [], exact: [], sound };
        found = true;
      }
    }
    if (!match) {
      // `de Zuidwestregio's`, `de Kivuprovincie`: a region's name and a word for a region in one word.
      const joined = isRegionCompound(tokens[i]!.key) ? REGION_COMPOUND.exec(tokens[i]!.key) : null;
      if (joined) {
        const stem = placeKey(joined[1]!);
        const regions = [...lookup(stem), ...gazetteer.find(stem)].filter((p) => isRegion(p) || gazetteer.kind(p) === 'AREA');
        if (regions.length > 0) {
          candidates.push({ start: tokens[i]!.start, end: tokens[i]!.end, first: i, last: i, curated: [], exact: [...new Set(regions)], sound: [], suffix: 'REGION', taken: null });
        }
      }
      continue;
    }
    const { j, key } = match;
    let { curated, exact, sound } = match;
    const start = tokens[i]!.start;
    let end = tokens[j]!.end;
    const next = tokens[j + 1] && tokens[j + 1]!.gapBefore === '-' ? tokens[j + 1] : undefined;
    const regionWord = next ? REGION_SUFFIXES.get(next.key) : undefined;
    let suffix: Candidate['suffix'] = null;
    if (regionWord) {
      // `de Kokang-regio`: a named area is as much a region here.
      const regions = [...gazetteer.find(`${key} ${regionWord}`), ...exact, ...sound].filter((p) => isRegion(p) || gazetteer.kind(p) === 'AREA');
      if (regions.length > 0) {
        curated = [];
        exact = [...new Set(regions)];
        sound = [];
        suffix = 'REGION';
        end = next!.end;
      }
    } else if (next && CITY_SUFFIXES.has(next.key) && [...curated, ...exact, ...sound].some(isCity)) {
      // `Gaza-stad`: the town of the name, not the strip or region it also names.
      curated = curated.filter(isCity);
      exact = exact.filter(isCity);
      sound = sound.filter(isCity);
      suffix = 'CITY';
      end = next.end;
    }
    {
      // A country's name is its state (linked as an actor), never a namesake town (`Mali` in Guinea, `Peru` in Indiana).
      const country = curated.length === 0 && gazetteer.find(key).some((p) => gazetteer.kind(p) === 'COUNTRY');
      // … unless it is also a first-order region (`Georgia`), which a list of that region's neighbours may make it.
      const regions = country && suffix === null ? exact.filter((p) => isRegion(p) && gazetteer.feature(p) !== DIVISION) : [];
      if (regions.length > 0 && !insideLongerName(tokens, i, j, words)) {
        const overlap = taken.find((t) => t.start <= start && end <= t.end) ?? null;
        candidates.push({ start, end, first: i, last: j, curated: [], exact: regions, sound: [], suffix, taken: overlap, countryName: true });
      }
      // A place is only a whole name: not a part of a longer one the text writes around it (`Gaza-akkoord`,
      // `Oost-Oekraïne`, `Kandahar Airfield`, `Hotel Kaboel`).
      if (!country && (suffix !== null || !insideLongerName(tokens, i, j, words)) && !isDateline(body, tokens, i, j)) {
        // Only a mention that covers the whole name takes it: `Sudan` inside `Port Sudan` does not.
        const overlap = taken.find((t) => t.start <= start && end <= t.end) ?? null;
        candidates.push({ start, end, first: i, last: suffix !== null ? j + 1 : j, curated, exact, sound, suffix, taken: overlap });
      }
      i = suffix !== null ? j + 1 : j;
    }
  }
  return candidates;
}

const firstWord = (key: string) => {
  const apostrophe = key.indexOf("'");
  return apostrophe < 0 ? key : key.slice(0, apostrophe);
};

/**
 * The last token by `longest` up to which the words from `first` on may be a name the gazetteer knows (`first - 1`
 * where none). A name of words parted by spaces or one hyphen has the key `placeKey` gives the run; where a run of
 * words so parted is no name nor the start of one, no longer run is either, unless the next words join otherwise
 * (`&`, or a comma before `en`): then every run is tried, as without this bound.
 */
function lastKnown(tokens: Token[], first: number, longest: number, isPrefix: (words: string) => boolean): number {
  let words = placeWords(tokens[first]!.key);
  for (let j = first; ; j++) {
    if (j > first) {
      const gap = tokens[j]!.gapBefore;
      if (!isNameGap(gap)) return tokens[j]!.key === 'en' ? longest : j - 1;
      if (gap === '&') return longest;
      words = `${words} ${placeWords(tokens[j]!.key)}`;
    }
    // The first word alone is known already (the caller looked it up); a word with an apostrophe is more than one.
    if ((j > first || words !== tokens[first]!.key) && !isPrefix(words)) {
      const next = tokens[j + 1];
      const joinsOtherwise = next !== undefined && j < longest && (next.gapBefore === '&' || (!isNameGap(next.gapBefore) && next.key === 'en'));
      return joinsOtherwise ? longest : j - 1;
    }
    if (j === longest) return longest;
  }
}

function insideLongerName(tokens: Token[], first: number, last: number, words: Words): boolean {
  const next = tokens[last + 1];
  // `Francisco de Miranda`, `Abu Bakr al-Baghdadi`, `Frans-Paul van der Putten`: particles between two names join them.
  const particle = tokens[first - 1];
  const double = particle !== undefined && PARTICLES.has(tokens[first - 2]?.key ?? '') && isNameGap(particle.gapBefore);
  const name = tokens[double ? first - 3 : first - 2];
  if (particle && name && PARTICLES.has(particle.key) && isCapitalised(name.text) && !FUNCTION_WORDS.has(name.key)) {
    if (isNameGap(tokens[double ? first - 2 : first - 1]!.gapBefore) && isNameGap(tokens[first]!.gapBefore)) return true;
  }
  if (next && next.gapBefore === '-') return true;
  if (next && isCapitalised(next.text) && isNameGap(next.gapBefore) && !isCommonWord(next.key)) return true;
  const before = tokens[first - 1];
  if (!before || !isCapitalised(before.text) || !isNameGap(tokens[first]!.gapBefore)) return false;
  // `het Saoedische Djedda`: a state's adjective describes the place, it is no word of its name.
  if (stateAdjectiveBefore(tokens, first, words)) return false;
  // `nadat de Rapid Support Forces Wad Madani innamen`: an actor's name ends before it.
  if (words.actorEndsAt(first - 1) && !words.actorAt(first)) return false;
  // A capital only because it opens the sentence (`Rond Saraqib`, `Vanuit Port Sudan`) joins nothing.
  return !(first - 1 === 0 || isSentenceBreak(before.gapBefore));
}

/**
 * A dateline the parser left at the head of a paragraph (`SIMFEROPOL -`, `GOMA (AFP) -`): where the report was
 * filed, which the annotators of places do not count as a place the article names.
 */
function isDateline(body: string, tokens: Token[], first: number, last: number): boolean {
  const opens = first === 0 || /\n/.test(tokens[first]!.gapBefore);
  if (!opens) return false;
  for (let k = first; k <= last; k++) if (!isAllCaps(tokens[k]!.text)) return false;
  return /^\s*(?:[-–—]|\()/.test(body.slice(tokens[last]!.end, tokens[last]!.end + 3));
}

/** `seat`: a place, unless a capital, which is then its government (`druk uit Washington`). */
type Cue = 'place' | 'region' | 'city' | 'district' | 'seat' | 'name' | null;

/** A compound of a word for a town (`grensstadje`, `woestijnstad`, `kustplaats`, `vissersdorp`): as the word. */
function isCityCompound(key: string): boolean {
  return key.length > 6 && /(?:stad|stadje|steden|dorp|dorpje|dorpen|plaats|plaatsje)$/.test(key) && !NOT_TOWNS.has(key);
}
/** Words that end as a word for a town but are none. */
const NOT_TOWNS = new Set(['binnenstad', 'stadje', 'standplaats', 'werkplaats', 'opslagplaats', 'parkeerplaats', 'plaats', 'vindplaats', 'bijplaats', 'ligplaats', 'zitplaats', 'staanplaats', 'slaapplaats', 'verblijfplaats', 'verblijfsplaats', 'schuilplaats', 'rustplaats', 'plaatsje']);
/** An installation named after the town it is in (`de verrijkingsfabriek van Natanz`, `de kerncentrale van Zaporizja`). */
function isFacility(key: string): boolean {
  return /(?:fabriek|centrale|basis|gevangenis|raffinaderij|installatie|complex|terminal)$/.test(key);
}

/** Verbs of watching and weighing (not of speaking or answering, which the text may place there): `in` a seat and then these, the government does it (`Ook in Den Haag wordt meegekeken`). */
const WATCHING = new Set([
  'kijkt', 'kijken', 'keek', 'keken', 'gekeken', 'meegekeken', 'aangekeken', 'denkt', 'denken', 'dacht', 'dachten', 'gedacht', 'nagedacht',
  'hoopt', 'gehoopt', 'vreest', 'gevreesd', 'getwijfeld', 'twijfelt',
]);

/** Whether the clause after a seat placed by `in` tells what the government there thinks or watches (`In Islamabad kijkt men …`). */
function watchedFrom(tokens: Token[], first: number, last: number): boolean {
  if (tokens[first - 1]?.key !== 'in') return false;
  for (let k = last + 1; k <= last + 8 && k < tokens.length; k++) {
    if (!/^\s+$/.test(tokens[k]!.gapBefore)) return false;
    if (WATCHING.has(tokens[k]!.key)) return true;
  }
  return false;
}

/** Visits: a place after these and up to two words of when or how (`bezocht maandag onverwacht Kiev`). */
const VISITED = new Set(['bezocht', 'bezochten', 'bezoekt', 'bezoeken']);

function visitedAcross(tokens: Token[], first: number): boolean {
  for (let k = first - 1; k >= first - 3 && k >= 0; k--) {
    if (!/^\s+$/.test(tokens[k + 1]!.gapBefore)) return false;
    if (VISITED.has(tokens[k]!.key)) return k < first - 1;
    if (isCapitalised(tokens[k]!.text) || ARTICLES.has(tokens[k]!.key) || FUNCTION_WORDS.has(tokens[k]!.key)) return false;
  }
  return false;
}

/** Forms of `worden` and `zijn` that make a participle passive. */
const PASSIVE = new Set(['wordt', 'worden', 'werd', 'werden', 'is', 'zijn', 'was', 'waren']);
const PARTICIPLE = /^ge\p{L}{3,}(?:d|t|de|te|den|ten|en)$/u;

/**
 * Whether the name from `first` to `last` is the agent after `door`: `de door Athene gesteunde staatsgreep`, `die door
 * Ankara worden gesteund` (not `een mars door Harare`).
 */
function isAgent(tokens: Token[], first: number, last: number): boolean {
  if (tokens[first - 1]?.key !== 'door') return false;
  const before = tokens[first - 2]?.key ?? '';
  if (before === 'de' || before === 'het' || before === 'die' || before === 'dat') return true;
  const next = tokens[last + 1]?.key ?? '';
  return PASSIVE.has(next) || PARTICIPLE.test(next);
}

/** Whether the name at `first` follows the one ending at `last` in a list: `A en B`, `A, B`, `A of B`. */
function isListNext(tokens: Token[], last: number, first: number): boolean {
  if (first === last + 1) return /^\s*,\s*$/.test(tokens[first]!.gapBefore);
  if (first !== last + 2) return false;
  const between = tokens[last + 1]!;
  return (between.key === 'en' || between.key === 'of') && /^\s*,?\s*$/.test(between.gapBefore) && /^\s+$/.test(tokens[first]!.gapBefore);
}

const ARTICLES = new Set(['het', 'de']);
/** The Arabic article, written lower case before a hyphen in Dutch (`al-Hol`, `el-Arish`). */
const ARABIC_ARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an']);

/** What the actor linker found, by token: the state a word names (ISO alpha-2) and whether any actor starts there. */
interface Words {
  stateAt(i: number): string | undefined;
  actorAt(i: number): boolean;
  /** Whether an actor's mention ends with token `i`. */
  actorEndsAt(i: number): boolean;
}

/** The state whose adjective stands right before the name (`het Saoedische Djedda`), if any. */
function stateAdjectiveBefore(tokens: Token[], first: number, words: Words): string | undefined {
  const before = tokens[first - 1];
  if (!before || !/e$/.test(before.key) || !/^\s+$/.test(tokens[first]!.gapBefore)) return undefined;
  return words.stateAt(first - 1);
}

/**
 * Whether the list whose name ends at token `last` (`Hmeimim` in `in Hmeimim en Tartus`, `Mopti` in `in Gao, Mopti
 * en Timboektoe`) follows a word that places it: its names are capitalised words, parted by commas, none a state's.
 */
function listPlacedAt(tokens: Token[], last: number, words: Words): boolean {
  let end = last;
  for (let names = 0; names < 6; names++) {
    let start = end;
    while (
      start > 0 &&
      isCapitalised(tokens[start - 1]!.text) &&
      !PLACING.has(tokens[start - 1]!.key) &&
      isNameGap(tokens[start]!.gapBefore) &&
      !isSentenceBreak(tokens[start]!.gapBefore)
    ) {
      start--;
    }
    if (start === 0 || isSentenceBreak(tokens[start]!.gapBefore)) return false;
    // `tussen Nederland en Washington`, `tussen Déby en N'Djamena`: a list with an actor in it is of actors.
    if (words.actorAt(start)) return false;
    if (/^\s*,\s*$/.test(tokens[start]!.gapBefore) && isCapitalised(tokens[start - 1]!.text)) {
      end = start - 1;
      continue;
    }
    // `tussen A en B` is most often of the parties to talks: only a place the gazetteer knows makes it places.
    return tokens[start - 1]!.key !== 'tussen' && cueBefore(tokens, start, words) === 'place';
  }
  return false;
}

/**
 * What the words before a name say it is: a place (`in`), a region (`de provincie`), a town (`de stad`), or part of
 * the name of something else (`het akkoord van Minsk`, `de Conventies van Genève`).
 */
function cueBefore(tokens: Token[], first: number, words: Words, last?: number): Cue {
  const before = tokens[first - 1];
  if (!before || !/^\s+$/.test(tokens[first]!.gapBefore)) return null;
  // `in het Saoedische Djedda`: a state's adjective between the placing word and the name.
  if (stateAdjectiveBefore(tokens, first, words) && ARTICLES.has(tokens[first - 2]?.key ?? '')) {
    return cueBefore(tokens, first - 2, words) === 'place' ? 'place' : null;
  }
  // `in Hmeimim en Tartus`: the next of a list placed as a whole, whether the gazetteer knows the first or not.
  if ((before.key === 'en' || before.key === 'of') && first >= 2 && isCapitalised(tokens[first - 2]!.text)) {
    return listPlacedAt(tokens, first - 2, words) ? 'place' : null;
  }
  if (REGION_WORDS.has(before.key)) return 'region';
  if (CITY_WORDS.has(before.key) || isCityCompound(before.key)) return 'city';
  if (DISTRICT_WORDS.has(before.key)) return 'district';
  // `de regering in Den Haag`, `de machthebbers in Moskou`: the government, not the place.
  // `tijdens zijn bezoek aan Den Haag`.
  if (before.key === 'aan' && VISITS.has(tokens[first - 2]?.key ?? '')) return 'place';
  // `de grens met Texas`: a state's name is its state, so what follows is a region or a town.
  if (before.key === 'met' && (tokens[first - 2]?.key === 'grens' || tokens[first - 2]?.key === 'grenzen')) return 'place';
  // `bezocht maandag onverwacht Kiev`: a visit, with words of when and how between.
  if (visitedAcross(tokens, first)) return 'place';
  if (PLACING.has(before.key)) {
    if (GOVERNMENT.has(tokens[first - 2]?.key ?? '')) return 'name';
    // `voor Kyiv geen optie`: for the government more often than in front of the town.
    if (before.key === 'voor') return 'seat';
    return before.key === 'uit' && FROM_GOVERNMENT.has(tokens[first - 2]?.key ?? '') ? 'seat' : 'place';
  }
  if (before.key === 'van') {
    const word = tokens[first - 2];
    if (!word) return null;
    // `de gouverneur van Loehansk`: of the region more often than of the town.
    if (word.key === 'gouverneur' || word.key === 'gouverneurs') return 'region';
    if (BEFORE_VAN.has(word.key) || isFacility(word.key)) return 'place';
    // `op weg van Tillabéri naar Ayorou`: a route.
    if (last !== undefined && tokens[last + 1]?.key === 'naar' && /^\s+$/.test(tokens[last + 1]!.gapBefore)) return 'place';
    return isCapitalised(word.text) || NAME_BEFORE_VAN.has(word.key) ? 'name' : null;
  }
  return null;
}

/** The place a name stands for: in a country of the article, in a region it names, of the kind the text says, the most populous. */
function pick(
  gazetteer: Gazetteer,
  c: Pick<Candidate, 'curated' | 'exact' | 'sound'>,
  countries: Set<string>,
  regions: Set<string>,
  kind: PlaceKind | null,
  /** The region the text puts this name in (`Pokrovsk in Jakoetië`). */
  within?: string,
): number | null {
  let best: number | null = null;
  let bestScore = -Infinity;
  const all = new Set([...c.curated, ...c.exact, ...c.sound]);
  // A region the name itself may stand for does not favour its own towns (`Gaza`: the strip or its city).
  const own = new Set([...all].filter((p) => gazetteer.kind(p) === 'REGION').map((p) => gazetteer.admin1(p)));
  const named = own.size === 0 ? regions : new Set([...regions].filter((r) => !own.has(r)));
  // Without a word for its kind, a town is read before the region of its name only where it lies in that region
  // (`Donetsk`), or is a capital or a region's seat (`Minsk`, `Washington`): another namesake in the country is not
  // (`Nevada`, Texas, for the state), even in a region the article names.
  const regionsOfName = [...all].filter((p) => gazetteer.kind(p) === 'REGION');
  const elsewhere = (p: number) =>
    kind === null &&
    gazetteer.kind(p) === 'CITY' &&
    !c.curated.includes(p) &&
    !/^PPL(?:C|A|G)$/.test(gazetteer.feature(p) ?? '') &&
    regionsOfName.some((r) => gazetteer.country(r) === gazetteer.country(p)) &&
    !regionsOfName.some((r) => gazetteer.admin1(r) === gazetteer.admin1(p));
  for (const p of all) {
    const score =
      scoreOf(gazetteer, p, countries, named, kind) -
      (elsewhere(p) ? 3.5 : 0) +
      (c.curated.includes(p) ? 2 : c.exact.includes(p) ? 0 : -0.5) +
      (within !== undefined && gazetteer.kind(p) === 'CITY' && gazetteer.admin1(p) === within ? 5 : 0);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  // `In Madrid`, in an article on Colombia and Venezuela: a small town of a country of the article that shares its
  // name with a capital or a city of millions abroad gives way to it, unless the text says which is meant (a word for
  // its kind, its region named, a state's adjective, which narrows `countries` to that state's).
  if (best !== null && kind === null && within === undefined && gazetteer.kind(best) === 'CITY' && !c.curated.includes(best)) {
    const population = gazetteer.population(best);
    const small = population < SMALL_TOWN && !gazetteer.isSeat(best) && !named.has(gazetteer.admin1(best) ?? '');
    const renowned = [...all].filter(
      (p) =>
        gazetteer.kind(p) === 'CITY' &&
        !countries.has(gazetteer.country(p) ?? '') &&
        (gazetteer.feature(p) === 'PPLC' || gazetteer.population(p) >= RENOWNED) &&
        gazetteer.population(p) >= RENOWN_RATIO * Math.max(population, 1),
    );
    if (small && countries.has(gazetteer.country(best) ?? '') && renowned.length > 0) {
      return renowned.reduce((a, b) => (gazetteer.population(b) > gazetteer.population(a) ? b : a));
    }
  }
  return best;
}

/** A town of `TOWN` inhabitants or more, or the seat of a region or a district (whose population GeoNames often leaves 0). */
function isTownOrSeat(gazetteer: Gazetteer, p: number): boolean {
  return gazetteer.kind(p) === 'CITY' && (gazetteer.population(p) >= TOWN || /^PPL(?:C|A|A2)$/.test(gazetteer.feature(p) ?? ''));
}

/** A capital of a state, or a city of this many inhabitants: what a name means unless the text says otherwise. */
const RENOWNED = 1_000_000;
/** A town of a country of the article gives way to a renowned namesake abroad below this many inhabitants… */
const SMALL_TOWN = 100_000;
/** … and where that namesake has this many times as many. */
const RENOWN_RATIO = 20;

function scoreOf(gazetteer: Gazetteer, p: number, countries: Set<string>, regions: Set<string>, kind: PlaceKind | null): number {
  const own = gazetteer.kind(p);
  let score = Math.log10(gazetteer.population(p) + 10) / 2;
  if (countries.has(gazetteer.country(p) ?? '')) score += 3;
  if (own === 'CITY' && regions.has(gazetteer.admin1(p) ?? '')) score += 2;
  if (kind !== null && own === kind) score += 4;
  // Without a word saying so, a name that is a town and a region is the town (`Donetsk`), and an area is itself.
  if (kind === null && own === 'CITY') score += 1.5;
  if (own === 'AREA') score += 5;
  return score;
}

/** How sure: the margin over the next best reading of the name, and whether the text or the file said it is a place. */
function confidenceOf(gazetteer: Gazetteer, c: Pick<Candidate, 'curated' | 'exact' | 'sound'>, best: number, countries: Set<string>, sure: boolean): number {
  const regions = new Set<string>();
  const scores = [...new Set([...c.curated, ...c.exact, ...c.sound])].filter((p) => p !== best).map((p) => scoreOf(gazetteer, p, countries, regions, null));
  const margin = scores.length === 0 ? 3 : scoreOf(gazetteer, best, countries, regions, null) - Math.max(...scores);
  const base = sure ? 0.7 : 0.5;
  return Math.round(Math.min(1, base + Math.max(0, margin) / 10) * 100) / 100;
}

/**
 * The linker, with the places of each article added to what it finds. `places` may be a function that makes the
 * place linker: it is then made on the first article linked, so that a server that only reads never holds the
 * gazetteer (some 37 MiB of heap).
 */
export function withPlaces(linker: Linker, placeLinker: PlaceLinker | (() => PlaceLinker)): Linker {
  let made: PlaceLinker | null = typeof placeLinker === 'function' ? null : placeLinker;
  const places = {
    link: (input: LinkInput, result: LinkResult) => (made ??= (placeLinker as () => PlaceLinker)()).link(input, result),
  };
  return {
    link: (input) => {
      const result = linker.link(input);
      return { ...result, places: places.link(input, result) };
    },
    unlinkedCandidates: (body) => linker.unlinkedCandidates(body),
    linkWithUnknown: (input) => {
      const result = linker.linkWithUnknown(input);
      return { ...result, places: places.link(input, result) };
    },
    explain: (input) => {
      const result = linker.explain(input);
      return { ...result, places: places.link(input, result) };
    },
  };
}
