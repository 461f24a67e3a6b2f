import type { CodegenConfig } from '@graphql-codegen/cli';

// Types and typed operations for the operations in src/operations.ts, from the schema the
// server serves (schema.graphql at the repository root equals it; a test checks).
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/operations.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        // The custom scalars travel as strings: Date `2026-03-01`, DateTime RFC 3339, Euro
        // a decimal string such as `"1250.00"` (never a float, so no cents are lost).
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Euro: 'string',
        },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: {
        fragmentMasking: false,
        // Writes src/gql/persisted-documents.json: `{ "<hash>": "<document>" }`, the manifest
        // wijkhub takes as WIJKHUB_TRUSTED_DOCUMENTS__MANIFEST. wijkhub keys documents by
        // SHA-256 (APQ's `sha256Hash`); the preset's default is SHA-1, hence the setting.
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
    },
  },
};

export default config;
