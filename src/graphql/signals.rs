//! Signals from the wijken, and their statistics.

use std::collections::BTreeMap;

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::signal;

use crate::graphql::{
    enums::{SignalStatus, Theme, Urgency},
    ids::{parse_id, to_id},
    organisations::{Organisation, load_organisation},
    pipeline::connection::connection,
    pipeline::context::request,
    pipeline::error::GqlResult,
    pipeline::loaders::{ProjectsOfSignal, readable_projects},
    projects::Project,
    reference::{Wijk, load_wijk},
    scalars::count,
};
use crate::{
    policy::{self, Action, ObjectType, Target},
    service::signals::{self as service, SignalFilter},
};

object_over_row!(
    /// Something noticed in a wijk that policy should hear (signaal). Describes situations, never
    /// people.
    Signal(signal::Model)
);

impl Signal {
    /// The signal as the policy sees it: owned by the organisation that reported it.
    fn target(&self) -> Target {
        Target::OwnedBy(Some(self.0.reporting_organisation_id))
    }

    /// Whether the caller may read a field of this signal, by the policy's field rules.
    fn visible(&self, ctx: &Context<'_>, field: &str) -> bool {
        policy::field_visible(
            request(ctx).caller(),
            ObjectType::Signal,
            field,
            self.target(),
        )
    }
}

/// Something noticed in a wijk that policy should hear (signaal). Describes situations, never
/// people.
#[Object]
impl Signal {
    /// Stable identifier.
    pub(crate) async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// The wijk where it was noticed.
    async fn wijk(&self, ctx: &Context<'_>) -> GqlResult<Option<Wijk>> {
        load_wijk(ctx, self.0.wijk_id).await
    }
    /// The policy theme.
    async fn theme(&self) -> Theme {
        self.0.theme.into()
    }
    /// Short title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What was noticed.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Who reported it.
    async fn reporting_organisation(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        if !self.visible(ctx, "reportingOrganisation") {
            return Ok(None);
        }
        load_organisation(ctx, Some(self.0.reporting_organisation_id)).await
    }
    /// How urgent it is.
    async fn urgency(&self) -> Urgency {
        self.0.urgency.into()
    }
    /// Where it is in its handling.
    async fn status(&self) -> SignalStatus {
        self.0.status.into()
    }
    /// What was done with it.
    async fn follow_up_note(&self) -> Option<&str> {
        self.0.follow_up_note.as_deref()
    }
    /// Notes for the city only; null for partners.
    async fn internal_notes(&self, ctx: &Context<'_>) -> Option<&str> {
        self.visible(ctx, "internalNotes")
            .then_some(self.0.internal_notes.as_deref())
            .flatten()
    }
    /// Projects linked to the signal that you may read.
    async fn projects(&self, ctx: &Context<'_>) -> GqlResult<Vec<Project>> {
        // The projects are checked by the read condition (the `ReadableProject` loader).
        if !self.visible(ctx, "projects") {
            return Ok(Vec::new());
        }
        readable_projects(&request(ctx).loader, ProjectsOfSignal(self.0.id)).await
    }
    /// What you may do to this signal, by the same rules the mutations apply.
    async fn viewer_can(&self, ctx: &Context<'_>) -> SignalViewerCan {
        let caller = request(ctx).caller();
        SignalViewerCan {
            change_status: policy::decide(caller, Action::ChangeSignalStatus, Target::None).allowed,
        }
    }
    /// Who changed what and when, newest first.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many entries to return (default 50, at most 500).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return the entries after this cursor.")] after: Option<String>,
    ) -> GqlResult<crate::graphql::history::HistoryConnection> {
        crate::graphql::history::load(
            ctx,
            ObjectType::Signal,
            self.target(),
            self.0.id,
            first,
            after,
        )
        .await
    }
    /// Optimistic-concurrency version: bumped by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When it was reported.
    async fn reported_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

connection!(
    SignalConnection,
    SignalEdge,
    Signal,
    signal::Entity,
    "signals"
);

/// What the caller may do to a signal.
#[derive(SimpleObject)]
pub struct SignalViewerCan {
    /// `updateSignalStatus` and `linkSignalToProject`.
    change_status: bool,
}

/// Narrows `signals` and `signalStatistics`.
#[derive(InputObject, Default)]
pub struct SignalFilterInput {
    /// Only signals from this wijk (CBS code).
    pub wijk_code: Option<String>,
    /// Only signals on this theme.
    pub theme: Option<Theme>,
    /// Only signals with this status.
    pub status: Option<SignalStatus>,
    /// Only signals of this urgency.
    pub urgency: Option<Urgency>,
}

impl From<SignalFilterInput> for SignalFilter {
    fn from(input: SignalFilterInput) -> Self {
        SignalFilter {
            wijk_code: input.wijk_code,
            theme: input.theme.map(Into::into),
            status: input.status.map(Into::into),
            urgency: input.urgency.map(Into::into),
        }
    }
}

/// Number of signals in one wijk.
#[derive(SimpleObject)]
pub struct WijkCount {
    /// The wijk.
    wijk: Wijk,
    /// Number of signals.
    count: i32,
}

/// Number of signals on one theme.
#[derive(SimpleObject)]
pub struct ThemeCount {
    /// The theme.
    pub theme: Theme,
    /// Number of items.
    pub count: i32,
}

/// Number of signals with one status.
#[derive(SimpleObject)]
pub struct StatusCount {
    /// The status.
    pub status: SignalStatus,
    /// Number of signals.
    pub count: i32,
}

/// Counts of signals (all signals, not only the ones you may read: counts reveal no content).
#[derive(SimpleObject)]
pub struct SignalStatistics {
    /// Number of signals in all.
    total: i32,
    /// Per wijk, by wijk code.
    by_wijk: Vec<WijkCount>,
    /// Per theme.
    by_theme: Vec<ThemeCount>,
    /// Per status.
    by_status: Vec<StatusCount>,
}

#[derive(Default)]
pub struct SignalQuery;

#[Object]
impl SignalQuery {
    /// Signals you may read, newest first: all for the city, a partner's own reports for
    /// partners.
    async fn signals(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Narrow the list.")] filter: Option<SignalFilterInput>,
    ) -> GqlResult<SignalConnection> {
        let req = request(ctx);
        SignalConnection::page(first, after, async |page| {
            let filter = filter.unwrap_or_default().into();
            service::list(&req.db, req.caller(), &filter, page).await
        })
        .await
    }

    /// One signal by id; `NOT_FOUND` when it does not exist or you may not read it.
    async fn signal(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The signal's id.")] id: ID,
    ) -> GqlResult<Signal> {
        let req = request(ctx);
        let id = parse_id("id", &id)?;
        Ok(Signal(service::get(&req.db, req.caller(), id).await?))
    }

    /// Counts of signals per wijk, theme and status. Needs a signed-in caller.
    async fn signal_statistics(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Count only these signals.")] filter: Option<SignalFilterInput>,
    ) -> GqlResult<SignalStatistics> {
        let req = request(ctx);
        let filter = filter.unwrap_or_default().into();
        let rows = service::statistics(&req.db, req.caller(), &filter).await?;
        let mut by_wijk: BTreeMap<uuid::Uuid, i64> = BTreeMap::new();
        let mut by_theme: BTreeMap<Theme, i64> = BTreeMap::new();
        let mut by_status: BTreeMap<SignalStatus, i64> = BTreeMap::new();
        let mut total = 0;
        for row in &rows {
            total += row.count;
            *by_wijk.entry(row.wijk_id).or_default() += row.count;
            *by_theme.entry(row.theme.into()).or_default() += row.count;
            *by_status.entry(row.status.into()).or_default() += row.count;
        }
        let mut wijken = service::wijken_by_id(&req.db, by_wijk.keys().copied().collect()).await?;
        wijken.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(SignalStatistics {
            total: count(total),
            by_wijk: wijken
                .into_iter()
                .map(|w| WijkCount {
                    count: count(by_wijk.get(&w.id).copied().unwrap_or_default()),
                    wijk: Wijk(w),
                })
                .collect(),
            by_theme: by_theme
                .into_iter()
                .map(|(theme, n)| ThemeCount {
                    theme,
                    count: count(n),
                })
                .collect(),
            by_status: by_status
                .into_iter()
                .map(|(status, n)| StatusCount {
                    status,
                    count: count(n),
                })
                .collect(),
        })
    }
}
