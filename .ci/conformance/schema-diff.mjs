// Contract lifecycle check: compares the working tree's schema.graphql with the last release's
// and fails on a breaking change (graphql-inspector's criticality BREAKING).
//
//   node schema-diff.mjs                 # base chosen as below
//   SCHEMA_BASE=<rev> node schema-diff.mjs
//
// Base: schema.graphql of the newest tag `v*` (by version) that HEAD contains, that is the
// previous release; without such a tag, of the first commit that added schema.graphql.
// The base text comes from `git show <rev>:schema.graphql`; nothing is fetched. A shallow clone
// without the base commit fails with a message saying so.
//
// Convention, "deprecated with a date": a field, argument, input field or enum value may be
// removed without a breaking-change failure only when the base schema already deprecated it
// with a reason that contains its removal date as YYYY-MM-DD, and that date is today (UTC) or
// earlier, e.g.
//     oldField: String @deprecated(reason: "Use newField. Removal: 2027-03-01")
// Any other BREAKING change fails. DANGEROUS and safe changes are printed for information.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diff, CriticalityLevel } from '@graphql-inspector/core';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';

const SCHEMA_FILE = 'schema.graphql';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function fail(message) {
  console.error(`schema-diff: ${message}`);
  process.exit(1);
}

function git(...args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function tryGit(...args) {
  try {
    return git(...args);
  } catch {
    return null;
  }
}

// --- the base ---------------------------------------------------------------------------
let base = process.env.SCHEMA_BASE || null;
let baseWhy = 'SCHEMA_BASE';
if (!base) {
  const tag = (tryGit('tag', '--list', 'v*', '--sort=-v:refname', '--merged', 'HEAD') ?? '')
    .split('\n')
    .filter(Boolean)[0];
  if (tag) {
    base = tag;
    baseWhy = 'latest release tag';
  } else {
    const shallow = tryGit('rev-parse', '--is-shallow-repository') === 'true';
    if (shallow) {
      fail(
        'this is a shallow clone and there is no v* tag: the first commit of schema.graphql is unknown. ' +
          'Fetch the full history (git fetch --unshallow) or set SCHEMA_BASE=<rev>.',
      );
    }
    const adds = (tryGit('log', '--diff-filter=A', '--format=%H', '--', SCHEMA_FILE) ?? '')
      .split('\n')
      .filter(Boolean);
    if (adds.length === 0) fail(`no commit adds ${SCHEMA_FILE}; nothing to compare with`);
    base = adds[adds.length - 1];
    baseWhy = `first commit with ${SCHEMA_FILE} (no v* tag yet)`;
  }
}
const baseCommit = tryGit('rev-parse', '--verify', '--quiet', `${base}^{commit}`);
if (!baseCommit) fail(`the base revision ${base} is not in this clone (shallow clone?); nothing was fetched`);
let baseText;
try {
  baseText = git('show', `${baseCommit}:${SCHEMA_FILE}`);
} catch (err) {
  fail(`cannot read ${SCHEMA_FILE} at ${base} (${baseCommit}): ${String(err.stderr || err).trim()}`);
}
const baseSubject = tryGit('log', '-1', '--format=%h %ad %s', '--date=short', baseCommit);
console.log(`schema-diff: base ${base} (${baseWhy}): ${baseSubject}`);

let newText;
try {
  newText = readFileSync(join(root, SCHEMA_FILE), 'utf8');
} catch (err) {
  fail(`cannot read the working tree's ${SCHEMA_FILE}: ${err.message}`);
}

function build(text, label) {
  try {
    return buildSchema(text);
  } catch (err) {
    fail(`${SCHEMA_FILE} of ${label} is not a valid schema: ${err.message}`);
  }
}
const oldSchema = build(baseText, base);
const newSchema = build(newText, 'the working tree');

// --- "deprecated with a date" --------------------------------------------------------------
const today = new Date().toISOString().slice(0, 10);
const DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

/** The latest valid YYYY-MM-DD in a deprecation reason, or null. */
function removalDate(reason) {
  const dates = [...(reason ?? '').matchAll(DATE)]
    .map((m) => m[0])
    .filter((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));
  return dates.sort().at(-1) ?? null;
}

/** The base schema's element at a change path: Type.field, Type.field.arg, Enum.VALUE, Input.field. */
function baseElement(path) {
  const [typeName, member, arg] = (path ?? '').split('.');
  const type = typeName ? oldSchema.getType(typeName) : null;
  if (!type || !member) return null;
  if (isEnumType(type)) return arg ? null : type.getValue(member) ?? null;
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const field = type.getFields()[member];
    if (!field) return null;
    if (!arg) return field;
    return (field.args ?? []).find((a) => a.name === arg) ?? null;
  }
  return null;
}

const REMOVALS = new Set([
  'FIELD_REMOVED',
  'INPUT_FIELD_REMOVED',
  'ENUM_VALUE_REMOVED',
  'FIELD_ARGUMENT_REMOVED',
]);

/** Why a breaking change is allowed (a string), or why not (an object with `refused`). */
function judge(change) {
  if (!REMOVALS.has(change.type)) return { refused: 'not the removal of a field, argument, input field or enum value' };
  const element = baseElement(change.path);
  if (!element) return { refused: 'removed element not found in the base schema' };
  const reason = element.deprecationReason;
  if (reason == null) return { refused: 'was not deprecated in the base' };
  const date = removalDate(reason);
  if (!date) return { refused: `deprecated in the base without a removal date ("${reason}")` };
  if (date > today) return { refused: `deprecated in the base, but its removal date ${date} is after today (${today})` };
  return `deprecated in the base with removal date ${date} ("${reason}")`;
}

// --- the comparison ---------------------------------------------------------------------------
const changes = await diff(oldSchema, newSchema);
const byLevel = (level) => changes.filter((c) => c.criticality.level === level);
const breaking = byLevel(CriticalityLevel.Breaking);
const dangerous = byLevel(CriticalityLevel.Dangerous);
const safe = byLevel(CriticalityLevel.NonBreaking);

const refused = [];
const allowed = [];
for (const change of breaking) {
  const verdict = judge(change);
  if (typeof verdict === 'string') allowed.push({ change, why: verdict });
  else refused.push({ change, why: verdict.refused });
}

const oneLine = (text) => {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
};
const show = (c) => `${c.type} ${c.path ?? ''}: ${oneLine(c.message)}`;
if (safe.length) {
  console.log(`\nSafe changes (${safe.length}):`);
  for (const c of safe) console.log(`  info  ${show(c)}`);
}
if (dangerous.length) {
  console.log(`\nDangerous changes (${dangerous.length}), allowed:`);
  for (const c of dangerous) {
    console.log(`  info  ${show(c)}${c.criticality.reason ? `\n        ${c.criticality.reason}` : ''}`);
  }
}
if (allowed.length) {
  console.log(`\nBreaking changes allowed by "deprecated with a date" (${allowed.length}):`);
  for (const { change, why } of allowed) console.log(`  ok    ${show(change)}\n        ${why}`);
}
if (refused.length) {
  console.log(`\nBreaking changes (${refused.length}):`);
  for (const { change, why } of refused) {
    console.log(`  ERROR ${show(change)}\n        ${why}`);
    if (change.criticality.reason) console.log(`        ${change.criticality.reason}`);
  }
}

// Deprecations in the new schema without a removal date can never be removed under the rule.
const undated = [];
for (const type of Object.values(newSchema.getTypeMap())) {
  if (type.name.startsWith('__')) continue;
  if (isEnumType(type)) {
    for (const v of type.getValues()) if (v.deprecationReason != null && !removalDate(v.deprecationReason)) undated.push(`${type.name}.${v.name}`);
  } else if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const f of Object.values(type.getFields())) {
      if (f.deprecationReason != null && !removalDate(f.deprecationReason)) undated.push(`${type.name}.${f.name}`);
      for (const a of f.args ?? []) {
        if (a.deprecationReason != null && !removalDate(a.deprecationReason)) undated.push(`${type.name}.${f.name}.${a.name}`);
      }
    }
  }
}
if (undated.length) {
  console.log(`\nwarning: deprecated without a removal date YYYY-MM-DD (cannot be removed later): ${undated.join(', ')}`);
}

console.log(
  `\nschema-diff: ${changes.length} change(s) against ${base}: ${refused.length} breaking, ` +
    `${allowed.length} breaking allowed by date, ${dangerous.length} dangerous, ${safe.length} safe`,
);
if (refused.length) {
  console.log(
    'schema-diff: FAILED. Deprecate first, with a removal date in the reason ' +
      '(@deprecated(reason: "… Removal: YYYY-MM-DD")), and remove on or after that date; see CHANGELOG.md.',
  );
  process.exit(1);
}
