//! A wijk's projects, most recently updated first, read from one index. A project may run in
//! several wijken, so the order key lives on `project` and the wijk on `project_wijk`; without
//! a copy of the key beside the wijk, the database walks the whole `updated_at` index and checks
//! each project's wijken (a few thousand rows for one page of 20 at 100,000 projects).
//!
//! Triggers keep the copy equal to `project.updated_at`, so no write path can forget it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000003_wijk_order"
    }
}

const POSTGRES_UP: &[&str] = &[
    "CREATE FUNCTION wijkhub_project_wijk_follow() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       UPDATE project_wijk SET project_updated_at = NEW.updated_at WHERE project_id = NEW.id;
       RETURN NULL;
     END $$",
    "CREATE TRIGGER project_wijk_follow AFTER UPDATE OF updated_at ON project
     FOR EACH ROW WHEN (OLD.updated_at IS DISTINCT FROM NEW.updated_at)
     EXECUTE FUNCTION wijkhub_project_wijk_follow()",
    "CREATE FUNCTION wijkhub_project_wijk_fill() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       NEW.project_updated_at := (SELECT updated_at FROM project WHERE id = NEW.project_id);
       RETURN NEW;
     END $$",
    "CREATE TRIGGER project_wijk_fill BEFORE INSERT OR UPDATE OF project_id ON project_wijk
     FOR EACH ROW EXECUTE FUNCTION wijkhub_project_wijk_fill()",
];

const SQLITE_UP: &[&str] = &[
    "CREATE TRIGGER project_wijk_follow AFTER UPDATE OF updated_at ON project
     FOR EACH ROW WHEN OLD.updated_at IS NOT NEW.updated_at
     BEGIN
       UPDATE project_wijk SET project_updated_at = NEW.updated_at WHERE project_id = NEW.id;
     END",
    "CREATE TRIGGER project_wijk_fill AFTER INSERT ON project_wijk
     FOR EACH ROW
     BEGIN
       UPDATE project_wijk SET project_updated_at = (SELECT updated_at FROM project WHERE id = NEW.project_id)
       WHERE project_id = NEW.project_id AND wijk_id = NEW.wijk_id;
     END",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("project_wijk")
                    .add_column(
                        ColumnDef::new("project_updated_at")
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE project_wijk SET project_updated_at = \
             (SELECT updated_at FROM project WHERE project.id = project_wijk.project_id)",
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_project_wijk_wijk_updated")
                    .table("project_wijk")
                    .col("wijk_id")
                    .col("project_updated_at")
                    .col("project_id")
                    .to_owned(),
            )
            .await?;
        let statements = match db.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_UP,
            _ => SQLITE_UP,
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match db.get_database_backend() {
            DatabaseBackend::Postgres => &[
                "DROP TRIGGER IF EXISTS project_wijk_fill ON project_wijk",
                "DROP TRIGGER IF EXISTS project_wijk_follow ON project",
                "DROP FUNCTION IF EXISTS wijkhub_project_wijk_fill()",
                "DROP FUNCTION IF EXISTS wijkhub_project_wijk_follow()",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS project_wijk_fill",
                "DROP TRIGGER IF EXISTS project_wijk_follow",
            ],
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ix_project_wijk_wijk_updated")
                    .table("project_wijk")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("project_wijk")
                    .drop_column("project_updated_at")
                    .to_owned(),
            )
            .await
    }
}
