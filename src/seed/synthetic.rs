//! `seed --synthetic N`: N projects with proportional wijken, organisations and meeting places,
//! shaped like `../shared/bench` (wijk codes `W001`…, three participants per project, a distinct
//! `updated_at` per project), for benchmarks and scaling tests.

use chrono::{Duration, TimeZone, Utc};
use entity::{
    Management, MeetingPlaceKind, OrganisationKind, ParticipantRole, PartnerType, Phase, Theme,
    Visibility, meeting_place, organisation, project, project_participant, project_theme,
    project_wijk, stadsdeel, wijk,
};
use rand::{Rng, SeedableRng, rngs::SmallRng, seq::SliceRandom};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter,
};
use uuid::Uuid;

use super::{SeedError, hague};
use crate::db::Db;
use crate::service::write::insert_all;

#[derive(Debug)]
pub struct SyntheticCounts {
    pub wijken: usize,
    pub organisations: usize,
    pub meeting_places: usize,
    pub projects: usize,
    pub participations: usize,
}

const PHASES: [Phase; 10] = [
    Phase::Idea,
    Phase::Intake,
    Phase::Reviewed,
    Phase::Approved,
    Phase::Running,
    Phase::Paused,
    Phase::Completed,
    Phase::Evaluated,
    Phase::Embedded,
    Phase::Stopped,
];
const THEMES: [Theme; 10] = [
    Theme::Housing,
    Theme::Work,
    Theme::Education,
    Theme::Health,
    Theme::Safety,
    Theme::Participation,
    Theme::Poverty,
    Theme::LivingEnvironment,
    Theme::Youth,
    Theme::Meeting,
];
const PARTNER_TYPES: [PartnerType; 4] = [
    PartnerType::HousingCorporation,
    PartnerType::WelfareOrganisation,
    PartnerType::Education,
    PartnerType::Business,
];

/// Projects per insert round: bounded memory whatever N is.
const CHUNK: usize = 5_000;

/// Inserts `n` rows, the `i`th built by `row(i, id)` around a fresh id, and returns the ids in
/// order, for the rows inserted later to refer to.
async fn insert_numbered<A, C>(
    db: &C,
    n: usize,
    row: impl Fn(usize, Uuid) -> A,
) -> Result<Vec<Uuid>, SeedError>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let ids: Vec<Uuid> = (0..n).map(|_| Uuid::now_v7()).collect();
    insert_all(
        db,
        ids.iter().enumerate().map(|(i, id)| row(i, *id)).collect(),
    )
    .await?;
    Ok(ids)
}

pub async fn synthetic(db: &Db, n: usize) -> Result<SyntheticCounts, SeedError> {
    if wijk::Entity::find()
        .filter(wijk::Column::Code.eq("W001"))
        .count(db)
        .await?
        > 0
    {
        return Err(SeedError::Data(
            "synthetic data is already present; seed a fresh database".into(),
        ));
    }
    // Fixed seed: the same N gives the same shape on every run.
    let mut rng = SmallRng::seed_from_u64(20261130);
    let n_wijken = (n * 120 / 100_000).max(8);
    let n_orgs = (n / 50).max(20);
    let n_places = (n * 3 / 100).max(10);
    let base = Utc
        .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .ok_or_else(|| SeedError::Data("base time".into()))?;

    let txn = db.begin().await?;
    let mut stadsdelen: Vec<Uuid> = stadsdeel::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    if stadsdelen.is_empty() {
        let rows: Vec<_> = hague::STADSDELEN
            .iter()
            .map(|s| {
                let id = Uuid::now_v7();
                stadsdelen.push(id);
                stadsdeel::Model {
                    id,
                    code: s.code.clone(),
                    name: s.name.clone(),
                }
                .into_active_model()
            })
            .collect();
        insert_all(&txn, rows).await?;
    }

    let wijken = insert_numbered(&txn, n_wijken, |i, id| {
        wijk::Model {
            id,
            code: format!("W{:03}", i + 1),
            name: format!("Wijk {}", i + 1),
            stadsdeel_id: stadsdelen[i % stadsdelen.len()],
            population: Some(5_000 + (i as i32 * 37) % 20_000),
            population_date: None,
        }
        .into_active_model()
    })
    .await?;

    let orgs = insert_numbered(&txn, n_orgs, |i, id| {
        let department = i % 20 == 0;
        organisation::Model {
            id,
            code: format!("synthetic-{:05}", i + 1),
            name: format!("Organisatie {}", i + 1),
            kind: if department {
                OrganisationKind::CityDepartment
            } else {
                OrganisationKind::Partner
            },
            partner_type: (!department).then(|| PARTNER_TYPES[i % PARTNER_TYPES.len()]),
            department_code: None,
            parent_id: None,
            website: None,
            description: None,
            active: true,
            version: 1,
            created_at: base,
            updated_at: base,
            deleted_at: None,
        }
        .into_active_model()
    })
    .await?;

    let rows = (0..n_places)
        .map(|i| {
            meeting_place::Model {
                id: Uuid::now_v7(),
                name: format!("Ontmoetingsplek {}", i + 1),
                kind: MeetingPlaceKind::CommunityCentre,
                street: "Voorbeeldstraat".into(),
                house_number: format!("{}", i + 1),
                postcode: "2500 AA".into(),
                city: "Den Haag".into(),
                latitude: None,
                longitude: None,
                wijk_id: wijken[i % wijken.len()],
                operator_organisation_id: Some(orgs[i % orgs.len()]),
                management: Management::WelfareOrganisation,
                opening_hours_per_week: Some(40),
                capacity: Some(80),
                wheelchair_accessible: i % 3 != 0,
                lift: false,
                adapted_toilet: i % 2 == 0,
                hearing_loop: false,
                low_stimulus: false,
                version: 1,
                created_at: base,
                updated_at: base,
                deleted_at: None,
            }
            .into_active_model()
        })
        .collect();
    insert_all(&txn, rows).await?;

    // A permutation of minutes: sync position p has updated_at = base + p minutes, as in the
    // peer benchmark's seed.
    let mut minutes: Vec<i64> = (0..n as i64).collect();
    minutes.shuffle(&mut rng);
    let mut participations = 0;
    for start in (0..n).step_by(CHUNK) {
        let end = (start + CHUNK).min(n);
        let (mut projects, mut themes, mut places, mut parts) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, minute) in minutes.iter().enumerate().take(end).skip(start) {
            let id = Uuid::now_v7();
            let updated = base + Duration::minutes(*minute);
            projects.push(
                project::Model {
                    id,
                    title: format!("Project {}", i + 1),
                    summary: format!("Synthetisch project {} voor benchmarks.", i + 1),
                    phase: PHASES[rng.random_range(0..PHASES.len())],
                    visibility: if rng.random_bool(0.7) {
                        Visibility::Shared
                    } else {
                        Visibility::Internal
                    },
                    starts_on: None,
                    ends_on: None,
                    contact_person_id: None,
                    internal_notes: None,
                    target_groups: serde_json::json!([]),
                    version: 1,
                    created_at: base,
                    updated_at: updated,
                    deleted_at: None,
                }
                .into_active_model(),
            );
            let theme = THEMES[rng.random_range(0..THEMES.len())];
            themes.push(
                project_theme::Model {
                    project_id: id,
                    theme,
                }
                .into_active_model(),
            );
            places.push(
                project_wijk::Model {
                    project_id: id,
                    wijk_id: wijken[rng.random_range(0..wijken.len())],
                    // Filled from the project by a database trigger.
                    project_updated_at: None,
                }
                .into_active_model(),
            );
            let lead = rng.random_range(0..orgs.len());
            let contributor = (lead + 1 + rng.random_range(0..orgs.len() - 1)) % orgs.len();
            // Three distinct organisations: n_orgs >= 20, so skipping the lead once suffices.
            let mut funder = (contributor + 1) % orgs.len();
            if funder == lead {
                funder = (funder + 1) % orgs.len();
            }
            for (k, (org, role)) in [
                (lead, ParticipantRole::Lead),
                (contributor, ParticipantRole::Contributor),
                (funder, ParticipantRole::Funder),
            ]
            .into_iter()
            .enumerate()
            {
                parts.push(
                    project_participant::Model {
                        project_id: id,
                        organisation_id: orgs[org],
                        role,
                        contribution: None,
                        created_at: base + Duration::seconds(k as i64),
                    }
                    .into_active_model(),
                );
            }
        }
        participations += parts.len();
        insert_all(&txn, projects).await?;
        insert_all(&txn, themes).await?;
        insert_all(&txn, places).await?;
        insert_all(&txn, parts).await?;
    }
    txn.commit().await?;
    super::refresh_statistics(db).await?;
    Ok(SyntheticCounts {
        wijken: n_wijken,
        organisations: n_orgs,
        meeting_places: n_places,
        projects: n,
        participations,
    })
}
