//! No N+1: nested fields load in batches, so a bigger page costs no more statements.

use serde_json::json;

use crate::helpers::spawn_app_with;

const PAGE: &str = r#"query($first: Int) { projects(first: $first) { nodes {
    title
    wijken { code name stadsdeel { name } }
    lead { name }
    participants { role organisation { name } }
    meetingPlaces { name wijk { code } }
    themes
    budget { total }
} } }"#;

#[tokio::test]
async fn a_page_of_many_projects_costs_as_many_statements_as_a_page_of_five() {
    // A page of 50 with four plain lists costs about 1,350, above the default operation limit,
    // which is not what this test is about.
    let app = spawn_app_with(|s| s.limits.cost = 5_000).await;
    for (org, role) in [("programmabureau", "ADMIN"), ("haag-wonen", "EDITOR")] {
        let token = app.token(org, role);
        // Warm the process's caches (verified callers, reference data): what is measured is the
        // page itself.
        app.data(Some(&token), PAGE, json!({ "first": 1 })).await;
        let mut costs = Vec::new();
        for first in [5, 50] {
            let before = app.statements();
            let data = app
                .data(Some(&token), PAGE, json!({ "first": first }))
                .await;
            costs.push(app.statements() - before);
            let nodes = data["projects"]["nodes"].as_array().expect("nodes").len();
            assert!(nodes >= first.min(20), "{org}: the page holds projects");
        }
        assert_eq!(
            costs[0], costs[1],
            "{org}: statements for 5 vs 50 projects: {costs:?}"
        );
        assert!(
            costs[1] <= 12,
            "{org}: a page costs a small fixed number of statements: {costs:?}"
        );
    }
}
