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
