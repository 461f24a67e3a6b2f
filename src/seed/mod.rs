//! Loading data: the Hague demo data, and large synthetic data for benchmarks.

pub mod hague;
mod synthetic;

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use entity::{
    ParticipantRole, budget_line, contact_person, contact_person_wijk, effect, effect_assessment,
    evaluation, focus_area, focus_area_wijk, meeting_place, organisation, project,
    project_continuation, project_link, project_meeting_place, project_participant, project_review,
    project_theme, project_wijk, signal, signal_project, stadsdeel, wijk,
};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait,
};
pub use synthetic::synthetic;
use uuid::Uuid;

use crate::db::Db;
use crate::service::write::insert_all;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Database(#[from] DbErr),
    #[error("demo data is inconsistent: {0}")]
    Data(String),
}

/// What `seed --demo` did.
#[derive(Debug, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded {
        projects: usize,
    },
    /// The database already holds organisations: demo data is only loaded into an empty one.
    AlreadyPresent,
}

fn bad(what: &str, value: &str) -> SeedError {
    SeedError::Data(format!("unknown {what} `{value}`"))
}

fn lookup(map: &HashMap<&str, Uuid>, what: &str, key: &str) -> Result<Uuid, SeedError> {
    map.get(key).copied().ok_or_else(|| bad(what, key))
}

/// Loads the Hague demo data into an empty database, in one transaction. Idempotent: a database
/// that already holds organisations is left alone.
pub async fn demo(db: &Db) -> Result<DemoOutcome, SeedError> {
    if organisation::Entity::find().count(db).await? > 0 {
        return Ok(DemoOutcome::AlreadyPresent);
    }
    let txn = db.begin().await?;
    // A fixed clock keeps the demo data the same on every machine.
    let base: DateTime<Utc> = Utc
        .with_ymd_and_hms(2026, 11, 1, 8, 0, 0)
        .single()
        .ok_or_else(|| SeedError::Data("base time".into()))?;

    let mut stadsdelen = HashMap::new();
    let mut rows = Vec::new();
    for s in hague::STADSDELEN.iter() {
        let id = Uuid::now_v7();
        stadsdelen.insert(s.code.as_str(), id);
        rows.push(
            stadsdeel::Model {
                id,
                code: s.code.clone(),
                name: s.name.clone(),
            }
            .into_active_model(),
        );
    }
    insert_all(&txn, rows).await?;

    let mut wijken = HashMap::new();
    let mut rows = Vec::new();
    for w in hague::WIJKEN.iter() {
        let id = Uuid::now_v7();
        wijken.insert(w.code.as_str(), id);
        rows.push(
            wijk::Model {
                id,
                code: w.code.clone(),
                name: w.name.clone(),
                stadsdeel_id: lookup(&stadsdelen, "stadsdeel", &w.stadsdeel)?,
                population: Some(w.population),
                population_date: Some(w.population_date),
            }
            .into_active_model(),
        );
    }
    insert_all(&txn, rows).await?;

    let (mut areas, mut links) = (Vec::new(), Vec::new());
    for a in hague::FOCUS_AREAS.iter() {
        let id = Uuid::now_v7();
        areas.push(
            focus_area::Model {
                id,
                code: a.code.clone(),
                name: a.name.clone(),
                programme: a.programme.clone(),
                starts_on: a.starts_on,
                ends_on: a.ends_on,
            }
            .into_active_model(),
        );
        for w in &a.wijken {
            links.push(
                focus_area_wijk::Model {
                    focus_area_id: id,
                    wijk_id: lookup(&wijken, "wijk", w)?,
                }
                .into_active_model(),
            );
        }
    }
    insert_all(&txn, areas).await?;
    insert_all(&txn, links).await?;

    // Parents come before their children in the data, so one pass resolves every parent.
    let mut orgs = HashMap::new();
    for o in hague::ORGANISATIONS.iter() {
        let id = Uuid::now_v7();
        let parent_id = o
            .parent
            .as_deref()
            .map(|p| lookup(&orgs, "parent organisation", p))
            .transpose()?;
        orgs.insert(o.code.as_str(), id);
        organisation::Model {
            id,
            code: o.code.clone(),
            name: o.name.clone(),
            kind: o.kind,
            partner_type: o.partner_type,
            department_code: o.department_code.clone(),
            parent_id,
            website: o.website.clone(),
            description: Some(o.description.clone()),
            active: true,
            version: 1,
            created_at: base,
            updated_at: base,
            deleted_at: None,
        }
        .into_active_model()
        .insert(&txn)
        .await?;
    }

    let mut contacts = HashMap::new();
    let (mut rows, mut links) = (Vec::new(), Vec::new());
    for c in hague::CONTACT_PERSONS.iter() {
        let id = Uuid::now_v7();
        contacts.insert(c.email.as_str(), id);
        rows.push(
            contact_person::Model {
                id,
                organisation_id: lookup(&orgs, "organisation", &c.organisation)?,
                name: c.name.clone(),
                function: c.function,
                email: c.email.clone(),
                phone: c.phone.clone(),
                version: 1,
                created_at: base,
                updated_at: base,
            }
            .into_active_model(),
        );
        for w in &c.wijken {
            links.push(
                contact_person_wijk::Model {
                    contact_person_id: id,
                    wijk_id: lookup(&wijken, "wijk", w)?,
                }
                .into_active_model(),
            );
        }
    }
    insert_all(&txn, rows).await?;
    insert_all(&txn, links).await?;

    let mut effects = HashMap::new();
    let mut rows = Vec::new();
    for e in hague::EFFECTS.iter() {
        let id = Uuid::now_v7();
        effects.insert(e.code.as_str(), id);
        rows.push(
            effect::Model {
                id,
                code: e.code.clone(),
                name: e.name.clone(),
                description: e.description.clone(),
                sort_order: e.sort_order,
                active: true,
            }
            .into_active_model(),
        );
    }
    insert_all(&txn, rows).await?;

    let mut places = HashMap::new();
    let mut rows = Vec::new();
    for m in hague::MEETING_PLACES.iter() {
        let id = Uuid::now_v7();
        places.insert(m.key.as_str(), id);
        rows.push(
            meeting_place::Model {
                id,
                name: m.name.clone(),
                kind: m.kind,
                street: m.street.clone(),
                house_number: m.house_number.clone(),
                postcode: m.postcode.clone(),
                city: m.city.clone(),
                latitude: Some(m.latitude),
                longitude: Some(m.longitude),
                wijk_id: lookup(&wijken, "wijk", &m.wijk)?,
                operator_organisation_id: m
                    .operator
                    .as_deref()
                    .map(|o| lookup(&orgs, "organisation", o))
                    .transpose()?,
                management: m.management,
                opening_hours_per_week: m.opening_hours_per_week,
                capacity: m.capacity,
                wheelchair_accessible: m.wheelchair_accessible,
                lift: m.lift,
                adapted_toilet: m.adapted_toilet,
                hearing_loop: m.hearing_loop,
                low_stimulus: m.low_stimulus,
                version: 1,
                created_at: base,
                updated_at: base,
                deleted_at: None,
            }
            .into_active_model(),
        );
    }
    insert_all(&txn, rows).await?;

    let projects: HashMap<&str, Uuid> = hague::PROJECTS
        .iter()
        .map(|p| (p.key.as_str(), Uuid::now_v7()))
        .collect();
    for (i, p) in hague::PROJECTS.iter().enumerate() {
        load_project(
            &txn,
            p,
            i,
            base,
            &Refs {
                projects: &projects,
                orgs: &orgs,
                wijken: &wijken,
                places: &places,
                contacts: &contacts,
                effects: &effects,
            },
        )
        .await?;
    }
    let mut links = Vec::new();
    for p in hague::PROJECTS.iter() {
        for l in &p.links {
            links.push(
                project_link::Model {
                    from_project_id: lookup(&projects, "project", &p.key)?,
                    to_project_id: lookup(&projects, "project", &l.to)?,
                    kind: l.kind,
                    created_at: base,
                }
                .into_active_model(),
            );
        }
    }
    insert_all(&txn, links).await?;

    for (i, s) in hague::SIGNALS.iter().enumerate() {
        let id = Uuid::now_v7();
        let reported = s
            .reported_on
            .and_hms_opt(9, 0, 0)
            .map(|t| t.and_utc() + Duration::minutes(i as i64))
            .ok_or_else(|| bad("date", &s.reported_on.to_string()))?;
        signal::Model {
            id,
            wijk_id: lookup(&wijken, "wijk", &s.wijk)?,
            theme: s.theme,
            title: s.title.clone(),
            description: s.description.clone(),
            reporting_organisation_id: lookup(&orgs, "organisation", &s.reporter)?,
            urgency: s.urgency,
            status: s.status,
            follow_up_note: s.follow_up_note.clone(),
            internal_notes: s.internal_notes.clone(),
            version: 1,
            created_at: reported,
            updated_at: reported,
            deleted_at: None,
        }
        .into_active_model()
        .insert(&txn)
        .await?;
        let mut rows = Vec::new();
        for key in &s.projects {
            rows.push(
                signal_project::Model {
                    signal_id: id,
                    project_id: lookup(&projects, "project", key)?,
                }
                .into_active_model(),
            );
        }
        insert_all(&txn, rows).await?;
    }

    txn.commit().await?;
    refresh_statistics(db).await?;
    Ok(DemoOutcome::Loaded {
        projects: hague::PROJECTS.len(),
    })
}

/// Gathers the planner's statistics after a load. PostgreSQL's autovacuum analyses new rows
/// only a minute or more later, and until then plans for empty tables: a wijk page on a fresh
/// load of 10,000 projects took 25.6 ms before `ANALYZE` and 0.8 ms after. SQLite never gathers
/// them by itself.
///
/// On PostgreSQL the load is also vacuumed, which marks its pages all-visible. Until then the
/// planner prices an index-only scan as a heap scan, and at 100,000 projects it planned a wijk
/// page as a scan of every project: 20–40 ms a page instead of 0.1 ms
/// (`bench/results/2026-12-07-100k-round8.md`).
async fn refresh_statistics(db: &Db) -> Result<(), SeedError> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "VACUUM (ANALYZE)",
        _ => "ANALYZE",
    };
    db.execute_unprepared(sql).await?;
    Ok(())
}

struct Refs<'a> {
    projects: &'a HashMap<&'static str, Uuid>,
    orgs: &'a HashMap<&'static str, Uuid>,
    wijken: &'a HashMap<&'static str, Uuid>,
    places: &'a HashMap<&'static str, Uuid>,
    contacts: &'a HashMap<&'static str, Uuid>,
    effects: &'a HashMap<&'static str, Uuid>,
}

async fn load_project<C: ConnectionTrait>(
    db: &C,
    p: &hague::Project,
    index: usize,
    base: DateTime<Utc>,
    refs: &Refs<'_>,
) -> Result<(), SeedError> {
    let id = lookup(refs.projects, "project", &p.key)?;
    let updated = base + Duration::hours(7 * index as i64);
    project::Model {
        id,
        title: p.title.clone(),
        summary: p.summary.clone(),
        phase: p.phase,
        visibility: p.visibility,
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        contact_person_id: p
            .contact
            .as_deref()
            .map(|c| lookup(refs.contacts, "contact", c))
            .transpose()?,
        internal_notes: p.internal_notes.clone(),
        target_groups: serde_json::json!(p.target_groups),
        version: 1,
        created_at: base,
        updated_at: updated,
        deleted_at: None,
    }
    .into_active_model()
    .insert(db)
    .await?;

    let mut themes = Vec::new();
    for t in &p.themes {
        themes.push(
            project_theme::Model {
                project_id: id,
                theme: *t,
            }
            .into_active_model(),
        );
    }
    insert_all(db, themes).await?;
    let mut wijken = Vec::new();
    for w in &p.wijken {
        wijken.push(
            project_wijk::Model {
                project_id: id,
                wijk_id: lookup(refs.wijken, "wijk", w)?,
                // Filled from the project by a database trigger.
                project_updated_at: None,
            }
            .into_active_model(),
        );
    }
    insert_all(db, wijken).await?;
    let mut places = Vec::new();
    for m in &p.meeting_places {
        places.push(
            project_meeting_place::Model {
                project_id: id,
                meeting_place_id: lookup(refs.places, "meeting place", m)?,
            }
            .into_active_model(),
        );
    }
    insert_all(db, places).await?;
    let mut participants = Vec::new();
    for (i, part) in p.participants.iter().enumerate() {
        participants.push(
            project_participant::Model {
                project_id: id,
                organisation_id: lookup(refs.orgs, "organisation", &part.organisation)?,
                role: part.role,
                contribution: Some(part.contribution.clone()),
                created_at: base + Duration::seconds(i as i64),
            }
            .into_active_model(),
        );
    }
    insert_all(db, participants).await?;
    let mut lines = Vec::new();
    for b in &p.budget {
        lines.push(
            budget_line::Model {
                id: Uuid::now_v7(),
                project_id: id,
                year: b.year,
                source: b.source,
                funder_organisation_id: b
                    .funder
                    .as_deref()
                    .map(|f| lookup(refs.orgs, "organisation", f))
                    .transpose()?,
                scheme: b.scheme.clone(),
                amount_cents: b.amount_cents,
                status: b.status,
                created_at: base,
                updated_at: base,
            }
            .into_active_model(),
        );
    }
    insert_all(db, lines).await?;
    let mut assessments = Vec::new();
    for a in &p.assessments {
        assessments.push(
            effect_assessment::Model {
                id: Uuid::now_v7(),
                project_id: id,
                effect_id: lookup(refs.effects, "effect", &a.effect)?,
                expected_score: a.expected,
                observed_score: a.observed,
                evidence: Some(a.evidence.clone()),
                assessed_by_organisation_id: Some(lookup(
                    refs.orgs,
                    "organisation",
                    &a.assessed_by,
                )?),
                assessed_on: a.assessed_on,
                updated_at: base,
            }
            .into_active_model(),
        );
    }
    insert_all(db, assessments).await?;
    if let Some(r) = &p.review {
        project_review::Model {
            project_id: id,
            coherence: r.coherence,
            cooperation: r.cooperation,
            impact: r.impact,
            continuation: r.continuation,
            decision: r.decision,
            explanation: r.explanation.clone(),
            reviewed_on: r.reviewed_on,
            reviewed_by_organisation_id: Some(lookup(
                refs.orgs,
                "organisation",
                "programmabureau",
            )?),
            updated_at: base,
        }
        .into_active_model()
        .insert(db)
        .await?;
    }
    if let Some(c) = &p.continuation {
        project_continuation::Model {
            project_id: id,
            carrier_organisation_id: c
                .carrier
                .as_deref()
                .map(|o| lookup(refs.orgs, "organisation", o))
                .transpose()?,
            funding: c.funding.clone(),
            status: c.status,
            note: Some(c.note.clone()),
            updated_at: base,
        }
        .into_active_model()
        .insert(db)
        .await?;
    }
    let lead = p
        .participants
        .iter()
        .find(|part| part.role == ParticipantRole::Lead)
        .map(|part| lookup(refs.orgs, "organisation", &part.organisation))
        .transpose()?;
    let mut evaluations = Vec::new();
    for e in &p.evaluations {
        evaluations.push(
            evaluation::Model {
                id: Uuid::now_v7(),
                project_id: id,
                kind: e.kind,
                evaluated_on: e.evaluated_on,
                results: e.results.clone(),
                participants_count: e.participants_count,
                activities_count: e.activities_count,
                lessons_learned: e.lessons_learned.clone(),
                is_public: e.is_public,
                author_organisation_id: lead,
                created_at: base,
            }
            .into_active_model(),
        );
    }
    insert_all(db, evaluations).await?;
    Ok(())
}
