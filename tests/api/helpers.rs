//! Shared test plumbing: a real server on a free port over a fresh database per test.
//!
//! SQLite by default (a copy of a migrated, demo-seeded template file); PostgreSQL when
//! `WIJKHUB_TEST_DATABASE_URL` points at a server (a database cloned per test from a template
//! database, as crates.io does), dropped again when the test ends.

use std::{collections::HashMap, path::PathBuf, time::Duration};

use entity::{Role, organisation};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::{Value, json};
use tokio::sync::OnceCell;
use uuid::Uuid;
use wijkhub::{
    config::Settings,
    db,
    http::{self, AppState},
    seed,
};

pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    pub state: AppState,
    pub client: reqwest::Client,
    /// The test's own database, for a second server process on it.
    pub database_url: String,
    orgs: HashMap<String, Uuid>,
    cleanup: Cleanup,
}

/// Another server process on the test's database.
pub struct OtherServer {
    pub address: String,
    pub client: reqwest::Client,
}

enum Cleanup {
    File(PathBuf),
    Postgres { admin_url: String, name: String },
}

static TEMPLATE: OnceCell<String> = OnceCell::const_new();

fn postgres_admin_url() -> Option<String> {
    std::env::var("WIJKHUB_TEST_DATABASE_URL")
        .ok()
        .filter(|url| url.starts_with("postgres"))
}

/// Replaces the database name at the end of a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let base = match base.rfind('/') {
        Some(slash) if slash > "postgres://".len() => &base[..slash],
        _ => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Migrates and seeds one template per test process; every test starts from a copy of it.
async fn template() -> String {
    TEMPLATE
        .get_or_init(|| async {
            let unique = Uuid::now_v7().simple().to_string();
            if let Some(admin) = postgres_admin_url() {
                let name = format!("wijkhub_tpl_{unique}");
                let admin_db = db::connect(&admin, 1).await.expect("connect to PostgreSQL");
                admin_db
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create template database");
                admin_db.close().await.ok();
                let url = with_database(&admin, &name);
                let tpl = db::connect(&url, 1).await.expect("connect to template");
                db::migrate(&tpl).await.expect("migrate template");
                seed::demo(&tpl).await.expect("seed template");
                tpl.close().await.ok();
                name
            } else {
                let path = std::env::temp_dir().join(format!("wijkhub-tpl-{unique}.db"));
                let url = format!("sqlite://{}?mode=rwc", path.display());
                let tpl = db::connect(&url, 1).await.expect("open template");
                db::migrate(&tpl).await.expect("migrate template");
                seed::demo(&tpl).await.expect("seed template");
                // Fold the WAL into the main file so a plain copy carries everything.
                tpl.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                    .await
                    .expect("checkpoint");
                tpl.close().await.ok();
                path.display().to_string()
            }
        })
        .await
        .clone()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A server with settings of the test's own (say, public keys for tokens).
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    // Server logs go to the test's captured output: shown when a test fails.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("warn"))
        .with_test_writer()
        .try_init();
    let template = template().await;
    let unique = Uuid::now_v7().simple().to_string();
    let (database_url, cleanup) = if let Some(admin) = postgres_admin_url() {
        let name = format!("wijkhub_t_{unique}");
        let admin_db = db::connect(&admin, 1).await.expect("connect to PostgreSQL");
        admin_db
            .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .await
            .expect("clone template database");
        admin_db.close().await.ok();
        (
            with_database(&admin, &name),
            Cleanup::Postgres {
                admin_url: admin,
                name,
            },
        )
    } else {
        let path = std::env::temp_dir().join(format!("wijkhub-test-{unique}.db"));
        std::fs::copy(&template, &path).expect("copy template database");
        (format!("sqlite://{}", path.display()), Cleanup::File(path))
    };
    let mut settings = Settings {
        database_url,
        database_max_connections: 4,
        listen: "127.0.0.1:0".parse().expect("address"),
        ..Settings::default()
    };
    configure(&mut settings);
    let database_url = settings.database_url.clone();
    let state = AppState::new(settings).await.expect("start app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let address = format!("http://{}", listener.local_addr().expect("local address"));
    let orgs = organisation::Entity::find()
        .all(&state.db)
        .await
        .expect("list organisations")
        .into_iter()
        .map(|o| (o.code, o.id))
        .collect();
    serve(listener, state.clone());
    TestApp {
        address,
        state,
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("http client"),
        database_url,
        orgs,
        cleanup,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime: use a thread with a runtime of its own.
                let _ = std::thread::spawn(move || {
                    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    runtime.block_on(async {
                        if let Ok(admin) = db::connect(&admin_url, 1).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .await;
                            admin.close().await.ok();
                        }
                    });
                })
                .join();
            }
        }
    }
}

impl TestApp {
    /// A handle on another server of the same test (its database is `app`'s); only for HTTP.
    pub fn address_only(app: &TestApp, address: String) -> OtherServer {
        OtherServer {
            address,
            client: app.client.clone(),
        }
    }

    /// A new API client of a demo organisation, registered by the city's ADMIN:
    /// `(client id, secret)`.
    pub async fn create_api_client(&self, org: &str, role: &str) -> (String, String) {
        let admin = self.token("programmabureau", "ADMIN");
        let created = self
            .data(
                Some(&admin),
                "mutation($o: ID!, $r: Role!) { createApiClient(input: { organisationId: $o, name: \"Sync job\", role: $r }) { secret client { id organisation { code } } } }",
                serde_json::json!({ "o": self.org_id(org), "r": role }),
            )
            .await;
        let created = &created["createApiClient"];
        assert_eq!(created["client"]["organisation"]["code"], org);
        (
            created["client"]["id"].as_str().expect("id").to_owned(),
            created["secret"].as_str().expect("secret").to_owned(),
        )
    }

    /// A signed token for a demo organisation and role, as `wijkhub token` prints.
    pub fn token(&self, org_code: &str, role: &str) -> String {
        let role = Role::parse(role).expect("a role: ADMIN, EDITOR or VIEWER");
        let org_id = self.org_id(org_code);
        self.state
            .keys
            .issue(
                &format!("test:{org_code}"),
                org_id,
                role,
                Duration::from_secs(3600),
            )
            .expect("issue token")
    }

    /// The id of an organisation by code.
    pub fn org_id(&self, code: &str) -> Uuid {
        *self
            .orgs
            .get(code)
            .unwrap_or_else(|| panic!("no organisation `{code}`"))
    }

    /// POSTs a GraphQL request and returns the whole JSON body; the HTTP status must be 200.
    pub async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let response = self
            .post(token, &json!({ "query": query, "variables": variables }))
            .await;
        let status = response.status();
        let body: Value = response.json().await.expect("JSON body");
        assert_eq!(status, 200, "unexpected status; body: {body}");
        body
    }

    /// Like [`TestApp::graphql`], asserting there were no errors; returns `data`.
    pub async fn data(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let body = self.graphql(token, query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    pub async fn post(&self, token: Option<&str>, body: &Value) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("send request")
    }

    pub fn statements(&self) -> u64 {
        self.state.statements_executed()
    }
}

/// The error codes of a response, in order.
pub fn error_codes(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    e["extensions"]["code"]
                        .as_str()
                        .unwrap_or("<none>")
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The only error of a response: its code and `extensions.field`.
pub fn single_error(body: &Value) -> (String, Option<String>) {
    let errors = body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("expected an error: {body}"));
    assert_eq!(errors.len(), 1, "expected exactly one error: {body}");
    let ext = &errors[0]["extensions"];
    (
        ext["code"].as_str().unwrap_or("<none>").to_owned(),
        ext["field"].as_str().map(str::to_owned),
    )
}

impl TestApp {
    /// Successful writes in the audit log, and rows in the change log: a refused write must
    /// leave both unchanged (it is audited as a refusal instead, see [`TestApp::refusals`]).
    pub async fn trail(&self) -> (u64, u64) {
        use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
        let audit = entity::audit_log::Entity::find()
            .filter(entity::audit_log::Column::Result.eq(entity::AuditResult::Success))
            .count(&self.state.db)
            .await
            .expect("count audit");
        let changes = entity::change_log::Entity::find()
            .count(&self.state.db)
            .await
            .expect("count changes");
        (audit, changes)
    }

    /// Refusals in the audit log.
    pub async fn refusals(&self) -> Vec<entity::audit_log::Model> {
        use sea_orm::{ColumnTrait, QueryFilter};
        entity::audit_log::Entity::find()
            .filter(entity::audit_log::Column::Result.eq(entity::AuditResult::Denied))
            .all(&self.state.db)
            .await
            .expect("audit rows")
    }

    /// The id of a demo project by title, as the programme office sees it.
    pub async fn project_id(&self, title: &str) -> String {
        let admin = self.token("programmabureau", "ADMIN");
        let data = self
            .data(
                Some(&admin),
                "query($q: String) { projects(first: 500, filter: { search: $q }) { nodes { id title } } }",
                json!({ "q": title }),
            )
            .await;
        data["projects"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["title"] == title)
            .unwrap_or_else(|| panic!("no project `{title}`"))["id"]
            .as_str()
            .expect("id")
            .to_owned()
    }

    /// A project as the programme office sees it (every field a write could touch).
    pub async fn project_state(&self, id: &str) -> Value {
        let admin = self.token("programmabureau", "ADMIN");
        self.data(
            Some(&admin),
            "query($id: ID!) { project(id: $id) { version updatedAt title summary phase visibility internalNotes
               participants { role organisation { code } } budget { total lines { id } }
               effectAssessments { expectedScore } review { decision } evaluations { kind } } }",
            json!({ "id": id }),
        )
        .await["project"]
            .clone()
    }
}

/// A `wijkhub serve` process of its own, for what only a real process shows: a SIGKILL, the
/// log it writes.
pub struct ServerProcess {
    pub child: std::process::Child,
    pub address: String,
}

impl ServerProcess {
    /// Starts the binary on `database_url` at a free port and waits until it is ready.
    pub async fn start(
        database_url: &str,
        env: &[(&str, &str)],
        stderr: std::process::Stdio,
    ) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_wijkhub"));
        command
            .arg("serve")
            .env("WIJKHUB_DATABASE_URL", database_url)
            .env("WIJKHUB_LISTEN", format!("127.0.0.1:{port}"))
            .env("WIJKHUB_LOG", "warn")
            .env("WIJKHUB_RATE_LIMIT__ENABLED", "false")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(stderr);
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command.spawn().expect("start wijkhub serve");
        let address = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            let ready = client.get(format!("{address}/readyz")).send().await;
            if ready.is_ok_and(|r| r.status() == 200) {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not become ready"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Self { child, address }
    }
}

/// A second server in this process on the test's database: another instance, with its own
/// caches (verified tokens, reference data), as a second `wijkhub serve` would have.
pub async fn second_instance(app: &TestApp) -> OtherServer {
    second_instance_with(app, |_| {}).await
}

/// A second instance as [`second_instance`], with settings of its own.
pub async fn second_instance_with(
    app: &TestApp,
    configure: impl FnOnce(&mut Settings),
) -> OtherServer {
    let mut settings = Settings {
        database_url: app.database_url.clone(),
        database_max_connections: 4,
        listen: "127.0.0.1:0".parse().expect("address"),
        ..Settings::default()
    };
    configure(&mut settings);
    let state = AppState::new(settings)
        .await
        .expect("start a second instance");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let address = format!("http://{}", listener.local_addr().expect("local address"));
    serve(listener, state);
    TestApp::address_only(app, address)
}

/// Serves the router production serves, with client addresses, until the test ends.
fn serve(listener: tokio::net::TcpListener, state: AppState) {
    let router = http::router(state);
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("serve");
    });
}
