//! The leak sweep: every field reachable from every query root (to a bounded depth), read by
//! callers who must not see a fixture's hidden parts, and no response may contain any of them.
//!
//! The queries come from the schema by introspection, not from a hand-kept list, so a field or
//! a door added later is swept too. Every document stays within the server's limits: one that
//! is refused as too complex is split in two (or its page sizes halved) until it passes.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_with};

/// The organisation whose INTERNAL project, budgets and review the others must not see.
const OWNER: &str = "staedion";
/// A partner organisation outside the owner's projects.
const OUTSIDER: &str = "haag-wonen";
/// The city, to review, keep internal notes and link signals.
const CITY: &str = "dpz";
const WIJK: &str = "WK051836";
/// Nesting of field selections in a generated query (the server allows 10): deep enough for
/// every door (a project's history entries' changes, a linked project's budget, the feed's
/// objects' budget lines), shallow enough that the sweep takes two minutes, not twelve.
const MAX_DEPTH: usize = 6;
/// How often one type may appear on a path of a generated query (a project's linked project
/// is visited, that project's links are not).
const MAX_TYPE_REPEATS: usize = 2;
/// The page size asked of every list; halved where a path is too dear for the cost limit.
const FIRST: u32 = 10;

/// `(what, value)`: values a caller must not receive, with what they are for the message.
type Hidden = Vec<(String, String)>;

/// What the fixture holds, and the values an outsider must never receive.
struct Fixture {
    /// Ids to pass to every root field that takes an `ID!`.
    ids: Vec<String>,
    /// Values to pass to every root field that takes a `String!`.
    strings: Vec<String>,
    /// Hidden from signed-in outsiders.
    hidden: Hidden,
    /// Hidden from anonymous callers as well (on top of `hidden`).
    hidden_from_anonymous: Hidden,
    /// An `upsertProjects` item of the outsider, for a project handed to the owner since.
    handed_over: Value,
    /// Where the change feed stood before the fixture was written.
    feed_cursor: String,
}

/// The end of the change feed now, as the programme office pages it.
async fn feed_end(app: &TestApp) -> String {
    let admin = app.token("programmabureau", "ADMIN");
    let mut after = Value::Null;
    loop {
        let page = app
            .data(
                Some(&admin),
                "query($after: String) { changes(first: 500, after: $after) { pageInfo { hasNextPage endCursor } } }",
                json!({ "after": after }),
            )
            .await;
        let info = &page["changes"]["pageInfo"];
        if !info["endCursor"].is_null() {
            after = info["endCursor"].clone();
        }
        if info["hasNextPage"] != true {
            return after.as_str().expect("the seed made changes").to_owned();
        }
    }
}

async fn write(app: &TestApp, token: &str, query: &str, variables: Value) -> Value {
    app.data(Some(token), query, variables).await
}

const PROJECT_BITS: &str = "id version evaluations { id }";

async fn create_project(app: &TestApp, token: &str, input: Value) -> Value {
    write(
        app,
        token,
        &format!(
            "mutation($input: CreateProjectInput!) {{ createProject(input: $input) {{ {PROJECT_BITS} }} }}"
        ),
        json!({ "input": input }),
    )
    .await["createProject"]
        .clone()
}

/// A budget line, a HOLD review, a non-public evaluation and city-only notes on a project;
/// returns the budget line's and the evaluation's ids.
async fn add_secrets(
    app: &TestApp,
    owner: &str,
    city: &str,
    id: &str,
    amount: &str,
    tag: &str,
) -> (String, String) {
    let line = write(
        app,
        owner,
        "mutation($id: ID!, $amount: Euro!) { setBudgetLine(projectId: $id, input: { year: 2026, source: FUND, amount: $amount, status: GRANTED, scheme: \"Regeling Sweep\" }) { budget { lines { id amount } } } }",
        json!({ "id": id, "amount": amount }),
    )
    .await;
    let line_id = line["setBudgetLine"]["budget"]["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["amount"] == amount)
        .expect("the new line")["id"]
        .as_str()
        .expect("line id")
        .to_owned();
    write(
        app,
        city,
        "mutation($id: ID!, $why: String!) { reviewProject(projectId: $id, input: { coherence: 1, cooperation: 2, impact: 0, continuation: 3, decision: HOLD, explanation: $why }) { id } }",
        json!({ "id": id, "why": format!("Toelichting-{tag}-geheim") }),
    )
    .await;
    let evaluated = write(
        app,
        owner,
        "mutation($id: ID!, $r: String!, $l: String!) { addEvaluation(projectId: $id, input: { kind: MIDTERM, evaluatedOn: \"2026-06-01\", results: $r, lessonsLearned: $l, isPublic: false }) { evaluations { id results } } }",
        json!({ "id": id, "r": format!("Resultaat-{tag}-geheim"), "l": format!("Les-{tag}-geheim") }),
    )
    .await;
    let evaluation_id = evaluated["addEvaluation"]["evaluations"]
        .as_array()
        .expect("evaluations")
        .iter()
        .find(|e| e["results"] == format!("Resultaat-{tag}-geheim"))
        .expect("the new evaluation")["id"]
        .as_str()
        .expect("evaluation id")
        .to_owned();
    let version = app.project_state(id).await["version"].clone();
    write(
        app,
        city,
        "mutation($id: ID!, $v: Int!, $n: String!) { updateProject(id: $id, expectedVersion: $v, input: { internalNotes: $n }) { id } }",
        json!({ "id": id, "v": version, "n": format!("Notitie-{tag}-geheim") }),
    )
    .await;
    (line_id, evaluation_id)
}

async fn fixture(app: &TestApp) -> Fixture {
    let owner = app.token(OWNER, "EDITOR");
    let outsider = app.token(OUTSIDER, "EDITOR");
    let city = app.token(CITY, "EDITOR");
    let owner_id = app.org_id(OWNER).to_string();
    let feed_cursor = feed_end(app).await;
    let mut hidden: Hidden = Vec::new();
    let mut hide = |what: &str, value: &str| hidden.push((what.to_owned(), value.to_owned()));

    // A meeting place the owner operates: public, but its operator is for signed-in callers.
    let place = write(
        app,
        &city,
        "mutation($input: MeetingPlaceInput!) { createMeetingPlace(input: $input) { id } }",
        json!({ "input": { "name": "Buurtkamer Sweep", "kind": "NEIGHBOURHOOD_ROOM", "street": "Sweepstraat",
            "houseNumber": "1", "postcode": "2532 AA", "wijkCode": WIJK, "operatorOrganisationId": owner_id,
            "management": "HOUSING_CORPORATION" } }),
    )
    .await["createMeetingPlace"]["id"]
        .as_str()
        .expect("place id")
        .to_owned();

    let internal = create_project(
        app,
        &owner,
        json!({ "title": "Titel-intern-geheim", "summary": "Samenvatting-intern-geheim",
            "wijkCodes": [WIJK], "themes": ["HOUSING"], "visibility": "INTERNAL", "meetingPlaceIds": [place] }),
    )
    .await;
    let internal_id = internal["id"].as_str().expect("id").to_owned();
    hide("the INTERNAL project's id", &internal_id);
    hide("the INTERNAL project's title", "Titel-intern-geheim");
    hide(
        "the INTERNAL project's summary",
        "Samenvatting-intern-geheim",
    );
    let (line, evaluation) =
        add_secrets(app, &owner, &city, &internal_id, "61234.57", "intern").await;
    hide("an INTERNAL budget line's id", &line);
    hide("an INTERNAL evaluation's id", &evaluation);
    hide("an INTERNAL budget amount", "6123457");
    hide("an INTERNAL budget amount", "61234.57");

    let shared = create_project(
        app,
        &owner,
        json!({ "title": "Gedeeld sweepproject", "summary": "Iedereen mag dit lezen.",
            "wijkCodes": [WIJK], "themes": ["HOUSING"], "visibility": "SHARED" }),
    )
    .await;
    let shared_id = shared["id"].as_str().expect("id").to_owned();
    let (line, evaluation) =
        add_secrets(app, &owner, &city, &shared_id, "73519.37", "gedeeld").await;
    hide("a SHARED project's budget line id", &line);
    hide("a SHARED project's non-public evaluation id", &evaluation);
    hide("a SHARED project's budget amount", "7351937");
    hide("a SHARED project's budget amount", "73519.37");
    write(
        app,
        &owner,
        "mutation($from: ID!, $to: ID!) { linkProjects(fromProjectId: $from, toProjectId: $to, kind: BUILDS_ON) { id } }",
        json!({ "from": shared_id, "to": internal_id }),
    )
    .await;
    for tag in ["intern", "gedeeld"] {
        hide("a review explanation", &format!("Toelichting-{tag}-geheim"));
        hide(
            "a non-public evaluation's results",
            &format!("Resultaat-{tag}-geheim"),
        );
        hide(
            "a non-public evaluation's lessons",
            &format!("Les-{tag}-geheim"),
        );
        hide("internal notes", &format!("Notitie-{tag}-geheim"));
    }
    // Every demo review approves: a HOLD can only come from the fixture's reviews.
    hide("a review decision", "HOLD");

    // A signal of the outsider, linked by the city to the INTERNAL project.
    let signal = write(
        app,
        &outsider,
        "mutation { reportSignal(input: { wijkCode: \"WK051836\", theme: HOUSING, title: \"Lekkende daken\", description: \"Veel portieken lekken.\", urgency: MEDIUM }) { id } }",
        json!({}),
    )
    .await["reportSignal"]["id"]
        .as_str()
        .expect("signal id")
        .to_owned();
    write(
        app,
        &city,
        "mutation($s: ID!, $p: ID!) { linkSignalToProject(signalId: $s, projectId: $p) { id } }",
        json!({ "s": signal, "p": internal_id }),
    )
    .await;

    // A project the outsider registered by sync, handed to the owner, who removed the outsider
    // and arranged its continuation.
    let handed_over = json!({ "externalId": "SWEEP-1", "title": "Overgedragen sweepproject",
        "summary": "Uit het systeem van de buitenstaander.", "wijkCodes": [WIJK], "themes": ["HOUSING"],
        "visibility": "INTERNAL" });
    let created = write(
        app,
        &outsider,
        "mutation($items: [UpsertProjectInput!]!) { upsertProjects(input: $items) { project { id } } }",
        json!({ "items": [handed_over] }),
    )
    .await;
    let handed_id = created["upsertProjects"][0]["project"]["id"]
        .as_str()
        .expect("upserted id")
        .to_owned();
    write(
        app,
        &outsider,
        "mutation($p: ID!, $o: ID!) { setProjectParticipant(projectId: $p, organisationId: $o, role: LEAD) { id } }",
        json!({ "p": handed_id, "o": owner_id }),
    )
    .await;
    write(
        app,
        &owner,
        "mutation($p: ID!, $o: ID!) { removeProjectParticipant(projectId: $p, organisationId: $o) { id } }",
        json!({ "p": handed_id, "o": app.org_id(OUTSIDER).to_string() }),
    )
    .await;
    write(
        app,
        &owner,
        "mutation($p: ID!) { setContinuation(projectId: $p, input: { status: PREPARING, funding: \"Financiering-overgedragen-geheim\" }) { id } }",
        json!({ "p": handed_id }),
    )
    .await;
    hide(
        "the continuation of a project handed over",
        "Financiering-overgedragen-geheim",
    );

    // A webhook of the owner's: its endpoint and description are the owner's business.
    let hook = write(
        app,
        &owner,
        "mutation { createWebhook(input: { url: \"http://127.0.0.1:9/Eindpunt-webhook-geheim\", description: \"Webhook-sweep-geheim\" }) { webhook { id } } }",
        json!({}),
    )
    .await["createWebhook"]["webhook"]["id"]
        .as_str()
        .expect("webhook id")
        .to_owned();
    hide(
        "the endpoint of another organisation's webhook",
        "Eindpunt-webhook-geheim",
    );
    hide(
        "the description of another organisation's webhook",
        "Webhook-sweep-geheim",
    );

    Fixture {
        ids: vec![
            internal_id,
            shared_id,
            handed_id,
            place,
            signal,
            owner_id.clone(),
            app.org_id(OUTSIDER).to_string(),
            hook,
        ],
        strings: vec![WIJK.to_owned(), OWNER.to_owned()],
        hidden,
        hidden_from_anonymous: vec![("the operator of a meeting place".to_owned(), owner_id)],
        handed_over,
        feed_cursor,
    }
}

/// A named type of the schema, as introspection describes it.
#[derive(Debug, Default)]
struct TypeInfo {
    kind: String,
    fields: Vec<FieldInfo>,
    possible: Vec<String>,
    enum_values: Vec<String>,
}

#[derive(Debug)]
struct FieldInfo {
    name: String,
    args: Vec<ArgInfo>,
    /// The named type under any list and non-null wrappers.
    ty: String,
}

#[derive(Debug)]
struct ArgInfo {
    name: String,
    ty: String,
    required: bool,
}

/// The schema query GraphiQL sends: the server answers it from one copy at a flat cost, so the
/// sweep reads the whole schema within the ordinary limits.
const INTROSPECTION: &str = include_str!("../fixtures/graphiql-introspection.graphql");

/// The named type under the wrappers, and whether the outermost wrapper is NON_NULL.
fn named(ty: &Value) -> (String, bool) {
    let required = ty["kind"] == "NON_NULL";
    let mut ty = ty;
    while ty["name"].is_null() {
        ty = &ty["ofType"];
    }
    (ty["name"].as_str().unwrap_or_default().to_owned(), required)
}

struct Schema {
    types: HashMap<String, TypeInfo>,
    query: String,
    mutation: String,
}

async fn introspect(app: &TestApp, token: &str) -> Schema {
    let data = app.data(Some(token), INTROSPECTION, json!({})).await;
    let schema = &data["__schema"];
    let mut types = HashMap::new();
    for ty in schema["types"].as_array().expect("types") {
        let names = |list: &Value| -> Vec<String> {
            list.as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|i| i["name"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let fields = ty["fields"]
            .as_array()
            .map(|fields| {
                fields
                    .iter()
                    .map(|f| FieldInfo {
                        name: f["name"].as_str().expect("name").to_owned(),
                        ty: named(&f["type"]).0,
                        args: f["args"]
                            .as_array()
                            .expect("args")
                            .iter()
                            .map(|a| {
                                let (ty, non_null) = named(&a["type"]);
                                ArgInfo {
                                    name: a["name"].as_str().expect("name").to_owned(),
                                    ty,
                                    required: non_null && a["defaultValue"].is_null(),
                                }
                            })
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        types.insert(
            ty["name"].as_str().expect("name").to_owned(),
            TypeInfo {
                kind: ty["kind"].as_str().expect("kind").to_owned(),
                fields,
                possible: names(&ty["possibleTypes"]),
                enum_values: names(&ty["enumValues"]),
            },
        );
    }
    Schema {
        types,
        query: schema["queryType"]["name"]
            .as_str()
            .expect("query type")
            .to_owned(),
        mutation: schema["mutationType"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    }
}

/// One selection of a generated query.
#[derive(Debug, Clone)]
enum Sel {
    Field {
        name: String,
        /// Arguments other than `first`.
        args: Vec<String>,
        /// `first`, for a field that takes it.
        first: Option<u32>,
        children: Vec<Sel>,
    },
    Fragment {
        on: String,
        children: Vec<Sel>,
    },
}

impl Sel {
    fn children(&self) -> &[Sel] {
        match self {
            Sel::Field { children, .. } | Sel::Fragment { children, .. } => children,
        }
    }

    fn with_children(&self, new: Vec<Sel>) -> Sel {
        let mut copy = self.clone();
        match &mut copy {
            Sel::Field { children, .. } | Sel::Fragment { children, .. } => *children = new,
        }
        copy
    }

    fn render(&self, out: &mut String) {
        match self {
            Sel::Field {
                name,
                args,
                first,
                children,
            } => {
                out.push_str(name);
                let mut all = args.clone();
                if let Some(first) = first {
                    all.push(format!("first: {first}"));
                }
                if !all.is_empty() {
                    out.push('(');
                    out.push_str(&all.join(", "));
                    out.push(')');
                }
                render_set(children, out);
            }
            Sel::Fragment { on, children } => {
                out.push_str("... on ");
                out.push_str(on);
                render_set(children, out);
            }
        }
        out.push(' ');
    }

    /// Halves the largest page size on the way down; false when every one is 1 already.
    fn halve_first(&mut self) -> bool {
        let (first, children) = match self {
            Sel::Field {
                first, children, ..
            } => (first.as_mut(), children),
            Sel::Fragment { children, .. } => (None, children),
        };
        if children.iter_mut().any(Sel::halve_first) {
            return true;
        }
        match first {
            Some(first) if *first > 1 => {
                *first /= 2;
                true
            }
            _ => false,
        }
    }
}

fn render_set(set: &[Sel], out: &mut String) {
    if set.is_empty() {
        return;
    }
    out.push_str(" { ");
    for sel in set {
        sel.render(out);
    }
    out.push('}');
}

/// Two documents that together select what `set` selects, or `None` for a single path.
fn split(set: &[Sel]) -> Option<(Vec<Sel>, Vec<Sel>)> {
    match set {
        [] => None,
        [only] => {
            let (a, b) = split(only.children())?;
            Some((vec![only.with_children(a)], vec![only.with_children(b)]))
        }
        _ => {
            let mid = set.len() / 2;
            Some((set[..mid].to_vec(), set[mid..].to_vec()))
        }
    }
}

impl Schema {
    fn kind(&self, ty: &str) -> &str {
        self.types.get(ty).map_or("", |t| t.kind.as_str())
    }

    /// A value for a required argument, or `None` when the sweep has none to give.
    fn value_for(&self, arg: &ArgInfo, id: &str, string: &str) -> Option<String> {
        match (self.kind(&arg.ty), arg.ty.as_str()) {
            (_, "ID") => Some(json!(id).to_string()),
            (_, "String") => Some(json!(string).to_string()),
            (_, "Int") => Some("1".to_owned()),
            (_, "Boolean") => Some("false".to_owned()),
            ("ENUM", _) => self.types[&arg.ty].enum_values.first().cloned(),
            _ => None,
        }
    }

    /// Every field of `ty` the sweep can select, to the depth bound.
    fn selections(&self, ty: &str, depth: usize, path: &mut Vec<String>, id: &str) -> Vec<Sel> {
        let Some(info) = self.types.get(ty) else {
            return Vec::new();
        };
        match info.kind.as_str() {
            "INTERFACE" | "UNION" => {
                let mut set = vec![leaf("__typename")];
                for possible in &info.possible {
                    let children = self.selections(possible, depth, path, id);
                    if !children.is_empty() {
                        set.push(Sel::Fragment {
                            on: possible.clone(),
                            children,
                        });
                    }
                }
                set
            }
            "OBJECT" => {
                let mut set = Vec::new();
                for field in &info.fields {
                    // `edges { node }` repeats `nodes`; the cursor is what edges add.
                    if ty.ends_with("Edge") && field.name == "node" {
                        continue;
                    }
                    if let Some(sel) = self.field(field, depth, path, id, "", None) {
                        set.push(sel);
                    }
                }
                set
            }
            _ => Vec::new(),
        }
    }

    fn field(
        &self,
        field: &FieldInfo,
        depth: usize,
        path: &mut Vec<String>,
        id: &str,
        string: &str,
        after: Option<&str>,
    ) -> Option<Sel> {
        let mut args = Vec::new();
        if let Some(after) = after {
            args.push(format!("after: {}", json!(after)));
        }
        let mut first = None;
        for arg in &field.args {
            if arg.name == "first" && arg.ty == "Int" {
                first = Some(FIRST);
            } else if arg.required {
                args.push(format!(
                    "{}: {}",
                    arg.name,
                    self.value_for(arg, id, string)?
                ));
            }
        }
        let kind = self.kind(&field.ty);
        if matches!(kind, "SCALAR" | "ENUM") {
            return Some(Sel::Field {
                name: field.name.clone(),
                args,
                first,
                children: Vec::new(),
            });
        }
        let repeats = path.iter().filter(|t| **t == field.ty).count();
        if depth + 1 > MAX_DEPTH || repeats >= MAX_TYPE_REPEATS {
            return None;
        }
        path.push(field.ty.clone());
        let children = self.selections(&field.ty, depth + 1, path, id);
        path.pop();
        (!children.is_empty()).then(|| Sel::Field {
            name: field.name.clone(),
            args,
            first,
            children,
        })
    }
}

fn leaf(name: &str) -> Sel {
    Sel::Field {
        name: name.to_owned(),
        args: Vec::new(),
        first: None,
        children: Vec::new(),
    }
}

/// Runs `root` (a whole operation's selection), splitting it until the server admits every
/// part; returns every response body.
async fn run_all(
    app: &TestApp,
    token: Option<&str>,
    operation: &str,
    root: Vec<Sel>,
    variables: &Value,
) -> Vec<String> {
    let mut bodies = Vec::new();
    let mut pending = vec![root];
    while let Some(set) = pending.pop() {
        let mut document = operation.to_owned();
        render_set(&set, &mut document);
        let response = app
            .post(token, &json!({ "query": document, "variables": variables }))
            .await;
        let status = response.status();
        let text = response.text().await.expect("body");
        let refused = status == 400 && text.contains("QUERY_TOO_COMPLEX")
            || status == 413
            || text.contains("QUERY_TOO_COMPLEX");
        if !refused {
            assert!(
                status == 200,
                "unexpected status {status} for {document}: {text}"
            );
            bodies.push(text);
            continue;
        }
        match split(&set) {
            Some((a, b)) => {
                pending.push(a);
                pending.push(b);
            }
            None => {
                let mut smaller = set.clone();
                if smaller.iter_mut().any(Sel::halve_first) {
                    pending.push(smaller);
                } else {
                    // One path of plain lists nested so deep that even its smallest form is
                    // over the cost limit: the server runs none of it, so it answers nothing
                    // to leak (its fields are swept on the shorter paths that reach them).
                    bodies.push(text);
                }
            }
        }
    }
    bodies
}

/// Every root field of the query type, with each fixture id and string for its required
/// arguments, swept as `token`'s caller.
async fn sweep_queries(
    app: &TestApp,
    schema: &Schema,
    fixture: &Fixture,
    token: Option<&str>,
) -> Vec<String> {
    let mut bodies = Vec::new();
    let query = &schema.types[&schema.query];
    for field in &query.fields {
        let takes_id = field.args.iter().any(|a| a.required && a.ty == "ID");
        let takes_string = field.args.iter().any(|a| a.required && a.ty == "String");
        let ids: Vec<&str> = if takes_id {
            fixture.ids.iter().map(String::as_str).collect()
        } else {
            vec![""]
        };
        let strings: Vec<&str> = if takes_string {
            fixture.strings.iter().map(String::as_str).collect()
        } else {
            vec![""]
        };
        // The change feed runs in commit order from the seed on: the fixture's changes are
        // read after the cursor the feed had before the fixture was written.
        let afters = if field.name == "changes" {
            vec![None, Some(fixture.feed_cursor.as_str())]
        } else {
            vec![None]
        };
        for id in &ids {
            for string in &strings {
                for after in &afters {
                    let mut path = vec![schema.query.clone()];
                    let Some(sel) = schema.field(field, 0, &mut path, id, string, *after) else {
                        continue;
                    };
                    bodies.extend(run_all(app, token, "query", vec![sel], &json!({})).await);
                }
            }
        }
    }
    bodies
}

/// The answer to re-sending an item for a project the outsider no longer reads, with every
/// field of the result type selected.
async fn sweep_upsert(
    app: &TestApp,
    schema: &Schema,
    fixture: &Fixture,
    token: &str,
) -> Vec<String> {
    let mutation = &schema.types[&schema.mutation];
    let upsert = mutation
        .fields
        .iter()
        .find(|f| f.name == "upsertProjects")
        .expect("upsertProjects");
    let mut path = vec![schema.mutation.clone(), upsert.ty.clone()];
    let children = schema.selections(&upsert.ty, 1, &mut path, "");
    let mut changed = fixture.handed_over.clone();
    changed["summary"] = json!("Een andere samenvatting.");
    let mut bodies = Vec::new();
    for item in [fixture.handed_over.clone(), changed] {
        let root = vec![Sel::Field {
            name: "upsertProjects".to_owned(),
            args: vec!["input: $items".to_owned()],
            first: None,
            children: children.clone(),
        }];
        let operation = "mutation($items: [UpsertProjectInput!]!)";
        let variables = json!({ "items": [item] });
        bodies.extend(run_all(app, Some(token), operation, root, &variables).await);
    }
    bodies
}

/// The live feed over WebSocket, from before the fixture: what a subscriber is delivered.
async fn sweep_subscription(app: &TestApp, token: &str, after: &str) -> Vec<String> {
    use crate::live::{connect, next_json, start};
    use futures_util::SinkExt;
    const DELIVERY: &str = r#"subscription($a: String) { changes(after: $a) { entityId object {
        ... on Project { id title internalNotes budget { total lines { amount } } review { decision }
          evaluations { results } links { project { id title } }
          history(first: 5) { nodes { action changes { field after } } } }
        ... on MeetingPlace { name operator { name } projects { id title }
          history(first: 5) { nodes { action changes { field after } } } }
        ... on Signal { title internalNotes projects { id title }
          history(first: 5) { nodes { action changes { field after } } } } } } }"#;
    let mut socket = connect(app).await;
    start(&mut socket, token).await;
    let subscribe = json!({ "id": "1", "type": "subscribe",
        "payload": { "query": DELIVERY, "variables": { "a": after } } });
    socket
        .send(tokio_tungstenite::tungstenite::Message::Text(
            subscribe.to_string().into(),
        ))
        .await
        .expect("subscribe");
    let mut bodies = Vec::new();
    // The backlog comes at once; a second of silence means the subscriber has caught up.
    while let Ok(message) =
        tokio::time::timeout(std::time::Duration::from_secs(2), next_json(&mut socket)).await
    {
        assert_ne!(
            message["type"], "complete",
            "the subscription ended: {message}"
        );
        bodies.push(message.to_string());
    }
    bodies
}

/// A write and its idempotent replay: the stored answer is what the caller was shown, never
/// more, and it is answered again without running.
async fn sweep_replay(app: &TestApp, token: &str) -> Vec<String> {
    let body = json!({ "query": r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: HOUSING,
        title: "Herhaalde melding", description: "Tocht in de hal.", urgency: LOW }) {
        id title projects { id title } reportingOrganisation { name }
        history(first: 5) { nodes { action changes { field after } } } } }"# });
    let mut bodies = Vec::new();
    for attempt in 0..2 {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(token)
            .header("idempotency-key", "sweep-replay-1")
            .json(&body)
            .send()
            .await
            .expect("request");
        let replayed = response.headers().get("idempotent-replayed").is_some();
        assert_eq!(replayed, attempt == 1, "the second answer is the replay");
        bodies.push(response.text().await.expect("body"));
    }
    assert_eq!(bodies[0], bodies[1], "a replay answers what was answered");
    bodies
}

/// Every export the caller may download, as CSV in both languages (the XLSX holds the same
/// cells, compressed). Decimal commas are also read as points, so a hidden amount is found
/// whichever way the language writes it.
async fn sweep_exports(app: &TestApp, token: Option<&str>) -> Vec<String> {
    let mut bodies = Vec::new();
    for dataset in ["projects", "signals"] {
        for lang in ["nl", "en"] {
            let mut request = app.client.get(format!(
                "{}/export/{dataset}?format=csv&lang={lang}",
                app.address
            ));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let response = request.send().await.expect("export");
            let status = response.status().as_u16();
            assert_eq!(
                status,
                if token.is_some() { 200 } else { 401 },
                "the {dataset} export"
            );
            let text = response.text().await.expect("export body");
            bodies.push(text.replace(',', "."));
            bodies.push(text);
        }
    }
    bodies
}

fn assert_no_hidden(who: &str, bodies: &[String], hidden: &[(String, String)]) {
    for body in bodies {
        for (what, value) in hidden {
            assert!(
                !body.contains(value.as_str()),
                "{who} received {what} ({value}) in {body}"
            );
        }
    }
}

#[tokio::test]
async fn no_door_shows_an_outsider_or_anonymous_caller_what_it_may_not_read() {
    // Hundreds of small queries in a row: the per-minute cost budget is not under test here.
    let app = spawn_app_with(|settings| settings.rate_limit.enabled = false).await;
    let fixture = fixture(&app).await;
    let editor = app.token(OUTSIDER, "EDITOR");
    let viewer = app.token(OUTSIDER, "VIEWER");
    let schema = introspect(&app, &viewer).await;

    let mut anonymous_hidden = fixture.hidden.clone();
    anonymous_hidden.extend(fixture.hidden_from_anonymous.clone());
    let callers: [(&str, Option<&str>, &Hidden); 3] = [
        (
            "an outsider's VIEWER",
            Some(viewer.as_str()),
            &fixture.hidden,
        ),
        (
            "an outsider's EDITOR",
            Some(editor.as_str()),
            &fixture.hidden,
        ),
        ("an anonymous caller", None, &anonymous_hidden),
    ];
    for (who, token, hidden) in callers {
        let bodies = sweep_queries(&app, &schema, &fixture, token).await;
        assert_no_hidden(who, &bodies, hidden);
        // The sweep reached the doors it is about (a sweep that read nothing proves nothing):
        // the shared project with its history, the meeting place's history, the feed.
        let reached = |text: &str| bodies.iter().any(|b| b.contains(text));
        assert!(
            reached("Buurtkamer Sweep") && reached("\"changes\""),
            "{who}"
        );
        if token.is_some() {
            assert!(
                reached("Gedeeld sweepproject") && reached("Lekkende daken"),
                "{who} read the shared project and its own signal"
            );
        }
    }
    let bodies = sweep_upsert(&app, &schema, &fixture, &editor).await;
    assert_no_hidden(
        "an outsider's EDITOR (upsertProjects)",
        &bodies,
        &fixture.hidden,
    );
    assert!(
        bodies.iter().any(|b| b.contains("NOT_FOUND")),
        "the handed-over project is not found: {bodies:?}"
    );
    let bodies = sweep_subscription(&app, &viewer, &fixture.feed_cursor).await;
    assert_no_hidden(
        "an outsider's VIEWER (subscription)",
        &bodies,
        &fixture.hidden,
    );
    assert!(
        bodies.iter().any(|b| b.contains("Gedeeld sweepproject")),
        "the subscriber was delivered the shared project: {bodies:?}"
    );
    let bodies = sweep_replay(&app, &editor).await;
    assert_no_hidden("an outsider's EDITOR (replay)", &bodies, &fixture.hidden);
    for (who, token) in [
        ("an outsider's VIEWER (exports)", Some(viewer.as_str())),
        ("an outsider's EDITOR (exports)", Some(editor.as_str())),
        ("an anonymous caller (exports)", None),
    ] {
        let bodies = sweep_exports(&app, token).await;
        assert_no_hidden(who, &bodies, &fixture.hidden);
        if token.is_some() {
            assert!(
                bodies.iter().any(|b| b.contains("Gedeeld sweepproject"))
                    && bodies.iter().any(|b| b.contains("Lekkende daken")),
                "{who}: the export holds the shared project and the outsider's own signal"
            );
        }
    }

    // The values looked for are the right ones: a caller allowed to read them finds them.
    let admin = app.token("programmabureau", "ADMIN");
    let history =
        "query($id: ID!) { project(id: $id) { history { nodes { changes { field after } } } } }";
    let seen_by_city = app
        .data(Some(&admin), history, json!({ "id": fixture.ids[1] }))
        .await
        .to_string();
    for value in ["7351937", "HOLD", fixture.ids[0].as_str()] {
        assert!(seen_by_city.contains(value), "{value} in {seen_by_city}");
    }
    // And the city's export shows the INTERNAL project and its budget the outsider's did not.
    let city_export = sweep_exports(&app, Some(&admin)).await;
    for value in ["Titel-intern-geheim", "61234.57", "Notitie-intern-geheim"] {
        assert!(
            city_export.iter().any(|b| b.contains(value)),
            "{value} in the city's export"
        );
    }
}
