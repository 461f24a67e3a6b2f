//! sea-orm entities of wijkhub: one module per table, and the enums stored in them.
//! Pure data: the GraphQL layer has its own types, so a schema change is always deliberate.

pub mod api_client;
pub mod audit_log;
pub mod budget_line;
pub mod change_log;
pub mod client_assertion;
pub mod contact_person;
pub mod contact_person_wijk;
pub mod effect;
pub mod effect_assessment;
pub mod enums;
pub mod evaluation;
pub mod focus_area;
pub mod focus_area_wijk;
pub mod idempotency_key;
mod live;
pub mod meeting_place;
pub mod organisation;
pub mod project;
pub mod project_continuation;
pub mod project_external_id;
pub mod project_link;
pub mod project_meeting_place;
pub mod project_participant;
pub mod project_review;
pub mod project_theme;
pub mod project_wijk;
pub mod rate_limit_lease;
pub mod signal;
pub mod signal_project;
pub mod stadsdeel;
pub mod webhook;
pub mod webhook_delivery;
pub mod wijk;

pub use enums::*;
pub use live::Versioned;
