import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * A consumer's typed client for the contract operations: `npm run codegen` writes typed documents
 * (TypedDocumentNode) for every operation in schema/operations/ into test/client/generated/.
 * test/client.test.ts fails when that folder is stale.
 */
const config: CodegenConfig = {
  schema: at('../../schema/schema.graphql'),
  documents: [at('../../schema/operations/*.graphql')],
  ignoreNoDocuments: false,
  generates: {
    [at('./generated/')]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Date is an ISO calendar date (`2022-02-24`) on the wire; ids are opaque strings.
        scalars: { Date: 'string', ID: 'string' },
        strictScalars: true,
        enumType: 'string-literal',
        useTypeImports: true,
        // Imports with `.js`, as NodeNext module resolution wants them.
        emitLegacyCommonJSImports: false,
      },
    },
  },
};

export default config;
