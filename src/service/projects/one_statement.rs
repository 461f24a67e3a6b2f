//! The everyday update of a project (its own fields: title, summary, phase, visibility, target
//! groups, internal notes) as one statement on PostgreSQL.
//!
//! The general path ([`super::write::update_in`]) takes seven round trips: BEGIN, the project,
//! its participants, the compare-and-increment, the audit record, the change-log row, COMMIT.
//! Here one statement does all of it — the caller's right, the version, the row, the audit
//! record with the changed fields, the change-log row with who read the project before, the
//! idempotency key — and, being one statement, commits or rolls back as a whole. The rules stay where they are: the policy's cases ([`policy::project_cases_allowed`])
//! and the phase moves ([`phase_move_allowed`]) are enumerated into the statement, and input is
//! checked by the same functions as on the general path.
//!
//! When the statement changes nothing (a stale version, a project gone or out of reach, a
//! phase move not allowed) or the input is refused, the general path runs and answers with
//! its own error, in its own order; so does every patch this path does not cover. Only the
//! answers that succeed are taken here.

use entity::{Phase, Visibility, project};
use sea_orm::{
    ConnectionTrait, DbBackend, FromQueryResult, Iterable, Statement, Value as SqlValue,
};
use uuid::Uuid;

use super::{
    access::ENTITY,
    write::{ProjectPatch, phase_move_allowed, target_groups},
};
use crate::{
    error::ApiResult,
    policy::{self, Action},
    service::{
        now,
        validate::{optional_text, text},
        write::WriteContext,
    },
};

/// A project field this path writes: its column, the key the audit uses, and its SQL type.
struct Field {
    column: &'static str,
    audit_key: &'static str,
    json: bool,
}

const fn field(column: &'static str, audit_key: &'static str) -> Field {
    Field {
        column,
        audit_key,
        json: false,
    }
}

/// Binds values in order, handing out their `$n` placeholders.
#[derive(Default)]
struct Binds(Vec<SqlValue>);

impl Binds {
    fn push(&mut self, value: impl Into<SqlValue>) -> String {
        self.0.push(value.into());
        format!("${}", self.0.len())
    }
}

/// `Some(project)` when the update was made here; `None` when the general path must run.
#[tracing::instrument(skip_all, fields(project = %id, expected_version))]
pub(super) async fn try_update(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
    patch: &ProjectPatch,
) -> ApiResult<Option<project::Model>> {
    if cx.db.get_database_backend() != DbBackend::Postgres {
        return Ok(None);
    }
    let Some(statement) = statement(cx, id, expected_version, patch) else {
        return Ok(None);
    };
    let Some(row) = cx.db.query_one_raw(statement).await? else {
        return Ok(None);
    };
    let updated = project::Model::from_query_result(&row, "")?;
    cx.db.changes().committed();
    Ok(Some(updated))
}

/// The statement for `patch`, or `None` when the patch is not one this path covers or its input
/// is refused (the general path then says why).
fn statement(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
    patch: &ProjectPatch,
) -> Option<Statement> {
    let ProjectPatch {
        title,
        summary,
        phase,
        visibility,
        wijk_codes: None,
        themes: None,
        target_groups: groups,
        starts_on: None,
        ends_on: None,
        meeting_place_ids: None,
        contact_person_id: None,
        internal_notes,
    } = patch
    else {
        return None;
    };
    let caller = &cx.writer.caller;
    let cases =
        policy::project_cases_allowed(caller, &[Action::ReadProject, Action::UpdateProject]);
    if cases.is_empty() {
        return None;
    }

    let mut binds = Binds::default();
    let at = now();
    let at_param = binds.push(at);
    let id_param = binds.push(id);
    let version_param = binds.push(expected_version);
    let org_param = binds.push(caller.organisation_id);

    let mut sets: Vec<(Field, String)> = Vec::new();
    if let Some(title) = title {
        let title = text("input.title", title, 1, 200).ok()?;
        sets.push((field("title", "title"), binds.push(title)));
    }
    if let Some(summary) = summary {
        let summary = text("input.summary", summary, 0, 5000).ok()?;
        sets.push((field("summary", "summary"), binds.push(summary)));
    }
    let mut phase_guard = String::new();
    if let Some(to) = *phase {
        // The phases the project may be in for this move, by the domain's rules.
        let from: Vec<&str> = Phase::iter()
            .filter(|&from| {
                phase_move_allowed(from, to)
                    && (from == to
                        || !matches!(to, Phase::Reviewed | Phase::Approved)
                        || caller.is_city())
            })
            .map(Phase::as_str)
            .collect();
        if from.is_empty() {
            return None;
        }
        phase_guard = format!(" AND prev.phase IN ({})", quoted(&from));
        sets.push((field("phase", "phase"), binds.push(to.as_str())));
    }
    if let Some(visibility) = visibility {
        sets.push((
            field("visibility", "visibility"),
            binds.push(visibility.as_str()),
        ));
    }
    if let Some(groups) = groups {
        let groups = target_groups("input.targetGroups", groups).ok()?;
        sets.push((
            Field {
                column: "target_groups",
                audit_key: "targetGroups",
                json: true,
            },
            format!("{}::json", binds.push(groups)),
        ));
    }
    if let Some(notes) = internal_notes {
        if !caller.is_city() {
            return None;
        }
        let notes = optional_text("input.internalNotes", notes.as_deref(), 5000).ok()?;
        sets.push((field("internal_notes", "internalNotes"), binds.push(notes)));
    }

    let cases = cases
        .iter()
        .map(|(visibility, participation)| {
            format!(
                "('{}', '{}')",
                visibility.as_str(),
                participation.map_or("", |p| p.as_str())
            )
        })
        .collect::<Vec<_>>()
        .join(", ");

    // The idempotency key the request holds is locked for the statement, checked and marked
    // applied with the write, as the general path does in its transaction.
    let (held_cte, held_guard, applied_cte) = match &cx.writer.origin.idempotency {
        Some(held) => {
            let key = format!(
                "scope = {} AND key = {} AND claim_id = {}",
                binds.push(held.scope.clone()),
                binds.push(held.key.clone()),
                binds.push(held.claim_id),
            );
            (
                format!("held AS (SELECT 1 FROM idempotency_key WHERE {key} FOR UPDATE), "),
                " AND EXISTS (SELECT 1 FROM held)",
                format!(
                    ", applied AS (UPDATE idempotency_key SET applied_at = {at_param} \
                     WHERE {key} AND EXISTS (SELECT 1 FROM upd))"
                ),
            )
        }
        None => (String::new(), "", String::new()),
    };

    let origin = &cx.writer.origin;
    let request_param = binds.push(origin.request_id.clone());
    let subject_param = binds.push(caller.subject.clone());
    let ip_param = binds.push(origin.ip.clone());
    let client_param = binds.push(origin.client.clone());

    let set_list = sets
        .iter()
        .map(|(f, value)| format!("{} = {value}, ", f.column))
        .collect::<String>();
    let (changed_before, changed_after) = audit_diff(&sets);
    let sql = format!(
        "WITH {held_cte}prev AS (\
            SELECT p.id, p.title, p.summary, p.phase, p.visibility, p.target_groups, \
                   p.internal_notes, \
                   (SELECT pp.role FROM project_participant pp \
                     WHERE pp.project_id = p.id AND pp.organisation_id = {org_param}) AS participation, \
                   (SELECT COALESCE(json_agg(pp.organisation_id), '[]'::json) \
                      FROM project_participant pp WHERE pp.project_id = p.id) AS participants \
              FROM project p \
             WHERE p.id = {id_param} AND p.deleted_at IS NULL AND p.version = {version_param}\
                   {held_guard}), \
         upd AS (\
            UPDATE project AS p SET {set_list}version = p.version + 1, updated_at = {at_param} \
              FROM prev \
             WHERE p.id = prev.id AND p.version = {version_param} AND p.deleted_at IS NULL \
               AND (prev.visibility, COALESCE(prev.participation, '')) IN ({cases}){phase_guard} \
            RETURNING p.*), \
         audit AS (\
            INSERT INTO audit_log (occurred_at, request_id, action, object_type, object_id, result, \
                                   actor_subject, actor_organisation_id, origin_ip, client, details) \
            SELECT {at_param}, {request_param}, 'updateProject', '{ENTITY}', upd.id, 'SUCCESS', \
                   {subject_param}, {org_param}, {ip_param}, {client_param}, \
                   jsonb_build_object('before', {changed_before}, 'after', {changed_after})::json \
              FROM upd, prev), \
         log AS (\
            INSERT INTO change_log (entity_type, entity_id, operation, version, changed_at, readers_before) \
            SELECT '{ENTITY}', upd.id, 'UPDATED', upd.version, {at_param}, \
                   json_build_object('shared', prev.visibility = '{shared}', 'participants', prev.participants) \
              FROM upd, prev)\
         {applied_cte} \
         SELECT upd.* FROM upd",
        shared = Visibility::Shared.as_str(),
    );
    Some(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        binds.0,
    ))
}

/// The audit's `before` and `after`: the fields this update set whose value changed, as the
/// general path's diff records them.
fn audit_diff(sets: &[(Field, String)]) -> (String, String) {
    let side = |row: &str| {
        let mut out = String::from("'{}'::jsonb");
        for (f, _) in sets {
            let (old, new) = if f.json {
                (
                    format!("prev.{}::jsonb", f.column),
                    format!("upd.{}::jsonb", f.column),
                )
            } else {
                (format!("prev.{}", f.column), format!("upd.{}", f.column))
            };
            let value = if row == "prev" { &old } else { &new };
            out.push_str(&format!(
                " || CASE WHEN {old} IS DISTINCT FROM {new} \
                     THEN jsonb_build_object('{}', {value}) ELSE '{{}}'::jsonb END",
                f.audit_key
            ));
        }
        out
    };
    (side("prev"), side("upd"))
}

/// `'A', 'B'`: stored spellings of the domain's vocabularies, never input.
fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(", ")
}
