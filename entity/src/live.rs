//! Versioned tables: every change moves `version` on by one. Projects, signals, meeting places
//! and organisations are also soft-deleted: a row with `deleted_at` set is gone for every reader.

use sea_orm::{EntityTrait, sea_query::Expr};

/// What the compare-and-increment of a version needs to know of a table.
pub trait Versioned: EntityTrait {
    const ID: Self::Column;
    const VERSION: Self::Column;
    const UPDATED_AT: Self::Column;
    /// The condition a live row meets (`deleted_at IS NULL`); `None` where rows are deleted
    /// for real.
    fn live_condition() -> Option<Expr>;
    fn version(row: &Self::Model) -> i32;
    fn is_deleted(row: &Self::Model) -> bool;
}

/// The live scopes of a soft-deleted table (`Entity::live()`, `Entity::live_by_id(id)`,
/// `Entity::is_live()`), and its [`Versioned`] columns.
macro_rules! soft_deleted {
    () => {
        impl Entity {
            /// `deleted_at IS NULL`: the condition a live row meets.
            pub fn is_live() -> sea_orm::sea_query::Expr {
                Column::DeletedAt.is_null()
            }

            /// Every live row.
            pub fn live() -> Select<Entity> {
                Entity::find().filter(Entity::is_live())
            }

            /// The live row with this id.
            pub fn live_by_id(id: Uuid) -> Select<Entity> {
                Entity::find_by_id(id).filter(Entity::is_live())
            }
        }

        impl $crate::Versioned for Entity {
            const ID: Column = Column::Id;
            const VERSION: Column = Column::Version;
            const UPDATED_AT: Column = Column::UpdatedAt;

            fn live_condition() -> Option<sea_orm::sea_query::Expr> {
                Some(Entity::is_live())
            }

            fn version(row: &Model) -> i32 {
                row.version
            }

            fn is_deleted(row: &Model) -> bool {
                row.deleted_at.is_some()
            }
        }
    };
}

pub(crate) use soft_deleted;
