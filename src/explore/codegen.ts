import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The explorer's types: `npm run codegen` writes, from schema/schema.graphql and the explorer's
 * operations (schema/operations/explore/), the result and variable types of each operation into
 * ./generated/. The explorer sends the operation files' own text (or their hash, with persisted
 * operations on), so only the types are used; test/explore-codegen.test.ts fails when they are stale.
 */
const config: CodegenConfig = {
  schema: at('../../schema/schema.graphql'),
  documents: [at('../../schema/operations/explore/*.graphql')],
  ignoreNoDocuments: false,
  generates: {
    [at('./generated/')]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'gql' },
      config: {
        scalars: { Date: 'string', ID: 'string' },
        strictScalars: true,
        enumType: 'string-literal',
        useTypeImports: true,
        onlyOperationTypes: true,
        documentMode: 'string',
        emitLegacyCommonJSImports: false,
      },
    },
  },
};

export default config;
