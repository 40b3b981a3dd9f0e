import { TypeInfo, visit, visitWithTypeInfo, BREAK, type DocumentNode, type GraphQLSchema } from 'graphql';
import { KINDS } from '../kinds.js';

/**
 * Root fields whose answer depends only on the entities it names (an article, or an entity of a
 * linked kind, by id or natural key: each kind's lookup is named for the kind). Every other root
 * field (lists, search, facets, timelines, suggestions, unlinked names, and any field added later)
 * can change with any new article.
 */
const ENTITY_LOOKUPS = new Set<string>(['article', ...KINDS, 'node', 'nodes', '__typename']);

/**
 * Nested fields that depend on the corpus beyond their parent: a timeline bucket's share of all
 * articles of its period, co-actor scores (PMI uses the corpus size), and related conflicts (the
 * parties of other conflicts).
 */
const CORPUS_RELATIVE = new Set(['timeline', 'coActors', 'relatedConflicts']);

const memo = new WeakMap<DocumentNode, boolean>();

/**
 * Whether a cached answer to this document may change when an article is added that links to none
 * of the entities in the answer: then it is tagged as depending on the whole corpus.
 */
export function dependsOnCorpus(schema: GraphQLSchema, document: DocumentNode): boolean {
  const known = memo.get(document);
  if (known !== undefined) return known;
  const typeInfo = new TypeInfo(schema);
  const queryType = schema.getQueryType();
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const name = node.name.value;
        if ((parent === queryType && !ENTITY_LOOKUPS.has(name)) || CORPUS_RELATIVE.has(name)) {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  memo.set(document, found);
  return found;
}
