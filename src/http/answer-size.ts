import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isListType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * What a value of a field typically weighs in the JSON answer, in bytes, where it is more than a
 * short scalar: the texts. Typical, not largest (a body may hold 1 MiB): the prediction bounds the
 * answer of a query the way the cost bounds its items, by what the page sizes allow.
 */
const FIELD_BYTES: Record<string, number> = {
  'Article.body': 4_096,
  'Article.text': 4_096,
  'Article.snippet': 320,
  'Article.title': 120,
  'Mention.sentence': 320,
  'CurationCandidateEdge.text': 320,
};
const TEXT_BYTES = 48;
const SCALAR_BYTES = 16;
/** The introspection answer is a fixed size, whatever it selects. */
const INTROSPECTION_BYTES = 256 * 1024;
// As in the cost model (graphql/complexity.ts): a list without a page argument holds a handful.
const UNPAGED_LIST = 10;
// A connection's page when neither first nor last is given (the schema's documented default).
const DEFAULT_PAGE = 20;

function fieldBytes(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): number {
  const known = FIELD_BYTES[`${parent.name}.${field.name}`];
  if (known !== undefined) return known;
  return getNamedType(field.type).name === 'String' ? TEXT_BYTES : SCALAR_BYTES;
}

/** How many items a field can return: its page size for a paged field, a handful for another list, else one. */
function itemsOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  // A connection's page size counts once, on the connection, not again on its edges or nodes.
  if (field.name === 'edges' || field.name === 'nodes') return 1;
  const page = args.first ?? args.last;
  if (typeof page === 'number') return Math.max(1, page);
  if (isListType(getNullableType(field.type))) return UNPAGED_LIST;
  if (field.args.some((arg) => arg.name === 'first')) return DEFAULT_PAGE;
  return 1;
}

/**
 * An upper estimate of the size in bytes of the JSON answer to an operation: every field's key
 * and value, each selection counted once per item its lists can hold (page sizes, as the cost
 * counts them), texts by their typical size. Fragments on several types all count (an upper bound).
 */
export function predictAnswerBytes(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const visiting = new Set<string>();
  const sizeOf = (type: GraphQLCompositeType, set: SelectionSetNode): number => {
    let bytes = 2;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) bytes += sizeOf(on, selection.selectionSet);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // A cycle of fragments is refused by validation; this only keeps the walk finite before it.
        if (!fragment || visiting.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value);
        visiting.add(fragment.name.value);
        if (on && isCompositeType(on)) bytes += sizeOf(on, fragment.selectionSet);
        visiting.delete(fragment.name.value);
        continue;
      }
      const name = selection.name.value;
      const key = (selection.alias ?? selection.name).value.length + 4;
      if (name === '__typename') {
        bytes += key + 24;
        continue;
      }
      if (name === '__schema' || name === '__type') {
        bytes += key + INTROSPECTION_BYTES;
        continue;
      }
      const field = 'getFields' in type ? type.getFields()[name] : undefined;
      if (!field) continue;
      let args: Record<string, unknown> = {};
      try {
        args = getArgumentValues(field, selection, variables);
      } catch {
        // A bad argument is refused by execution with its own message; here it counts as absent.
      }
      const named = getNamedType(field.type);
      const items = itemsOf(field, args);
      const each = selection.selectionSet && isCompositeType(named) ? sizeOf(named, selection.selectionSet) : fieldBytes(type, field);
      bytes += key + items * (each + 1);
    }
    return bytes;
  };
  return sizeOf(root, operation.selectionSet);
}
