export type ActorKind = 'PERSON' | 'STATE' | 'ORGANIZATION' | 'ARMED_GROUP';

export type ConflictKind =
  | 'INTERSTATE_WAR'
  | 'CIVIL_WAR'
  | 'INTERNATIONALIZED_CIVIL_WAR'
  | 'INSURGENCY'
  | 'DIPLOMATIC_CRISIS';

export type ConflictRole = 'BELLIGERENT' | 'SUPPORTER' | 'MEDIATOR';

/** An office or role an actor held, dated (PETRARCH style). */
export interface KbRole {
  /** The office, in English: "President of the United States". */
  title: string;
  /** Slug of the state (or organisation) the role is held for, if any. */
  for: string | null;
  /** CAMEO-spirited role code: GOV, LEG, MIL, REB, IGO, DIP, OPP, PTY … */
  code: string;
  /** ISO date; null when open-ended. */
  from: string | null;
  to: string | null;
}

/** An actor of the knowledge base, normalised after validation. */
export interface KbActor {
  /** Stable, URL-safe id: `vladimir-putin`, `russia`, `taliban`. */
  slug: string;
  /** Canonical English name, as on English Wikipedia. */
  name: string;
  /** Dutch name. */
  nameNl: string;
  kind: ActorKind;
  /** Other names users know it by (Dutch and English spellings, acronyms); shown in the API. */
  aliases: string[];
  wikidataId: string | null;
  roles: KbRole[];
  /** Slug of the state a party or a chamber belongs to; absent or null when none is given. */
  country?: string | null;
  /** Slug of the movement an armed group is a branch of (a province of Islamic State); absent when none. */
  branchOf?: string | null;
}

/** ISO 3166-1 codes and UN standing of a state of the knowledge base, from the world-countries package. */
export interface KbStateCodes {
  slug: string;
  /** `US`; Kosovo has the user-assigned `XK`. */
  isoAlpha2: string;
  /** `USA`; Kosovo has `UNK`, as the package gives it. */
  isoAlpha3: string;
  /** Member of the United Nations, non-member observer state (Holy See, Palestine), or neither (Kosovo, Taiwan). */
  unStatus: 'MEMBER' | 'OBSERVER' | 'NONE';
}

export interface KbConflictParty {
  /** Slug of the actor. */
  actor: string;
  role: ConflictRole;
  /** Which side the party is on (free text label such as "government" or "opposition"); null when not on a side. */
  side: string | null;
}

export interface KbConflict {
  slug: string;
  name: string;
  nameNl: string;
  kind: ConflictKind;
  /** ISO date. */
  startedOn: string;
  /** ISO date; null while ongoing. */
  endedOn: string | null;
  parties: KbConflictParty[];
  /** Slug of the broader conflict this one is a part of; null or absent when it stands alone. */
  partOf?: string | null;
  /** Other slugs of the same conflict (another title of it); absent when it has none. */
  otherSlugs?: string[];
}

export interface KnowledgeBase {
  actors: KbActor[];
  conflicts: KbConflict[];
}

/** A span of the clean body: offsets are UTF-16 code unit indexes, `end` exclusive, `text === body.slice(start, end)`. */
export interface MentionSpan {
  start: number;
  end: number;
  text: string;
}

/** How a mention was linked: a name of the actor itself, or a rule (surname, adjective, metonym, disambiguation). */
export type LinkMethod = 'DICTIONARY' | 'RULE' | 'MANUAL';

/** A linked mention with how it was made. */
export interface LinkedMention extends MentionSpan {
  method: LinkMethod;
  /** How sure the link is, in (0, 1]. */
  confidence: number;
}

export interface LinkedActor {
  slug: string;
  /** In order of appearance; never empty. */
  mentions: LinkedMention[];
}

export interface LinkedConflict {
  slug: string;
  /** Evidence score in (0, 1]; higher means the article is more clearly about the conflict. */
  score: number;
}

/**
 * A person or organisation named in full that the knowledge base does not hold: kept as a provisional actor
 * rather than dropped, merged across articles by its key.
 */
export interface ProvisionalActor {
  /** Slug-shaped key of the name as written (`viktor-orban`); the same name gives the same key in every article. */
  key: string;
  /** The fullest form of the name in the article. */
  name: string;
  kind: ActorKind;
  /** A short description taken from the text (`Afghanistanspecialist`), or null when the text gives none. */
  description: string | null;
  /** In order of appearance; never empty. */
  mentions: LinkedMention[];
}

export interface LinkResult {
  actors: LinkedActor[];
  conflicts: LinkedConflict[];
  /** Named actors the knowledge base lacks; never the same span as a mention in `actors`. */
  provisional: ProvisionalActor[];
  /** Places the article names, when the linker reads places (see linking/places.ts). */
  places?: LinkedPlace[];
}

export type PlaceKind = 'CITY' | 'REGION' | 'AREA' | 'COUNTRY';

/** A place of the gazetteer (linking/gazetteer.ts). */
export interface Place {
  /** `geonames:<id>` for a populated place, `admin1:<CC.code>` for a region, `admin2:<CC.code.code>` for a district, `area:<slug>`, `country:<CC>`. */
  id: string;
  kind: PlaceKind;
  /** The English (GeoNames) name. */
  name: string;
  /** The Dutch name where it differs and is known. */
  nameNl: string | null;
  /** ISO 3166-1 alpha-2 code of its country; null for an area across borders. */
  country: string | null;
  /** The first-order region it lies in (`AF.03`), for a city or a region. */
  admin1: string | null;
  lat: number;
  lon: number;
  population: number;
  /** The GeoNames id of a populated place. */
  geonameId: number | null;
  /** The GeoNames feature code of a populated place (`PPLC` a capital, `PPLA` a region's seat …). */
  feature: string | null;
}

/** A place an article names, with its mentions in order. */
export interface LinkedPlace {
  place: Place;
  mentions: LinkedMention[];
}

/** What the linker reads of an article. */
export interface LinkInput {
  title: string;
  body: string;
  /** ISO date of publication. */
  publishedOn: string;
}
