//! `viewerCan`: what the caller may do to an object, answered by the policy module, so apps show
//! exactly the buttons that will work.

use async_graphql::{Context, SimpleObject};
use uuid::Uuid;

use crate::graphql::pipeline::context::request;
use crate::policy::{self, Action, Target};

/// What the caller may do to an object owned by one organisation.
#[derive(SimpleObject)]
pub struct WriteRights {
    /// Whether an update would be allowed.
    update: bool,
    /// Whether a delete would be allowed.
    delete: bool,
}

impl WriteRights {
    pub fn of(ctx: &Context<'_>, action: Action, owner: Option<Uuid>) -> Self {
        let allowed = policy::decide(request(ctx).caller(), action, Target::OwnedBy(owner)).allowed;
        Self {
            update: allowed,
            delete: allowed,
        }
    }
}
