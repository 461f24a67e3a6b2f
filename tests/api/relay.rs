//! What Relay-style clients and live apps rely on: global object identification (`node(id:)`,
//! under the same rules as every lookup) and a change feed that can start from now.

use serde_json::{Value, json};

use crate::helpers::spawn_app;

const NODE: &str = "query($id: ID!) { node(id: $id) { __typename id
    ... on Project { title } ... on MeetingPlace { name } ... on Partner { code } } }";

#[tokio::test]
async fn node_answers_what_the_lookups_answer_and_nothing_else() {
    let app = spawn_app().await;
    let admin = app.token("programmabureau", "ADMIN");
    let partner = app.token("haag-wonen", "VIEWER");
    // An INTERNAL project Haag Wonen may not read: readable by the city, not by the partner.
    let ids = |data: &Value| -> Vec<Value> {
        data["projects"]["nodes"].as_array().expect("nodes").clone()
    };
    let query = "{ projects(first: 500) { nodes { id title visibility } } }";
    let all = ids(&app.data(Some(&admin), query, json!({})).await);
    let readable = ids(&app.data(Some(&partner), query, json!({})).await);
    let hidden = all
        .iter()
        .find(|p| p["visibility"] == "INTERNAL" && !readable.iter().any(|r| r["id"] == p["id"]))
        .expect("an INTERNAL project haag-wonen may not read")
        .clone();
    let id = hidden["id"].as_str().expect("id");

    let seen = app.data(Some(&admin), NODE, json!({ "id": id })).await;
    assert_eq!(seen["node"]["__typename"], "Project");
    assert_eq!(seen["node"]["id"], id);
    assert_eq!(seen["node"]["title"], hidden["title"]);

    // Not readable is the same answer as never existed, for a partner and for anonymous.
    let unknown = uuid::Uuid::now_v7().to_string();
    for (caller, id) in [
        (Some(&partner), id),
        (None, id),
        (Some(&partner), unknown.as_str()),
    ] {
        let body = app
            .graphql(caller.map(String::as_str), NODE, json!({ "id": id }))
            .await;
        assert_eq!(body["data"], json!({ "node": null }), "{caller:?} {id}");
        assert!(body.get("errors").is_none(), "{body}");
    }

    // A meeting place is public, and an organisation needs a caller.
    let place = app
        .data(
            None,
            "{ meetingPlaces(first: 1) { nodes { id name } } }",
            json!({}),
        )
        .await["meetingPlaces"]["nodes"][0]
        .clone();
    let anonymous = app.data(None, NODE, json!({ "id": place["id"] })).await;
    assert_eq!(anonymous["node"]["__typename"], "MeetingPlace");
    assert_eq!(anonymous["node"]["name"], place["name"]);
    let haag_wonen = app.org_id("haag-wonen").to_string();
    let organisation = app
        .data(Some(&partner), NODE, json!({ "id": haag_wonen }))
        .await;
    assert_eq!(organisation["node"]["__typename"], "Partner");
    assert_eq!(organisation["node"]["code"], "haag-wonen");
    let body = app.graphql(None, NODE, json!({ "id": haag_wonen })).await;
    assert_eq!(body["data"]["node"], Value::Null);

    let bad = app
        .graphql(Some(&partner), NODE, json!({ "id": "nope" }))
        .await;
    assert_eq!(bad["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(bad["errors"][0]["extensions"]["field"], "id");
}

#[tokio::test]
async fn the_feed_can_start_from_now() {
    let app = spawn_app().await;
    let editor = app.token("haag-wonen", "EDITOR");
    let head = app.data(Some(&editor), "{ changesHead }", json!({})).await["changesHead"]
        .as_str()
        .expect("a cursor")
        .to_owned();
    let page = |after: String| {
        let app = &app;
        let editor = &editor;
        async move {
            app.data(
                Some(editor),
                "query($after: String) { changes(after: $after, first: 500) {
                    nodes { entityType entityId operation } pageInfo { endCursor } } }",
                json!({ "after": after }),
            )
            .await["changes"]["nodes"]
                .clone()
        }
    };
    assert_eq!(
        page(head.clone()).await,
        json!([]),
        "nothing from before now"
    );

    let created = app
        .data(
            Some(&editor),
            r#"mutation { createProject(input: { title: "Vanaf nu", summary: "Een nieuwe.",
                wijkCodes: ["WK051836"], themes: [MEETING], visibility: SHARED }) { id } }"#,
            json!({}),
        )
        .await["createProject"]["id"]
        .clone();
    // On PostgreSQL a change shows once every older transaction of the server has ended (other
    // tests run beside this one), so wait for it rather than expect it at once.
    let mut after = Vec::new();
    for _ in 0..200 {
        after = page(head.clone()).await.as_array().expect("nodes").clone();
        if !after.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(after[0]["entityId"], created);
    assert_eq!(after[0]["operation"], "CREATED");

    let body = app.graphql(None, "{ changesHead }", json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
}
