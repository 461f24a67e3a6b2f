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
