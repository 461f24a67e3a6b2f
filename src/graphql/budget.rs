//! `rateLimit`: the caller's cost budget, so a client can pace itself instead of running into
//! `RATE_LIMITED`.

use std::sync::Arc;

use async_graphql::{Context, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::graphql::{pipeline::admission::Admitted, pipeline::context::request};
use crate::service::rate_limit::{Caller, RateLimiter};

/// A caller's budget of query cost in the current window. Each operation's estimated cost
/// (each object 1, scalars 0, a connection 2 + `first` × one item) is spent from it before
/// the operation runs and reported in the response's `extensions.cost`.
#[derive(SimpleObject)]
pub struct RateLimit {
    /// The budget per window.
    pub limit: u64,
    /// What is left of it after this operation.
    pub remaining: u64,
    /// When the window ends and the full budget is back.
    pub reset_at: DateTime<Utc>,
    /// What this operation cost.
    pub cost: u64,
    /// False when the deployment has rate limiting switched off.
    pub enforced: bool,
}

/// The caller's rate limit.
#[derive(Default)]
pub struct BudgetQuery;

#[Object]
impl BudgetQuery {
    /// Your cost budget as it stands after this operation.
    async fn rate_limit(&self, ctx: &Context<'_>) -> RateLimit {
        let admitted = ctx.data_opt::<Admitted>().copied();
        let cost = admitted.map(|a| a.cost).unwrap_or(0);
        let limiter = ctx.data_opt::<Arc<RateLimiter>>();
        if let Some(budget) = admitted.and_then(|a| a.budget) {
            return RateLimit {
                limit: budget.limit,
                remaining: budget.remaining,
                reset_at: budget.reset_at,
                cost,
                enforced: true,
            };
        }
        // Rate limiting is off: report the budget that would apply, untouched.
        let context = request(ctx);
        let caller = context.caller();
        let limit = limiter.map(|l| l.limit_for(caller)).unwrap_or(0);
        let who = Caller::of(caller, context.origin.ip.as_deref());
        let budget = limiter.map(|l| l.peek(&who, limit, Some(&context.db)));
        RateLimit {
            limit,
            remaining: budget.map(|b| b.remaining).unwrap_or(limit),
            reset_at: budget.map(|b| b.reset_at).unwrap_or_else(Utc::now),
            cost,
            enforced: false,
        }
    }
}
