import actor from '../../schema/operations/explore/ExploreActor.graphql';
import article from '../../schema/operations/explore/ExploreArticle.graphql';
import conflict from '../../schema/operations/explore/ExploreConflict.graphql';
import conflicts from '../../schema/operations/explore/ExploreConflicts.graphql';
import place from '../../schema/operations/explore/ExplorePlace.graphql';
import search from '../../schema/operations/explore/ExploreSearch.graphql';
import suggest from '../../schema/operations/explore/ExploreSuggest.graphql';
import type * as G from './generated/graphql.js';

/** An operation's text and hash, typed with the result and variables codegen wrote for it. */
export interface Operation<Result, Variables> {
  readonly name: string;
  readonly text: string;
  readonly hash: string;
  /** Never set: carries the types. */
  readonly types?: { result: Result; variables: Variables };
}

const typed = <Result, Variables>(file: { name: string; text: string; hash: string }) => file as Operation<Result, Variables>;

export const ExploreConflicts = typed<G.ExploreConflictsQuery, G.ExploreConflictsQueryVariables>(conflicts);
export const ExploreConflict = typed<G.ExploreConflictQuery, G.ExploreConflictQueryVariables>(conflict);
export const ExploreActor = typed<G.ExploreActorQuery, G.ExploreActorQueryVariables>(actor);
export const ExploreArticle = typed<G.ExploreArticleQuery, G.ExploreArticleQueryVariables>(article);
export const ExplorePlace = typed<G.ExplorePlaceQuery, G.ExplorePlaceQueryVariables>(place);
export const ExploreSearch = typed<G.ExploreSearchQuery, G.ExploreSearchQueryVariables>(search);
export const ExploreSuggest = typed<G.ExploreSuggestQuery, G.ExploreSuggestQueryVariables>(suggest);
