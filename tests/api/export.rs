//! Exports: `GET /export/projects` and `/export/signals` as XLSX and CSV, by the same policy as
//! the GraphQL lists.

use std::collections::{BTreeMap, BTreeSet};

use calamine::{Data, Reader, Xlsx};
use entity::project;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};
use uuid::Uuid;
use wijkhub::seed::hague;

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

async fn get(app: &TestApp, token: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("send export request")
}

/// The export's bytes; the answer must be a 200 download of the given media type.
async fn download(app: &TestApp, token: &str, path: &str, media_type: &str) -> Vec<u8> {
    let response = get(app, Some(token), path).await;
    assert_eq!(response.status(), 200, "{path}");
    let headers = response.headers().clone();
    assert!(
        headers[reqwest::header::CONTENT_TYPE]
            .to_str()
            .expect("content type")
            .starts_with(media_type),
        "{path}: {headers:?}"
    );
    let disposition = headers[reqwest::header::CONTENT_DISPOSITION]
        .to_str()
        .expect("disposition")
        .to_owned();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(
        disposition.starts_with("attachment; filename=") && disposition.contains(&today),
        "a dated file name: {disposition}"
    );
    response.bytes().await.expect("body").to_vec()
}

/// The sheet of an XLSX export: header row, then the rows.
fn sheet(bytes: Vec<u8>, name: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an XLSX workbook");
    let range = workbook.worksheet_range(name).expect("the sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn column(rows: &[Vec<Data>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == &Data::String(header.to_owned()))
        .unwrap_or_else(|| panic!("a column `{header}` in {:?}", rows[0]))
}

/// The projects a GraphQL list gives the caller, by id.
async fn listed_projects(app: &TestApp, token: &str) -> BTreeMap<String, Value> {
    let data = app
        .data(
            Some(token),
            "{ projects(first: 200) { totalCount nodes { id title startsOn version
                 internalNotes budget { total } } } }",
            json!({}),
        )
        .await;
    let nodes = data["projects"]["nodes"].as_array().expect("nodes");
    assert_eq!(data["projects"]["totalCount"], json!(nodes.len()));
    nodes
        .iter()
        .map(|n| (n["id"].as_str().expect("id").to_owned(), n.clone()))
        .collect()
}

fn participates(project: &hague::Project, org: &str) -> bool {
    project.participants.iter().any(|p| p.organisation == org)
}

#[tokio::test]
async fn an_xlsx_export_has_the_rows_of_the_list_with_typed_cells() {
    let app = spawn_app().await;
    for (org, role) in [("programmabureau", "ADMIN"), ("haag-wonen", "VIEWER")] {
        let token = app.token(org, role);
        let listed = listed_projects(&app, &token).await;
        let bytes = download(&app, &token, "/export/projects", "application/vnd.openxml").await;
        let rows = sheet(bytes, "projecten");
        assert_eq!(rows[0][0], Data::String("ID".into()), "Dutch headers");
        let (id, title, starts, budget, notes, version) = (
            column(&rows, "ID"),
            column(&rows, "Titel"),
            column(&rows, "Startdatum"),
            column(&rows, "Begroting totaal"),
            column(&rows, "Interne notities"),
            column(&rows, "Versie"),
        );
        let exported: BTreeSet<String> = rows[1..]
            .iter()
            .map(|row| match &row[id] {
                Data::String(id) => id.clone(),
                other => panic!("an id as text, got {other:?}"),
            })
            .collect();
        assert_eq!(rows.len() - 1, exported.len(), "{org}: no row twice");
        assert_eq!(
            exported,
            listed.keys().cloned().collect::<BTreeSet<_>>(),
            "{org}: the export holds the rows the list gives"
        );
        let mut dates = 0;
        let mut amounts = 0;
        for row in &rows[1..] {
            let Data::String(key) = &row[id] else {
                unreachable!()
            };
            let node = &listed[key];
            assert_eq!(
                row[title],
                Data::String(node["title"].as_str().expect("title").into())
            );
            assert_eq!(
                row[version],
                Data::Float(node["version"].as_f64().expect("version"))
            );
            match (&row[starts], node["startsOn"].as_str()) {
                (Data::DateTime(date), Some(day)) => {
                    assert!(date.is_datetime(), "{org}: a date cell");
                    let (y, m, d, ..) = date.to_ymd_hms_milli();
                    assert_eq!(
                        format!("{y:04}-{m:02}-{d:02}"),
                        day,
                        "{org}: start of {key}"
                    );
                    dates += 1;
                }
                (Data::Empty, None) => {}
                (cell, day) => panic!("{org}: start of {key}: {cell:?} for {day:?}"),
            }
            match (&row[budget], node["budget"]["total"].as_str()) {
                (Data::Float(amount), Some(total)) => {
                    assert_eq!(format!("{amount:.2}"), total, "{org}: budget of {key}");
                    amounts += 1;
                }
                (Data::Empty, None) => assert!(node["budget"].is_null()),
                (cell, total) => panic!("{org}: budget of {key}: {cell:?} for {total:?}"),
            }
            match (&row[notes], node["internalNotes"].as_str()) {
                (Data::String(text), Some(expected)) => assert_eq!(text, expected),
                (Data::Empty, None) => {}
                (cell, expected) => panic!("{org}: notes of {key}: {cell:?} for {expected:?}"),
            }
        }
        assert!(
            dates > 0 && amounts > 0,
            "{org}: the test saw dates and amounts"
        );
    }
}

#[tokio::test]
async fn a_partners_export_never_holds_another_partners_internal_project() {
    let app = spawn_app().await;
    let org = "haag-wonen";
    let token = app.token(org, "EDITOR");
    let hidden: Vec<&hague::Project> = hague::PROJECTS
        .iter()
        .filter(|p| p.visibility == "INTERNAL" && !participates(p, org))
        .collect();
    assert!(!hidden.is_empty(), "the demo data has such a project");
    let own_internal = hague::PROJECTS
        .iter()
        .find(|p| p.visibility == "INTERNAL" && participates(p, org))
        .expect("an INTERNAL project of the partner's own");
    let xlsx = download(&app, &token, "/export/projects", "application/vnd").await;
    let rows = sheet(xlsx, "projecten");
    let titles: BTreeSet<String> = rows[1..].iter().map(|row| row[1].to_string()).collect();
    let csv = download(&app, &token, "/export/projects?format=csv", "text/csv").await;
    let text = String::from_utf8(csv).expect("UTF-8");
    for project in &hidden {
        assert!(!titles.contains(&project.title), "XLSX: {}", project.title);
        assert!(!text.contains(&project.title), "CSV: {}", project.title);
    }
    assert!(
        titles.contains(&own_internal.title),
        "its own INTERNAL project is there"
    );
    assert!(text.contains(&own_internal.title));
}

#[tokio::test]
async fn a_csv_export_is_utf8_with_bom_semicolons_and_rfc4180_quoting() {
    let app = spawn_app().await;
    let token = app.token("programmabureau", "ADMIN");
    let awkward = "Taal; café \"De Kroon\"\ntweede regel";
    let target = hague::PROJECTS.first().expect("a project");
    project::Entity::update_many()
        .col_expr(project::Column::Title, Expr::value(awkward))
        .filter(project::Column::Title.eq(target.title.as_str()))
        .exec(&app.state.db)
        .await
        .expect("retitle a project");
    let formula = "=HYPERLINK(\"http://example.org\")";
    let second = hague::PROJECTS.get(1).expect("a second project");
    project::Entity::update_many()
        .col_expr(project::Column::Title, Expr::value(formula))
        .filter(project::Column::Title.eq(second.title.as_str()))
        .exec(&app.state.db)
        .await
        .expect("retitle another project");
    let bytes = download(&app, &token, "/export/projects?format=csv", "text/csv").await;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(
        text.starts_with("ID;Titel;Fase;"),
        "Dutch headers, `;`: {text:.80}"
    );
    assert!(
        text.contains("\"Taal; café \"\"De Kroon\"\"\ntweede regel\""),
        "quoted, quotes doubled, the newline kept inside the quotes"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.expect("a record")[1].to_owned())
        .collect();
    assert!(titles.iter().any(|t| t == awkward), "reads back as written");
    assert!(
        titles.iter().any(|t| *t == format!("'{formula}")),
        "a formula is defused: {titles:?}"
    );
    let listed = listed_projects(&app, &token).await;
    assert_eq!(titles.len(), listed.len(), "one record per project");

    let english = download(
        &app,
        &token,
        "/export/projects?format=csv&lang=en",
        "text/csv",
    )
    .await;
    let english = String::from_utf8(english[3..].to_vec()).expect("UTF-8");
    assert!(english.starts_with("ID;Title;Phase;"), "{english:.80}");
}

#[tokio::test]
async fn a_signals_export_follows_the_signal_rules() {
    let app = spawn_app().await;
    let query =
        "{ signals(first: 200) { nodes { id internalNotes reportingOrganisation { name } } } }";
    for (org, role) in [("programmabureau", "ADMIN"), ("haag-wonen", "EDITOR")] {
        let token = app.token(org, role);
        let data = app.data(Some(&token), query, json!({})).await;
        let listed: BTreeMap<String, Value> = data["signals"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|n| (n["id"].as_str().expect("id").to_owned(), n.clone()))
            .collect();
        let bytes = download(&app, &token, "/export/signals?lang=en", "application/vnd").await;
        let rows = sheet(bytes, "signals");
        let (id, reported, reporter, notes) = (
            column(&rows, "ID"),
            column(&rows, "Reported at"),
            column(&rows, "Reported by"),
            column(&rows, "Internal notes"),
        );
        let exported: BTreeSet<String> = rows[1..].iter().map(|r| r[id].to_string()).collect();
        assert_eq!(
            exported,
            listed.keys().cloned().collect::<BTreeSet<_>>(),
            "{org}"
        );
        for row in &rows[1..] {
            let node = &listed[&row[id].to_string()];
            assert!(
                matches!(row[reported], Data::DateTime(_)),
                "{org}: a date-time cell"
            );
            match node["reportingOrganisation"]["name"].as_str() {
                Some(name) => assert_eq!(row[reporter], Data::String(name.into())),
                None => assert_eq!(row[reporter], Data::Empty),
            }
            match node["internalNotes"].as_str() {
                Some(text) => assert_eq!(row[notes], Data::String(text.into())),
                None => assert_eq!(row[notes], Data::Empty, "{org}: notes hidden"),
            }
        }
    }
}

#[tokio::test]
async fn an_export_needs_a_valid_token() {
    let app = spawn_app().await;
    for path in ["/export/projects", "/export/signals?format=csv"] {
        let response = get(&app, None, path).await;
        assert_eq!(response.status(), 401, "{path} without a token");
        assert!(response.headers().contains_key("www-authenticate"));
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");

        let response = get(&app, Some("not.a.token"), path).await;
        assert_eq!(response.status(), 401, "{path} with a bad token");
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    }
}

#[tokio::test]
async fn bad_filters_are_bad_user_input_with_the_field() {
    let app = spawn_app().await;
    let token = app.token("programmabureau", "ADMIN");
    for (path, field) in [
        ("/export/projects?phase=DREAMING", "phase"),
        ("/export/projects?wijk=XX99", "wijk"),
        ("/export/projects?format=pdf", "format"),
        ("/export/projects?lang=fr", "lang"),
        ("/export/projects?status=NEW", "status"),
        ("/export/signals?urgency=SOMEDAY", "urgency"),
        ("/export/signals?theme=WEATHER", "theme"),
    ] {
        let response = get(&app, Some(&token), path).await;
        assert_eq!(response.status(), 400, "{path}");
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{path}"
        );
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{path}");
    }
}

#[tokio::test]
async fn filters_narrow_the_export_like_the_list() {
    let app = spawn_app().await;
    let token = app.token("programmabureau", "ADMIN");
    let wijk = hague::PROJECTS
        .iter()
        .flat_map(|p| p.wijken.iter())
        .next()
        .expect("a wijk with projects")
        .clone();
    let data = app
        .data(
            Some(&token),
            "query($w: String) { projects(first: 200, filter: { wijkCode: $w, phase: RUNNING }) {
                 nodes { id } } }",
            json!({ "w": wijk }),
        )
        .await;
    let listed: BTreeSet<String> = data["projects"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .collect();
    let bytes = download(
        &app,
        &token,
        &format!("/export/projects?format=csv&wijk={wijk}&phase=running"),
        "text/csv",
    )
    .await;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let exported: BTreeSet<String> = reader
        .records()
        .map(|r| r.expect("record")[0].to_owned())
        .collect();
    assert_eq!(exported, listed);
    assert!(exported.iter().all(|id| Uuid::parse_str(id).is_ok()));
}

#[tokio::test]
async fn an_export_reads_a_fixed_number_of_statements_per_page() {
    let app = spawn_app().await;
    let token = app.token("programmabureau", "ADMIN");
    // Demo data fits one page either way: a page of 5 rows and a page of every project must
    // cost the same, or something is read per row.
    // A first request warms what the server caches once (the token's checks).
    download(&app, &token, "/export/signals?format=csv", "").await;
    let mut costs = Vec::new();
    for path in [
        "/export/projects?format=csv&phase=RUNNING",
        "/export/projects?format=csv",
        "/export/projects",
    ] {
        let before = app.statements();
        download(&app, &token, path, "").await;
        costs.push(app.statements() - before);
    }
    assert!(
        costs.iter().all(|c| *c == costs[0]),
        "statements per export: {costs:?}"
    );
    assert!(costs[0] <= 12, "statements per export: {costs:?}");
}

#[tokio::test]
async fn an_export_spends_the_callers_budget_and_is_audited() {
    let app = spawn_app_with(|settings| settings.rate_limit.viewer = 600).await;
    let token = app.token("haag-wonen", "VIEWER");
    let first = get(&app, Some(&token), "/export/signals?format=csv").await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["x-ratelimit-remaining"], "100");
    first.bytes().await.expect("body");
    let second = get(&app, Some(&token), "/export/projects").await;
    assert_eq!(second.status(), 429, "a second export overspends");
    assert!(second.headers().contains_key("retry-after"));
    let body: Value = second.json().await.expect("JSON");
    assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED");

    let audited = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("exportSignals"))
        .all(&app.state.db)
        .await
        .expect("audit rows");
    assert_eq!(audited.len(), 1, "one audit row for the one export");
    let row = &audited[0];
    assert_eq!(row.actor_organisation_id, Some(app.org_id("haag-wonen")));
    assert_eq!(
        row.details.as_ref().map(|d| d["format"].clone()),
        Some(json!("csv"))
    );
}
