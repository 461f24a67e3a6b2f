//! Settings that cannot be wrong silently: `wijkhub serve` refuses a misspelt variable (naming
//! the setting it resembles) and a value out of range, before it opens anything.

/// `wijkhub serve` on a fresh SQLite file in `dir`, with `vars` on top.
fn serve_command(dir: &std::path::Path, vars: &[(&str, &str)]) -> std::process::Command {
    std::fs::create_dir_all(dir).expect("temp dir");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_wijkhub"));
    command
        .arg("serve")
        .current_dir(dir)
        .env(
            "WIJKHUB_DATABASE_URL",
            format!("sqlite://{}/s.db?mode=rwc", dir.display()),
        )
        .env("WIJKHUB_LISTEN", "127.0.0.1:0")
        .envs(vars.iter().copied())
        .stdin(std::process::Stdio::null());
    command
}

fn scratch() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("wijkhub-settings-{}", uuid::Uuid::now_v7()))
}

fn serve_with(vars: &[(&str, &str)]) -> (bool, String) {
    let dir = scratch();
    let output = serve_command(&dir, vars).output().expect("run wijkhub");
    let _ = std::fs::remove_dir_all(&dir);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_misspelt_variable_stops_the_server_with_the_name_it_meant() {
    let (ok, stderr) = serve_with(&[("WIJKHUB_LIMIT__COST", "5000")]);
    assert!(!ok);
    assert!(
        stderr.contains(
            "WIJKHUB_LIMIT__COST is not a wijkhub setting; did you mean WIJKHUB_LIMITS__COST?"
        ),
        "{stderr}"
    );
}

#[test]
fn a_trusted_proxy_that_is_not_an_address_stops_the_server() {
    let (ok, stderr) = serve_with(&[("WIJKHUB_TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal")]);
    assert!(!ok);
    assert!(
        stderr.contains(
            "WIJKHUB_TRUSTED_PROXIES: `proxy.internal` is neither an IP address nor a CIDR range"
        ),
        "{stderr}"
    );
    let (ok, stderr) = serve_with(&[("WIJKHUB_METRICS_LISTEN", "metrics:9090")]);
    assert!(!ok);
    assert!(
        stderr.contains("invalid socket address syntax for key \"METRICS_LISTEN\""),
        "{stderr}"
    );
}

#[test]
fn a_pool_too_small_to_serve_is_refused() {
    let (ok, stderr) = serve_with(&[("WIJKHUB_DATABASE_MAX_CONNECTIONS", "1")]);
    assert!(!ok);
    assert!(
        stderr.contains("WIJKHUB_DATABASE_MAX_CONNECTIONS must be between 2 and 1000"),
        "{stderr}"
    );
}

#[test]
fn a_client_budget_keyed_by_an_id_with_dots_is_read_whole() {
    use std::io::{BufRead, BufReader};
    let dir = scratch();
    let mut child = serve_command(
        &dir,
        &[
            ("WIJKHUB_LOG", "info"),
            ("WIJKHUB_LOG_FORMAT", "json"),
            ("WIJKHUB_RATE_LIMIT__CLIENTS__sync.haag-wonen", "777"),
        ],
    )
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::piped())
    .spawn()
    .expect("run wijkhub");
    let stderr = child.stderr.take().expect("stderr");
    let line = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .find(|line| line.contains("effective settings"));
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    let line = line.expect("the server logs its effective settings and starts");
    assert!(
        line.contains(r#"\"clients\":{\"sync.haag-wonen\":777}"#),
        "{line}"
    );
}

/// A database that cannot be reached at start (here: a SQLite file in a folder that does not
/// exist yet) keeps the process up: `/healthz` answers, `/readyz` says why it is not ready and
/// everything else is 503 with a code, until the database can be opened, without a restart.
#[tokio::test]
async fn an_unreachable_database_at_start_is_waited_for_and_reported() {
    let dir = scratch();
    let later = dir.join("later");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let listen = format!("127.0.0.1:{port}");
    let url = format!("sqlite://{}/s.db?mode=rwc", later.display());
    let mut child = serve_command(
        &dir,
        &[
            ("WIJKHUB_LISTEN", listen.as_str()),
            ("WIJKHUB_DATABASE_URL", url.as_str()),
            ("WIJKHUB_LOG", "warn"),
        ],
    )
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .spawn()
    .expect("run wijkhub");
    let address = format!("http://{listen}");
    let client = reqwest::Client::new();
    let get = |path: &'static str| client.get(format!("{address}{path}")).send();

    let mut alive = false;
    for _ in 0..300 {
        if get("/healthz").await.is_ok_and(|r| r.status() == 200) {
            alive = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(alive, "/healthz answers while the database is unreachable");
    let ready = get("/readyz").await.expect("readyz");
    assert_eq!(ready.status(), 503);
    let why = ready.text().await.expect("text");
    assert!(why.contains("database unreachable"), "{why}");
    let graphql = client
        .post(format!("{address}/graphql"))
        .json(&serde_json::json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("graphql");
    assert_eq!(graphql.status(), 503);
    assert!(graphql.headers().contains_key("retry-after"));
    let body: serde_json::Value = graphql.json().await.expect("json");
    assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL");
    assert!(child.try_wait().expect("status").is_none(), "still running");

    // The database becomes reachable: the server opens it, migrates and serves.
    std::fs::create_dir_all(&later).expect("the database's folder");
    let mut ready = false;
    for _ in 0..300 {
        if get("/readyz").await.is_ok_and(|r| r.status() == 200) {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let answer = client
        .post(format!("{address}/graphql"))
        .json(&serde_json::json!({ "query": "{ __typename }" }))
        .send()
        .await;
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(ready, "ready once the database can be opened");
    assert_eq!(answer.expect("graphql").status(), 200);
}
