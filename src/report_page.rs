//! The programme report page, `GET /report`: a static page and its script and stylesheet,
//! compiled into the binary (no CDN), that reads `programmeReport` through `/graphql` with the
//! token a person pastes. The charts are SVG drawn by `assets/report/report.js` itself, so there
//! is no third-party file to vendor.

use axum::{Router, extract::Path, response::Response, routing::get};

use crate::embedded::{self, Asset, CSS, JAVASCRIPT};

/// Stricter than the playground's: no inline style either (GraphiQL needs it, this page does
/// not). `img-src data:` is for the page's empty `data:` icon only.
pub const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const INDEX_HTML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/report/index.html"
));

const ASSETS: [Asset; 2] = [
    Asset {
        name: "report.js",
        content_type: JAVASCRIPT,
        body: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/report/report.js"
        )),
    },
    Asset {
        name: "report.css",
        content_type: CSS,
        body: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/report/report.css"
        )),
    },
];

/// `GET /report` (its `?scope=`, `?period=` and `?lang=` are read by the page's script) and
/// `GET /report/{file}` for its script and stylesheet.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/report", get(page))
        .route("/report/{file}", get(asset))
}

/// The page and its assets change together with the binary; an hour keeps a new release's page
/// from running an old script for long.
async fn asset(Path(file): Path<String>) -> Response {
    embedded::asset(&ASSETS, &file, "public, max-age=3600")
}

async fn page() -> Response {
    embedded::page(INDEX_HTML, CONTENT_SECURITY_POLICY_VALUE, None)
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{
        Request, StatusCode,
        header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE},
    };
    use tower::ServiceExt;

    use super::*;

    async fn get(uri: &str) -> Response {
        routes::<()>()
            .oneshot(Request::get(uri).body(Body::empty()).expect("test request"))
            .await
            .expect("infallible")
    }

    #[test]
    fn page_has_no_inline_script_or_style_and_loads_nothing_off_site() {
        let html = INDEX_HTML.to_ascii_lowercase();
        assert!(!html.contains("<style"), "inline <style> in index.html");
        assert!(!html.contains(" style="), "style attribute in index.html");
        let handler = html.match_indices(" on").any(|(i, _)| {
            let name: String = html[i + 3..]
                .chars()
                .take_while(char::is_ascii_lowercase)
                .collect();
            html[i + 3 + name.len()..].starts_with('=')
        });
        assert!(!handler, "inline event handler in index.html");
        assert!(!html.contains("://"), "index.html loads something off-site");
        let scripts: Vec<&str> = INDEX_HTML
            .match_indices("<script")
            .map(|(i, _)| &INDEX_HTML[i..])
            .collect();
        assert_eq!(scripts.len(), 1);
        assert!(scripts[0].starts_with("<script src=\"/report/report.js\" defer></script>"));
        for asset in &ASSETS {
            assert!(INDEX_HTML.contains(&format!("\"/report/{}\"", asset.name)));
        }
    }

    #[test]
    fn script_sets_no_inline_style() {
        let js = std::str::from_utf8(ASSETS[0].body).expect("utf-8");
        // `style-src 'self'` refuses style attributes and <style> elements made by script.
        for forbidden in ["'style'", ".style.", "innerHTML", "eval(", "new Function"] {
            assert!(!js.contains(forbidden), "report.js uses {forbidden}");
        }
    }

    #[tokio::test]
    async fn serves_the_page_and_each_asset_with_a_strict_policy() {
        let response = get("/report").await;
        assert_eq!(response.status(), StatusCode::OK);
        let csp = response.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii policy");
        assert!(csp.contains("script-src 'self';"), "{csp}");
        assert!(csp.contains("style-src 'self';"), "{csp}");
        assert!(!csp.contains("unsafe"), "{csp}");
        for asset in &ASSETS {
            let response = get(&format!("/report/{}", asset.name)).await;
            assert_eq!(response.status(), StatusCode::OK, "{}", asset.name);
            assert_eq!(response.headers()[CONTENT_TYPE], asset.content_type);
        }
        for uri in ["/report/index.html", "/report/..%2FCargo.toml", "/report/"] {
            assert_eq!(get(uri).await.status(), StatusCode::NOT_FOUND, "{uri}");
        }
    }
}
