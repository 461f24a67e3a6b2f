//! Staff playground: GraphiQL 3 served from the binary itself.
//!
//! Every asset is compiled in, so the page works on networks without internet
//! access and under a strict same-origin Content-Security-Policy. Browser
//! navigations to `GET /graphql` get [`page`]; the page loads its scripts and
//! styles from [`routes`]. Third-party files and their licenses are listed in
//! `assets/playground/LICENSES.md`.

use axum::{
    Router,
    extract::Path,
    http::{HeaderMap, header::ACCEPT},
    response::Response,
    routing::get,
};

use crate::embedded::{self, Asset, CSS, JAVASCRIPT};

/// `font-src data:` is needed because GraphiQL's stylesheet embeds its Roboto
/// and Fira Code fonts as `data:` URLs. No directive allows inline scripts or
/// eval: the GraphiQL, React and ReactDOM bundles need neither.
pub const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const INDEX_HTML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/playground/index.html"
));

const ASSETS: [Asset; 6] = [
    Asset {
        name: "react.production.min.js",
        content_type: JAVASCRIPT,
        body: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/playground/react.production.min.js"
        )),
    },
    Asset {
        name: "react-dom.production.min.js",
        content_type: JAVASCRIPT,
        body: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/playground/react-dom.production.min.js"
        )),
    },
    Asset {
        name: "graphiql.min.js",
        content_type: JAVASCRIPT,
        body: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/playground/graphiql.min.js"
        )),
    },
    Asset {
        name: "graphiql.min.css",
        content_type: CSS,
        body: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/playground/graphiql.min.css"
        )),
    },
    Asset {
        name: "playground.js",
        content_type: JAVASCRIPT,
        body: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/playground/playground.js"
        )),
    },
    Asset {
        name: "playground.css",
        content_type: CSS,
        body: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/playground/playground.css"
        )),
    },
];

/// `GET /playground/{file}` for the page's scripts and stylesheets.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route("/playground/{file}", get(asset))
}

async fn asset(Path(file): Path<String>) -> Response {
    embedded::asset(&ASSETS, &file, "public, max-age=86400")
}

/// The playground page itself. It is served at `/graphql`, which answers API clients too, so
/// the answer varies by `Accept`.
pub fn page() -> Response {
    embedded::page(INDEX_HTML, CONTENT_SECURITY_POLICY_VALUE, Some("Accept"))
}

/// Whether the client prefers an HTML page over a GraphQL response: `Accept`
/// lists `text/html`, and neither `application/json` nor
/// `application/graphql-response+json` ahead of it (by quality, then by
/// position). Wildcards don't count, so `curl` and most API clients, which send
/// `*/*` or nothing, never get the page.
pub fn wants_html(headers: &HeaderMap) -> bool {
    let mut html: Option<Preference> = None;
    let mut json: Option<Preference> = None;

    let ranges = headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','));
    for (position, range) in ranges.enumerate() {
        let mut params = range.split(';');
        let media_type = params.next().unwrap_or_default().trim();
        let quality = params.find_map(quality_param).unwrap_or(1000);
        if quality == 0 {
            continue;
        }
        let slot = if media_type.eq_ignore_ascii_case("text/html") {
            &mut html
        } else if media_type.eq_ignore_ascii_case("application/json")
            || media_type.eq_ignore_ascii_case("application/graphql-response+json")
        {
            &mut json
        } else {
            continue;
        };
        if slot.is_none_or(|best| quality > best.quality) {
            *slot = Some(Preference { quality, position });
        }
    }

    match (html, json) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(html), Some(json)) => {
            html.quality > json.quality
                || (html.quality == json.quality && html.position < json.position)
        }
    }
}

#[derive(Clone, Copy)]
struct Preference {
    /// q-value in thousandths, so it compares exactly.
    quality: u16,
    position: usize,
}

/// Parses a `q=0.8` media-range parameter into thousandths; other parameters
/// give `None`. A malformed q-value counts as 0, i.e. "not acceptable".
fn quality_param(param: &str) -> Option<u16> {
    let (name, value) = param.split_once('=')?;
    if !name.trim().eq_ignore_ascii_case("q") {
        return None;
    }
    let q = value.trim().parse::<f32>().unwrap_or(0.0);
    if !q.is_finite() || q <= 0.0 {
        return Some(0);
    }
    Some((q.min(1.0) * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{
        body::Body,
        http::{
            HeaderValue, Request, StatusCode,
            header::{
                CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY,
                X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
            },
        },
    };
    use tower::ServiceExt;

    fn accept(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(
                ACCEPT,
                HeaderValue::from_str(value).expect("test header value"),
            );
        }
        headers
    }

    #[test]
    fn browser_navigations_want_html() {
        // Chromium, Firefox and Safari navigation requests.
        for value in [
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,\
             image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,\
             image/png,image/svg+xml,*/*;q=0.8",
            "TEXT/HTML",
        ] {
            assert!(wants_html(&accept(&[value])), "{value}");
        }
    }

    #[test]
    fn api_clients_do_not_want_html() {
        for value in [
            "application/json",
            "application/graphql-response+json, application/json",
            "application/graphql-response+json, application/json;q=0.9",
            "*/*",
            "",
            "application/json, text/html",
            "application/graphql-response+json, text/html",
            "text/html;q=0.5, application/json",
            "text/html;q=0",
            "text/html;q=nonsense",
            "text/*",
        ] {
            assert!(!wants_html(&accept(&[value])), "{value:?}");
        }
        assert!(!wants_html(&HeaderMap::new()));
    }

    #[test]
    fn quality_then_order_decides() {
        assert!(wants_html(&accept(&["text/html, application/json"])));
        assert!(wants_html(&accept(&[
            "application/json;q=0.5, text/html;q=0.9"
        ])));
        assert!(wants_html(&accept(&["text/html;level=1;q=1, */*"])));
        assert!(wants_html(&accept(&[
            "text/html;q=0.9, application/json;q=0.900"
        ])));
        assert!(!wants_html(&accept(&[
            "application/json;q=0.9, text/html;q=0.9"
        ])));
    }

    #[test]
    fn repeated_accept_headers_are_read_in_order() {
        assert!(wants_html(&accept(&["text/html", "application/json"])));
        assert!(!wants_html(&accept(&["application/json", "text/html"])));
    }

    #[test]
    fn page_loads_only_the_served_assets_and_no_inline_script() {
        let mut rest = INDEX_HTML;
        let mut scripts = Vec::new();
        while let Some(start) = rest.find("<script") {
            let tag_end = rest[start..].find('>').expect("unterminated <script> tag") + start;
            let tag = &rest[start..tag_end];
            let src = tag
                .split_once("src=\"")
                .and_then(|(_, after)| after.split_once('"'))
                .map(|(src, _)| src)
                .unwrap_or_else(|| panic!("inline script in index.html: {tag}"));
            assert!(
                rest[tag_end + 1..].starts_with("</script>"),
                "script with a body: {tag}"
            );
            scripts.push(src);
            rest = &rest[tag_end..];
        }
        assert_eq!(
            scripts,
            [
                "/playground/react.production.min.js",
                "/playground/react-dom.production.min.js",
                "/playground/graphiql.min.js",
                "/playground/playground.js",
            ]
        );
        for asset in &ASSETS {
            assert!(
                INDEX_HTML.contains(&format!("\"/playground/{}\"", asset.name)),
                "index.html does not load {}",
                asset.name
            );
        }
        assert!(
            !INDEX_HTML.contains("://"),
            "index.html loads something off-site"
        );
    }

    async fn get(uri: &str) -> Response {
        routes::<()>()
            .oneshot(Request::get(uri).body(Body::empty()).expect("test request"))
            .await
            .expect("infallible")
    }

    #[tokio::test]
    async fn serves_each_asset_with_its_type_and_caching() {
        for asset in &ASSETS {
            let response = get(&format!("/playground/{}", asset.name)).await;
            assert_eq!(response.status(), StatusCode::OK, "{}", asset.name);
            let headers = response.headers();
            assert_eq!(headers[CONTENT_TYPE], asset.content_type, "{}", asset.name);
            assert_eq!(headers[CACHE_CONTROL], "public, max-age=86400");
            assert_eq!(headers[X_CONTENT_TYPE_OPTIONS], "nosniff");
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("body");
            assert_eq!(body.len(), asset.body.len(), "{}", asset.name);
            assert!(!body.is_empty(), "{}", asset.name);
        }
    }

    #[tokio::test]
    async fn unknown_files_are_not_found() {
        for uri in [
            "/playground/index.html",
            "/playground/LICENSES.md",
            "/playground/graphiql.min.js.map",
            "/playground/..%2FCargo.toml",
            "/playground/",
        ] {
            assert_eq!(get(uri).await.status(), StatusCode::NOT_FOUND, "{uri}");
        }
    }

    #[test]
    fn page_is_html_with_a_strict_policy() {
        let response = page();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers();
        assert_eq!(headers[CONTENT_TYPE], "text/html; charset=utf-8");
        assert_eq!(headers[CACHE_CONTROL], "no-cache");
        assert_eq!(headers[X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[REFERRER_POLICY], "no-referrer");
        assert_eq!(headers[X_FRAME_OPTIONS], "DENY");
        let csp = headers[CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii policy");
        assert!(csp.contains("script-src 'self';"), "{csp}");
        assert!(!csp.contains("unsafe-eval"), "{csp}");
        assert!(csp.contains("connect-src 'self'"), "{csp}");
    }
}
