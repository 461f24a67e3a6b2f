//! `upsertProjects`: the sync jobs' write path. Items are keyed by the caller organisation's own
//! external ids; each item is its own transaction and gets its own result, and an item that
//! matches what is stored writes nothing.

use std::collections::BTreeSet;

use entity::{project, project_external_id, project_theme, project_wijk, wijk};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::{
    found,
    projects::write::{self as project_writes, NewProject, ProjectFields, ProjectPatch},
    validate,
    write::WriteContext,
};
use crate::{
    error::{ApiError, ApiResult},
    policy,
};

/// Items per call: a sync job sends more in several calls.
pub const MAX_ITEMS: usize = 500;

/// A project as a partner's system holds it: only a project's own fields, which an item that
/// matches what is stored must equal.
#[derive(Debug, Clone)]
pub struct UpsertItem {
    pub external_id: String,
    pub fields: ProjectFields,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertStatus {
    Created,
    Updated,
    Unchanged,
    Error,
}

pub struct UpsertResult {
    pub external_id: String,
    pub status: UpsertStatus,
    pub project: Option<project::Model>,
    pub error: Option<ApiError>,
}

#[tracing::instrument(skip_all, fields(items = items.len()))]
pub async fn upsert_projects(
    cx: &WriteContext<'_>,
    items: Vec<UpsertItem>,
) -> ApiResult<Vec<UpsertResult>> {
    if items.len() > MAX_ITEMS {
        return Err(ApiError::bad_input(
            "input",
            format!("at most {MAX_ITEMS} items per call"),
        ));
    }
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        let external_id = item.external_id.clone();
        results.push(match upsert_one(cx, item).await {
            Ok((status, project)) => UpsertResult {
                external_id,
                status,
                project: Some(project),
                error: None,
            },
            Err(error) => UpsertResult {
                external_id,
                status: UpsertStatus::Error,
                project: None,
                error: Some(error),
            },
        });
    }
    Ok(results)
}

async fn upsert_one(
    cx: &WriteContext<'_>,
    item: UpsertItem,
) -> ApiResult<(UpsertStatus, project::Model)> {
    let external_id = validate::text("externalId", &item.external_id, 1, 200)?;
    let org = cx.writer.caller.organisation_id;
    let write = cx.begin().await?;
    let txn = &write.txn;
    let mapped = project_external_id::Entity::find_by_id((org, external_id.clone()))
        .one(txn)
        .await?;
    let Some(mapped) = mapped else {
        let created = project_writes::create_in(
            &write,
            NewProject {
                fields: item.fields,
                meeting_place_ids: Vec::new(),
                contact_person_id: None,
                internal_notes: None,
                lead_organisation_id: None,
            },
        )
        .await?;
        project_external_id::Model {
            organisation_id: org,
            external_id,
            project_id: created.id,
        }
        .into_active_model()
        .insert(txn)
        .await?;
        write.commit().await?;
        return Ok((UpsertStatus::Created, created));
    };
    // Only a project the caller reads now is compared and answered with: a project handed to
    // another organisation (and no longer readable) is not found, before anything is compared,
    // so changed and unchanged items answer alike and reveal nothing of its current values.
    let current = found(
        txn,
        project::Entity::find_by_id(mapped.project_id)
            .filter(policy::project_read_condition(Some(&cx.writer.caller))?),
    )
    .await?;
    let themes: BTreeSet<&str> = project_theme::Entity::find()
        .filter(project_theme::Column::ProjectId.eq(current.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|t| t.theme.as_str())
        .collect();
    let wijk_ids: Vec<Uuid> = project_wijk::Entity::find()
        .filter(project_wijk::Column::ProjectId.eq(current.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|w| w.wijk_id)
        .collect();
    let wijk_codes: BTreeSet<String> = wijk::Entity::find()
        .filter(wijk::Column::Id.is_in(wijk_ids))
        .all(txn)
        .await?
        .into_iter()
        .map(|w| w.code)
        .collect();

    let fields = item.fields;
    let title = fields.title.trim().to_owned();
    let summary = fields.summary.trim().to_owned();
    let groups = json!(
        fields
            .target_groups
            .iter()
            .map(|g| g.trim())
            .collect::<Vec<_>>()
    );
    let wanted_themes: BTreeSet<&str> = fields.themes.iter().map(|t| t.as_str()).collect();
    let wanted_wijken: BTreeSet<String> = fields.wijk_codes.iter().cloned().collect();
    let mut patch = ProjectPatch::default();
    let mut changed = false;
    if title != current.title {
        patch.title = Some(fields.title.clone());
        changed = true;
    }
    if summary != current.summary {
        patch.summary = Some(fields.summary.clone());
        changed = true;
    }
    if fields.visibility != current.visibility {
        patch.visibility = Some(fields.visibility);
        changed = true;
    }
    if let Some(phase) = fields.phase.filter(|p| *p != current.phase) {
        patch.phase = Some(phase);
        changed = true;
    }
    if fields.starts_on != current.starts_on {
        patch.starts_on = Some(fields.starts_on);
        changed = true;
    }
    if fields.ends_on != current.ends_on {
        patch.ends_on = Some(fields.ends_on);
        changed = true;
    }
    if groups != current.target_groups {
        patch.target_groups = Some(fields.target_groups.clone());
        changed = true;
    }
    if wanted_themes != themes {
        patch.themes = Some(fields.themes.clone());
        changed = true;
    }
    if wanted_wijken != wijk_codes {
        patch.wijk_codes = Some(fields.wijk_codes.clone());
        changed = true;
    }
    if !changed {
        // Dropping the write rolls back a transaction that wrote nothing.
        return Ok((UpsertStatus::Unchanged, current));
    }
    let updated = project_writes::update_in(&write, current.id, current.version, patch).await?;
    write.commit().await?;
    Ok((UpsertStatus::Updated, updated))
}
