//! The example sync job can be killed at any moment: started again, it ends with the same mirror
//! as a run that was never interrupted.

use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::Duration,
};

use serde_json::Value;

use crate::helpers::{TestApp, spawn_app};

fn job(app: &TestApp, token: &str, state: &Path) -> Command {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/sync_job.py");
    let mut command = Command::new("python3");
    command
        .arg(script)
        .env("WIJKHUB_URL", &app.address)
        .env("WIJKHUB_TOKEN", token)
        .env("SYNC_STATE", state)
        .env("SYNC_PAGE", "3")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

async fn run_to_end(mut command: Command) {
    let status = tokio::task::spawn_blocking(move || command.status())
        .await
        .expect("join")
        .expect("python3 runs");
    assert!(status.success(), "the sync job ends cleanly");
}

fn mirror(state: &Path) -> Value {
    let text = std::fs::read_to_string(state).expect("state file");
    serde_json::from_str::<Value>(&text).expect("json")["objects"].clone()
}

#[tokio::test]
async fn the_sync_job_killed_mid_run_ends_with_the_same_mirror() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIPPED: the_sync_job_killed_mid_run_ends_with_the_same_mirror — no python3");
        return;
    }
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "VIEWER");
    let dir = std::env::temp_dir().join(format!("wijkhub-sync-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("dir");
    let whole = dir.join("whole.json");
    run_to_end(job(&app, &token, &whole)).await;
    let expected = mirror(&whole);
    let total = expected.as_object().map_or(0, |o| o.len());
    assert!(total > 50, "the mirror holds the demo data: {total}");

    // Kill it part-way (sooner each time, until a kill lands mid-run), then start it again.
    let killed = dir.join("killed.json");
    let mut interrupted = false;
    for delay in [400, 200, 100, 50, 25] {
        let _ = std::fs::remove_file(&killed);
        let mut child = job(&app, &token, &killed).spawn().expect("start the job");
        tokio::time::sleep(Duration::from_millis(delay)).await;
        let finished = child.try_wait().expect("poll").is_some();
        let _ = child.kill();
        let _ = child.wait();
        let partial = if killed.exists() {
            mirror(&killed).as_object().map_or(0, |o| o.len())
        } else {
            0
        };
        if !finished && partial < total {
            interrupted = true;
            break;
        }
    }
    assert!(interrupted, "a kill landed while the job was still copying");
    run_to_end(job(&app, &token, &killed)).await;
    assert_eq!(
        mirror(&killed),
        expected,
        "the restarted job ends with the same mirror"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// `sync_job.py --follow` outlives its token: with tokens that live 2 s (plus the server's 30 s
/// of leeway for clock skew), it renews its token before each one expires and goes on syncing;
/// a token the server refuses (here, one it never issued) is renewed once from the credentials.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_following_sync_job_renews_its_token_and_keeps_syncing() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED: the_following_sync_job_renews_its_token_and_keeps_syncing — no python3"
        );
        return;
    }
    let app = spawn_app().await;
    let (client_id, secret) = app.create_api_client("haag-wonen", "VIEWER").await;
    let lifetime = Duration::from_secs(2);
    let mut server = crate::helpers::ServerProcess::start(
        &app.database_url,
        &[("WIJKHUB_CLIENT_TOKEN_TTL", "2s")],
        Stdio::null(),
    )
    .await;
    let dir = std::env::temp_dir().join(format!("wijkhub-follow-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("dir");
    let state = dir.join("state.json");
    let log = dir.join("job.log");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/sync_job.py");
    let started = std::time::Instant::now();
    let mut job = Command::new("python3")
        .arg(script)
        .arg("--follow")
        .env("WIJKHUB_URL", &server.address)
        .env("WIJKHUB_CLIENT_ID", &client_id)
        .env("WIJKHUB_CLIENT_SECRET", &secret)
        // Not a token the server issued: refused with 401, renewed from the credentials.
        .env("WIJKHUB_TOKEN", "not-a-token-of-this-server")
        .env("SYNC_STATE", &state)
        .env("SYNC_INTERVAL", "0.3")
        .stdout(std::fs::File::create(&log).expect("log file"))
        .stderr(std::fs::File::create(dir.join("job.err")).expect("error file"))
        .spawn()
        .expect("start the job");

    // Past the first token's lifetime and the leeway, a partner's new project reaches the
    // mirror: the job is still syncing, with a token issued since.
    let leeway = Duration::from_secs(30);
    while started.elapsed() < lifetime + leeway + Duration::from_secs(1) {
        assert!(
            job.try_wait().expect("poll").is_none(),
            "the job stopped: {}{}",
            std::fs::read_to_string(&log).unwrap_or_default(),
            std::fs::read_to_string(dir.join("job.err")).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let editor = app.token("haag-wonen", "EDITOR");
    let body: Value = reqwest::Client::new()
        .post(format!("{}/graphql", server.address))
        .bearer_auth(&editor)
        .json(&serde_json::json!({ "query": "mutation { createProject(input: { title: \"Na de vervaldatum\", summary: \"Na het token\", wijkCodes: [\"WK051836\"], themes: [HOUSING] }) { id } }" }))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert!(body.get("errors").is_none(), "{body}");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mirrored = loop {
        let text = std::fs::read_to_string(&state).unwrap_or_default();
        if text.contains("Na de vervaldatum") {
            break true;
        }
        if std::time::Instant::now() > deadline || job.try_wait().expect("poll").is_some() {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let _ = job.kill();
    let _ = job.wait();
    let _ = server.child.kill();
    let _ = server.child.wait();
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        mirrored,
        "the project created after the token's lifetime was not synced:\n{output}"
    );
    assert_eq!(
        output.matches("token renewed (refused with 401)").count(),
        1,
        "{output}"
    );
    assert!(
        output.matches("token renewed (before it expires)").count() >= 10,
        "{output}"
    );
}

/// The Python interpreter for the webhook receiver: `WIJKHUB_PYTHON` (CI points it at a virtual
/// environment with `standardwebhooks` installed), else `python3`.
fn python() -> String {
    std::env::var("WIJKHUB_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn receiver(secret: &str, port: u16) -> Command {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/webhook_receiver.py");
    let mut command = Command::new(python());
    command
        .arg(script)
        .env("WEBHOOK_SECRET", secret)
        .env("PORT", port.to_string())
        .env("EXIT_AFTER", "1")
        .env("EXPECT_TYPE", "nl.denhaag.wijkhub.project.created")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

async fn exit_code(mut child: std::process::Child, limit: Duration) -> Option<i32> {
    let started = std::time::Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().expect("poll the receiver") {
            return status.code();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// `examples/webhook_receiver.py` verifies with the real `standardwebhooks` package what a
/// `wijkhub serve` process delivers; with the wrong secret it refuses and fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_python_receiver_verifies_deliveries_with_standardwebhooks() {
    let usable = Command::new(python())
        .args(["-c", "import standardwebhooks"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !usable {
        assert!(
            std::env::var("WIJKHUB_REQUIRE_PYTHON").is_err(),
            "{} cannot import standardwebhooks: pip install standardwebhooks (CI installs it)",
            python()
        );
        eprintln!(
            "SKIPPED: the_python_receiver_verifies_deliveries_with_standardwebhooks — `pip install standardwebhooks` (or set WIJKHUB_PYTHON)"
        );
        return;
    }
    let app = spawn_app().await;
    let server = crate::helpers::ServerProcess::start(
        &app.database_url,
        &[("WIJKHUB_WEBHOOKS__BACKOFF", "200ms")],
        Stdio::null(),
    )
    .await;
    let client = reqwest::Client::new();
    let editor = app.token("haag-wonen", "EDITOR");
    let (good, bad) = (free_port(), free_port());
    let (_, secret) = crate::webhooks::create_webhook(
        &client,
        &server.address,
        &editor,
        &format!("http://127.0.0.1:{good}/"),
        serde_json::json!(["PROJECT"]),
    )
    .await;
    let (_, other_secret) = crate::webhooks::create_webhook(
        &client,
        &server.address,
        &editor,
        &format!("http://127.0.0.1:{bad}/"),
        serde_json::json!(["PROJECT"]),
    )
    .await;
    assert_ne!(secret, other_secret);
    let verifying = receiver(&secret, good).spawn().expect("start the receiver");
    // This one holds the first webhook's secret, but receives the second's events.
    let refusing = receiver(&secret, bad)
        .spawn()
        .expect("start the second receiver");
    let body: Value = client
        .post(format!("{}/graphql", server.address))
        .bearer_auth(&editor)
        .json(&serde_json::json!({ "query": "mutation { createProject(input: { title: \"Buurtmoestuin\", summary: \"Voor de webhook\", wijkCodes: [\"WK051836\"], themes: [HOUSING] }) { id } }" }))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert!(body.get("errors").is_none(), "{body}");
    let verified = exit_code(verifying, Duration::from_secs(60)).await;
    let refused = exit_code(refusing, Duration::from_secs(60)).await;
    let mut server = server;
    let _ = server.child.kill();
    let _ = server.child.wait();
    assert_eq!(verified, Some(0), "standardwebhooks verified the delivery");
    assert_eq!(refused, Some(1), "a wrong secret does not verify");
}

/// The TypeScript kit in `examples/typescript/`: its generated types match `schema.graphql` and
/// its operations (the committed ones are what `npm run codegen` writes now) and typecheck; its
/// persisted-documents manifest is taken unchanged by a server that enforces it; and its script,
/// with Apollo Client 3 and urql, passes every check against a real `wijkhub serve` process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_typescript_kit_runs_against_a_real_server() {
    let kit = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/typescript");
    if !kit.join("node_modules").is_dir() {
        assert!(
            std::env::var("WIJKHUB_REQUIRE_NODE").is_err(),
            "examples/typescript/node_modules is missing: run `npm ci` there (CI does)"
        );
        eprintln!(
            "SKIPPED: the_typescript_kit_runs_against_a_real_server — run `npm ci` in examples/typescript"
        );
        return;
    }
    let npm = |args: &[&str], env: &[(&str, String)]| {
        let mut command = Command::new("npm");
        command.args(args).current_dir(&kit).stdin(Stdio::null());
        for (key, value) in env {
            command.env(key, value);
        }
        command
    };
    let run = |mut command: Command| async move {
        tokio::task::spawn_blocking(move || command.output())
            .await
            .expect("join")
            .expect("npm runs")
    };

    // Drift: regenerate, and the files must be what was committed.
    let generated = kit.join("src/gql");
    let read_all = || -> Vec<(String, String)> {
        let mut files: Vec<_> = std::fs::read_dir(&generated)
            .expect("src/gql")
            .map(|e| e.expect("entry").path())
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("generated file");
                (p.display().to_string(), text)
            })
            .collect();
        files.sort();
        files
    };
    let before = read_all();
    let codegen = run(npm(&["run", "--silent", "codegen"], &[])).await;
    assert!(
        codegen.status.success(),
        "npm run codegen: {}",
        String::from_utf8_lossy(&codegen.stderr)
    );
    assert!(
        before == read_all(),
        "the generated files in examples/typescript/src/gql differ from what `npm run codegen` writes: commit its output"
    );
    let typecheck = run(npm(&["run", "--silent", "typecheck"], &[])).await;
    assert!(
        typecheck.status.success(),
        "tsc --noEmit: {}",
        String::from_utf8_lossy(&typecheck.stdout)
    );

    let app = spawn_app().await;
    let admin = app.token("programmabureau", "ADMIN");
    let (client_id, secret) = app.create_api_client("haag-wonen", "EDITOR").await;
    let manifest = generated.join("persisted-documents.json");
    let manifest = manifest.to_str().expect("a UTF-8 path");
    let mut server = crate::helpers::ServerProcess::start(
        &app.database_url,
        &[
            ("WIJKHUB_TRUSTED_DOCUMENTS__MANIFEST", manifest),
            ("WIJKHUB_TRUSTED_DOCUMENTS__ENFORCE", "true"),
            ("WIJKHUB_LIMITS__BATCH", "2"),
            ("WIJKHUB_RATE_LIMIT__ENABLED", "true"),
            ("WIJKHUB_RATE_LIMIT__ANONYMOUS", "3"),
            // Short, so the script sees its token renewed before it expires.
            ("WIJKHUB_CLIENT_TOKEN_TTL", "15s"),
        ],
        Stdio::null(),
    )
    .await;
    let script = run(npm(
        &["run", "--silent", "start"],
        &[
            ("WIJKHUB_URL", server.address.clone()),
            ("WIJKHUB_CLIENT_ID", client_id),
            ("WIJKHUB_CLIENT_SECRET", secret),
            ("WIJKHUB_STAFF_TOKEN", admin),
            ("WIJKHUB_EXPECT_BATCH_LIMIT", "2".into()),
            ("WIJKHUB_EXPECT_RATE_LIMIT", "1".into()),
            ("WIJKHUB_EXPECT_ENFORCED", "1".into()),
        ],
    ))
    .await;
    let _ = server.child.kill();
    let _ = server.child.wait();
    let out = String::from_utf8_lossy(&script.stdout);
    eprintln!("{out}{}", String::from_utf8_lossy(&script.stderr));
    assert!(script.status.success(), "the kit's checks failed:\n{out}");
    // Each promised check ran and passed (a check that did not run prints no line).
    for check in [
        "ok   query (trusted document by hash)",
        "ok   retry with currentVersion succeeds",
        "ok   mutation with a stale expectedVersion: CONFLICT with currentVersion",
        "ok   subscription over graphql-ws receives the change",
        "ok   token renewed before it expired",
        "ok   apollo: 400 QUERY_TOO_COMPLEX (16 aliases)",
        "ok   urql:   400 QUERY_TOO_COMPLEX (16 aliases)",
        "ok   apollo: 400 BAD_USER_INPUT (a syntax error)",
        "ok   urql:   400 BAD_USER_INPUT (a syntax error)",
        "ok   apollo: 401 UNAUTHENTICATED",
        "ok   urql:   401 UNAUTHENTICATED",
        "ok   apollo: 429 RATE_LIMITED",
        "ok   urql:   429 RATE_LIMITED",
        "ok   apollo: 400 QUERY_TOO_COMPLEX (BatchHttpLink",
        "ok   urql:   400 FORBIDDEN (a partner document off the trusted list)",
    ] {
        assert!(out.contains(check), "missing: {check}\n{out}");
    }
    assert!(!out.contains("FAIL"), "{out}");
}
