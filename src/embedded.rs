//! Pages and their files compiled into the binary (the playground, the report page): one way to
//! answer them, so both pages carry the same security headers and neither needs a CDN.

use axum::{
    http::{
        HeaderName, HeaderValue, StatusCode,
        header::{
            CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, VARY,
            X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
        },
    },
    response::{IntoResponse, Response},
};

pub const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
pub const CSS: &str = "text/css; charset=utf-8";

/// A file a page loads, by its name in the page's folder.
pub struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    pub body: &'static [u8],
}

/// The file `name` of `assets`, cached for `max_age` (the files change only with the binary);
/// 404 for any other name, so nothing outside the compiled-in list can be asked for.
pub fn asset(assets: &[Asset], name: &str, max_age: &'static str) -> Response {
    let Some(asset) = assets.iter().find(|asset| asset.name == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let headers: [(HeaderName, HeaderValue); 3] = [
        (CONTENT_TYPE, HeaderValue::from_static(asset.content_type)),
        (CACHE_CONTROL, HeaderValue::from_static(max_age)),
        (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
    ];
    (headers, asset.body).into_response()
}

/// An HTML page under its Content-Security-Policy, never cached stale, never framed. `vary`
/// names the request header the answer depends on, if any (the playground shares `/graphql`
/// with API clients).
pub fn page(html: &'static str, policy: &'static str, vary: Option<&'static str>) -> Response {
    let headers: [(HeaderName, HeaderValue); 6] = [
        (
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ),
        (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        (CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy)),
        (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        (X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ];
    let mut response = (headers, html).into_response();
    if let Some(vary) = vary {
        response
            .headers_mut()
            .insert(VARY, HeaderValue::from_static(vary));
    }
    response
}
