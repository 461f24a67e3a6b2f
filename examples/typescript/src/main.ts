// A partner app against wijkhub, with Apollo Client 3 and urql: a token from /oauth/token renewed
// before it expires, a query, a mutation through the CONFLICT cycle, a live subscription over
// graphql-ws, and the error codes of every refusal a client meets, checked in both clients.
//
// Settings (environment):
//   WIJKHUB_URL                                   default http://127.0.0.1:8080
//   WIJKHUB_CLIENT_ID, WIJKHUB_CLIENT_SECRET      a partner EDITOR API client
//                                                 (`wijkhub client create --org haag-wonen --role EDITOR --name ts-kit`)
//   WIJKHUB_STAFF_TOKEN                           optional: a city token (`wijkhub token --org programmabureau --role ADMIN`)
//                                                 for the error checks, which send ad-hoc documents
//                                                 that a trusted-documents deployment refuses from partners
//   WIJKHUB_EXPECT_BATCH_LIMIT                    optional: the server's WIJKHUB_LIMITS__BATCH, to check the batch refusal
//   WIJKHUB_EXPECT_RATE_LIMIT=1                   optional: the anonymous budget is tiny, check the 429
//   WIJKHUB_EXPECT_ENFORCED=1                     optional: the server enforces the manifest, check a refusal
//
// One line per check; the exit status is 1 if any failed.

import { readFileSync } from 'node:fs';

import {
  ApolloClient,
  ApolloError,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  gql,
  type DocumentNode,
} from '@apollo/client/core/index.js';
import { BatchHttpLink } from '@apollo/client/link/batch-http/index.js';
import { setContext } from '@apollo/client/link/context/index.js';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';
import { Client as UrqlClient, CombinedError, fetchExchange } from '@urql/core';
import { getOperationAST } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

import {
  ChangesHeadDocument,
  MeDocument,
  MyProjectsDocument,
  ProjectChangesDocument,
  UpdateSummaryDocument,
} from './operations.js';

const URL_BASE = (process.env.WIJKHUB_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const GRAPHQL = `${URL_BASE}/graphql`;
const WS = `${GRAPHQL.replace(/^http/, 'ws')}/ws`;
// What the README tells clients to send: with it, an answer that is not 200 still reaches the
// client as a GraphQL error with its `extensions.code` (Apollo Client 3 does not send it itself).
const ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

let failures = 0;
function check(name: string, ok: boolean, detail = ''): void {
  if (!ok) failures += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// Tokens: client credentials (RFC 6749 §4.4), renewed before they expire.

class TokenSource {
  private token: string | null = null;
  private expiresAt = 0;
  private lifetime = 0;
  minted = 0;

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  /** Renew when less than a fifth of the lifetime (at least 5 s) is left, not after a 401. */
  renewalDueAt(): number {
    return this.expiresAt - Math.max(5_000, this.lifetime / 5);
  }

  async get(): Promise<string> {
    if (this.token === null || Date.now() >= this.renewalDueAt()) {
      const response = await fetch(`${URL_BASE}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: this.clientId,
          client_secret: this.clientSecret,
        }),
      });
      const body = (await response.json()) as {
        access_token?: string;
        expires_in?: number;
        error?: string;
        error_description?: string;
      };
      if (!response.ok || !body.access_token || !body.expires_in) {
        throw new Error(`/oauth/token: ${response.status} ${body.error} ${body.error_description ?? ''}`);
      }
      this.token = body.access_token;
      this.lifetime = body.expires_in * 1000;
      this.expiresAt = Date.now() + this.lifetime;
      this.minted += 1;
    }
    return this.token;
  }
}

// ---------------------------------------------------------------------------------------------
// The manifest codegen wrote: the exact text of each operation, by its SHA-256.

const manifest: Record<string, string> = JSON.parse(
  readFileSync(new URL('./gql/persisted-documents.json', import.meta.url), 'utf8'),
);
const hashByName = new Map<string, string>();
for (const [hash, body] of Object.entries(manifest)) {
  const name = /^(?:query|mutation|subscription)\s+(\w+)/.exec(body)?.[1];
  if (name) hashByName.set(name, hash);
}
function hashOf(document: DocumentNode): string {
  // Apollo hands links a transformed copy of the document, without codegen's `__meta__`; the
  // operation name finds the same entry.
  const name = getOperationAST(document)?.name?.value ?? '';
  const hash = hashByName.get(name);
  if (!hash) throw new Error(`operation ${name} is not in the persisted-documents manifest`);
  return hash;
}

// ---------------------------------------------------------------------------------------------
// Clients.

type Coded = { extensions?: Record<string, unknown> };

/** The codes in a client's error object, each with where it was found. */
function errorCodes(error: unknown): string[] {
  if (error instanceof ApolloError) {
    // Apollo Client 3 turns every answer that is not 200 into a network error (a ServerError),
    // whatever the Accept: the body, codes included, is `networkError.result` (an `onError`
    // link gets those errors as `graphQLErrors`). A 200 answer's errors are `graphQLErrors`.
    const body = (error.networkError as { result?: { errors?: Coded[] } } | null)?.result;
    return [
      ...error.graphQLErrors.map((e) => `${String(e.extensions?.code)} in graphQLErrors`),
      ...(body?.errors ?? []).map((e) => `${String(e.extensions?.code)} in networkError.result.errors`),
    ];
  }
  if (error instanceof CombinedError) {
    return error.graphQLErrors.map((e) => `${String(e.extensions?.code)} in graphQLErrors`);
  }
  return [];
}

function apollo(token: () => Promise<string | null>, options: { persisted?: boolean; batchMax?: number } = {}) {
  const auth = setContext(async (_, { headers }) => {
    const value = await token();
    return { headers: { ...headers, ...(value ? { authorization: `Bearer ${value}` } : {}) } };
  });
  const transport =
    options.batchMax !== undefined
      ? new BatchHttpLink({ uri: GRAPHQL, headers: { accept: ACCEPT }, batchMax: options.batchMax, batchInterval: 20 })
      : new HttpLink({ uri: GRAPHQL, headers: { accept: ACCEPT } });
  // Trusted documents: send only the hash of a manifest operation (APQ's extension).
  const links: ApolloLink[] = [auth];
  if (options.persisted) links.push(createPersistedQueryLink({ generateHash: hashOf }));
  links.push(transport);
  return new ApolloClient({
    link: ApolloLink.from(links),
    cache: new InMemoryCache(),
    defaultOptions: {
      query: { fetchPolicy: 'no-cache', errorPolicy: 'none' },
      mutate: { fetchPolicy: 'no-cache', errorPolicy: 'none' },
    },
  });
}

function urql(token: string | null) {
  return new UrqlClient({
    url: GRAPHQL,
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: {
      headers: { accept: ACCEPT, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The partner flow: query, mutation with the CONFLICT cycle, live subscription.

async function partnerFlow(tokens: TokenSource): Promise<void> {
  const client = apollo(() => tokens.get(), { persisted: true });

  const me = await client.query({ query: MeDocument });
  const organisation = me.data.me?.organisation;
  check('query (trusted document by hash): me', Boolean(organisation?.name), organisation?.name ?? 'no organisation');

  const projects = await client.query({ query: MyProjectsDocument, variables: { org: organisation?.id ?? null } });
  const editable = projects.data.projects.nodes.filter((p) => p.viewerCan.update);
  check('query: my projects, some editable', editable.length > 0, `${projects.data.projects.nodes.length} projects, ${editable.length} editable`);
  const project = editable[0];
  if (!project) return;

  // Subscribe from "now" before writing; the change must arrive over the socket.
  const head = await client.query({ query: ChangesHeadDocument });
  const ws = createWsClient({
    url: WS,
    webSocketImpl: WebSocket,
    // A function, so every (re)connection sends a fresh token.
    connectionParams: async () => ({ Authorization: `Bearer ${await tokens.get()}` }),
    lazy: true,
    retryAttempts: 0,
  });
  const subscriptionText = manifest[hashOf(ProjectChangesDocument)];
  const received = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no change within 30 s')), 30_000);
    const stop = ws.subscribe<{ changes: { entityId: string; operation: string; cursor: string } }>(
      { query: subscriptionText, variables: { after: head.data.changesHead } },
      {
        next: ({ data, errors }) => {
          if (errors) {
            clearTimeout(timer);
            reject(new Error(errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')));
          } else if (data && data.changes.entityId === project.id) {
            clearTimeout(timer);
            stop();
            resolve(data.changes.operation);
          }
        },
        error: (e) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(JSON.stringify(e)));
        },
        complete: () => undefined,
      },
    );
  });
  received.catch(() => undefined); // awaited below; keeps an early rejection from going unhandled

  // The CONFLICT cycle: write once with the version read, then again with that (now stale)
  // version; the server answers CONFLICT with the current version, and the retry succeeds.
  const write = (expectedVersion: number, summary: string) =>
    client.mutate({
      mutation: UpdateSummaryDocument,
      variables: { id: project.id, expectedVersion, summary },
      errorPolicy: 'all',
    });
  const stamp = new Date().toISOString();
  const first = await write(project.version, `${project.summary}\nTypeScript kit ${stamp}`);
  check('mutation with the version read', first.data?.updateProject.version === project.version + 1, `v${project.version} → v${first.data?.updateProject.version}`);
  const stale = await write(project.version, `${project.summary}\nTypeScript kit ${stamp} (stale)`);
  const conflict = stale.errors?.[0];
  const currentVersion = Number(conflict?.extensions?.currentVersion);
  check(
    'mutation with a stale expectedVersion: CONFLICT with currentVersion',
    conflict?.extensions?.code === 'CONFLICT' && currentVersion === project.version + 1,
    `${conflict?.extensions?.code} currentVersion ${currentVersion}`,
  );
  const retried = await write(currentVersion, `${project.summary}\nTypeScript kit ${stamp} (retried)`);
  check('retry with currentVersion succeeds', retried.data?.updateProject.version === currentVersion + 1, `v${retried.data?.updateProject.version}`);

  try {
    const operation = await received;
    check('subscription over graphql-ws receives the change', operation === 'UPDATED', operation);
  } catch (e) {
    check('subscription over graphql-ws receives the change', false, String(e));
  }
  await ws.dispose();

  // Renewal: once the token is due for renewal, the next call mints a new one and works.
  const due = tokens.renewalDueAt() - Date.now();
  if (due > 60_000) {
    console.log(`---- token renewal not waited for: due in ${Math.round(due / 1000)} s`);
    return;
  }
  const before = tokens.minted;
  await new Promise((r) => setTimeout(r, Math.max(0, due) + 100));
  const again = await client.query({ query: MeDocument });
  check('token renewed before it expired, and used', tokens.minted === before + 1 && again.data.me?.organisation?.id === organisation?.id, `${tokens.minted} tokens minted`);
}

// ---------------------------------------------------------------------------------------------
// Refusals: the code must surface in each client's error object.

const TOO_MANY_ALIASES = gql(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: changesHead`).join(' ')} }`);
const DOES_NOT_VALIDATE = gql('{ noSuchField }');
const SIGNED_IN = gql('{ changesHead }');
const PUBLIC = gql('{ stadsdelen(first: 1) { nodes { code } } }');

/** What a client's error object tells: the HTTP status and the codes, with where each was. */
type Seen = { status: number; codes: string[] };

async function apolloCode(client: ApolloClient<unknown>, query: DocumentNode): Promise<Seen> {
  try {
    await client.query({ query });
    return { status: 200, codes: ['(answered)'] };
  } catch (e) {
    const status = (e as ApolloError).networkError as { statusCode?: number } | null;
    return { status: status?.statusCode ?? 200, codes: errorCodes(e) };
  }
}

async function urqlCode(client: UrqlClient, query: DocumentNode): Promise<Seen> {
  const result = await client.query(query, {}).toPromise();
  if (!result.error) return { status: 200, codes: ['(answered)'] };
  const response = result.error.response as { status?: number } | undefined;
  return { status: response?.status ?? 0, codes: errorCodes(result.error) };
}

function expectCode(name: string, seen: Seen, code: string, status: number, where?: string): void {
  const found = seen.codes.some((c) => c.startsWith(`${code} in `) && (!where || c.endsWith(` in ${where}`)));
  check(name, found && seen.status === status, `HTTP ${seen.status}: ${seen.codes.join(', ') || 'no code in the error object'}`);
}

async function errorChecks(staffToken: string | null, partner: TokenSource): Promise<void> {
  const token = staffToken ?? (await partner.get());
  const apolloClient = apollo(async () => token);
  const urqlClient = urql(token);

  for (const [name, query, code] of [
    ['400 QUERY_TOO_COMPLEX (16 aliases)', TOO_MANY_ALIASES, 'QUERY_TOO_COMPLEX'],
    ['400 BAD_USER_INPUT (a document that does not validate)', DOES_NOT_VALIDATE, 'BAD_USER_INPUT'],
  ] as const) {
    expectCode(`apollo: ${name}`, await apolloCode(apolloClient, query), code, 400);
    expectCode(`urql:   ${name}`, await urqlCode(urqlClient, query), code, 400);
  }

  // Without the Accept header (Apollo Client 3's default), a document that never ran is answered
  // with 200, and Apollo shows its code in `graphQLErrors`.
  const defaultAccept = new ApolloClient({
    link: new HttpLink({ uri: GRAPHQL, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'no-cache' } },
  });
  expectCode(
    'apollo: 200 BAD_USER_INPUT (does not validate, Apollo 3 default Accept)',
    await apolloCode(defaultAccept, DOES_NOT_VALIDATE),
    'BAD_USER_INPUT',
    200,
    'graphQLErrors',
  );

  // A syntax error: Apollo parses documents itself, so the broken text is put in by `print`.
  const broken = new ApolloClient({
    link: ApolloLink.from([
      setContext(() => ({ headers: { authorization: `Bearer ${token}` } })),
      new HttpLink({ uri: GRAPHQL, headers: { accept: ACCEPT }, print: () => '{ projects(first: }' }),
    ]),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'no-cache' } },
  });
  expectCode('apollo: 400 BAD_USER_INPUT (a syntax error)', await apolloCode(broken, SIGNED_IN), 'BAD_USER_INPUT', 400);
  const brokenUrql = new UrqlClient({
    url: GRAPHQL,
    exchanges: [fetchExchange],
    fetchOptions: { headers: { accept: ACCEPT, authorization: `Bearer ${token}` } },
    // urql parses too; its `fetch` is where the broken text goes in.
    fetch: (input, init) => fetch(input, { ...init, body: JSON.stringify({ query: '{ projects(first: }' }) }),
  });
  expectCode('urql:   400 BAD_USER_INPUT (a syntax error)', await urqlCode(brokenUrql, SIGNED_IN), 'BAD_USER_INPUT', 400);

  expectCode('apollo: 401 UNAUTHENTICATED (a bad token)', await apolloCode(apollo(async () => 'not-a-token'), SIGNED_IN), 'UNAUTHENTICATED', 401);
  expectCode('urql:   401 UNAUTHENTICATED (a bad token)', await urqlCode(urql('not-a-token'), SIGNED_IN), 'UNAUTHENTICATED', 401);

  if (process.env.WIJKHUB_EXPECT_ENFORCED === '1') {
    // The partner's own token, with a document that is not in the manifest.
    expectCode(
      'urql:   400 FORBIDDEN (a partner document off the trusted list)',
      await urqlCode(urql(await partner.get()), SIGNED_IN),
      'FORBIDDEN',
      400,
    );
  }

  const batchLimit = Number(process.env.WIJKHUB_EXPECT_BATCH_LIMIT ?? 0);
  if (batchLimit > 0) {
    // One batch of limit + 1 operations: all of them are refused with the batch's code.
    const batching = apollo(async () => token, { batchMax: batchLimit + 1 });
    const answers = await Promise.all(
      // Distinct documents: Apollo would merge identical queries in flight into one.
      Array.from({ length: batchLimit + 1 }, (_, i) => apolloCode(batching, gql(`{ c${i}: changesHead }`))),
    );
    check(
      `apollo: 400 QUERY_TOO_COMPLEX (BatchHttpLink, ${batchLimit + 1} operations over a limit of ${batchLimit})`,
      answers.every((a) => a.status === 400 && a.codes.some((c) => c.startsWith('QUERY_TOO_COMPLEX in '))),
      answers.map((a) => `HTTP ${a.status}: ${a.codes.join(', ') || 'no code'}`).join(' | '),
    );
  }

  if (process.env.WIJKHUB_EXPECT_RATE_LIMIT === '1') {
    // Without a token the budget is per address; spend it, then each client must see 429's code.
    const anonymousApollo = apollo(async () => null);
    const anonymousUrql = urql(null);
    let seen: Seen = { status: 0, codes: [] };
    for (let i = 0; i < 20 && seen.status !== 429; i++) seen = await apolloCode(anonymousApollo, PUBLIC);
    expectCode('apollo: 429 RATE_LIMITED (budget spent)', seen, 'RATE_LIMITED', 429);
    expectCode('urql:   429 RATE_LIMITED (budget spent)', await urqlCode(anonymousUrql, PUBLIC), 'RATE_LIMITED', 429);
  }
}

async function main(): Promise<void> {
  const clientId = process.env.WIJKHUB_CLIENT_ID;
  const clientSecret = process.env.WIJKHUB_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    console.error('set WIJKHUB_CLIENT_ID and WIJKHUB_CLIENT_SECRET (wijkhub client create --org haag-wonen --role EDITOR --name ts-kit)');
    process.exit(2);
  }
  const tokens = new TokenSource(clientId, clientSecret);
  await partnerFlow(tokens);
  await errorChecks(process.env.WIJKHUB_STAFF_TOKEN ?? null, tokens);
  console.log(failures === 0 ? 'all checks passed' : `${failures} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => {
  console.log(`FAIL unexpected: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
