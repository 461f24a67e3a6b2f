//! Every query, every filter and order, and paging through whole lists.

use std::collections::BTreeSet;

use entity::Theme;
use serde_json::{Value, json};
use wijkhub::seed::hague;

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

/// Pages through `projects` with the given order, returning each node as it came.
async fn walk(app: &TestApp, token: &str, page: i32, order: Value, filter: Value) -> Vec<Value> {
    let query =
        "query($first: Int, $after: String, $order: ProjectOrder, $filter: ProjectFilterInput) {
        projects(first: $first, after: $after, orderBy: $order, filter: $filter) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { id title updatedAt } }
        } }";
    let mut after = Value::Null;
    let mut seen = Vec::new();
    let mut total = None;
    loop {
        let data = app
            .data(
                Some(token),
                query,
                json!({ "first": page, "after": after, "order": order, "filter": filter }),
            )
            .await;
        let connection = &data["projects"];
        let count = connection["totalCount"].as_u64().expect("totalCount");
        assert_eq!(
            *total.get_or_insert(count),
            count,
            "totalCount is stable across pages"
        );
        let edges = connection["edges"].as_array().expect("edges");
        assert!(edges.len() <= page as usize);
        seen.extend(edges.iter().map(|e| e["node"].clone()));
        if connection["pageInfo"]["hasNextPage"] != json!(true) {
            assert_eq!(
                seen.len() as u64,
                count,
                "paging yields exactly totalCount items"
            );
            break;
        }
        assert_eq!(edges.len(), page as usize, "a page before the last is full");
        after = connection["pageInfo"]["endCursor"].clone();
        assert_eq!(after, edges.last().expect("edge")["cursor"]);
    }
    seen
}

fn ids(nodes: &[Value]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn paging_through_projects_in_every_order_has_no_gaps_or_duplicates() {
    let app = spawn_app().await;
    for (org, role) in [("programmabureau", "ADMIN"), ("haag-wonen", "VIEWER")] {
        let token = app.token(org, role);
        let everything = walk(&app, &token, 400, Value::Null, Value::Null).await;
        let all: BTreeSet<String> = ids(&everything).into_iter().collect();
        for (field, direction) in [
            ("UPDATED_AT", "DESC"),
            ("UPDATED_AT", "ASC"),
            ("TITLE", "ASC"),
            ("TITLE", "DESC"),
        ] {
            for page in [1, 5, 7] {
                let nodes = walk(
                    &app,
                    &token,
                    page,
                    json!({ "field": field, "direction": direction }),
                    Value::Null,
                )
                .await;
                let got = ids(&nodes);
                let unique: BTreeSet<String> = got.iter().cloned().collect();
                assert_eq!(
                    unique.len(),
                    got.len(),
                    "{org} {field} {direction} by {page}: duplicates"
                );
                assert_eq!(unique, all, "{org} {field} {direction} by {page}: gaps");
                let keys: Vec<String> = nodes
                    .iter()
                    .map(|n| {
                        let key = if field == "TITLE" {
                            &n["title"]
                        } else {
                            &n["updatedAt"]
                        };
                        key.as_str().expect("key").to_owned()
                    })
                    .collect();
                let mut sorted = keys.clone();
                sorted.sort();
                if direction == "DESC" {
                    sorted.reverse();
                }
                assert_eq!(keys, sorted, "{org} {field} {direction}: order");
            }
        }
    }
}

#[tokio::test]
async fn project_filters_narrow_the_list() {
    let app = spawn_app().await;
    let token = app.token("programmabureau", "ADMIN");
    let titles = |nodes: Vec<Value>| -> BTreeSet<String> {
        nodes
            .iter()
            .map(|n| n["title"].as_str().expect("title").to_owned())
            .collect()
    };
    let expect = |pred: &dyn Fn(&hague::Project) -> bool| -> BTreeSet<String> {
        hague::PROJECTS
            .iter()
            .filter(|p| pred(p))
            .map(|p| p.title.to_owned())
            .collect()
    };

    let moerwijk = titles(
        walk(
            &app,
            &token,
            10,
            Value::Null,
            json!({ "wijkCode": "WK051836" }),
        )
        .await,
    );
    assert_eq!(
        moerwijk,
        expect(&|p| p.wijken.iter().any(|w| w == "WK051836"))
    );
    assert!(!moerwijk.is_empty());

    let running = titles(walk(&app, &token, 10, Value::Null, json!({ "phase": "RUNNING" })).await);
    assert_eq!(running, expect(&|p| p.phase == "RUNNING"));

    let youth = titles(walk(&app, &token, 10, Value::Null, json!({ "theme": "YOUTH" })).await);
    assert_eq!(youth, expect(&|p| p.themes.contains(&Theme::Youth)));

    let haag_wonen = app.org_id("haag-wonen").to_string();
    let with_org = titles(
        walk(
            &app,
            &token,
            10,
            Value::Null,
            json!({ "organisationId": haag_wonen }),
        )
        .await,
    );
    assert_eq!(
        with_org,
        expect(&|p| p
            .participants
            .iter()
            .any(|x| x.organisation == "haag-wonen"))
    );

    let sample = hague::PROJECTS[0].title.as_str();
    let word: String = sample
        .split_whitespace()
        .next()
        .expect("a word")
        .to_uppercase();
    let searched = titles(walk(&app, &token, 10, Value::Null, json!({ "search": word })).await);
    assert!(
        searched.contains(sample),
        "search is case-insensitive and finds {sample}"
    );
    let lower = word.to_lowercase();
    assert_eq!(
        searched,
        expect(&|p| p.title.to_lowercase().contains(&lower)
            || p.summary.to_lowercase().contains(&lower))
    );
    let nothing = walk(&app, &token, 10, Value::Null, json!({ "search": "%_zzz" })).await;
    assert!(
        nothing.is_empty(),
        "LIKE wildcards in the search text are taken literally"
    );

    let all = walk(
        &app,
        &token,
        400,
        json!({ "field": "UPDATED_AT", "direction": "ASC" }),
        Value::Null,
    )
    .await;
    let middle = all[all.len() / 2]["updatedAt"].clone();
    let since = walk(
        &app,
        &token,
        10,
        Value::Null,
        json!({ "updatedSince": middle }),
    )
    .await;
    assert_eq!(since.len(), all.len() - all.len() / 2);

    let combined = titles(
        walk(
            &app,
            &token,
            10,
            Value::Null,
            json!({ "wijkCode": "WK051836", "phase": "RUNNING" }),
        )
        .await,
    );
    assert_eq!(
        combined,
        expect(&|p| p.wijken.iter().any(|w| w == "WK051836") && p.phase == "RUNNING")
    );
}

#[tokio::test]
async fn reference_queries_answer_the_hague_data() {
    let app = spawn_app().await;
    let data = app
        .data(
            None,
            r#"{
              stadsdelen { nodes { code name } }
              escamp: wijken(filter: { stadsdeelCode: "ESC" }) { nodes { code stadsdeel { code } } }
              zuidwest: focusArea(code: "zuidwest") { name programme wijken { code } }
              focusAreas { nodes { code wijken { code } } }
              wijk(code: "WK051836") { name population stadsdeel { name } }
              effects { nodes { code name order } }
            }"#,
            json!({}),
        )
        .await;
    let codes: Vec<&str> = data["stadsdelen"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        ["CEN", "ESC", "HHT", "LAK", "LOS", "LYP", "SCH", "SEG"]
    );
    assert!(
        data["escamp"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .all(|w| w["stadsdeel"]["code"] == "ESC")
    );
    let zuidwest: BTreeSet<&str> = data["zuidwest"]["wijken"]
        .as_array()
        .expect("wijken")
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert_eq!(
        zuidwest,
        BTreeSet::from(["WK051833", "WK051834", "WK051836"])
    );
    assert_eq!(
        data["focusAreas"]["nodes"].as_array().expect("areas").len(),
        7
    );
    assert_eq!(data["wijk"]["name"], "Moerwijk");
    let effects: Vec<&str> = data["effects"]["nodes"]
        .as_array()
        .expect("effects")
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert_eq!(
        effects,
        [
            "PARTICIPATION",
            "SOCIAL_COHESION",
            "EDUCATION_AND_TALENT",
            "WORK_AND_INCOME",
            "POVERTY_AND_HEALTH",
            "LIVEABILITY_AND_SAFETY"
        ]
    );

    let in_zuidwest = app
        .data(
            None,
            "{ wijken(filter: { focusAreaCode: \"zuidwest\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(in_zuidwest["wijken"]["totalCount"], json!(3));
}

#[tokio::test]
async fn organisation_queries_answer_partners_departments_and_contacts() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "VIEWER");
    let data = app
        .data(
            Some(&token),
            r#"{
              partners(first: 50) { totalCount nodes { code partnerType parent { code } children { code } } }
              corporations: partners(partnerType: HOUSING_CORPORATION) { nodes { code } }
              departments { totalCount nodes { code departmentCode } }
              contactPersons(first: 50) { totalCount nodes { name email function organisation { code } wijken { code } } }
            }"#,
            json!({}),
        )
        .await;
    let departments = hague::ORGANISATIONS
        .iter()
        .filter(|o| o.kind == "CITY_DEPARTMENT")
        .count();
    assert_eq!(data["departments"]["totalCount"], json!(departments));
    assert_eq!(
        data["partners"]["totalCount"],
        json!(hague::ORGANISATIONS.len() - departments)
    );
    let zebra = data["partners"]["nodes"]
        .as_array()
        .expect("partners")
        .iter()
        .find(|p| p["code"] == "zebra-welzijn")
        .expect("Zebra Welzijn");
    assert_eq!(zebra["parent"]["code"], "xtra");
    let corporations: BTreeSet<&str> = data["corporations"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["code"].as_str())
        .collect();
    assert_eq!(
        corporations,
        BTreeSet::from(["arcade", "haag-wonen", "hof-wonen", "staedion", "vestia"])
    );
    assert_eq!(
        data["contactPersons"]["totalCount"],
        json!(hague::CONTACT_PERSONS.len())
    );

    let id = app.org_id("staedion").to_string();
    let one = app
        .data(
            Some(&token),
            "query($id: ID!) { organisation(id: $id) { __typename code name } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(one["organisation"]["__typename"], "Partner");
    assert_eq!(one["organisation"]["code"], "staedion");

    let wijkmanagers = app
        .data(
            Some(&token),
            "{ contactPersons(filter: { function: WIJKMANAGER }) { nodes { function } } }",
            json!({}),
        )
        .await;
    let expected = hague::CONTACT_PERSONS
        .iter()
        .filter(|c| c.function == "WIJKMANAGER")
        .count();
    assert_eq!(
        wijkmanagers["contactPersons"]["nodes"]
            .as_array()
            .expect("nodes")
            .len(),
        expected
    );
}

#[tokio::test]
async fn meeting_places_and_their_filters() {
    let app = spawn_app().await;
    let token = app.token("dpz", "VIEWER");
    let data = app
        .data(
            Some(&token),
            r#"{
              all: meetingPlaces { totalCount nodes { id name kind management address { postcode city } coordinates { latitude } wijk { code } accessibility { wheelchair } projects { title } } }
              selfManaged: meetingPlaces(filter: { kind: COMMUNITY_CENTRE }) { nodes { kind } }
              accessible: meetingPlaces(filter: { wheelchairAccessible: true }) { totalCount }
            }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data["all"]["totalCount"],
        json!(hague::MEETING_PLACES.len())
    );
    assert!(
        data["selfManaged"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .all(|n| n["kind"] == "COMMUNITY_CENTRE")
    );
    let accessible = hague::MEETING_PLACES
        .iter()
        .filter(|m| m.wheelchair_accessible)
        .count();
    assert_eq!(data["accessible"]["totalCount"], json!(accessible));
    let laakhage = data["all"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["name"] == "Trefpunt Laakhage")
        .expect("Trefpunt Laakhage")
        .clone();
    assert_eq!(laakhage["management"], "SELF_MANAGED");
    let one = app
        .data(
            None,
            "query($id: ID!) { meetingPlace(id: $id) { name } }",
            json!({ "id": laakhage["id"] }),
        )
        .await;
    assert_eq!(one["meetingPlace"]["name"], "Trefpunt Laakhage");
}

#[tokio::test]
async fn project_details_are_complete() {
    // Every list of 50 projects is charged at 4 items each (about 2,750): above the default
    // operation limit, which is not what this test is about.
    let app = spawn_app_with(|s| s.limits.cost = 5_000).await;
    let token = app.token("programmabureau", "ADMIN");
    let data = app
        .data(
            Some(&token),
            r#"{ projects(first: 50) { nodes {
                 title phase visibility themes targetGroups startsOn endsOn version createdAt updatedAt
                 wijken { code } meetingPlaces { name } contact { email }
                 lead { code } participants { role contribution organisation { code } }
                 budget { total lines { year source amount status scheme funder { code } } }
                 effectAssessments { effect { code } expectedScore observedScore assessedBy { code } }
                 review { decision coherence }
                 continuation { status carrier { code } }
                 links { kind direction project { title } }
                 evaluations { kind isPublic participantsCount }
            } } }"#,
            json!({}),
        )
        .await;
    let nodes = data["projects"]["nodes"].as_array().expect("nodes");
    for project in hague::PROJECTS.iter() {
        let node = nodes
            .iter()
            .find(|n| n["title"] == project.title)
            .expect("every project");
        let lead = project
            .participants
            .iter()
            .find(|p| p.role == "LEAD")
            .expect("a lead");
        assert_eq!(node["lead"]["code"], lead.organisation, "{}", project.title);
        assert_eq!(
            node["participants"].as_array().expect("participants").len(),
            project.participants.len()
        );
        assert_eq!(
            node["wijken"].as_array().expect("wijken").len(),
            project.wijken.len()
        );
        assert_eq!(
            node["meetingPlaces"].as_array().expect("places").len(),
            project.meeting_places.len()
        );
        assert_eq!(
            node["themes"].as_array().expect("themes").len(),
            project.themes.len()
        );
        assert_eq!(
            node["budget"]["lines"].as_array().expect("lines").len(),
            project.budget.len()
        );
        let cents: i64 = project
            .budget
            .iter()
            .filter(|b| b.status != "REJECTED")
            .map(|b| b.amount_cents)
            .sum();
        assert_eq!(
            node["budget"]["total"],
            format!("{}.{:02}", cents / 100, cents % 100)
        );
        assert_eq!(
            node["effectAssessments"]
                .as_array()
                .expect("assessments")
                .len(),
            project.assessments.len()
        );
        assert_eq!(node["review"].is_null(), project.review.is_none());
        assert_eq!(
            node["continuation"].is_null(),
            project.continuation.is_none()
        );
        let links_here = hague::PROJECTS
            .iter()
            .map(|p| {
                p.links
                    .iter()
                    .filter(|l| p.key == project.key || l.to == project.key)
                    .count()
            })
            .sum::<usize>();
        assert_eq!(
            node["links"].as_array().expect("links").len(),
            links_here,
            "{}",
            project.title
        );
        assert_eq!(node["version"], 1);
    }
}

#[tokio::test]
async fn wijk_overview_sums_what_the_caller_may_read() {
    let app = spawn_app().await;
    let query = r#"{ wijkOverview(code: "WK051836") {
        wijk { name } projectCount
        projectsByPhase { phase count } projectsByTheme { theme count }
        effects { effect { code } projectsAssessed projectsObserved meanObservedScore }
        signals { theme status count }
        budgetByFunderKind { source amount }
    } }"#;
    let in_moerwijk = |org: Option<&str>| {
        hague::PROJECTS
            .iter()
            .filter(|p| p.wijken.iter().any(|w| w == "WK051836"))
            .filter(|p| match org {
                None => true,
                Some(org) => {
                    p.visibility == "SHARED" || p.participants.iter().any(|x| x.organisation == org)
                }
            })
            .count()
    };
    let admin = app.token("programmabureau", "ADMIN");
    let city = app.data(Some(&admin), query, json!({})).await;
    assert_eq!(
        city["wijkOverview"]["projectCount"],
        json!(in_moerwijk(None))
    );
    let by_phase: i64 = city["wijkOverview"]["projectsByPhase"]
        .as_array()
        .expect("phases")
        .iter()
        .map(|p| p["count"].as_i64().unwrap_or_default())
        .sum();
    assert_eq!(by_phase, in_moerwijk(None) as i64);
    let signals: i64 = city["wijkOverview"]["signals"]
        .as_array()
        .expect("signals")
        .iter()
        .map(|s| s["count"].as_i64().unwrap_or_default())
        .sum();
    assert_eq!(
        signals,
        hague::SIGNALS
            .iter()
            .filter(|s| s.wijk == "WK051836")
            .count() as i64
    );
    assert!(
        !city["wijkOverview"]["budgetByFunderKind"]
            .as_array()
            .expect("budget")
            .is_empty()
    );

    let partner = app.token("staedion", "VIEWER");
    let seen = app.data(Some(&partner), query, json!({})).await;
    assert_eq!(
        seen["wijkOverview"]["projectCount"],
        json!(in_moerwijk(Some("staedion")))
    );

    assert!(app.graphql(None, query, json!({})).await["errors"].is_array());
    let none = app
        .data(
            Some(&admin),
            "{ wijkOverview(code: \"WK000000\") { projectCount } }",
            json!({}),
        )
        .await;
    assert!(none["wijkOverview"].is_null());
}

/// A wijk's projects by last change are read through a copy of `updated_at` that triggers keep;
/// an update, a new project and a move to another wijk must all show in that order at once.
#[tokio::test]
async fn a_wijks_projects_follow_every_change_in_order() {
    let app = spawn_app().await;
    let admin = app.token("programmabureau", "ADMIN");
    let page = r#"query($code: String!) { wijk(code: $code) { projects(first: 100) {
        nodes { id updatedAt } } } }"#;
    let ids = |data: &Value| -> Vec<String> {
        data["wijk"]["projects"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|n| n["id"].as_str().expect("id").to_owned())
            .collect()
    };
    let before = app
        .data(Some(&admin), page, json!({ "code": "WK051836" }))
        .await;
    let listed = ids(&before);
    assert!(listed.len() >= 2, "Moerwijk has projects");
    let times: Vec<&str> = before["wijk"]["projects"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["updatedAt"].as_str().expect("time"))
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );

    // The oldest one changes: it comes first.
    let oldest = listed.last().expect("a project").clone();
    let state = app.project_state(&oldest).await;
    app.data(
        Some(&admin),
        "mutation($id: ID!, $v: Int!) { updateProject(id: $id, expectedVersion: $v, input: { summary: \"Bijgewerkt\" }) { id } }",
        json!({ "id": oldest, "v": state["version"] }),
    )
    .await;
    let after = app
        .data(Some(&admin), page, json!({ "code": "WK051836" }))
        .await;
    assert_eq!(ids(&after).first(), Some(&oldest));

    // A new project in the wijk comes first; in another wijk it does not appear.
    let created = app
        .data(
            Some(&admin),
            r#"mutation { createProject(input: { title: "Nieuw in Moerwijk", summary: "Test", wijkCodes: ["WK051836"], themes: [YOUTH], visibility: SHARED }) { id } }"#,
            json!({}),
        )
        .await;
    let new_id = created["createProject"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let now = app
        .data(Some(&admin), page, json!({ "code": "WK051836" }))
        .await;
    assert_eq!(ids(&now).first(), Some(&new_id));
    let elsewhere = app
        .data(Some(&admin), page, json!({ "code": "WK051804" }))
        .await;
    assert!(!ids(&elsewhere).contains(&new_id));
}
