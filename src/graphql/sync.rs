//! `upsertProjects`, the sync jobs' write path.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};

use crate::graphql::{
    enums::{Phase, Theme, Visibility},
    pipeline::context::request,
    pipeline::error::GqlResult,
    projects::Project,
    scalars::Date,
};
use crate::service::{
    projects::write::ProjectFields,
    sync::{self, UpsertItem, UpsertStatus as Status},
};

/// One project as a partner's own system holds it, keyed by that system's id.
#[derive(InputObject)]
pub struct UpsertProjectInput {
    /// Your own id for the project (unique within your organisation), 1–200 characters.
    pub external_id: String,
    /// Title, 1–200 characters.
    pub title: String,
    /// What the project does and for whom.
    pub summary: String,
    /// CBS codes of the wijken it runs in (at least one).
    pub wijk_codes: Vec<String>,
    /// Policy themes (at least one).
    pub themes: Vec<Theme>,
    /// Who may read it.
    #[graphql(default_with = "Visibility::Shared")]
    pub visibility: Visibility,
    /// The phase (left as it is when not given).
    pub phase: Option<Phase>,
    /// First day.
    pub starts_on: Option<Date>,
    /// Last day.
    pub ends_on: Option<Date>,
    /// Who it is for, in words.
    #[graphql(default)]
    pub target_groups: Vec<String>,
}

impl UpsertProjectInput {
    fn into_service(self) -> UpsertItem {
        UpsertItem {
            external_id: self.external_id,
            fields: ProjectFields {
                title: self.title,
                summary: self.summary,
                wijk_codes: self.wijk_codes,
                themes: self.themes.into_iter().map(Into::into).collect(),
                visibility: self.visibility.into(),
                phase: self.phase.map(Into::into),
                starts_on: self.starts_on.map(|d| d.0),
                ends_on: self.ends_on.map(|d| d.0),
                target_groups: self.target_groups,
            },
        }
    }
}

/// What an item of `upsertProjects` did.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertStatus {
    /// A new project was registered (your organisation leads it).
    Created,
    /// The project was changed.
    Updated,
    /// The project already matched: nothing written, no version bumped.
    Unchanged,
    /// The item was refused; see `error`.
    Error,
}

/// Why an item was refused.
#[derive(SimpleObject)]
pub struct UpsertError {
    /// The error code, as in `extensions.code`.
    code: String,
    /// What was wrong.
    message: String,
    /// The offending field of the item (e.g. `wijkCodes`), for `BAD_USER_INPUT`.
    field: Option<String>,
}

/// The result of one item.
#[derive(SimpleObject)]
pub struct UpsertProjectResult {
    /// The item's external id.
    external_id: String,
    /// What happened.
    status: UpsertStatus,
    /// The project as it now is; null on error.
    project: Option<Project>,
    /// Why the item was refused; null otherwise.
    error: Option<UpsertError>,
}

#[derive(Default)]
pub struct SyncMutation;

#[Object]
impl SyncMutation {
    /// Creates or updates up to 500 projects by your own external ids, each on its own: one
    /// result per item. Sending the same batch again writes nothing.
    async fn upsert_projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The projects.")] input: Vec<UpsertProjectInput>,
    ) -> GqlResult<Vec<UpsertProjectResult>> {
        let cx = request(ctx).begin_write()?;
        let items = input
            .into_iter()
            .map(UpsertProjectInput::into_service)
            .collect();
        let results = sync::upsert_projects(&cx, items).await?;
        Ok(results
            .into_iter()
            .map(|r| UpsertProjectResult {
                external_id: r.external_id,
                status: match r.status {
                    Status::Created => UpsertStatus::Created,
                    Status::Updated => UpsertStatus::Updated,
                    Status::Unchanged => UpsertStatus::Unchanged,
                    Status::Error => UpsertStatus::Error,
                },
                project: r.project.map(Project),
                error: r.error.map(|e| UpsertError {
                    code: e.code().to_string(),
                    field: match &e {
                        crate::error::ApiError::BadInput { field, .. } => {
                            Some(field.trim_start_matches("input.").to_owned())
                        }
                        _ => None,
                    },
                    message: match &e {
                        crate::error::ApiError::Database(_)
                        | crate::error::ApiError::Shared(_)
                        | crate::error::ApiError::Internal(_) => {
                            tracing::error!(error = ?e, "upsert item failed");
                            "internal error".to_owned()
                        }
                        other => other.to_string(),
                    },
                }),
            })
            .collect())
    }
}
