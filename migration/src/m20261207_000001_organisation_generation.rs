//! A count of the changes to the organisation table, kept by the database itself: a trigger
//! adds one for every statement (PostgreSQL) or row (SQLite) that writes it, whoever writes.
//! The server holds the organisations in memory and uses that copy only while its count is the
//! one a statement reads beside its own rows (see `service::organisation_directory`), so the copy
//! follows writes made on any instance, or by hand, at once. The count is one row, so writes to
//! organisations take turns; they are rare.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000001_organisation_generation"
    }
}

const CREATE_TABLE: &str = "CREATE TABLE organisation_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
)";

const POSTGRES_UP: &[&str] = &[
    CREATE_TABLE,
    "INSERT INTO organisation_generation (id, n) VALUES (1, 0)",
    "CREATE FUNCTION organisation_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       UPDATE organisation_generation SET n = n + 1 WHERE id = 1;
       RETURN NULL;
     END
     $$",
    "CREATE TRIGGER organisation_generation_bump
     AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation
     FOR EACH STATEMENT EXECUTE FUNCTION organisation_generation_bump()",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS organisation_generation_bump ON organisation",
    "DROP FUNCTION IF EXISTS organisation_generation_bump()",
    "DROP TABLE IF EXISTS organisation_generation",
];

// SQLite has row triggers only, one per kind of write.
const SQLITE_UP: &[&str] = &[
    CREATE_TABLE,
    "INSERT INTO organisation_generation (id, n) VALUES (1, 0)",
    "CREATE TRIGGER organisation_generation_insert AFTER INSERT ON organisation
     BEGIN UPDATE organisation_generation SET n = n + 1 WHERE id = 1; END",
    "CREATE TRIGGER organisation_generation_update AFTER UPDATE ON organisation
     BEGIN UPDATE organisation_generation SET n = n + 1 WHERE id = 1; END",
    "CREATE TRIGGER organisation_generation_delete AFTER DELETE ON organisation
     BEGIN UPDATE organisation_generation SET n = n + 1 WHERE id = 1; END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS organisation_generation_insert",
    "DROP TRIGGER IF EXISTS organisation_generation_update",
    "DROP TRIGGER IF EXISTS organisation_generation_delete",
    "DROP TABLE IF EXISTS organisation_generation",
];

async fn run(manager: &SchemaManager<'_>, postgres: &[&str], sqlite: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let statements = match db.get_database_backend() {
        DatabaseBackend::Postgres => postgres,
        _ => sqlite,
    };
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, POSTGRES_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, POSTGRES_DOWN, SQLITE_DOWN).await
    }
}
