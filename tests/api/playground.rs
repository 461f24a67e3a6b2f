//! The staff playground in a real browser: headless Chromium, driven over the
//! Chrome DevTools Protocol (CDP), opens `GET /graphql`, runs a query with a
//! bearer token from the header bar and must show the answer, with no script
//! error and no Content-Security-Policy violation on the way.

use std::{
    collections::VecDeque,
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async, tungstenite::Message};

use crate::helpers::spawn_app;

const QUERY: &str = "{ me { organisation { code } } stadsdelen { nodes { code } } }";

/// What Chromium sends when a person types the address into the bar.
const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,\
     image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

const ASSETS: [(&str, &str); 6] = [
    ("react.production.min.js", "text/javascript"),
    ("react-dom.production.min.js", "text/javascript"),
    ("graphiql.min.js", "text/javascript"),
    ("graphiql.min.css", "text/css"),
    ("playground.js", "text/javascript"),
    ("playground.css", "text/css"),
];

const CHROMIUM_START_TIMEOUT: Duration = Duration::from_secs(30);
const CDP_REPLY_TIMEOUT: Duration = Duration::from_secs(15);
const RENDER_TIMEOUT: Duration = Duration::from_secs(30);
const RESULT_TIMEOUT: Duration = Duration::from_secs(30);
const POLL_INTERVAL: Duration = Duration::from_millis(100);

#[tokio::test]
async fn playground_runs_a_query_in_headless_chromium() {
    let app = spawn_app().await;

    // Cheap HTTP-level checks first, so a machine without Chromium still
    // covers the routing and headers.
    assert_playground_is_served(&app.address).await;

    let Some(binary) = find_chromium() else {
        if std::env::var("WIJKHUB_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
            panic!(
                "WIJKHUB_REQUIRE_CHROMIUM=1 but no Chromium was found: set WIJKHUB_CHROMIUM to \
                 its path, or install it (Debian: apt-get install chromium)"
            );
        }
        eprintln!(
            "SKIPPED: playground_runs_a_query_in_headless_chromium — no Chromium on this machine \
             (set WIJKHUB_CHROMIUM)"
        );
        return;
    };

    let browser = Chromium::launch(&binary).await;
    let mut page = Cdp::connect(&browser.page_websocket_url().await).await;
    for domain in ["Runtime.enable", "Log.enable", "Page.enable"] {
        page.call(domain, json!({}))
            .await
            .unwrap_or_else(|error| panic!("{domain} failed: {error}"));
    }

    // The English chrome: the Dutch one has a test of its own.
    let url = format!("{}/graphql?lang=en", app.address);
    let navigation = page
        .call("Page.navigate", json!({ "url": url }))
        .await
        .unwrap_or_else(|error| panic!("Page.navigate to {url} failed: {error}"));
    if let Some(error) = navigation.get("errorText") {
        panic!("Chromium could not open {url}: {error}");
    }

    let rendered = page
        .poll(
            "!!document.querySelector('.graphiql-container .graphiql-query-editor .CodeMirror')",
            RENDER_TIMEOUT,
            |value| value == &Value::Bool(true),
        )
        .await;
    if rendered.is_err() {
        let body = page
            .evaluate("document.body ? document.body.innerText : ''")
            .await;
        panic!(
            "GraphiQL did not render within {RENDER_TIMEOUT:?}; the page said {body:?}\n{}",
            page.console_report()
        );
    }

    // Without a token the schema is not asked for (the server refuses anonymous introspection);
    // the page says what to do instead of showing GraphiQL's failed schema load.
    let notice = page
        .poll(
            "(() => { const n = document.getElementById('notice'); return n && !n.hidden ? n.innerText : null; })()",
            RENDER_TIMEOUT,
            |value| value.as_str().is_some_and(|text| text.contains("paste a bearer token")),
        )
        .await;
    assert!(
        notice.is_ok(),
        "without a token the page must say to paste one; it showed {notice:?}\n{}",
        page.console_report()
    );
    if let Some(path) = std::env::var_os("WIJKHUB_PLAYGROUND_SCREENSHOT_NO_TOKEN") {
        page.save_screenshot(Path::new(&path)).await;
    }

    let token = app.token("haag-wonen", "VIEWER");
    let token_set = page
        .evaluate(&format!(
            "((token) => {{
                const input = document.getElementById('token');
                input.value = token;
                input.dispatchEvent(new Event('input', {{ bubbles: true }}));
                return input.value === token;
            }})({})",
            js_string(&token)
        ))
        .await;
    assert_eq!(token_set, Ok(Value::Bool(true)), "setting the token box");
    let hidden = page
        .poll(
            "document.getElementById('notice').hidden",
            RENDER_TIMEOUT,
            |value| value == &Value::Bool(true),
        )
        .await;
    assert!(hidden.is_ok(), "with a token the notice goes away");

    run_document(&mut page, QUERY).await;

    let shown = page
        .poll(
            "(() => {
                const pane = document.querySelector('.graphiql-response .CodeMirror');
                return pane && pane.CodeMirror ? pane.CodeMirror.getValue() : null;
            })()",
            RESULT_TIMEOUT,
            |value| {
                value
                    .as_str()
                    .is_some_and(|text| text.contains("\"haag-wonen\"") && text.contains("\"ESC\""))
            },
        )
        .await;
    if let Err(last) = shown {
        panic!(
            "the result pane did not show haag-wonen and ESC within {RESULT_TIMEOUT:?}; it \
             showed: {}\n{}",
            last.as_str()
                .map_or_else(|| last.to_string(), str::to_owned),
            page.console_report()
        );
    }

    if let Some(path) = std::env::var_os("WIJKHUB_PLAYGROUND_SCREENSHOT") {
        page.save_screenshot(Path::new(&path)).await;
    }

    // A final round trip so events sent before it are in.
    page.evaluate("0").await.ok();
    let problems = page.problems();
    assert!(
        problems.is_empty(),
        "the playground ran the query but the browser reported problems:\n{}\n{}",
        problems.join("\n"),
        page.console_report()
    );

    // The token survives a reload, and Clear removes it from the browser.
    page.call("Page.reload", json!({}))
        .await
        .unwrap_or_else(|error| panic!("Page.reload failed: {error}"));
    let refilled = page
        .poll(
            "(() => {
                const input = document.getElementById('token');
                return document.querySelector('.graphiql-container') && input ? input.value : null;
            })()",
            RENDER_TIMEOUT,
            |value| value.as_str() == Some(token.as_str()),
        )
        .await;
    assert!(
        refilled.is_ok(),
        "after a reload the token box held {refilled:?}"
    );
    let cleared = page
        .evaluate(&format!(
            "((token) => {{
                document.getElementById('clear').click();
                const stored = Object.keys(localStorage)
                    .some((key) => (localStorage.getItem(key) || '').includes(token));
                return document.getElementById('token').value === '' && !stored;
            }})({})",
            js_string(&token)
        ))
        .await;
    assert_eq!(
        cleared,
        Ok(Value::Bool(true)),
        "Clear must empty the box and forget the token"
    );

    drop(page);
    drop(browser);
}

/// The page as staff use it: Dutch chrome by default, English one click away and remembered,
/// an example operation for the role that runs as it is, and a subscription that receives a
/// change made elsewhere.
#[tokio::test]
async fn playground_speaks_dutch_runs_examples_and_subscriptions() {
    let app = spawn_app().await;
    let Some(binary) = find_chromium() else {
        if std::env::var("WIJKHUB_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
            panic!("WIJKHUB_REQUIRE_CHROMIUM=1 but no Chromium was found");
        }
        eprintln!("SKIPPED: playground_speaks_dutch… — no Chromium on this machine");
        return;
    };
    let browser = Chromium::launch(&binary).await;
    let mut page = Cdp::connect(&browser.page_websocket_url().await).await;
    for domain in ["Runtime.enable", "Log.enable", "Page.enable"] {
        page.call(domain, json!({}))
            .await
            .unwrap_or_else(|error| panic!("{domain} failed: {error}"));
    }
    let url = format!("{}/graphql", app.address);
    page.call("Page.navigate", json!({ "url": url }))
        .await
        .unwrap_or_else(|error| panic!("Page.navigate to {url} failed: {error}"));
    wait_for_graphiql(&mut page).await;

    const CHROME: &str = "(() => ({
        lang: document.documentElement.lang,
        label: document.querySelector('label[for=token]').textContent,
        clear: document.getElementById('clear').textContent,
        notice: document.getElementById('notice').textContent,
        switch: document.getElementById('lang').textContent,
        examples: Array.from(document.querySelectorAll('#examples option')).map(o => o.textContent),
    }))()";
    let dutch = page.evaluate(CHROME).await.expect("the page's chrome");
    assert_eq!(dutch["lang"], "nl", "{dutch}");
    assert_eq!(dutch["label"], "Bearer-token", "{dutch}");
    assert_eq!(dutch["clear"], "Wissen", "{dutch}");
    assert!(
        dutch["notice"]
            .as_str()
            .is_some_and(|t| t.contains("Nog geen token")),
        "{dutch}"
    );
    assert_eq!(dutch["switch"], "English", "{dutch}");
    let titles = dutch["examples"].to_string();
    for title in [
        "Lopende projecten",
        "Mijn projecten",
        "Open signalen",
        "Live: wijzigingen",
    ] {
        assert!(titles.contains(title), "example `{title}` in {titles}");
    }

    let token = app.token("programmabureau", "ADMIN");
    let token_set = page
        .evaluate(&format!(
            "((token) => {{
                const input = document.getElementById('token');
                input.value = token;
                input.dispatchEvent(new Event('input', {{ bubbles: true }}));
                return input.value === token;
            }})({})",
            js_string(&token)
        ))
        .await;
    assert_eq!(token_set, Ok(Value::Bool(true)), "setting the token box");

    // An example for the city runs as it is: the open signals of the demo data.
    let open: Vec<&str> = wijkhub::seed::hague::SIGNALS
        .iter()
        .filter(|s| s.status == "NEW")
        .map(|s| s.title.as_str())
        .collect();
    assert!(!open.is_empty(), "the demo data has open signals");
    choose_example(&mut page, "city-signals", "OpenSignalen").await;
    execute(&mut page).await;
    let shown = page
        .poll(RESULT_PANE, RESULT_TIMEOUT, |value| {
            value.as_str().is_some_and(|text| text.contains(open[0]))
        })
        .await;
    assert!(
        shown.is_ok(),
        "the example's result did not show {:?}: {shown:?}\n{}",
        open[0],
        page.console_report()
    );

    // Run the moment the document changes, before GraphiQL's debounce has read the new
    // operation's name: what it sends is still the previous document's name, and the page must
    // run the document in the editor rather than show "Unknown operation named OpenSignalen".
    run_document(
        &mut page,
        "query Stadsdelen { stadsdelen { nodes { code name } } }",
    )
    .await;
    let stadsdeel = format!("\"code\": \"{}\"", wijkhub::seed::hague::STADSDELEN[0].code);
    let ran = page
        .poll(RESULT_PANE, RESULT_TIMEOUT, |value| {
            value
                .as_str()
                .is_some_and(|text| text.contains("\"stadsdelen\"") && text.contains(&stadsdeel))
        })
        .await;
    assert!(
        ran.is_ok(),
        "the document run straight after it was typed did not show {stadsdeel:?}: {ran:?}\n{}",
        page.console_report()
    );

    // The live example starts at the feed's head (looked up when it was chosen), so a change
    // made after choosing it arrives however long the socket takes to open.
    choose_example(&mut page, "city-live", "LiveWijzigingen").await;
    let variables = page
        .poll(VARIABLES_PANE, RENDER_TIMEOUT, |value| {
            value
                .as_str()
                .is_some_and(|text| text.contains("\"after\": \""))
        })
        .await;
    assert!(
        variables.is_ok(),
        "the live example's variables hold no head: {variables:?}"
    );
    execute(&mut page).await;
    let reporter = app.token("haag-wonen", "EDITOR");
    let reported = app
        .data(
            Some(&reporter),
            r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: HOUSING,
                title: "Schimmel in de berging", description: "Vocht in de kelderboxen.",
                urgency: MEDIUM }) { id } }"#,
            json!({}),
        )
        .await;
    let id = reported["reportSignal"]["id"]
        .as_str()
        .expect("the new signal's id")
        .to_owned();
    let live = page
        .poll(RESULT_PANE, SUBSCRIPTION_TIMEOUT, |value| {
            value
                .as_str()
                .is_some_and(|text| text.contains(&id) && text.contains("CREATED"))
        })
        .await;
    assert!(
        live.is_ok(),
        "the subscription did not show the new signal {id}: {live:?}\n{}",
        page.console_report()
    );
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("playground-nl.png");
    page.save_screenshot(&shot).await;

    // English is one click away, and remembered without `?lang=`.
    let clicked = page
        .evaluate("(() => { document.getElementById('lang').click(); return true; })()")
        .await;
    assert_eq!(clicked, Ok(Value::Bool(true)));
    let english = page
        .poll(CHROME, RENDER_TIMEOUT, |value| value["lang"] == "en")
        .await
        .unwrap_or_else(|last| panic!("the switch did not give English: {last}"));
    assert_eq!(english["label"], "Bearer token", "{english}");
    assert_eq!(english["clear"], "Clear", "{english}");
    assert_eq!(english["switch"], "Nederlands", "{english}");
    page.call("Page.navigate", json!({ "url": url }))
        .await
        .unwrap_or_else(|error| panic!("Page.navigate to {url} failed: {error}"));
    wait_for_graphiql(&mut page).await;
    let remembered = page.evaluate(CHROME).await.expect("the page's chrome");
    assert_eq!(
        remembered["lang"], "en",
        "the choice is remembered: {remembered}"
    );
    assert!(
        remembered["examples"].to_string().contains("Open signals"),
        "{remembered}"
    );

    page.evaluate("0").await.ok();
    let problems = page.problems();
    assert!(
        problems.is_empty(),
        "the browser reported problems:\n{}\n{}",
        problems.join("\n"),
        page.console_report()
    );
}

/// The live example waits on a WebSocket, a session and the feed: slower than a query when the
/// machine is loaded (the whole suite in parallel).
const SUBSCRIPTION_TIMEOUT: Duration = Duration::from_secs(90);

const VARIABLES_PANE: &str = "(() => {
    const editor = document.querySelector('.graphiql-editor-tool .graphiql-editor .CodeMirror');
    return editor && editor.CodeMirror ? editor.CodeMirror.getValue() : null;
})()";

const RESULT_PANE: &str = "(() => {
    const pane = document.querySelector('.graphiql-response .CodeMirror');
    return pane && pane.CodeMirror ? pane.CodeMirror.getValue() : null;
})()";

async fn wait_for_graphiql(page: &mut Cdp) {
    let rendered = page
        .poll(
            "!!document.querySelector('.graphiql-container .graphiql-query-editor .CodeMirror')",
            RENDER_TIMEOUT,
            |value| value == &Value::Bool(true),
        )
        .await;
    assert!(
        rendered.is_ok(),
        "GraphiQL did not render\n{}",
        page.console_report()
    );
}

/// Picks an example from the list and waits until the editor holds it.
async fn choose_example(page: &mut Cdp, id: &str, operation: &str) {
    let chosen = page
        .evaluate(&format!(
            "((id) => {{
                const select = document.getElementById('examples');
                select.value = id;
                select.dispatchEvent(new Event('change', {{ bubbles: true }}));
                return select.value === id;
            }})({})",
            js_string(id)
        ))
        .await;
    assert_eq!(chosen, Ok(Value::Bool(true)), "choosing example {id}");
    let loaded = page
        .poll(
            "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()",
            RENDER_TIMEOUT,
            |value| value.as_str().is_some_and(|text| text.contains(operation)),
        )
        .await;
    assert!(
        loaded.is_ok(),
        "the editor did not get {operation}: {loaded:?}"
    );
}

/// Puts `document` in the editor and presses Run in the same moment, as a quick user does:
/// before GraphiQL's debounce has read the new document's operation name.
async fn run_document(page: &mut Cdp, document: &str) {
    let ran = page
        .evaluate(&format!(
            "((text) => {{
                const editor = document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror;
                editor.setValue(text);
                const button = document.querySelector('.graphiql-execute-button');
                if (editor.getValue() !== text || !button) return false;
                button.click();
                return true;
            }})({})",
            js_string(document)
        ))
        .await;
    assert_eq!(
        ran,
        Ok(Value::Bool(true)),
        "replacing the document and running it"
    );
}

async fn execute(page: &mut Cdp) {
    let clicked = page
        .evaluate(
            "(() => {
                const button = document.querySelector('.graphiql-execute-button');
                if (!button) return false;
                button.click();
                return true;
            })()",
        )
        .await;
    assert_eq!(
        clicked,
        Ok(Value::Bool(true)),
        "clicking the execute button"
    );
}

/// `GET /graphql` gives a browser the page (with its security headers) and an
/// API client something else, and every asset the page loads is served.
async fn assert_playground_is_served(address: &str) {
    let client = http_client();

    let response = client
        .get(format!("{address}/graphql"))
        .header("Accept", BROWSER_ACCEPT)
        .send()
        .await
        .expect("GET /graphql as a browser");
    assert_eq!(response.status(), 200, "GET /graphql as a browser");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        header("content-type").starts_with("text/html"),
        "content-type {:?}",
        header("content-type")
    );
    let csp = header("content-security-policy");
    assert!(csp.contains("script-src 'self'"), "CSP {csp:?}");
    assert!(!csp.contains("unsafe-eval"), "CSP {csp:?}");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("x-frame-options"), "DENY");
    let html = response.text().await.expect("page body");
    assert!(html.contains("/playground/graphiql.min.js"), "{html}");

    let response = client
        .get(format!("{address}/graphql"))
        .header(
            "Accept",
            "application/graphql-response+json, application/json",
        )
        .send()
        .await
        .expect("GET /graphql as an API client");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    assert!(
        !content_type.starts_with("text/html"),
        "an API client was given the playground page"
    );

    for (file, content_type) in ASSETS {
        let response = client
            .get(format!("{address}/playground/{file}"))
            .send()
            .await
            .unwrap_or_else(|error| panic!("GET /playground/{file}: {error}"));
        assert_eq!(response.status(), 200, "GET /playground/{file}");
        let served_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        assert!(
            served_type.starts_with(content_type),
            "/playground/{file} served as {served_type:?}"
        );
    }
    let missing = client
        .get(format!("{address}/playground/nope.js"))
        .send()
        .await
        .expect("GET /playground/nope.js");
    assert_eq!(missing.status(), 404);
}

/// reqwest would otherwise route loopback traffic through a proxy taken from
/// the environment.
pub(crate) fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("HTTP client")
}

/// `WIJKHUB_CHROMIUM`, else `/usr/bin/chromium`, else `chromium` or
/// `chromium-browser` on `PATH`.
pub(crate) fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("WIJKHUB_CHROMIUM").filter(|path| !path.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let debian = Path::new("/usr/bin/chromium");
    if debian.is_file() {
        return Some(debian.to_owned());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A JavaScript string literal (JSON strings are valid JavaScript).
pub(crate) fn js_string(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

/// A running headless Chromium; dropping it kills the browser and removes its
/// profile, also when the test panics.
pub(crate) struct Chromium {
    child: Child,
    profile_dir: PathBuf,
    /// `host:port` of the DevTools HTTP endpoint.
    devtools: String,
    stderr: Arc<Mutex<VecDeque<String>>>,
}

impl Chromium {
    pub(crate) async fn launch(binary: &Path) -> Self {
        let profile_dir = fresh_profile_dir();
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile_dir.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("could not start {}: {error}", binary.display()));

        let stderr_pipe = child.stderr.take().expect("stderr is piped");
        let stderr = Arc::new(Mutex::new(VecDeque::new()));
        let (address_tx, address_rx) = tokio::sync::oneshot::channel();
        let mut browser = Chromium {
            child,
            profile_dir,
            devtools: String::new(),
            stderr: Arc::clone(&stderr),
        };

        // Chromium blocks once the pipe is full, so this thread reads stderr
        // until the browser exits, keeping the tail for failure messages.
        std::thread::spawn(move || {
            let mut address_tx = Some(address_tx);
            for line in BufReader::new(stderr_pipe).lines() {
                let Ok(line) = line else { break };
                if let Some(url) = line.strip_prefix("DevTools listening on ")
                    && let Some(tx) = address_tx.take()
                {
                    let _ = tx.send(url.trim().to_owned());
                }
                let mut tail = stderr
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                if tail.len() == 200 {
                    tail.pop_front();
                }
                tail.push_back(line);
            }
        });

        let browser_url = match tokio::time::timeout(CHROMIUM_START_TIMEOUT, address_rx).await {
            Ok(Ok(url)) => url,
            Ok(Err(_)) => panic!(
                "Chromium exited before opening DevTools; its stderr:\n{}",
                browser.stderr_tail()
            ),
            Err(_) => panic!(
                "Chromium did not open DevTools within {CHROMIUM_START_TIMEOUT:?}; its stderr:\n{}",
                browser.stderr_tail()
            ),
        };
        browser.devtools = browser_url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("unexpected DevTools address {browser_url:?}"))
            .to_owned();
        browser
    }

    /// The CDP WebSocket of the tab Chromium opened with `about:blank`.
    pub(crate) async fn page_websocket_url(&self) -> String {
        let client = http_client();
        let list = format!("http://{}/json/list", self.devtools);
        let deadline = Instant::now() + CHROMIUM_START_TIMEOUT;
        loop {
            let targets: Vec<Value> = client
                .get(&list)
                .send()
                .await
                .unwrap_or_else(|error| panic!("GET {list}: {error}"))
                .json()
                .await
                .unwrap_or_else(|error| panic!("GET {list} gave no JSON: {error}"));
            let page = targets
                .iter()
                .filter(|target| target["type"] == "page")
                .find_map(|target| target["webSocketDebuggerUrl"].as_str());
            if let Some(url) = page {
                return url.to_owned();
            }
            assert!(
                Instant::now() < deadline,
                "Chromium has no page target: {targets:?}"
            );
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    fn stderr_tail(&self) -> String {
        let tail = self
            .stderr
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        tail.iter().cloned().collect::<Vec<_>>().join("\n")
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Chromium's helper processes outlive the browser process for a moment
        // and keep writing into the profile, so one removal is not enough.
        for _ in 0..40 {
            if std::fs::remove_dir_all(&self.profile_dir).is_ok() || !self.profile_dir.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn fresh_profile_dir() -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("wijkhub-chromium-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|error| panic!("creating {}: {error}", dir.display()));
    dir
}

/// One CDP session with a page. Replies are matched to commands by id;
/// events that arrive in between are kept for the console checks.
pub(crate) struct Cdp {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    events: Vec<Value>,
}

impl Cdp {
    pub(crate) async fn connect(url: &str) -> Self {
        let (socket, _) = connect_async(url)
            .await
            .unwrap_or_else(|error| panic!("connecting to {url}: {error}"));
        Cdp {
            socket,
            next_id: 0,
            events: Vec::new(),
        }
    }

    /// Sends a command and waits for its reply: `Ok(result)`, or `Err` with
    /// the protocol error. A broken or silent connection panics.
    pub(crate) async fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let command = json!({ "id": id, "method": method, "params": params });
        self.socket
            .send(Message::text(command.to_string()))
            .await
            .unwrap_or_else(|error| panic!("sending {method}: {error}"));
        loop {
            let frame = match tokio::time::timeout(CDP_REPLY_TIMEOUT, self.socket.next()).await {
                Ok(Some(Ok(frame))) => frame,
                Ok(Some(Err(error))) => {
                    panic!("DevTools connection failed during {method}: {error}")
                }
                Ok(None) => panic!("DevTools closed the connection during {method}"),
                Err(_) => panic!("no reply to {method} within {CDP_REPLY_TIMEOUT:?}"),
            };
            let Message::Text(text) = frame else { continue };
            let message: Value = serde_json::from_str(text.as_str())
                .unwrap_or_else(|error| panic!("DevTools sent invalid JSON ({error}): {text}"));
            if message["id"] == id {
                return match message.get("error") {
                    Some(error) => Err(error.to_string()),
                    None => Ok(message["result"].clone()),
                };
            }
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value
    /// (`null` for `undefined`), or `Err` if it threw.
    pub(crate) async fn evaluate(&mut self, expression: &str) -> Result<Value, String> {
        let reply = self
            .call(
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
            )
            .await?;
        if let Some(details) = reply.get("exceptionDetails") {
            return Err(describe_exception(details));
        }
        Ok(reply["result"]["value"].clone())
    }

    /// Re-evaluates `expression` until `done` accepts its value. Errors while
    /// the page is still loading count as "not yet". On timeout, `Err` holds
    /// the last value (or error) seen.
    pub(crate) async fn poll(
        &mut self,
        expression: &str,
        timeout: Duration,
        done: impl Fn(&Value) -> bool,
    ) -> Result<Value, Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let last = match self.evaluate(expression).await {
                Ok(value) if done(&value) => return Ok(value),
                Ok(value) => value,
                Err(error) => Value::String(format!("error: {error}")),
            };
            if Instant::now() >= deadline {
                return Err(last);
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// For looking at the page by eye: `WIJKHUB_PLAYGROUND_SCREENSHOT=/tmp/p.png`.
    pub(crate) async fn save_screenshot(&mut self, path: &Path) {
        use base64::Engine as _;
        let shot = self
            .call("Page.captureScreenshot", json!({ "format": "png" }))
            .await
            .unwrap_or_else(|error| panic!("Page.captureScreenshot failed: {error}"));
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap_or_default())
            .unwrap_or_else(|error| panic!("screenshot is not base64: {error}"));
        std::fs::write(path, png)
            .unwrap_or_else(|error| panic!("writing {}: {error}", path.display()));
        eprintln!("playground screenshot saved to {}", path.display());
    }

    /// Uncaught exceptions and Content-Security-Policy violations seen so far.
    pub(crate) fn problems(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|event| {
                let params = &event["params"];
                match event["method"].as_str()? {
                    "Runtime.exceptionThrown" => Some(format!(
                        "uncaught exception: {}",
                        describe_exception(&params["exceptionDetails"])
                    )),
                    "Log.entryAdded" | "Runtime.consoleAPICalled" => {
                        let text = console_text(event);
                        text.contains("Content Security Policy")
                            .then(|| format!("CSP violation: {}", abbreviate(&text)))
                    }
                    _ => None,
                }
            })
            .collect()
    }

    /// Every console and log message, for failure messages.
    pub(crate) fn console_report(&self) -> String {
        let lines: Vec<String> = self
            .events
            .iter()
            .filter_map(|event| match event["method"].as_str()? {
                "Log.entryAdded" | "Runtime.consoleAPICalled" => Some(format!(
                    "  [{}] {}",
                    event["params"]["entry"]["level"]
                        .as_str()
                        .or_else(|| event["params"]["type"].as_str())
                        .unwrap_or("?"),
                    abbreviate(&console_text(event))
                )),
                "Runtime.exceptionThrown" => Some(format!(
                    "  [exception] {}",
                    describe_exception(&event["params"]["exceptionDetails"])
                )),
                _ => None,
            })
            .collect();
        if lines.is_empty() {
            "browser console: (empty)".to_owned()
        } else {
            format!("browser console:\n{}", lines.join("\n"))
        }
    }
}

/// The text of a `Log.entryAdded` or `Runtime.consoleAPICalled` event.
fn console_text(event: &Value) -> String {
    let params = &event["params"];
    if let Some(text) = params["entry"]["text"].as_str() {
        return text.to_owned();
    }
    params["args"]
        .as_array()
        .map(|args| {
            args.iter()
                .map(|arg| match &arg["value"] {
                    Value::String(text) => text.clone(),
                    Value::Null => arg["description"].as_str().unwrap_or_default().to_owned(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// Blocked `data:` fonts make for messages of many kilobytes.
fn abbreviate(text: &str) -> String {
    const MAX_CHARS: usize = 400;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn describe_exception(details: &Value) -> String {
    let text = details["text"].as_str().unwrap_or("exception");
    match details["exception"]["description"].as_str() {
        Some(description) => format!("{text} {description}"),
        None => text.to_owned(),
    }
}
