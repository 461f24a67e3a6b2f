// The operations the kit's app runs as a partner. They are the app's trusted documents: codegen
// writes them, byte for byte as sent, into src/gql/persisted-documents.json.
import { graphql } from './gql/index.js';

export const MeDocument = graphql(`
  query Me {
    me {
      organisation {
        id
        name
      }
    }
  }
`);

export const MyProjectsDocument = graphql(`
  query MyProjects($org: ID) {
    projects(first: 20, filter: { organisationId: $org }) {
      nodes {
        id
        title
        version
        summary
        viewerCan {
          update
        }
      }
    }
  }
`);

export const UpdateSummaryDocument = graphql(`
  mutation UpdateSummary($id: ID!, $expectedVersion: Int!, $summary: String!) {
    updateProject(id: $id, expectedVersion: $expectedVersion, input: { summary: $summary }) {
      id
      version
      summary
    }
  }
`);

export const ChangesHeadDocument = graphql(`
  query ChangesHead {
    changesHead
  }
`);

export const ProjectChangesDocument = graphql(`
  subscription ProjectChanges($after: String) {
    changes(after: $after, entityTypes: [PROJECT]) {
      cursor
      entityType
      entityId
      operation
    }
  }
`);
