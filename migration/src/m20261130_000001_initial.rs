//! The whole data model of DOMAIN.md in one migration, including the tables later features
//! write to (audit log, change log, API clients, idempotency keys), so the schema is designed once.
//!
//! Closed vocabularies are text with a CHECK constraint rather than native enums: the same DDL
//! works on SQLite and PostgreSQL, and adding a value is a constraint change, not a type migration.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000001_initial"
    }
}

const THEMES: &[&str] = &[
    "HOUSING",
    "WORK",
    "EDUCATION",
    "HEALTH",
    "SAFETY",
    "PARTICIPATION",
    "POVERTY",
    "LIVING_ENVIRONMENT",
    "YOUTH",
    "MEETING",
];
const PHASES: &[&str] = &[
    "IDEA",
    "INTAKE",
    "REVIEWED",
    "APPROVED",
    "RUNNING",
    "PAUSED",
    "COMPLETED",
    "EVALUATED",
    "EMBEDDED",
    "STOPPED",
];
const PARTNER_TYPES: &[&str] = &[
    "HOUSING_CORPORATION",
    "WELFARE_ORGANISATION",
    "HEALTH",
    "EDUCATION",
    "POLICE",
    "LIBRARY",
    "RESIDENTS_ORGANISATION",
    "FUND",
    "NATIONAL_GOVERNMENT",
    "BUSINESS",
    "OTHER",
];
const ROLES: &[&str] = &["ADMIN", "EDITOR", "VIEWER"];

fn id() -> ColumnDef {
    ColumnDef::new("id")
        .uuid()
        .not_null()
        .primary_key()
        .to_owned()
}

fn uuid(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).uuid().not_null().to_owned()
}

fn uuid_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).uuid().null().to_owned()
}

fn text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().not_null().to_owned()
}

fn text_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().null().to_owned()
}

fn code(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .string_len(64)
        .not_null()
        .unique_key()
        .to_owned()
}

fn int(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().to_owned()
}

fn int_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).integer().null().to_owned()
}

fn boolean(name: &'static str, default: bool) -> ColumnDef {
    ColumnDef::new(name)
        .boolean()
        .not_null()
        .default(default)
        .to_owned()
}

fn date(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).date().not_null().to_owned()
}

fn date_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).date().null().to_owned()
}

fn timestamp(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn timestamp_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn in_list(column: &str, values: &[&str]) -> String {
    let list = values
        .iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{column} IN ({list})")
}

/// A closed vocabulary stored as text, kept valid by the database.
fn one_of(name: &'static str, values: &[&str]) -> ColumnDef {
    ColumnDef::new(name)
        .string_len(32)
        .not_null()
        .check(Expr::cust(in_list(name, values)))
        .to_owned()
}

fn one_of_null(name: &'static str, values: &[&str]) -> ColumnDef {
    ColumnDef::new(name)
        .string_len(32)
        .null()
        .check(Expr::cust(format!(
            "{name} IS NULL OR {}",
            in_list(name, values)
        )))
        .to_owned()
}

fn score(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .small_integer()
        .not_null()
        .check(Expr::cust(format!("{name} BETWEEN 0 AND 3")))
        .to_owned()
}

fn score_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .small_integer()
        .null()
        .check(Expr::cust(format!(
            "{name} IS NULL OR {name} BETWEEN 0 AND 3"
        )))
        .to_owned()
}

/// `version`, `created_at`, `updated_at` and `deleted_at` of everything a partner may mirror.
fn versioned(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(
            ColumnDef::new("version")
                .integer()
                .not_null()
                .default(1)
                .check(Expr::cust("version >= 1")),
        )
        .col(timestamp("created_at"))
        .col(timestamp("updated_at"))
        .col(timestamp_null("deleted_at"))
}

fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(on_delete)
        .to_owned()
}

fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", columns.join("_")))
        .table(table);
    for column in columns {
        stmt.col(*column);
    }
    stmt.to_owned()
}

use ForeignKeyAction::{Cascade, Restrict, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        // Partial indexes are not expressible in the builder; this DDL is the same on both backends.
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_project_participant_one_lead \
             ON project_participant (project_id) WHERE role = 'LEAD'",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX ix_project_live_updated ON project (updated_at, id) WHERE deleted_at IS NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables().iter().rev() {
            let name = table
                .get_table_name()
                .cloned()
                .ok_or_else(|| DbErr::Custom("table without a name".into()))?;
            manager
                .drop_table(Table::drop().table(name).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("stadsdeel")
            .col(id())
            .col(code("code"))
            .col(text("name"))
            .to_owned(),
        Table::create()
            .table("wijk")
            .col(id())
            .col(code("code"))
            .col(text("name"))
            .col(uuid("stadsdeel_id"))
            .col(int_null("population").check(Expr::cust("population IS NULL OR population >= 0")))
            .col(date_null("population_date"))
            .foreign_key(&mut fk("wijk", "stadsdeel_id", "stadsdeel", Restrict))
            .to_owned(),
        Table::create()
            .table("focus_area")
            .col(id())
            .col(code("code"))
            .col(text("name"))
            .col(text("programme"))
            .col(date("starts_on"))
            .col(date_null("ends_on"))
            .check(Expr::cust("ends_on IS NULL OR ends_on >= starts_on"))
            .to_owned(),
        Table::create()
            .table("focus_area_wijk")
            .col(uuid("focus_area_id"))
            .col(uuid("wijk_id"))
            .primary_key(Index::create().col("focus_area_id").col("wijk_id"))
            .foreign_key(&mut fk(
                "focus_area_wijk",
                "focus_area_id",
                "focus_area",
                Cascade,
            ))
            .foreign_key(&mut fk("focus_area_wijk", "wijk_id", "wijk", Restrict))
            .to_owned(),
        versioned(
            Table::create()
                .table("organisation")
                .col(id())
                .col(code("code"))
                .col(text("name"))
                .col(one_of("kind", &["CITY_DEPARTMENT", "PARTNER"]))
                .col(one_of_null("partner_type", PARTNER_TYPES))
                .col(ColumnDef::new("department_code").string_len(16).null())
                .col(uuid_null("parent_id"))
                .col(text_null("website"))
                .col(text_null("description"))
                .col(boolean("active", true))
                .check(Expr::cust(
                    "(kind = 'PARTNER' AND partner_type IS NOT NULL AND department_code IS NULL) \
                     OR (kind = 'CITY_DEPARTMENT' AND partner_type IS NULL)",
                ))
                .check(Expr::cust("parent_id IS NULL OR parent_id <> id"))
                .foreign_key(&mut fk(
                    "organisation",
                    "parent_id",
                    "organisation",
                    SetNull,
                )),
        )
        .to_owned(),
        Table::create()
            .table("contact_person")
            .col(id())
            .col(uuid("organisation_id"))
            .col(text("name"))
            .col(one_of(
                "function",
                &[
                    "WIJKMANAGER",
                    "COMMUNITY_WORKER",
                    "YOUTH_WORKER",
                    "NEIGHBOURHOOD_OFFICER",
                    "PROJECT_LEAD",
                    "POLICY_ADVISER",
                    "SITE_MANAGER",
                    "OTHER",
                ],
            ))
            .col(text("email"))
            .col(text_null("phone"))
            .col(
                ColumnDef::new("version")
                    .integer()
                    .not_null()
                    .default(1)
                    .check(Expr::cust("version >= 1")),
            )
            .col(timestamp("created_at"))
            .col(timestamp("updated_at"))
            .foreign_key(&mut fk(
                "contact_person",
                "organisation_id",
                "organisation",
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table("contact_person_wijk")
            .col(uuid("contact_person_id"))
            .col(uuid("wijk_id"))
            .primary_key(Index::create().col("contact_person_id").col("wijk_id"))
            .foreign_key(&mut fk(
                "contact_person_wijk",
                "contact_person_id",
                "contact_person",
                Cascade,
            ))
            .foreign_key(&mut fk("contact_person_wijk", "wijk_id", "wijk", Restrict))
            .to_owned(),
        Table::create()
            .table("effect")
            .col(id())
            .col(code("code"))
            .col(text("name"))
            .col(text("description"))
            .col(int("sort_order"))
            .col(boolean("active", true))
            .to_owned(),
        versioned(
            Table::create()
                .table("meeting_place")
                .col(id())
                .col(text("name"))
                .col(one_of(
                    "kind",
                    &[
                        "COMMUNITY_CENTRE",
                        "NEIGHBOURHOOD_HOUSE",
                        "NEIGHBOURHOOD_ROOM",
                        "LIBRARY",
                        "SCHOOL",
                        "SPORTS",
                        "FAITH",
                        "OUTDOOR",
                        "OTHER",
                    ],
                ))
                .col(text("street"))
                .col(text("house_number"))
                .col(text("postcode"))
                .col(text("city"))
                .col(ColumnDef::new("latitude").double().null().check(Expr::cust(
                    "latitude IS NULL OR latitude BETWEEN -90 AND 90",
                )))
                .col(
                    ColumnDef::new("longitude")
                        .double()
                        .null()
                        .check(Expr::cust(
                            "longitude IS NULL OR longitude BETWEEN -180 AND 180",
                        )),
                )
                .col(uuid("wijk_id"))
                .col(uuid_null("operator_organisation_id"))
                .col(one_of(
                    "management",
                    &[
                        "WELFARE_ORGANISATION",
                        "SELF_MANAGED",
                        "MUNICIPALITY",
                        "HOUSING_CORPORATION",
                        "OTHER",
                    ],
                ))
                .col(int_null("opening_hours_per_week").check(Expr::cust(
                    "opening_hours_per_week IS NULL OR opening_hours_per_week BETWEEN 0 AND 168",
                )))
                .col(int_null("capacity").check(Expr::cust("capacity IS NULL OR capacity >= 0")))
                .col(boolean("wheelchair_accessible", false))
                .col(boolean("lift", false))
                .col(boolean("adapted_toilet", false))
                .col(boolean("hearing_loop", false))
                .col(boolean("low_stimulus", false))
                .foreign_key(&mut fk("meeting_place", "wijk_id", "wijk", Restrict))
                .foreign_key(&mut fk(
                    "meeting_place",
                    "operator_organisation_id",
                    "organisation",
                    SetNull,
                )),
        )
        .to_owned(),
        versioned(
            Table::create()
                .table("project")
                .col(id())
                .col(text("title"))
                .col(text("summary"))
                .col(one_of("phase", PHASES))
                .col(one_of("visibility", &["SHARED", "INTERNAL"]))
                .col(date_null("starts_on"))
                .col(date_null("ends_on"))
                .col(uuid_null("contact_person_id"))
                .col(text_null("internal_notes"))
                .col(ColumnDef::new("target_groups").json().not_null())
                .check(Expr::cust(
                    "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on",
                ))
                .foreign_key(&mut fk(
                    "project",
                    "contact_person_id",
                    "contact_person",
                    SetNull,
                )),
        )
        .to_owned(),
        Table::create()
            .table("project_theme")
            .col(uuid("project_id"))
            .col(one_of("theme", THEMES))
            .primary_key(Index::create().col("project_id").col("theme"))
            .foreign_key(&mut fk("project_theme", "project_id", "project", Cascade))
            .to_owned(),
        Table::create()
            .table("project_wijk")
            .col(uuid("project_id"))
            .col(uuid("wijk_id"))
            .primary_key(Index::create().col("project_id").col("wijk_id"))
            .foreign_key(&mut fk("project_wijk", "project_id", "project", Cascade))
            .foreign_key(&mut fk("project_wijk", "wijk_id", "wijk", Restrict))
            .to_owned(),
        Table::create()
            .table("project_meeting_place")
            .col(uuid("project_id"))
            .col(uuid("meeting_place_id"))
            .primary_key(Index::create().col("project_id").col("meeting_place_id"))
            .foreign_key(&mut fk(
                "project_meeting_place",
                "project_id",
                "project",
                Cascade,
            ))
            .foreign_key(&mut fk(
                "project_meeting_place",
                "meeting_place_id",
                "meeting_place",
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table("project_participant")
            .col(uuid("project_id"))
            .col(uuid("organisation_id"))
            .col(one_of(
                "role",
                &["LEAD", "CONTRIBUTOR", "FUNDER", "ADVISER"],
            ))
            .col(text_null("contribution"))
            .col(timestamp("created_at"))
            .primary_key(Index::create().col("project_id").col("organisation_id"))
            .foreign_key(&mut fk(
                "project_participant",
                "project_id",
                "project",
                Cascade,
            ))
            .foreign_key(&mut fk(
                "project_participant",
                "organisation_id",
                "organisation",
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table("budget_line")
            .col(id())
            .col(uuid("project_id"))
            .col(int("year").check(Expr::cust("year BETWEEN 2000 AND 2100")))
            .col(one_of(
                "source",
                &[
                    "MUNICIPALITY",
                    "HOUSING_CORPORATION",
                    "NATIONAL_GOVERNMENT",
                    "FUND",
                    "OWN_CONTRIBUTION",
                    "OTHER",
                ],
            ))
            .col(uuid_null("funder_organisation_id"))
            .col(text_null("scheme"))
            .col(
                ColumnDef::new("amount_cents")
                    .big_integer()
                    .not_null()
                    .check(Expr::cust("amount_cents >= 0")),
            )
            .col(one_of(
                "status",
                &[
                    "BUDGETED",
                    "REQUESTED",
                    "GRANTED",
                    "ADVANCED",
                    "SETTLED",
                    "REJECTED",
                ],
            ))
            .col(timestamp("created_at"))
            .col(timestamp("updated_at"))
            .foreign_key(&mut fk("budget_line", "project_id", "project", Cascade))
            .foreign_key(&mut fk(
                "budget_line",
                "funder_organisation_id",
                "organisation",
                SetNull,
            ))
            .to_owned(),
        Table::create()
            .table("effect_assessment")
            .col(id())
            .col(uuid("project_id"))
            .col(uuid("effect_id"))
            .col(score("expected_score"))
            .col(score_null("observed_score"))
            .col(text_null("evidence"))
            .col(uuid_null("assessed_by_organisation_id"))
            .col(date("assessed_on"))
            .col(timestamp("updated_at"))
            .foreign_key(&mut fk(
                "effect_assessment",
                "project_id",
                "project",
                Cascade,
            ))
            .foreign_key(&mut fk(
                "effect_assessment",
                "effect_id",
                "effect",
                Restrict,
            ))
            .foreign_key(&mut fk(
                "effect_assessment",
                "assessed_by_organisation_id",
                "organisation",
                SetNull,
            ))
            .to_owned(),
        Table::create()
            .table("project_review")
            .col(ColumnDef::new("project_id").uuid().not_null().primary_key())
            .col(score("coherence"))
            .col(score("cooperation"))
            .col(score("impact"))
            .col(score("continuation"))
            .col(one_of("decision", &["APPROVE", "REJECT", "HOLD"]))
            .col(text("explanation"))
            .col(date("reviewed_on"))
            .col(uuid_null("reviewed_by_organisation_id"))
            .col(timestamp("updated_at"))
            .foreign_key(&mut fk("project_review", "project_id", "project", Cascade))
            .foreign_key(&mut fk(
                "project_review",
                "reviewed_by_organisation_id",
                "organisation",
                SetNull,
            ))
            .to_owned(),
        Table::create()
            .table("project_continuation")
            .col(ColumnDef::new("project_id").uuid().not_null().primary_key())
            .col(uuid_null("carrier_organisation_id"))
            .col(text("funding"))
            .col(one_of(
                "status",
                &["NOT_STARTED", "PREPARING", "SECURED", "NOT_SECURED"],
            ))
            .col(text_null("note"))
            .col(timestamp("updated_at"))
            .foreign_key(&mut fk(
                "project_continuation",
                "project_id",
                "project",
                Cascade,
            ))
            .foreign_key(&mut fk(
                "project_continuation",
                "carrier_organisation_id",
                "organisation",
                SetNull,
            ))
            .to_owned(),
        Table::create()
            .table("project_link")
            .col(uuid("from_project_id"))
            .col(uuid("to_project_id"))
            .col(one_of("kind", &["BUILDS_ON", "COMPLEMENTS", "OVERLAPS"]))
            .col(timestamp("created_at"))
            .primary_key(Index::create().col("from_project_id").col("to_project_id"))
            .check(Expr::cust("from_project_id <> to_project_id"))
            .foreign_key(&mut fk(
                "project_link",
                "from_project_id",
                "project",
                Cascade,
            ))
            .foreign_key(&mut fk("project_link", "to_project_id", "project", Cascade))
            .to_owned(),
        Table::create()
            .table("evaluation")
            .col(id())
            .col(uuid("project_id"))
            .col(one_of("kind", &["MIDTERM", "FINAL", "FOLLOW_UP"]))
            .col(date("evaluated_on"))
            .col(text("results"))
            .col(int_null("participants_count").check(Expr::cust(
                "participants_count IS NULL OR participants_count >= 0",
            )))
            .col(int_null("activities_count").check(Expr::cust(
                "activities_count IS NULL OR activities_count >= 0",
            )))
            .col(text("lessons_learned"))
            .col(boolean("is_public", false))
            .col(uuid_null("author_organisation_id"))
            .col(timestamp("created_at"))
            .foreign_key(&mut fk("evaluation", "project_id", "project", Cascade))
            .foreign_key(&mut fk(
                "evaluation",
                "author_organisation_id",
                "organisation",
                SetNull,
            ))
            .to_owned(),
        versioned(
            Table::create()
                .table("signal")
                .col(id())
                .col(uuid("wijk_id"))
                .col(one_of("theme", THEMES))
                .col(text("title"))
                .col(text("description"))
                .col(uuid("reporting_organisation_id"))
                .col(one_of("urgency", &["LOW", "MEDIUM", "HIGH"]))
                .col(one_of(
                    "status",
                    &[
                        "NEW",
                        "IN_PROGRESS",
                        "ESCALATED",
                        "POLICY_ADJUSTED",
                        "CLOSED",
                        "DISMISSED",
                    ],
                ))
                .col(text_null("follow_up_note"))
                .col(text_null("internal_notes"))
                .foreign_key(&mut fk("signal", "wijk_id", "wijk", Restrict))
                .foreign_key(&mut fk(
                    "signal",
                    "reporting_organisation_id",
                    "organisation",
                    Restrict,
                )),
        )
        .to_owned(),
        Table::create()
            .table("signal_project")
            .col(uuid("signal_id"))
            .col(uuid("project_id"))
            .primary_key(Index::create().col("signal_id").col("project_id"))
            .foreign_key(&mut fk("signal_project", "signal_id", "signal", Cascade))
            .foreign_key(&mut fk("signal_project", "project_id", "project", Cascade))
            .to_owned(),
        Table::create()
            .table("project_external_id")
            .col(uuid("organisation_id"))
            .col(ColumnDef::new("external_id").string_len(200).not_null())
            .col(uuid("project_id"))
            .primary_key(Index::create().col("organisation_id").col("external_id"))
            .foreign_key(&mut fk(
                "project_external_id",
                "organisation_id",
                "organisation",
                Cascade,
            ))
            .foreign_key(&mut fk(
                "project_external_id",
                "project_id",
                "project",
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table("api_client")
            .col(id())
            .col(uuid("organisation_id"))
            .col(text("name"))
            .col(one_of("role", ROLES))
            .col(text("secret_hash"))
            .col(timestamp("created_at"))
            .col(timestamp_null("revoked_at"))
            .col(timestamp_null("last_used_at"))
            .foreign_key(&mut fk(
                "api_client",
                "organisation_id",
                "organisation",
                Restrict,
            ))
            .to_owned(),
        // Append-only, and deliberately without foreign keys: the trace must outlive its objects.
        Table::create()
            .table("audit_log")
            .col(
                ColumnDef::new("id")
                    .big_integer()
                    .not_null()
                    .auto_increment()
                    .primary_key(),
            )
            .col(timestamp("occurred_at"))
            .col(text_null("request_id"))
            .col(text("action"))
            .col(text_null("object_type"))
            .col(uuid_null("object_id"))
            .col(one_of("result", &["SUCCESS", "DENIED", "FAILED"]))
            .col(text_null("actor_subject"))
            .col(uuid_null("actor_organisation_id"))
            .col(text_null("origin_ip"))
            .col(text_null("client"))
            .col(ColumnDef::new("details").json().null())
            .to_owned(),
        Table::create()
            .table("change_log")
            .col(
                ColumnDef::new("id")
                    .big_integer()
                    .not_null()
                    .auto_increment()
                    .primary_key(),
            )
            .col(ColumnDef::new("entity_type").string_len(32).not_null())
            .col(uuid("entity_id"))
            .col(one_of("operation", &["CREATED", "UPDATED", "DELETED"]))
            .col(int("version"))
            .col(timestamp("changed_at"))
            // PostgreSQL transaction id, for a commit-order watermark; NULL on SQLite (one writer).
            .col(ColumnDef::new("tx_id").big_integer().null())
            .to_owned(),
        Table::create()
            .table("idempotency_key")
            .col(ColumnDef::new("scope").string_len(200).not_null())
            .col(ColumnDef::new("key").string_len(200).not_null())
            .col(ColumnDef::new("request_hash").string_len(128).not_null())
            .col(int("response_status"))
            .col(text("response_body"))
            .col(timestamp("created_at"))
            .col(timestamp("expires_at"))
            .primary_key(Index::create().col("scope").col("key"))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("wijk", &["stadsdeel_id"]),
        index("focus_area_wijk", &["wijk_id"]),
        index("organisation", &["kind", "name", "id"]),
        index("organisation", &["parent_id"]),
        index("contact_person", &["organisation_id"]),
        index("contact_person", &["name", "id"]),
        index("contact_person_wijk", &["wijk_id"]),
        index("meeting_place", &["wijk_id"]),
        index("meeting_place", &["operator_organisation_id"]),
        index("meeting_place", &["name", "id"]),
        index("project", &["updated_at", "id"]),
        index("project", &["title", "id"]),
        index("project", &["phase"]),
        index("project", &["contact_person_id"]),
        index("project_theme", &["theme", "project_id"]),
        index("project_wijk", &["wijk_id", "project_id"]),
        index("project_meeting_place", &["meeting_place_id"]),
        index("project_participant", &["organisation_id", "project_id"]),
        index("budget_line", &["project_id", "year"]),
        index("budget_line", &["funder_organisation_id"]),
        Index::create()
            .name("ux_effect_assessment_project_effect")
            .table("effect_assessment")
            .col("project_id")
            .col("effect_id")
            .unique()
            .to_owned(),
        index("effect_assessment", &["effect_id"]),
        index("project_link", &["to_project_id"]),
        index("evaluation", &["project_id", "evaluated_on"]),
        index("signal", &["created_at", "id"]),
        index("signal", &["reporting_organisation_id", "created_at"]),
        index("signal", &["wijk_id"]),
        index("signal_project", &["project_id"]),
        Index::create()
            .name("ux_project_external_id_project")
            .table("project_external_id")
            .col("project_id")
            .col("organisation_id")
            .unique()
            .to_owned(),
        index("api_client", &["organisation_id"]),
        index("audit_log", &["object_type", "object_id", "id"]),
        index("audit_log", &["actor_organisation_id", "occurred_at"]),
        index("change_log", &["entity_type", "id"]),
        index("change_log", &["entity_type", "entity_id", "id"]),
        index("idempotency_key", &["expires_at"]),
    ]
}
