//! A project's budget: one line per year, source and funder.

use entity::{BudgetStatus, FundingSource, budget_line, project};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::access::{begin_part, finish_part};
use crate::{
    error::{ApiError, ApiResult},
    policy::Action,
    service::{
        found, now, organisations::known_organisation, validate::optional_text, write::WriteContext,
    },
};

#[derive(Debug, Clone)]
pub struct BudgetLineInput {
    pub year: i32,
    pub source: FundingSource,
    pub funder_organisation_id: Option<Uuid>,
    pub scheme: Option<String>,
    pub amount_cents: i64,
    pub status: BudgetStatus,
}

#[tracing::instrument(skip_all, fields(project = %project_id, expected_version, line = ?line_id))]
pub async fn set_budget_line(
    cx: &WriteContext<'_>,
    project_id: Uuid,
    expected_version: Option<i32>,
    line_id: Option<Uuid>,
    input: BudgetLineInput,
) -> ApiResult<(project::Model, budget_line::Model)> {
    if !(2000..=2100).contains(&input.year) {
        return Err(ApiError::bad_input(
            "input.year",
            "year must be between 2000 and 2100",
        ));
    }
    if input.amount_cents < 0 {
        return Err(ApiError::bad_input(
            "input.amount",
            "amount must not be negative",
        ));
    }
    if input.amount_cents > 1_000_000_000_000 {
        return Err(ApiError::bad_input(
            "input.amount",
            "amount must be at most 10 billion euros",
        ));
    }
    let scheme = optional_text("input.scheme", input.scheme.as_deref(), 200)?;
    let (write, target) = begin_part(cx, project_id, Action::ManageProject).await?;
    let txn = &write.txn;
    if let Some(funder) = input.funder_organisation_id {
        known_organisation(txn, "input.funderOrganisationId", funder).await?;
    }
    let at = now();
    let line = match line_id {
        Some(id) => {
            let existing = budget_line::Entity::find_by_id(id)
                .filter(budget_line::Column::ProjectId.eq(project_id))
                .one(txn)
                .await?
                .ok_or_else(|| ApiError::bad_input("id", "no such budget line on this project"))?;
            let mut row = existing.into_active_model();
            row.year = Set(input.year);
            row.source = Set(input.source);
            row.funder_organisation_id = Set(input.funder_organisation_id);
            row.scheme = Set(scheme);
            row.amount_cents = Set(input.amount_cents);
            row.status = Set(input.status);
            row.updated_at = Set(at);
            row.update(txn).await?
        }
        None => {
            budget_line::Model {
                id: Uuid::now_v7(),
                project_id,
                year: input.year,
                source: input.source,
                funder_organisation_id: input.funder_organisation_id,
                scheme,
                amount_cents: input.amount_cents,
                status: input.status,
                created_at: at,
                updated_at: at,
            }
            .into_active_model()
            .insert(txn)
            .await?
        }
    };
    let details = json!({ "budgetLine": { "id": line.id, "year": line.year, "source": line.source.as_str(), "amountCents": line.amount_cents, "status": line.status.as_str() } });
    let project = finish_part(write, &target, expected_version, "setBudgetLine", details).await?;
    Ok((project, line))
}

#[tracing::instrument(skip_all, fields(line = %line_id, expected_version))]
pub async fn remove_budget_line(
    cx: &WriteContext<'_>,
    line_id: Uuid,
    expected_version: Option<i32>,
) -> ApiResult<project::Model> {
    let line = found(cx.db, budget_line::Entity::find_by_id(line_id)).await?;
    let (write, target) = begin_part(cx, line.project_id, Action::ManageProject).await?;
    let removed = budget_line::Entity::delete_by_id(line_id)
        .exec(&write.txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(ApiError::NotFound);
    }
    let details =
        json!({ "removedBudgetLine": { "id": line_id, "amountCents": line.amount_cents } });
    finish_part(
        write,
        &target,
        expected_version,
        "removeBudgetLine",
        details,
    )
    .await
}
