import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Inside the server's repository the schema and the contract operations sit two folders up; a copy
// of this folder elsewhere names its schema with SCHEMA: a schema.graphql file, or the server's
// /graphql URL (introspection, which the server answers unless persisted operations are on).
const inRepository = at('../../schema/schema.graphql');
const schema = process.env.SCHEMA ?? (existsSync(inRepository) ? inRepository : 'http://localhost:4000/graphql');
const contractOperations = at('../../schema/operations');

/**
 * A typed client: `npm run codegen` writes typed documents (TypedDocumentNode) for every operation
 * in ./operations/ (and, inside the server's repository, the contract operations of
 * schema/operations/) into ./generated/. The server's test/client.test.ts fails when it is stale.
 */
const config: CodegenConfig = {
  schema,
  documents: [at('./operations/*.graphql'), ...(existsSync(contractOperations) ? [`${contractOperations}/*.graphql`] : [])],
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
