//! Behind a reverse proxy: only a trusted proxy's `Forwarded` / `X-Forwarded-For` names the
//! client; from anyone else those headers change nothing. The client's address is what the
//! audit log records and what an anonymous caller's rate-limit budget is kept by.

use serde_json::json;

use crate::helpers::{TestApp, spawn_app_with};

/// A request with a refused token, with `headers` on top: one refusal in the audit log.
async fn refused_token(app: &TestApp, headers: &[(&str, &str)]) -> Option<String> {
    let before = app.refusals().await.len();
    let mut request = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth("not-a-token")
        .json(&json!({ "query": "{ __typename }" }));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    assert_eq!(request.send().await.expect("send").status(), 401);
    app.state.refusals.flush().await;
    let refusals = app.refusals().await;
    assert_eq!(refusals.len(), before + 1, "one refusal audited");
    refusals
        .into_iter()
        .max_by_key(|r| r.id)
        .and_then(|r| r.origin_ip)
}

/// An anonymous operation that does not parse: answered (200, with `BAD_USER_INPUT`) while the
/// caller has budget, as it costs 1; 429 once the budget is spent.
async fn anonymous_status(app: &TestApp, headers: &[(&str, &str)]) -> u16 {
    let mut request = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": "{ stadsdelen {" }));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("send").status().as_u16()
}

#[tokio::test]
async fn forwarding_headers_from_an_untrusted_peer_change_nothing() {
    // A proxy is trusted, but not the test's own address.
    let app = spawn_app_with(|s| {
        s.trusted_proxies = "10.0.0.0/8".into();
        s.rate_limit.anonymous = 2;
    })
    .await;
    let spoofed = [
        ("forwarded", "for=198.51.100.7"),
        ("x-forwarded-for", "203.0.113.9"),
    ];
    assert_eq!(
        refused_token(&app, &spoofed).await.as_deref(),
        Some("127.0.0.1")
    );
    // A new address per request buys no new budget: the budget is the peer's.
    for client in ["203.0.113.1", "203.0.113.2"] {
        assert_eq!(
            anonymous_status(&app, &[("x-forwarded-for", client)]).await,
            200
        );
    }
    assert_eq!(
        anonymous_status(&app, &[("x-forwarded-for", "203.0.113.3")]).await,
        429
    );
    assert_eq!(
        anonymous_status(&app, &[("forwarded", "for=203.0.113.4")]).await,
        429
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_client_is_audited_and_limited() {
    let app = spawn_app_with(|s| {
        s.trusted_proxies = "127.0.0.1, 10.0.0.0/8".into();
        s.rate_limit.anonymous = 2;
    })
    .await;
    // RFC 7239, a quoted IPv6 address with a port.
    assert_eq!(
        refused_token(&app, &[("forwarded", "for=\"[2001:db8:cafe::17]:4711\"")])
            .await
            .as_deref(),
        Some("2001:db8:cafe::17")
    );
    // The rightmost entry that is not a trusted proxy; what the client wrote to its left is not
    // believed.
    assert_eq!(
        refused_token(
            &app,
            &[("x-forwarded-for", "6.6.6.6, 203.0.113.9, 10.0.0.5")]
        )
        .await
        .as_deref(),
        Some("203.0.113.9")
    );
    // `Forwarded` is preferred to `X-Forwarded-For`.
    assert_eq!(
        refused_token(
            &app,
            &[
                ("x-forwarded-for", "203.0.113.9"),
                ("forwarded", "for=198.51.100.7;proto=https, for=10.0.0.5"),
            ],
        )
        .await
        .as_deref(),
        Some("198.51.100.7")
    );
    // Without a header, the peer itself.
    assert_eq!(refused_token(&app, &[]).await.as_deref(), Some("127.0.0.1"));

    // Each client behind the proxy has its own anonymous budget.
    let first = [("x-forwarded-for", "198.51.100.1")];
    assert_eq!(anonymous_status(&app, &first).await, 200);
    assert_eq!(anonymous_status(&app, &first).await, 200);
    assert_eq!(anonymous_status(&app, &first).await, 429);
    let second = [("forwarded", "for=198.51.100.2")];
    assert_eq!(anonymous_status(&app, &second).await, 200);
}
