//! Mutations on signals: reporting (editors), triage and escalation (the city).

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};

use crate::graphql::{
    enums::{SignalStatus, Theme, Urgency},
    ids::parse_id,
    pipeline::context::request,
    pipeline::error::GqlResult,
    signals::Signal,
};
use crate::service::signals::{self as service, SignalReport, StatusChange};

/// A new signal: a situation, never a person.
#[derive(InputObject)]
pub struct ReportSignalInput {
    /// The wijk where it was noticed (CBS code).
    pub wijk_code: String,
    /// The policy theme.
    pub theme: Theme,
    /// Short title, 1–200 characters.
    pub title: String,
    /// What was noticed, 1–5,000 characters.
    pub description: String,
    /// How urgent it is.
    pub urgency: Urgency,
}

/// A signal's next status, with notes.
#[derive(InputObject)]
pub struct UpdateSignalStatusInput {
    /// The new status, by the allowed moves.
    pub status: SignalStatus,
    /// What was done with it (`null` clears it).
    pub follow_up_note: MaybeUndefined<String>,
    /// Notes for the city only (`null` clears them).
    pub internal_notes: MaybeUndefined<String>,
}

impl ReportSignalInput {
    fn into_service(self) -> SignalReport {
        SignalReport {
            wijk_code: self.wijk_code,
            theme: self.theme.into(),
            title: self.title,
            description: self.description,
            urgency: self.urgency.into(),
        }
    }
}

impl UpdateSignalStatusInput {
    fn into_service(self) -> StatusChange {
        StatusChange {
            status: self.status.into(),
            follow_up_note: maybe(self.follow_up_note),
            internal_notes: maybe(self.internal_notes),
        }
    }
}

fn maybe(value: MaybeUndefined<String>) -> Option<Option<String>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v)),
    }
}

#[derive(Default)]
pub struct SignalMutation;

#[Object]
impl SignalMutation {
    /// Reports a signal for your organisation (editors).
    async fn report_signal(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The signal.")] input: ReportSignalInput,
    ) -> GqlResult<Signal> {
        let cx = request(ctx).begin_write()?;
        Ok(Signal(service::report(&cx, input.into_service()).await?))
    }

    /// Moves a signal on: triage, escalation to the political level, closing (city editors).
    async fn update_signal_status(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The signal's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
        #[graphql(desc = "The new status and notes.")] input: UpdateSignalStatusInput,
    ) -> GqlResult<Signal> {
        let cx = request(ctx).begin_write()?;
        let id = parse_id("id", &id)?;
        Ok(Signal(
            service::update_status(&cx, id, expected_version, input.into_service()).await?,
        ))
    }

    /// Links a signal to a project that answers it (city editors).
    async fn link_signal_to_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The signal's id.")] signal_id: ID,
        #[graphql(desc = "The project's id.")] project_id: ID,
        #[graphql(desc = "The signal version you read; when given, a stale one is a CONFLICT.")]
        expected_version: Option<i32>,
    ) -> GqlResult<Signal> {
        let cx = request(ctx).begin_write()?;
        let signal_id = parse_id("signalId", &signal_id)?;
        let project_id = parse_id("projectId", &project_id)?;
        Ok(Signal(
            service::link_to_project(&cx, signal_id, project_id, expected_version).await?,
        ))
    }
}
