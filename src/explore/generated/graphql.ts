/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What kind of actor this is. */
export type ActorKind =
  /** A non-state armed group: a militia, rebel movement or terrorist organisation. */
  | 'ARMED_GROUP'
  /** An international or governmental organisation: the UN, NATO, a ministry, a service. */
  | 'ORGANIZATION'
  /** A person: a head of state, minister, commander, envoy … */
  | 'PERSON'
  /** A state, also when named by its capital or seat of power (`het Kremlin`, `Washington`). */
  | 'STATE';

/** Conditions on the actors an article mentions, each named by its global id or its slug (`vladimir-putin`); each list takes at most 100. */
export type ActorMatch = {
  /** The article mentions every one of these actors. */
  all?: Array<string> | null | undefined;
  /** The article mentions at least one of these actors (an empty list matches nothing). */
  any?: Array<string> | null | undefined;
  /** The article mentions none of these actors. */
  none?: Array<string> | null | undefined;
};

/** Whether an actor is curated, or only named in articles so far. */
export type ActorStatus =
  /** In the knowledge base, or promoted by a curator: names, kind and slug are checked. */
  | 'CURATED'
  /** A person or organisation named in full in articles but not (yet) in the knowledge base: name and kind as the linker read them. Curators promote, merge or reject it (see `curationQueue`). */
  | 'PROVISIONAL'
  /** Found not to be an actor by a curator: never listed, never linked again. Only in filters’ errors and mutation answers. */
  | 'REJECTED';

/** Conditions an article must meet; all given conditions must hold. Combine filters with `and`, `or` and `not` (at most 5 levels deep). A filter holds at most 200 terms (each condition, each item of a list and each nested filter or match counts one); each list at most 100 items. Each term adds to the cost of the query. The same filter works on every list of articles. */
export type ArticleFilter = {
  /** The article mentions at least one actor of one of these kinds. */
  actorKinds?: Array<ActorKind> | null | undefined;
  /** Which actors the article mentions. */
  actors?: ActorMatch | null | undefined;
  /** Every one of these filters holds. */
  and?: Array<ArticleFilter> | null | undefined;
  /** Which conflicts the article reports on. */
  conflicts?: ConflictMatch | null | undefined;
  /** Written in this language (ISO 639-1 code, such as `nl`). */
  language?: string | null | undefined;
  /** The article names a place within a distance of a point. */
  near?: Near | null | undefined;
  /** This filter does not hold. */
  not?: ArticleFilter | null | undefined;
  /** At least one of these filters holds (an empty list matches nothing). */
  or?: Array<ArticleFilter> | null | undefined;
  /** Which places the article names. */
  places?: PlaceMatch | null | undefined;
  /** Published on or after this date. */
  publishedFrom?: string | null | undefined;
  /** Published on or before this date. */
  publishedTo?: string | null | undefined;
  /** Full-text search in Dutch, stemmed (`gevecht` also finds `gevechten`) and blind to accents (`Oekraine` finds `Oekraïne`), title words weighing more than body words. Web-search syntax: `"exact phrase"`, `taliban OR talibaan`, `-Trump` to exclude. By default (`searchMode: ENTITIES`) a word, a run of adjacent words or a "phrase" that names an actor or conflict also matches the articles linked to it: `Putin` finds articles that write `Poetin`, `Hezbollah Libanon` needs both, each as a word or a link. At most 1000 characters and 50 words; a blank search is ignored. A search of stopwords only (`de het`), an unclosed `"`, a `-` before nothing and an `OR` without a word on each side are refused as BAD_USER_INPUT. */
  search?: string | null | undefined;
  /** How `search` reads its words: ENTITIES (the default) or TEXT (plain full text). */
  searchMode?: SearchMode | null | undefined;
  /** The article credits at least one of these sources (`Belga`, `AFP` …; case does not matter); at most 100. */
  sources?: Array<string> | null | undefined;
};

/** The kind of conflict, after the categories of conflict datasets such as UCDP. */
export type ConflictKind =
  /** Armed conflict between a government and armed groups within one state. */
  | 'CIVIL_WAR'
  /** A confrontation between states short of sustained war: threats, strikes, sanctions. */
  | 'DIPLOMATIC_CRISIS'
  /** A campaign of armed groups against one or more states, often across borders. */
  | 'INSURGENCY'
  /** A civil war in which other states fight on one side or more. */
  | 'INTERNATIONALIZED_CIVIL_WAR'
  /** Armed conflict between states. */
  | 'INTERSTATE_WAR';

/** Conditions on the conflicts an article reports on, each named by its global id or its slug (`russo-ukrainian-war`); each list takes at most 100. */
export type ConflictMatch = {
  /** The article reports on at least one of these conflicts (an empty list matches nothing). */
  any?: Array<string> | null | undefined;
  /** The article reports on none of these conflicts. */
  none?: Array<string> | null | undefined;
};

/** The part an actor plays in a conflict. */
export type ConflictRole =
  /** Fights in the conflict. */
  | 'BELLIGERENT'
  /** Mediates between the sides or leads peace efforts. */
  | 'MEDIATOR'
  /** Backs a side with arms, money, troops in support or diplomatic cover. */
  | 'SUPPORTER';

/** What an aggregate counts: articles, or stories, so that one dispatch carried by ten outlets counts once (see `Story` and the README, "Stories"). */
export type CountUnit =
  /** Articles: each article counts once (the default). */
  | 'ARTICLE'
  /** Stories: a story counts once in a period, a facet value or a pair of actors when any of its articles counted there does; totals and the association measures are then in stories too. */
  | 'STORY';

/** How precisely the publication date is known. */
export type DatePrecision =
  /** The day is known (the byline gives it). */
  | 'DAY'
  /** Only the month is known; `publishedOn` is then the first of that month. */
  | 'MONTH';

/** How a link between an article and an actor or conflict was made. */
export type LinkMethod =
  /** The text names the actor by one of its own names in the knowledge base, which fits no other actor. */
  | 'DICTIONARY'
  /** A curator set the link by hand. */
  | 'MANUAL'
  /** A rule decided: a surname, adjective, demonym or seat of power standing for the actor, a name shared by several actors settled by the context, or (for conflicts) the evidence score. */
  | 'RULE';

/** A circle on the Earth: articles that name a place inside it. At most 2000 km across the radius. */
export type Near = {
  /** The radius in kilometres, above 0 and at most 2000. */
  km: number;
  /** Latitude of the centre in degrees, from -90 to 90. */
  latitude: number;
  /** Longitude of the centre in degrees, from -180 to 180. */
  longitude: number;
};

/** What kind of place it is. */
export type PlaceKind =
  /** A named area that is no region of one state, or spans several: Donbas, the Sahel, Kashmir. */
  | 'AREA'
  /** A populated place: a city, town, village or a named district or camp (a GeoNames populated place). */
  | 'CITY'
  /** A country. */
  | 'COUNTRY'
  /** An administrative region of a state: a first-order province, state, oblast or governorate, or a second-order district (key `admin2:`). */
  | 'REGION';

/** Conditions on the places an article names, each named by its global id or its gazetteer key (`geonames:1138958` for Kabul, `admin1:UA.11` for Crimea, `admin2:PK.03.1172574` for the Kurram district, `area:donbas`); each list takes at most 100. A key no article names matches no article. */
export type PlaceMatch = {
  /** The article names at least one of these places (an empty list matches nothing). */
  any?: Array<string> | null | undefined;
  /** The article names none of these places. */
  none?: Array<string> | null | undefined;
};

/** How `filter.search` reads its words. */
export type SearchMode =
  /** The default: a word or "phrase" that names an actor or conflict (one of its names or aliases, or the surname of a person) also finds the articles linked to it, whatever spelling or derived form they use (`Putin` finds `Poetin`, `Soedan` finds `Soedanese`). */
  | 'ENTITIES'
  /** Plain full text: only articles whose words match. */
  | 'TEXT';

export type ExploreActorQueryVariables = Exact<{
  slug: string;
}>;


export type ExploreActorQuery = { actor: { id: string, slug: string, name: string, nameNl: string, kind: ActorKind, status: ActorStatus, description: string | null, aliases: Array<string>, roles: Array<{ code: string, title: string, validFrom: string | null, validTo: string | null, for: { slug: string, name: string } | null }>, conflicts: { edges: Array<{ role: ConflictRole, side: string | null, node: { slug: string, name: string } }> }, coActors: Array<{ articleCount: number, jaccard: number, actor: { slug: string, name: string, kind: ActorKind } }>, places: Array<{ articleCount: number, place: { key: string, name: string, nameNl: string | null, kind: PlaceKind } }>, timeline: Array<{ period: string, from: string, to: string, articleCount: number, corpusArticleCount: number, share: number }>, storyTimeline: Array<{ period: string, articleCount: number }>, articles: { totalCount: number, edges: Array<{ node: { externalId: string, title: string, publishedOn: string, snippet: string, sources: Array<string> } }> } } | null };

export type ExploreArticleQueryVariables = Exact<{
  externalId: string;
}>;


export type ExploreArticleQuery = { article: { id: string, externalId: string, title: string, publishedOn: string, datePrecision: DatePrecision, sources: Array<string>, body: string, actors: Array<{ confidence: number, method: LinkMethod, mentionCount: number, role: { title: string } | null, actor: { slug: string, name: string, kind: ActorKind, status: ActorStatus }, mentions: Array<{ start: number, end: number, text: string, method: LinkMethod, confidence: number, sentence: string }> }>, places: Array<{ mentionCount: number, place: { key: string, name: string, nameNl: string | null, kind: PlaceKind }, mentions: Array<{ start: number, end: number, text: string, method: LinkMethod, confidence: number }> }>, conflicts: Array<{ score: number, method: LinkMethod, conflict: { slug: string, name: string } }>, unlinkedMentions: Array<{ start: number, end: number, text: string }>, story: { title: string, articleCount: number, firstPublishedOn: string, lastPublishedOn: string, articles: { edges: Array<{ node: { externalId: string, title: string, publishedOn: string, sources: Array<string> } }> } } | null, copies: Array<{ similarity: number, article: { externalId: string, title: string, publishedOn: string, sources: Array<string> } }> } | null };

export type ExploreConflictQueryVariables = Exact<{
  slug: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type ExploreConflictQuery = { conflict: { id: string, slug: string, name: string, nameNl: string, kind: ConflictKind, startedOn: string, endedOn: string | null, timeline: Array<{ period: string, from: string, to: string, articleCount: number, corpusArticleCount: number, share: number }>, storyTimeline: Array<{ period: string, articleCount: number }>, actors: { totalCount: number, edges: Array<{ role: ConflictRole, side: string | null, articleCount: number, node: { slug: string, name: string, kind: ActorKind } }> }, network: { nodes: Array<{ articleCount: number, actor: { id: string, slug: string, name: string, kind: ActorKind } }>, edges: Array<{ weight: number, jaccard: number, pmi: number, source: { id: string }, target: { id: string } }> }, linkedPlaces: Array<{ articleCount: number, place: { key: string, name: string, nameNl: string | null, kind: PlaceKind, latitude: number, longitude: number } }>, articles: { totalCount: number, edges: Array<{ node: { externalId: string, title: string, publishedOn: string, snippet: string, sources: Array<string> } }> }, stories: { totalCount: number, edges: Array<{ node: { title: string, articleCount: number, firstPublishedOn: string, lastPublishedOn: string, representative: { externalId: string } } }> }, relatedConflicts: Array<{ sharedActorCount: number, conflict: { slug: string, name: string } }> } | null };

export type ExploreConflictsQueryVariables = Exact<{ [key: string]: never; }>;


export type ExploreConflictsQuery = { covered: { totalCount: number, edges: Array<{ node: { slug: string, name: string, nameNl: string, kind: ConflictKind, startedOn: string, endedOn: string | null } }> }, all: { totalCount: number }, articles: { totalCount: number, facets: { conflicts: Array<{ articleCount: number, conflict: { slug: string } }> }, edges: Array<{ node: { externalId: string, title: string, publishedOn: string, sources: Array<string> } }> } };

export type ExplorePlaceQueryVariables = Exact<{
  key: string;
}>;


export type ExplorePlaceQuery = { place: { id: string, key: string, name: string, nameNl: string | null, kind: PlaceKind, country: string | null, latitude: number, longitude: number, population: number, timeline: Array<{ period: string, from: string, to: string, articleCount: number, corpusArticleCount: number, share: number }>, storyTimeline: Array<{ period: string, articleCount: number }>, conflicts: Array<{ articleCount: number, conflict: { slug: string, name: string } }>, articles: { totalCount: number, edges: Array<{ node: { externalId: string, title: string, publishedOn: string, snippet: string, sources: Array<string> } }> } } | null };

export type ExploreSearchQueryVariables = Exact<{
  filter?: ArticleFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  distinctStories?: boolean | null | undefined;
  unit?: CountUnit | null | undefined;
}>;


export type ExploreSearchQuery = { articles: { totalCount: number, pageInfo: { startCursor: string | null, endCursor: string | null, hasPreviousPage: boolean, hasNextPage: boolean }, edges: Array<{ node: { externalId: string, title: string, publishedOn: string, snippet: string, sources: Array<string>, conflicts: Array<{ conflict: { slug: string, name: string } }> } }>, facets: { actors: Array<{ articleCount: number, actor: { slug: string, name: string } }>, conflicts: Array<{ articleCount: number, conflict: { slug: string, name: string } }>, sources: Array<{ source: string, articleCount: number }>, months: Array<{ month: string, from: string, to: string, articleCount: number }> } } };

export type ExploreSuggestQueryVariables = Exact<{
  prefix: string;
}>;


export type ExploreSuggestQuery = { actorSuggest: Array<{ matchedName: string, actor: { slug: string, name: string } }>, conflictSuggest: Array<{ matchedName: string, conflict: { slug: string, name: string } }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ExploreActorDocument = new TypedDocumentString(`
    query ExploreActor($slug: String!) {
  actor(slug: $slug) {
    id
    slug
    name
    nameNl
    kind
    status
    description
    aliases
    roles {
      code
      title
      validFrom
      validTo
      for {
        slug
        name
      }
    }
    conflicts(first: 50) {
      edges {
        role
        side
        node {
          slug
          name
        }
      }
    }
    coActors(first: 15) {
      articleCount
      jaccard
      actor {
        slug
        name
        kind
      }
    }
    places(first: 15) {
      articleCount
      place {
        key
        name
        nameNl
        kind
      }
    }
    timeline {
      period
      from
      to
      articleCount
      corpusArticleCount
      share
    }
    storyTimeline: timeline(unit: STORY) {
      period
      articleCount
    }
    articles(first: 10) {
      totalCount
      edges {
        node {
          externalId
          title
          publishedOn
          snippet
          sources
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreActorQuery, ExploreActorQueryVariables>;
export const ExploreArticleDocument = new TypedDocumentString(`
    query ExploreArticle($externalId: String!) {
  article(externalId: $externalId) {
    id
    externalId
    title
    publishedOn
    datePrecision
    sources
    body
    actors {
      confidence
      method
      mentionCount
      role {
        title
      }
      actor {
        slug
        name
        kind
        status
      }
      mentions {
        start
        end
        text
        method
        confidence
        sentence
      }
    }
    places {
      mentionCount
      place {
        key
        name
        nameNl
        kind
      }
      mentions {
        start
        end
        text
        method
        confidence
      }
    }
    conflicts {
      score
      method
      conflict {
        slug
        name
      }
    }
    unlinkedMentions {
      start
      end
      text
    }
    story {
      title
      articleCount
      firstPublishedOn
      lastPublishedOn
      articles(first: 10) {
        edges {
          node {
            externalId
            title
            publishedOn
            sources
          }
        }
      }
    }
    copies {
      similarity
      article {
        externalId
        title
        publishedOn
        sources
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreArticleQuery, ExploreArticleQueryVariables>;
export const ExploreConflictDocument = new TypedDocumentString(`
    query ExploreConflict($slug: String!, $from: Date, $to: Date) {
  conflict(slug: $slug) {
    id
    slug
    name
    nameNl
    kind
    startedOn
    endedOn
    timeline {
      period
      from
      to
      articleCount
      corpusArticleCount
      share
    }
    storyTimeline: timeline(unit: STORY) {
      period
      articleCount
    }
    actors(first: 100) {
      totalCount
      edges {
        role
        side
        articleCount
        node {
          slug
          name
          kind
        }
      }
    }
    network(first: 40, from: $from, to: $to) {
      nodes {
        articleCount
        actor {
          id
          slug
          name
          kind
        }
      }
      edges {
        weight
        jaccard
        pmi
        source {
          id
        }
        target {
          id
        }
      }
    }
    linkedPlaces(first: 60) {
      articleCount
      place {
        key
        name
        nameNl
        kind
        latitude
        longitude
      }
    }
    articles(first: 10) {
      totalCount
      edges {
        node {
          externalId
          title
          publishedOn
          snippet
          sources
        }
      }
    }
    stories(first: 5) {
      totalCount
      edges {
        node {
          title
          articleCount
          firstPublishedOn
          lastPublishedOn
          representative {
            externalId
          }
        }
      }
    }
    relatedConflicts(first: 5) {
      sharedActorCount
      conflict {
        slug
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreConflictQuery, ExploreConflictQueryVariables>;
export const ExploreConflictsDocument = new TypedDocumentString(`
    query ExploreConflicts {
  covered: conflicts(first: 100, hasArticles: true, orderBy: ARTICLE_COUNT) {
    totalCount
    edges {
      node {
        slug
        name
        nameNl
        kind
        startedOn
        endedOn
      }
    }
  }
  all: conflicts(first: 1) {
    totalCount
  }
  articles(first: 5) {
    totalCount
    facets {
      conflicts(first: 100) {
        articleCount
        conflict {
          slug
        }
      }
    }
    edges {
      node {
        externalId
        title
        publishedOn
        sources
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreConflictsQuery, ExploreConflictsQueryVariables>;
export const ExplorePlaceDocument = new TypedDocumentString(`
    query ExplorePlace($key: String!) {
  place(key: $key) {
    id
    key
    name
    nameNl
    kind
    country
    latitude
    longitude
    population
    timeline {
      period
      from
      to
      articleCount
      corpusArticleCount
      share
    }
    storyTimeline: timeline(unit: STORY) {
      period
      articleCount
    }
    conflicts(first: 20) {
      articleCount
      conflict {
        slug
        name
      }
    }
    articles(first: 10) {
      totalCount
      edges {
        node {
          externalId
          title
          publishedOn
          snippet
          sources
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExplorePlaceQuery, ExplorePlaceQueryVariables>;
export const ExploreSearchDocument = new TypedDocumentString(`
    query ExploreSearch($filter: ArticleFilter, $first: Int, $after: String, $last: Int, $before: String, $distinctStories: Boolean = false, $unit: CountUnit = ARTICLE) {
  articles(
    filter: $filter
    first: $first
    after: $after
    last: $last
    before: $before
    distinctStories: $distinctStories
  ) {
    totalCount
    pageInfo {
      startCursor
      endCursor
      hasPreviousPage
      hasNextPage
    }
    edges {
      node {
        externalId
        title
        publishedOn
        snippet
        sources
        conflicts {
          conflict {
            slug
            name
          }
        }
      }
    }
    facets(unit: $unit) {
      actors(first: 12) {
        articleCount
        actor {
          slug
          name
        }
      }
      conflicts(first: 12) {
        articleCount
        conflict {
          slug
          name
        }
      }
      sources(first: 12) {
        source
        articleCount
      }
      months(first: 12) {
        month
        from
        to
        articleCount
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreSearchQuery, ExploreSearchQueryVariables>;
export const ExploreSuggestDocument = new TypedDocumentString(`
    query ExploreSuggest($prefix: String!) {
  actorSuggest(prefix: $prefix, first: 8) {
    matchedName
    actor {
      slug
      name
    }
  }
  conflictSuggest(prefix: $prefix, first: 8) {
    matchedName
    conflict {
      slug
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreSuggestQuery, ExploreSuggestQueryVariables>;