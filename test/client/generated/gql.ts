/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ActorProfile($slug: String!) {\n  actor(slug: $slug) {\n    id\n    name\n    kind\n    aliases\n    conflicts(first: 10) {\n      edges {\n        role\n        node {\n          id\n          name\n        }\n      }\n    }\n    articles(first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          publishedOn\n        }\n      }\n    }\n    coActors(first: 10) {\n      articleCount\n      actor {\n        id\n        name\n      }\n    }\n  }\n}": typeof types.ActorProfileDocument,
    "query ArticlesWithEntities($first: Int!, $after: String) {\n  articles(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalId\n        title\n        publishedOn\n        datePrecision\n        sources\n        actors {\n          mentionCount\n          mentions {\n            start\n            end\n            text\n          }\n          actor {\n            id\n            name\n            kind\n            aliases\n          }\n        }\n        conflicts {\n          score\n          conflict {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}": typeof types.ArticlesWithEntitiesDocument,
    "query ConflictTraversal($conflicts: Int!, $articles: Int!) {\n  conflicts(first: $conflicts) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        kind\n        articles(first: $articles) {\n          totalCount\n          edges {\n            node {\n              id\n              title\n              publishedOn\n              actors {\n                mentionCount\n                actor {\n                  id\n                  name\n                  kind\n                }\n              }\n            }\n          }\n        }\n        actors(first: 20) {\n          totalCount\n          edges {\n            role\n            articleCount\n            node {\n              id\n              name\n              kind\n            }\n          }\n        }\n      }\n    }\n  }\n}": typeof types.ConflictTraversalDocument,
    "mutation IngestArticle($input: IngestArticleInput!) {\n  ingestArticle(input: $input) {\n    created\n    article {\n      id\n      externalId\n      title\n      publishedOn\n      actors {\n        mentionCount\n        actor {\n          name\n          kind\n        }\n      }\n      conflicts {\n        score\n        conflict {\n          name\n        }\n      }\n    }\n  }\n}": typeof types.IngestArticleDocument,
    "query NodeRefetch($id: ID!) {\n  node(id: $id) {\n    id\n    __typename\n    ... on Article {\n      title\n    }\n    ... on Actor {\n      name\n    }\n    ... on Conflict {\n      name\n    }\n  }\n}": typeof types.NodeRefetchDocument,
    "query SearchArticles($q: String!, $first: Int!) {\n  articles(first: $first, filter: {search: $q}) {\n    totalCount\n    edges {\n      node {\n        id\n        externalId\n        title\n        snippet\n      }\n    }\n  }\n}": typeof types.SearchArticlesDocument,
    "query CoveredConflicts($first: Int!) {\n  conflicts(first: $first, orderBy: ARTICLE_COUNT, hasArticles: true) {\n    edges {\n      node {\n        id\n        name\n        articles {\n          totalCount\n        }\n      }\n    }\n  }\n}": typeof types.CoveredConflictsDocument,
};
const documents: Documents = {
    "query ActorProfile($slug: String!) {\n  actor(slug: $slug) {\n    id\n    name\n    kind\n    aliases\n    conflicts(first: 10) {\n      edges {\n        role\n        node {\n          id\n          name\n        }\n      }\n    }\n    articles(first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          publishedOn\n        }\n      }\n    }\n    coActors(first: 10) {\n      articleCount\n      actor {\n        id\n        name\n      }\n    }\n  }\n}": types.ActorProfileDocument,
    "query ArticlesWithEntities($first: Int!, $after: String) {\n  articles(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalId\n        title\n        publishedOn\n        datePrecision\n        sources\n        actors {\n          mentionCount\n          mentions {\n            start\n            end\n            text\n          }\n          actor {\n            id\n            name\n            kind\n            aliases\n          }\n        }\n        conflicts {\n          score\n          conflict {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}": types.ArticlesWithEntitiesDocument,
    "query ConflictTraversal($conflicts: Int!, $articles: Int!) {\n  conflicts(first: $conflicts) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        kind\n        articles(first: $articles) {\n          totalCount\n          edges {\n            node {\n              id\n              title\n              publishedOn\n              actors {\n                mentionCount\n                actor {\n                  id\n                  name\n                  kind\n                }\n              }\n            }\n          }\n        }\n        actors(first: 20) {\n          totalCount\n          edges {\n            role\n            articleCount\n            node {\n              id\n              name\n              kind\n            }\n          }\n        }\n      }\n    }\n  }\n}": types.ConflictTraversalDocument,
    "mutation IngestArticle($input: IngestArticleInput!) {\n  ingestArticle(input: $input) {\n    created\n    article {\n      id\n      externalId\n      title\n      publishedOn\n      actors {\n        mentionCount\n        actor {\n          name\n          kind\n        }\n      }\n      conflicts {\n        score\n        conflict {\n          name\n        }\n      }\n    }\n  }\n}": types.IngestArticleDocument,
    "query NodeRefetch($id: ID!) {\n  node(id: $id) {\n    id\n    __typename\n    ... on Article {\n      title\n    }\n    ... on Actor {\n      name\n    }\n    ... on Conflict {\n      name\n    }\n  }\n}": types.NodeRefetchDocument,
    "query SearchArticles($q: String!, $first: Int!) {\n  articles(first: $first, filter: {search: $q}) {\n    totalCount\n    edges {\n      node {\n        id\n        externalId\n        title\n        snippet\n      }\n    }\n  }\n}": types.SearchArticlesDocument,
    "query CoveredConflicts($first: Int!) {\n  conflicts(first: $first, orderBy: ARTICLE_COUNT, hasArticles: true) {\n    edges {\n      node {\n        id\n        name\n        articles {\n          totalCount\n        }\n      }\n    }\n  }\n}": types.CoveredConflictsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ActorProfile($slug: String!) {\n  actor(slug: $slug) {\n    id\n    name\n    kind\n    aliases\n    conflicts(first: 10) {\n      edges {\n        role\n        node {\n          id\n          name\n        }\n      }\n    }\n    articles(first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          publishedOn\n        }\n      }\n    }\n    coActors(first: 10) {\n      articleCount\n      actor {\n        id\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query ActorProfile($slug: String!) {\n  actor(slug: $slug) {\n    id\n    name\n    kind\n    aliases\n    conflicts(first: 10) {\n      edges {\n        role\n        node {\n          id\n          name\n        }\n      }\n    }\n    articles(first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          publishedOn\n        }\n      }\n    }\n    coActors(first: 10) {\n      articleCount\n      actor {\n        id\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ArticlesWithEntities($first: Int!, $after: String) {\n  articles(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalId\n        title\n        publishedOn\n        datePrecision\n        sources\n        actors {\n          mentionCount\n          mentions {\n            start\n            end\n            text\n          }\n          actor {\n            id\n            name\n            kind\n            aliases\n          }\n        }\n        conflicts {\n          score\n          conflict {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query ArticlesWithEntities($first: Int!, $after: String) {\n  articles(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalId\n        title\n        publishedOn\n        datePrecision\n        sources\n        actors {\n          mentionCount\n          mentions {\n            start\n            end\n            text\n          }\n          actor {\n            id\n            name\n            kind\n            aliases\n          }\n        }\n        conflicts {\n          score\n          conflict {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConflictTraversal($conflicts: Int!, $articles: Int!) {\n  conflicts(first: $conflicts) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        kind\n        articles(first: $articles) {\n          totalCount\n          edges {\n            node {\n              id\n              title\n              publishedOn\n              actors {\n                mentionCount\n                actor {\n                  id\n                  name\n                  kind\n                }\n              }\n            }\n          }\n        }\n        actors(first: 20) {\n          totalCount\n          edges {\n            role\n            articleCount\n            node {\n              id\n              name\n              kind\n            }\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query ConflictTraversal($conflicts: Int!, $articles: Int!) {\n  conflicts(first: $conflicts) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        kind\n        articles(first: $articles) {\n          totalCount\n          edges {\n            node {\n              id\n              title\n              publishedOn\n              actors {\n                mentionCount\n                actor {\n                  id\n                  name\n                  kind\n                }\n              }\n            }\n          }\n        }\n        actors(first: 20) {\n          totalCount\n          edges {\n            role\n            articleCount\n            node {\n              id\n              name\n              kind\n            }\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IngestArticle($input: IngestArticleInput!) {\n  ingestArticle(input: $input) {\n    created\n    article {\n      id\n      externalId\n      title\n      publishedOn\n      actors {\n        mentionCount\n        actor {\n          name\n          kind\n        }\n      }\n      conflicts {\n        score\n        conflict {\n          name\n        }\n      }\n    }\n  }\n}"): (typeof documents)["mutation IngestArticle($input: IngestArticleInput!) {\n  ingestArticle(input: $input) {\n    created\n    article {\n      id\n      externalId\n      title\n      publishedOn\n      actors {\n        mentionCount\n        actor {\n          name\n          kind\n        }\n      }\n      conflicts {\n        score\n        conflict {\n          name\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NodeRefetch($id: ID!) {\n  node(id: $id) {\n    id\n    __typename\n    ... on Article {\n      title\n    }\n    ... on Actor {\n      name\n    }\n    ... on Conflict {\n      name\n    }\n  }\n}"): (typeof documents)["query NodeRefetch($id: ID!) {\n  node(id: $id) {\n    id\n    __typename\n    ... on Article {\n      title\n    }\n    ... on Actor {\n      name\n    }\n    ... on Conflict {\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SearchArticles($q: String!, $first: Int!) {\n  articles(first: $first, filter: {search: $q}) {\n    totalCount\n    edges {\n      node {\n        id\n        externalId\n        title\n        snippet\n      }\n    }\n  }\n}"): (typeof documents)["query SearchArticles($q: String!, $first: Int!) {\n  articles(first: $first, filter: {search: $q}) {\n    totalCount\n    edges {\n      node {\n        id\n        externalId\n        title\n        snippet\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoveredConflicts($first: Int!) {\n  conflicts(first: $first, orderBy: ARTICLE_COUNT, hasArticles: true) {\n    edges {\n      node {\n        id\n        name\n        articles {\n          totalCount\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query CoveredConflicts($first: Int!) {\n  conflicts(first: $first, orderBy: ARTICLE_COUNT, hasArticles: true) {\n    edges {\n      node {\n        id\n        name\n        articles {\n          totalCount\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;