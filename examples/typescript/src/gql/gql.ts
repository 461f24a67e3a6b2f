/* eslint-disable */
import * as types from './graphql';
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
    "\n  query Me {\n    me {\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query MyProjects($org: ID) {\n    projects(first: 20, filter: { organisationId: $org }) {\n      nodes {\n        id\n        title\n        version\n        summary\n        viewerCan {\n          update\n        }\n      }\n    }\n  }\n": typeof types.MyProjectsDocument,
    "\n  mutation UpdateSummary($id: ID!, $expectedVersion: Int!, $summary: String!) {\n    updateProject(id: $id, expectedVersion: $expectedVersion, input: { summary: $summary }) {\n      id\n      version\n      summary\n    }\n  }\n": typeof types.UpdateSummaryDocument,
    "\n  query ChangesHead {\n    changesHead\n  }\n": typeof types.ChangesHeadDocument,
    "\n  subscription ProjectChanges($after: String) {\n    changes(after: $after, entityTypes: [PROJECT]) {\n      cursor\n      entityType\n      entityId\n      operation\n    }\n  }\n": typeof types.ProjectChangesDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query MyProjects($org: ID) {\n    projects(first: 20, filter: { organisationId: $org }) {\n      nodes {\n        id\n        title\n        version\n        summary\n        viewerCan {\n          update\n        }\n      }\n    }\n  }\n": types.MyProjectsDocument,
    "\n  mutation UpdateSummary($id: ID!, $expectedVersion: Int!, $summary: String!) {\n    updateProject(id: $id, expectedVersion: $expectedVersion, input: { summary: $summary }) {\n      id\n      version\n      summary\n    }\n  }\n": types.UpdateSummaryDocument,
    "\n  query ChangesHead {\n    changesHead\n  }\n": types.ChangesHeadDocument,
    "\n  subscription ProjectChanges($after: String) {\n    changes(after: $after, entityTypes: [PROJECT]) {\n      cursor\n      entityType\n      entityId\n      operation\n    }\n  }\n": types.ProjectChangesDocument,
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
export function graphql(source: "\n  query Me {\n    me {\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProjects($org: ID) {\n    projects(first: 20, filter: { organisationId: $org }) {\n      nodes {\n        id\n        title\n        version\n        summary\n        viewerCan {\n          update\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyProjects($org: ID) {\n    projects(first: 20, filter: { organisationId: $org }) {\n      nodes {\n        id\n        title\n        version\n        summary\n        viewerCan {\n          update\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSummary($id: ID!, $expectedVersion: Int!, $summary: String!) {\n    updateProject(id: $id, expectedVersion: $expectedVersion, input: { summary: $summary }) {\n      id\n      version\n      summary\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSummary($id: ID!, $expectedVersion: Int!, $summary: String!) {\n    updateProject(id: $id, expectedVersion: $expectedVersion, input: { summary: $summary }) {\n      id\n      version\n      summary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChangesHead {\n    changesHead\n  }\n"): (typeof documents)["\n  query ChangesHead {\n    changesHead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ProjectChanges($after: String) {\n    changes(after: $after, entityTypes: [PROJECT]) {\n      cursor\n      entityType\n      entityId\n      operation\n    }\n  }\n"): (typeof documents)["\n  subscription ProjectChanges($after: String) {\n    changes(after: $after, entityTypes: [PROJECT]) {\n      cursor\n      entityType\n      entityId\n      operation\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;