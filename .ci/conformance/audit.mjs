// GraphQL-over-HTTP conformance audit of a running server, with the audit suite of the
// `graphql-http` npm package (https://graphql.github.io/graphql-over-http).
//
//   node audit.mjs http://127.0.0.1:8080/graphql
//
// Runs every server audit one after the other, as a signed-in partner when GRAPHQL_TOKEN is set
// (the audits introspect `__type`, which wijkhub answers only to callers with a token) and
// anonymously otherwise, and prints each result: id, status, name. For every audit that did not pass it also
// prints the request(s) the audit sent, why it failed, and the server's status, content type
// and body. Exits 1 when any MUST audit fails; SHOULD and MAY audits are counted and reported,
// never fatal. No audit is skipped.
import { serverAudits } from 'graphql-http';

const url = process.argv[2] ?? process.env.GRAPHQL_URL;
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint URL>');
  process.exit(2);
}

const BODY_LIMIT = 600;
const clip = (text) =>
  text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}… (${text.length} chars)` : text;

// Requests of the audit now running; the audits run one at a time so this is theirs alone.
let sent = [];
const token = process.env.GRAPHQL_TOKEN;
const recordingFetch = async (input, init = {}) => {
  if (token) {
    const withToken = new Headers(init.headers);
    withToken.set('authorization', `Bearer ${token}`);
    init = { ...init, headers: withToken };
  }
  // The headers as they go on the wire: a Request adds `content-type: text/plain;charset=UTF-8`
  // to a string body without one, and fetch adds `accept: */*` when none is set.
  const headers = Object.fromEntries(new Request(input, init).headers.entries());
  if (!('accept' in headers)) headers.accept = '*/* (added by fetch)';
  const record = {
    method: init.method ?? 'GET',
    url: String(input),
    headers,
    body: init.body == null ? null : String(init.body),
    response: null,
  };
  sent.push(record);
  // A hung server must not hang CI.
  const res = await fetch(input, { ...init, signal: AbortSignal.timeout(15_000) });
  // A copy to show later: the audit consumes the original's body.
  record.response = res.clone();
  return res;
};

const level = (name) => name.split(' ', 1)[0]; // MUST | SHOULD | MAY
const counts = {};
const failures = [];

for (const audit of serverAudits({ url, fetchFn: recordingFetch })) {
  sent = [];
  let result;
  try {
    result = await audit.fn();
  } catch (err) {
    // The suite throws only on fatal errors (server unreachable, …): count it as an error.
    result = { id: audit.id, name: audit.name, status: 'error', reason: `audit threw: ${err?.stack ?? err}` };
  }
  const lvl = level(audit.name);
  counts[lvl] ??= { total: 0, ok: 0, warn: 0, notice: 0, error: 0 };
  counts[lvl].total += 1;
  counts[lvl][result.status] += 1;
  console.log(`${result.status.padEnd(6)} ${audit.id}  ${audit.name}`);
  if (result.status !== 'ok') {
    failures.push({ audit, result, requests: sent });
  }
}

if (failures.length > 0) {
  console.log('\n== Details of the audits that did not pass');
}
for (const { audit, result, requests } of failures) {
  console.log(`\n[${result.status}] ${audit.id} ${audit.name}`);
  console.log(`  reason: ${result.reason}`);
  for (const r of requests) {
    console.log(`  sent:   ${r.method} ${r.url}`);
    for (const [k, v] of Object.entries(r.headers)) console.log(`          ${k}: ${v}`);
    if (r.body !== null) console.log(`          body: ${clip(r.body)}`);
    const res = r.response;
    if (res) {
      let body;
      try {
        body = await res.text();
      } catch (err) {
        body = `(unreadable: ${err})`;
      }
      console.log(`  got:    ${res.status} ${res.statusText}`);
      console.log(`          content-type: ${res.headers.get('content-type')}`);
      console.log(`          body: ${clip(body)}`);
    } else {
      console.log('  got:    no response');
    }
  }
}

const line = (lvl) => {
  const c = counts[lvl] ?? { total: 0, ok: 0, warn: 0, notice: 0, error: 0 };
  const notOk = ['warn', 'notice', 'error'].filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  return `${lvl}: ${c.ok} of ${c.total} pass${notOk.length ? `, ${notOk.join(', ')}` : ''}`;
};
console.log('\n== Summary');
for (const lvl of ['MUST', 'SHOULD', 'MAY']) console.log(line(lvl));

const mustFailed = failures.filter(({ audit }) => level(audit.name) === 'MUST');
if (mustFailed.length > 0) {
  console.log(`\nFAILED: ${mustFailed.length} MUST audit(s): ${mustFailed.map(({ audit }) => audit.id).join(', ')}`);
  process.exit(1);
}
console.log('\nAll MUST audits pass.');
