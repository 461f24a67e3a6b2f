//! Bad input gets a clear error with its code and the offending field, never a 500.

use serde_json::json;

use crate::helpers::{single_error, spawn_app};

#[tokio::test]
async fn bad_input_is_answered_with_its_code_and_field() {
    let app = spawn_app().await;
    let token = app.token("dpz", "EDITOR");
    let cases = [
        (
            "{ projects(first: 501) { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
            Some("first"),
        ),
        (
            "{ projects(first: -1) { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
            Some("first"),
        ),
        (
            "{ projects(after: \"garbage\") { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
            Some("after"),
        ),
        (
            "{ projects(filter: { wijkCode: \"WK999999\" }) { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
            Some("filter.wijkCode"),
        ),
        (
            "{ project(id: \"not-a-uuid\") { title } }",
            json!({}),
            "BAD_USER_INPUT",
            Some("id"),
        ),
        (
            "query($id: ID!) { project(id: $id) { title } }",
            json!({ "id": uuid::Uuid::now_v7().to_string() }),
            "NOT_FOUND",
            None,
        ),
        (
            "{ projects(filter: { phase: FLYING }) { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
            Some("filter.phase"),
        ),
        (
            "query($f: ProjectFilterInput) { projects(filter: $f) { totalCount } }",
            json!({ "f": { "theme": "NOT_A_THEME" } }),
            "BAD_USER_INPUT",
            Some("filter.theme"),
        ),
        (
            "{ wijken(filter: { stadsdeelCode: \"XXX\" }) { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
            Some("filter.stadsdeelCode"),
        ),
    ];
    for (query, variables, code, field) in cases {
        let body = app.graphql(Some(&token), query, variables).await;
        let (got_code, got_field) = single_error(&body);
        assert_eq!(got_code, code, "{query}: {body}");
        assert_eq!(got_field.as_deref(), field, "{query}: {body}");
    }
}

#[tokio::test]
async fn an_unknown_wijk_code_is_null_not_an_error() {
    let app = spawn_app().await;
    let data = app
        .data(None, "{ wijk(code: \"WK000000\") { name } }", json!({}))
        .await;
    assert!(data["wijk"].is_null());
}

#[tokio::test]
async fn a_cursor_of_another_order_is_refused() {
    let app = spawn_app().await;
    let token = app.token("dpz", "EDITOR");
    let first = app
        .data(
            Some(&token),
            "{ projects(first: 2) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await;
    let cursor = first["projects"]["pageInfo"]["endCursor"].clone();
    let body = app
        .graphql(
            Some(&token),
            "query($after: String) { projects(first: 2, after: $after, orderBy: { field: TITLE, direction: ASC }) { totalCount } }",
            json!({ "after": cursor }),
        )
        .await;
    assert_eq!(
        single_error(&body),
        ("BAD_USER_INPUT".to_owned(), Some("after".to_owned()))
    );
}

#[tokio::test]
async fn hostile_documents_cost_a_400_and_nothing_else() {
    let app = spawn_app().await;
    let nested = format!(
        "{{ projects(filter: {{ search: {}\"x\"{} }}) {{ totalCount }} }}",
        "[".repeat(1600),
        "]".repeat(1600)
    );
    let mut doubling =
        String::from("query { ...F29 }\nfragment F0 on Query { stadsdelen { totalCount } }\n");
    for i in 1..30 {
        doubling.push_str(&format!(
            "fragment F{i} on Query {{ ...F{p} ...F{p} }}\n",
            p = i - 1
        ));
    }
    let long = format!("{{ {} }}", "stadsdelen { totalCount } ".repeat(1000));
    for (i, (attack, document)) in [
        ("nesting", nested),
        ("fragment doubling", doubling),
        ("length", long),
    ]
    .into_iter()
    .enumerate()
    {
        let before = app.statements();
        let response = app.post(None, &json!({ "query": document })).await;
        assert_eq!(response.status(), 400, "{attack}");
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "QUERY_TOO_COMPLEX",
            "{attack}"
        );
        // Refused before any SQL but its audit row: the first refusal of this origin and code
        // is written, the next ones in the same minute are only counted.
        let audit_rows = u64::from(i == 0);
        assert_eq!(
            app.statements(),
            before + audit_rows,
            "{attack}: refused before any SQL"
        );
    }
    // The server is still there.
    let data = app
        .data(None, "{ stadsdelen { totalCount } }", json!({}))
        .await;
    assert_eq!(data["stadsdelen"]["totalCount"], 8);
}

/// A document validated once runs without the document's own rules when it comes again (see
/// `pipeline::validated`); its answers must be those of a document never seen, for good
/// variables and bad ones alike.
#[tokio::test]
async fn a_document_sent_again_is_answered_as_a_new_one_whatever_its_variables() {
    let app = spawn_app().await;
    let token = app.token("dpz", "EDITOR");
    let project = app.project_id("Taalcafé Moerwijk").await;
    // Each document with good variables, then for each variable the values it is sent with.
    let documents = [
        (
            "query($id: ID!) { project(id: $id) { title } }",
            json!({ "id": project }),
            vec![(
                "id",
                vec![
                    json!(project),
                    json!("not-a-uuid"),
                    json!(12),
                    json!(-12),
                    json!(1.5),
                    json!(true),
                    json!(null),
                    json!(["x"]),
                    json!({ "a": 1 }),
                ],
            )],
        ),
        (
            "query($first: Int!) { projects(first: $first) { totalCount } }",
            json!({ "first": 2 }),
            vec![(
                "first",
                vec![
                    json!(3),
                    json!(-1),
                    json!(501),
                    json!(2.5),
                    json!("2"),
                    json!(null),
                    json!(9_223_372_036_854_775_807_i64),
                    json!(u64::MAX),
                ],
            )],
        ),
        (
            "query($code: String!, $with: Boolean!) { wijk(code: $code) { name population @include(if: $with) } }",
            json!({ "code": "WK051804", "with": true }),
            vec![
                (
                    "code",
                    vec![
                        json!("WK051804"),
                        json!("nowhere"),
                        json!(7),
                        json!(false),
                        json!(null),
                    ],
                ),
                (
                    "with",
                    vec![
                        json!(false),
                        json!("true"),
                        json!(1),
                        json!(null),
                        json!([true]),
                    ],
                ),
            ],
        ),
    ];
    for (d, (document, good, variables)) in documents.iter().enumerate() {
        let first = app.graphql(Some(&token), document, good.clone()).await;
        assert!(first.get("errors").is_none(), "{document}: {first}");
        for (name, values) in variables {
            for (v, value) in values.iter().enumerate() {
                let mut variables = good.clone();
                variables[*name] = value.clone();
                // The same text with a comment after it is a document never validated before.
                let fresh = format!("{document}\n# {d}.{name}.{v}");
                let again = app.graphql(Some(&token), document, variables.clone()).await;
                let new = app.graphql(Some(&token), &fresh, variables.clone()).await;
                assert_eq!(
                    (&again["data"], &again["errors"]),
                    (&new["data"], &new["errors"]),
                    "{document} with {variables}"
                );
            }
        }
    }
}
