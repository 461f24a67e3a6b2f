//! The `wijkhub` command line: serve, migrate, seed, schema, token.

use std::{process::ExitCode, time::Duration};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use entity::{Role, organisation};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use wijkhub::db::Db;
use wijkhub::{
    auth::{Principal, token::TokenKeys},
    config::Settings,
    db, graphql,
    http::{self, AppState},
    seed, service,
    service::write::{Origin, WriteGate, Writer},
};

/// A request allocates and frees many small values (parsed documents, rows, JSON); glibc's
/// allocator spent about 12 % of a lookup's CPU on that. jemalloc serves as fast as mimalloc
/// here and gives memory back: peak RSS 39 against 66 MiB on PostgreSQL, 99 against 133 MiB on
/// SQLite (bench/results/2026-12-06-100k.md, "Allocator").
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(
    name = "wijkhub",
    version,
    about = "The shared register of The Hague's neighbourhood approach, as a GraphQL API."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database, then serve the API.
    Serve {
        /// First load the Hague demo data into an empty database, and print a token per demo role.
        #[arg(long)]
        demo: bool,
    },
    /// Run or report migrations.
    Migrate {
        #[arg(value_enum, default_value_t = MigrateAction::Up)]
        action: MigrateAction,
    },
    /// Load data.
    Seed {
        /// The Hague demo data (into an empty database; a loaded one is left alone).
        #[arg(
            long,
            conflicts_with = "synthetic",
            required_unless_present = "synthetic"
        )]
        demo: bool,
        /// N synthetic projects, with proportional wijken, organisations and meeting places.
        #[arg(long, value_name = "N")]
        synthetic: Option<usize>,
    },
    /// Print the GraphQL schema (SDL): what `schema.graphql` must equal.
    Schema,
    /// Manage API clients (OAuth2 client credentials).
    Client {
        #[command(subcommand)]
        action: ClientAction,
    },
    /// Print a signed token for development and tests.
    Token {
        /// Organisation code, e.g. `haag-wonen`.
        #[arg(long)]
        org: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Lifetime, e.g. `1h`, `30m` (default: WIJKHUB_TOKEN_TTL).
        #[arg(long, value_parser = humantime::parse_duration)]
        ttl: Option<Duration>,
    },
}

#[derive(Subcommand)]
enum ClientAction {
    /// Create an API client and print its id and secret (shown this once), or, with
    /// `--public-key`, a client that signs its token requests with its private key.
    Create {
        /// Organisation code, e.g. `haag-wonen`.
        #[arg(long)]
        org: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// What the client is for, e.g. "Nachtelijke sync".
        #[arg(long)]
        name: String,
        /// A file with the client's public key (PEM or JWK): it gets no secret and
        /// authenticates with `private_key_jwt` assertions.
        #[arg(long, value_name = "FILE")]
        public_key: Option<std::path::PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum MigrateAction {
    Up,
    Down,
    Status,
}

#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "UPPER")]
enum RoleArg {
    Admin,
    Editor,
    Viewer,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Editor => Role::Editor,
            RoleArg::Viewer => Role::Viewer,
        }
    }
}

/// The demo roles `serve --demo` prints tokens for: (organisation, role, who that is).
const DEMO_TOKENS: &[(&str, Role, &str)] = &[
    ("programmabureau", Role::Admin, "programme office, ADMIN"),
    ("dpz", Role::Editor, "city EDITOR (DPZ, wijkmanagers)"),
    ("ocw", Role::Viewer, "city VIEWER (OCW)"),
    ("haag-wonen", Role::Editor, "partner EDITOR (Haag Wonen)"),
    ("xtra", Role::Viewer, "partner VIEWER (Xtra)"),
];

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Schema = cli.command {
        print!("{}", graphql::sdl());
        return Ok(());
    }
    let settings = Settings::load()?;
    // Kept until the command ends: dropping it sends the traces still queued.
    let _telemetry =
        wijkhub::telemetry::init(settings.log_format, settings.otlp_endpoint.as_deref())?;
    match cli.command {
        Command::Schema => Ok(()),
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate { action } => {
            let db = connect(&settings).await?;
            match action {
                MigrateAction::Up => {
                    db::migrate(&db).await?;
                    println!("migrations applied");
                }
                MigrateAction::Down => {
                    Migrator::down(db.sea_orm(), Some(1)).await?;
                    println!("last migration rolled back");
                }
                MigrateAction::Status => {
                    for migration in Migrator::get_migration_with_status(db.sea_orm()).await? {
                        println!("{}\t{}", migration.name(), migration.status());
                    }
                }
            }
            Ok(())
        }
        Command::Seed { demo, synthetic } => {
            let db = connect(&settings).await?;
            db::migrate(&db).await?;
            if demo {
                report_demo(seed::demo(&db).await?);
            }
            if let Some(n) = synthetic {
                let started = std::time::Instant::now();
                let counts = seed::synthetic(&db, n).await?;
                println!(
                    "synthetic data loaded in {:.1} s: {counts:?}",
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Client {
            action:
                ClientAction::Create {
                    org,
                    role,
                    name,
                    public_key,
                },
        } => {
            let db = connect(&settings).await?;
            db::migrate(&db).await?;
            let target = organisation_by_code(&db, &org).await?;
            let writer = operator(&db).await?;
            let gate = WriteGate::for_backend(db.get_database_backend());
            let cx = service::write::WriteContext::new(&db, &gate, writer);
            if let Some(path) = public_key {
                let key = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let client =
                    service::api_clients::create_with_key(&cx, target.id, &name, role.into(), &key)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                println!("client_id: {}", client.id);
                println!(
                    "\nNo secret: the client signs a client_assertion (private_key_jwt, {}) for POST /oauth/token.",
                    client.key_algorithm.as_deref().unwrap_or("")
                );
                return Ok(());
            }
            let (client, secret) = service::api_clients::create(&cx, target.id, &name, role.into())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("client_id:     {}", client.id);
            println!("client_secret: {secret}");
            println!(
                "\nThe secret is shown only now. Exchange both for a token at POST /oauth/token."
            );
            Ok(())
        }
        Command::Token { org, role, ttl } => {
            let db = connect(&settings).await?;
            let ttl = ttl.unwrap_or(settings.token_ttl);
            println!(
                "{}",
                token_for(&settings, &db, &org, role.into(), ttl).await?
            );
            Ok(())
        }
    }
}

async fn connect(settings: &Settings) -> anyhow::Result<Db> {
    db::connect(&settings.database_url, settings.database_max_connections)
        .await
        .with_context(|| {
            format!(
                "cannot open the database at {}",
                redact(&settings.database_url)
            )
        })
}

/// The database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://***{}", &url[..scheme], &url[at..])
        }
        _ => url.to_owned(),
    }
}

fn report_demo(outcome: seed::DemoOutcome) {
    match outcome {
        seed::DemoOutcome::Loaded { projects } => {
            println!("Hague demo data loaded ({projects} projects)")
        }
        seed::DemoOutcome::AlreadyPresent => {
            println!("the database already holds data; demo data not loaded again")
        }
    }
}

async fn organisation_by_code(db: &Db, code: &str) -> anyhow::Result<organisation::Model> {
    organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code))
        .one(db)
        .await?
        .with_context(|| format!("no organisation with code `{code}`"))
}

/// The operator at the command line acts as the programme office (ADMIN), in the audit log as
/// `cli:<user>`.
async fn operator(db: &Db) -> anyhow::Result<Writer> {
    let office = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(entity::OrganisationKind::CityDepartment))
        .all(db)
        .await?
        .into_iter()
        .min_by_key(|o| o.code != "programmabureau")
        .context("no city department to act for; load data first")?;
    let user = std::env::var("USER").unwrap_or_else(|_| "operator".into());
    Ok(Writer {
        caller: Principal {
            subject: format!("cli:{user}"),
            organisation_id: office.id,
            organisation_code: office.code,
            organisation_kind: office.kind,
            role: Role::Admin,
            client: None,
        },
        origin: Origin {
            client: Some("wijkhub cli".into()),
            ..Origin::default()
        },
    })
}

async fn token_for(
    settings: &Settings,
    db: &Db,
    code: &str,
    role: Role,
    ttl: Duration,
) -> anyhow::Result<String> {
    let org = organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code))
        .one(db)
        .await?
        .with_context(|| format!("no organisation with code `{code}`"))?;
    if role == Role::Admin && org.kind != entity::OrganisationKind::CityDepartment {
        bail!("ADMIN is only for a city department; `{code}` is a partner");
    }
    let keys = TokenKeys::from_settings(settings)?;
    Ok(keys.issue(&format!("dev:{code}"), org.id, role, ttl)?)
}

/// Longest wait between two attempts to reach the database at start.
const START_RETRY_MAX: Duration = Duration::from_secs(10);

/// Opens the database and migrates it, retrying while it cannot be reached (it may start after
/// this process, or be down for a moment); meanwhile `listener` serves `/healthz` and a
/// `/readyz` that says why the server is not ready. `None` when told to stop while waiting.
async fn open_when_reachable(
    settings: &Settings,
    listener: &std::net::TcpListener,
) -> anyhow::Result<Option<AppState>> {
    let (status, status_seen) = tokio::sync::watch::channel("starting".to_owned());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let waiting = tokio::net::TcpListener::from_std(listener.try_clone()?)?;
    let server = tokio::spawn(
        axum::serve(waiting, http::ops::starting(status_seen))
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .into_future(),
    );
    let mut wait = Duration::from_secs(1);
    let opened = loop {
        let error = match AppState::new(settings.clone()).await {
            Ok(state) => {
                db::migrate(&state.db).await.context("migrations failed")?;
                break Some(state);
            }
            Err(http::StartError::Database(error)) => error,
            Err(other) => return Err(other.into()),
        };
        tracing::warn!(
            %error,
            retry_in_s = wait.as_secs(),
            "cannot reach the database; not ready, retrying"
        );
        let _ = status.send(format!(
            "database unreachable: {error}; retrying every {} s",
            wait.as_secs()
        ));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown_signal() => break None,
        }
        wait = (wait * 2).min(START_RETRY_MAX);
    };
    let _ = stop.send(());
    let _ = server.await;
    Ok(opened)
}

async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    tracing::info!(settings = %settings.redacted(), "effective settings");
    let listener = std::net::TcpListener::bind(settings.listen)
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    listener.set_nonblocking(true)?;
    // Bound before the database is waited for, so a wrong address stops the start at once.
    let internal = match settings.metrics_listen {
        Some(address) => {
            let internal = std::net::TcpListener::bind(address)
                .with_context(|| format!("cannot listen on {address} (WIJKHUB_METRICS_LISTEN)"))?;
            internal.set_nonblocking(true)?;
            Some(internal)
        }
        None => {
            if settings.is_production() {
                tracing::warn!(
                    "/metrics is served on the public address; set WIJKHUB_METRICS_LISTEN to give it one of its own"
                );
            }
            None
        }
    };
    let Some(state) = open_when_reachable(&settings, &listener).await? else {
        return Ok(());
    };
    state.db.changes().listen_across_instances();
    // Webhooks are delivered by every instance; a lease per webhook keeps it to one at a time.
    wijkhub::webhooks::spawn(&state);
    // Expired idempotency keys, old delivery records and counted refusals are deleted in the
    // background (never the audit log's own records).
    service::housekeeping::sweep_every(state.db.clone(), settings.housekeeping.clone());
    if let Some(internal) = internal {
        let internal = tokio::net::TcpListener::from_std(internal)?;
        println!("metrics: http://{}/metrics", internal.local_addr()?);
        tokio::spawn(
            axum::serve(internal, http::ops::internal(state.clone()))
                .with_graceful_shutdown(shutdown_signal())
                .into_future(),
        );
    }
    let refusals = state.refusals.clone();
    if demo {
        report_demo(seed::demo(&state.db).await?);
    }
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let address = listener.local_addr()?;
    if demo {
        println!(
            "\nTokens for the demo roles (valid {}):",
            humantime::format_duration(settings.token_ttl)
        );
        for (code, role, who) in DEMO_TOKENS {
            let token = token_for(&settings, &state.db, code, *role, settings.token_ttl).await?;
            println!("\n  {who}\n  {token}");
        }
    }
    println!("\nwijkhub serves GraphQL at http://{address}/graphql");
    if settings.playground_enabled() {
        println!("playground: open http://{address}/graphql in a browser and paste a token");
    }
    println!("programme report: open http://{address}/report in a browser and paste a token");
    axum::serve(
        listener,
        http::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    // Refusals counted but not yet written go to the audit log before the process ends.
    refusals.flush().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
