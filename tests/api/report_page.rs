//! The report page in a real browser: headless Chromium (driven over CDP as the playground test
//! does) opens `GET /report` with a city token, waits for the charts, checks that each chart holds
//! the numbers `programmeReport` returns, prints the page to PDF and checks the PDF has the title
//! page and more than one page. The screenshot and the PDF stay in the test's output folder
//! (`target/tmp/report-page/`) for a person to look at.

use std::{collections::BTreeMap, path::PathBuf, time::Duration};

use serde_json::{Value, json};

use crate::{
    helpers::spawn_app,
    playground::{Cdp, Chromium, find_chromium, http_client, js_string},
    report::REPORT,
};

const RENDER_TIMEOUT: Duration = Duration::from_secs(30);

fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-page");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    dir
}

#[tokio::test]
async fn the_report_page_draws_the_reports_numbers_and_prints_to_a_pdf() {
    let app = spawn_app().await;

    // The page and its assets, with a policy that allows no inline script or style.
    let client = http_client();
    let page_response = client
        .get(format!(
            "{}/report?scope=wijk:WK051836&period=2025",
            app.address
        ))
        .send()
        .await
        .expect("GET /report");
    assert_eq!(page_response.status(), 200);
    let csp = page_response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("style-src 'self'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe"), "{csp}");
    for (file, kind) in [("report.js", "text/javascript"), ("report.css", "text/css")] {
        let response = client
            .get(format!("{}/report/{file}", app.address))
            .send()
            .await
            .expect("asset");
        assert_eq!(response.status(), 200, "{file}");
        let served = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(served.starts_with(kind), "{file} served as {served}");
    }

    let Some(binary) = find_chromium() else {
        if std::env::var("WIJKHUB_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
            panic!("WIJKHUB_REQUIRE_CHROMIUM=1 but no Chromium was found (set WIJKHUB_CHROMIUM)");
        }
        eprintln!(
            "SKIPPED: the report page test — no Chromium on this machine (set WIJKHUB_CHROMIUM)"
        );
        return;
    };

    let browser = Chromium::launch(&binary).await;
    let mut page = Cdp::connect(&browser.page_websocket_url().await).await;
    for domain in ["Runtime.enable", "Log.enable", "Page.enable"] {
        page.call(domain, json!({}))
            .await
            .unwrap_or_else(|e| panic!("{domain}: {e}"));
    }
    page.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1280, "height": 1400, "deviceScaleFactor": 1, "mobile": false }),
    )
    .await
    .expect("viewport");

    let url = format!("{}/report", app.address);
    page.call("Page.navigate", json!({ "url": url }))
        .await
        .expect("navigate");
    // Dutch by default, and without a token the page says what to do.
    let notice = page
        .poll(
            "document.getElementById('status').innerText",
            RENDER_TIMEOUT,
            |v| {
                v.as_str()
                    .is_some_and(|t| t.contains("plak hierboven een token"))
            },
        )
        .await;
    assert!(
        notice.is_ok(),
        "no Dutch token notice: {notice:?}\n{}",
        page.console_report()
    );

    let token = app.token("programmabureau", "ADMIN");
    let set = page
        .evaluate(&format!(
            "((token) => {{ const input = document.getElementById('token'); input.value = token;
                input.dispatchEvent(new Event('change', {{ bubbles: true }})); return true; }})({})",
            js_string(&token)
        ))
        .await;
    assert_eq!(set, Ok(Value::Bool(true)));
    let rendered = page
        .poll(
            "document.body.getAttribute('data-rendered')",
            RENDER_TIMEOUT,
            |v| v.as_str() == Some("true"),
        )
        .await;
    if rendered.is_err() {
        let status = page
            .evaluate("document.getElementById('status').innerText")
            .await;
        panic!(
            "the report did not render: {status:?}\n{}",
            page.console_report()
        );
    }

    let data = app.data(Some(&token), REPORT, json!({})).await;
    let report = &data["programmeReport"];

    // Each chart holds the report's numbers.
    let chart = |name: &str, attribute: &str| {
        format!(
            "Object.fromEntries([...document.querySelectorAll('[data-chart={name}] [data-key]')]
                .map((g) => [g.getAttribute('data-key'), Number(g.getAttribute('{attribute}'))]))"
        )
    };
    let read = |value: Result<Value, String>| -> BTreeMap<String, f64> {
        serde_json::from_value(value.expect("chart read")).expect("chart map")
    };
    let phases = read(page.evaluate(&chart("phases", "data-value")).await);
    let want: BTreeMap<String, f64> = rows(report, "projectsByPhase")
        .map(|r| (text(&r["phase"]), num(&r["count"])))
        .collect();
    assert_eq!(phases, want, "the phase funnel");
    assert_eq!(phases.len(), 10, "every phase in the funnel");

    let aiming = read(page.evaluate(&chart("effects", "data-aiming")).await);
    let assessed = read(page.evaluate(&chart("effects", "data-assessed")).await);
    let want_aiming: BTreeMap<String, f64> = rows(report, "effects")
        .map(|r| (text(&r["effect"]["code"]), num(&r["projectsAiming"])))
        .collect();
    let want_assessed: BTreeMap<String, f64> = rows(report, "effects")
        .map(|r| (text(&r["effect"]["code"]), num(&r["assessedCount"])))
        .collect();
    assert_eq!(aiming, want_aiming, "the effect bars (aiming)");
    assert_eq!(assessed, want_assessed, "the effect bars (assessed)");
    assert_eq!(aiming.len(), 6);

    let budget = read(page.evaluate(&chart("budget", "data-value")).await);
    let want_budget: BTreeMap<String, f64> = rows(report, "budgetBySource")
        .map(|r| {
            (
                text(&r["source"]),
                text(&r["amount"]).parse().unwrap_or(-1.0),
            )
        })
        .collect();
    assert_eq!(budget, want_budget, "the budget bars");
    assert!(!budget.is_empty());

    let mut months = read(page.evaluate(&chart("signals", "data-value")).await);
    months.retain(|_, n| *n > 0.0);
    let mut want_months: BTreeMap<String, f64> = BTreeMap::new();
    for r in rows(report, "signalsByMonth") {
        *want_months.entry(text(&r["month"])).or_default() += num(&r["count"]);
    }
    assert_eq!(months, want_months, "the signals per month");

    // The key figures and tables say the same in words.
    let figures = page
        .evaluate("document.querySelector('[data-figure=projects] dd').innerText")
        .await;
    assert_eq!(figures, Ok(json!(report["projectCount"].to_string())));
    let table_rows = page
        .evaluate("document.querySelectorAll('[data-section=effects] tbody tr').length")
        .await;
    assert_eq!(table_rows, Ok(json!(6)));

    let dir = output_dir();
    page.save_screenshot(&dir.join("report.png")).await;

    // Print: the title page stands alone, and the PDF has it and more pages.
    page.call("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await
        .expect("print media");
    let title_page = page
        .evaluate(
            "(() => { const t = document.querySelector('.title-page');
                return [getComputedStyle(t).breakAfter, t.innerText]; })()",
        )
        .await
        .expect("title page");
    assert_eq!(title_page[0], "page", "the title page ends its page");
    let title_text = title_page[1].as_str().unwrap_or_default().to_owned();
    for needle in [
        "Programmarapportage wijkaanpak",
        "Hele programma",
        "Stand van de gegevens",
    ] {
        assert!(
            title_text.contains(needle),
            "title page lacks {needle:?}: {title_text}"
        );
    }
    page.call("Emulation.setEmulatedMedia", json!({ "media": "" }))
        .await
        .expect("screen media");
    let pdf = page
        .call(
            "Page.printToPDF",
            json!({ "printBackground": true, "preferCSSPageSize": true, "generateDocumentOutline": true }),
        )
        .await
        .expect("printToPDF");
    let pdf = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(pdf["data"].as_str().unwrap_or_default())
            .expect("PDF is base64")
    };
    std::fs::write(dir.join("report.pdf"), &pdf).expect("writing the PDF");
    eprintln!("report screenshot and PDF saved in {}", dir.display());
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let pages = count_pages(&pdf);
    assert!(pages >= 2, "the PDF has {pages} page(s)");
    let outline = pdf_strings(&pdf);
    assert!(
        outline
            .iter()
            .any(|s| s.contains("Programmarapportage wijkaanpak")),
        "the PDF's outline has no title page heading: {outline:?}"
    );

    // The address chooses the area and period; the page asks for the same report.
    page.call(
        "Page.navigate",
        json!({ "url": format!("{url}?scope=wijk:WK051836&period=2025&lang=nl") }),
    )
    .await
    .expect("navigate");
    let scoped = page
        .poll(
            "document.body.getAttribute('data-rendered') === 'true' ? document.getElementById('title-scope').innerText : null",
            RENDER_TIMEOUT,
            |v| v.as_str().is_some_and(|t| t.contains("WK051836")),
        )
        .await;
    assert!(
        scoped.is_ok(),
        "the scoped report: {scoped:?}\n{}",
        page.console_report()
    );
    let data = app
        .data(
            Some(&token),
            REPORT,
            json!({ "scope": { "wijkCode": "WK051836" }, "period": { "from": "2025-01-01", "to": "2025-12-31" } }),
        )
        .await;
    let phases = read(page.evaluate(&chart("phases", "data-value")).await);
    let want: BTreeMap<String, f64> = rows(&data["programmeReport"], "projectsByPhase")
        .map(|r| (text(&r["phase"]), num(&r["count"])))
        .collect();
    assert_eq!(phases, want, "the scoped phase funnel");
    // An unknown code is the API's refusal, shown with its field.
    page.call(
        "Page.navigate",
        json!({ "url": format!("{url}?scope=wijk:WK999999&lang=nl") }),
    )
    .await
    .expect("navigate");
    let refused = page
        .poll(
            "document.getElementById('status').innerText",
            RENDER_TIMEOUT,
            |v| v.as_str().is_some_and(|t| t.contains("scope.wijkCode")),
        )
        .await;
    assert!(refused.is_ok(), "an unknown code: {refused:?}");

    // English is one click away and remembered.
    page.call("Page.navigate", json!({ "url": url }))
        .await
        .expect("navigate");
    let back = page
        .poll(
            "document.body.getAttribute('data-rendered')",
            RENDER_TIMEOUT,
            |v| v.as_str() == Some("true"),
        )
        .await;
    assert!(back.is_ok(), "the whole programme again: {back:?}");
    let switched = page
        .evaluate("document.getElementById('lang').click(); true")
        .await;
    assert_eq!(switched, Ok(Value::Bool(true)));
    let english = page
        .poll(
            "document.body.getAttribute('data-rendered') === 'true' ? document.querySelector('h1').innerText : null",
            RENDER_TIMEOUT,
            |v| v.as_str() == Some("Neighbourhood programme report"),
        )
        .await;
    assert!(english.is_ok(), "no English after the switch: {english:?}");
    page.call("Page.navigate", json!({ "url": url }))
        .await
        .expect("navigate");
    let remembered = page
        .poll(
            "document.body.getAttribute('data-rendered') === 'true' ? document.documentElement.lang : null",
            RENDER_TIMEOUT,
            |v| v.as_str() == Some("en"),
        )
        .await;
    assert!(
        remembered.is_ok(),
        "English and the token are remembered: {remembered:?}"
    );

    // Clear forgets the token.
    let cleared = page
        .evaluate(&format!(
            "((token) => {{ document.getElementById('clear').click();
                const kept = Object.keys(localStorage).some((k) => (localStorage.getItem(k) || '').includes(token));
                return document.getElementById('token').value === '' && !kept; }})({})",
            js_string(&token)
        ))
        .await;
    assert_eq!(
        cleared,
        Ok(Value::Bool(true)),
        "Clear empties the box and forgets the token"
    );

    page.evaluate("0").await.ok();
    let problems = page.problems();
    assert!(
        problems.is_empty(),
        "the browser reported problems:\n{}\n{}",
        problems.join("\n"),
        page.console_report()
    );
    drop(page);
    drop(browser);
}

fn rows<'a>(report: &'a Value, field: &str) -> impl Iterator<Item = &'a Value> {
    report[field].as_array().into_iter().flatten()
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn num(value: &Value) -> f64 {
    value.as_f64().unwrap_or(-1.0)
}

/// Page objects (`/Type /Page`, not `/Pages`) in the PDF.
fn count_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(i, m)| !text[i + m.len()..].starts_with('s'))
        .count()
}

/// The PDF's uncompressed text strings (the outline's titles among them): `(literal)` strings
/// and UTF-16 `<FEFF…>` hex strings.
fn pdf_strings(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    let mut found = Vec::new();
    for (i, _) in text.match_indices("/Title") {
        let rest = text[i + 6..].trim_start();
        if let Some(hex) = rest.strip_prefix('<') {
            let hex: String = hex.chars().take_while(|c| *c != '>').collect();
            let bytes: Vec<u8> = (0..hex.len() / 2)
                .filter_map(|k| u8::from_str_radix(&hex[2 * k..2 * k + 2], 16).ok())
                .collect();
            let units: Vec<u16> = bytes
                .chunks(2)
                .skip(1)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            found.push(String::from_utf16_lossy(&units));
        } else if let Some(literal) = rest.strip_prefix('(') {
            found.push(literal.chars().take_while(|c| *c != ')').collect());
        }
    }
    found
}
