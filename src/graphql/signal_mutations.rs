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
        let req = request(ctx);
        let writer = req.writer()?;
        let report = SignalReport {
            wijk_code: input.wijk_code,
            theme: input.theme.into(),
            title: input.title,
            description: input.description,
            urgency: input.urgency.into(),
        };
        Ok(Signal(
            service::report(&req.db, &req.gate, &writer, report).await?,
        ))
    }

    /// Moves a signal on: triage, escalation to the political level, closing (city editors).
    async fn update_signal_status(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The signal's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
        #[graphql(desc = "The new status and notes.")] input: UpdateSignalStatusInput,
    ) -> GqlResult<Signal> {
        let req = request(ctx);
        let writer = req.writer()?;
        let signal = service::update_status(
            &req.db,
            &req.gate,
            &writer,
            parse_id("id", &id)?,
            expected_version,
            StatusChange {
                status: input.status.into(),
                follow_up_note: maybe(input.follow_up_note),
                internal_notes: maybe(input.internal_notes),
            },
        )
        .await?;
        Ok(Signal(signal))
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
        let req = request(ctx);
        let writer = req.writer()?;
        let signal = service::link_to_project(
            &req.db,
            &req.gate,
            &writer,
            parse_id("signalId", &signal_id)?,
            parse_id("projectId", &project_id)?,
            expected_version,
        )
        .await?;
        Ok(Signal(signal))
    }
}
