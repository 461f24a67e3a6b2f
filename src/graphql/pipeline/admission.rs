//! Admission: what every operation passes before the engine validates or runs it, over HTTP and
//! WebSocket alike. In order: trusted documents (persisted queries, the allow-list), the limits
//! on the document's shape, the cost limit, and the caller's rate-limit budget. A refused
//! operation has cost nothing but these checks: no validation, no SQL.

use std::{
    any::TypeId,
    future::Future,
    sync::{Arc, Mutex},
    time::Instant,
};

use async_graphql::{
    Request, Response, ServerError, ServerResult, Value,
    parser::{
        parse_query,
        types::{
            DocumentOperations, ExecutableDocument, OperationDefinition, OperationType, Selection,
            SelectionSet,
        },
    },
};
use axum::http::HeaderValue;
use chrono::SecondsFormat;
use tracing::Instrument;

use crate::db::Db;
use crate::graphql::pipeline::{
    answer_size,
    context::RequestContext,
    cost::TypeIndex,
    guard,
    introspection::{self, Standard},
    trusted::{DocumentStore, Scope, Untrusted},
    validated,
};
use crate::{
    auth::Principal,
    config::Limits,
    error::ErrorCode,
    service::audit::RefusalLog,
    service::rate_limit::{Budget, Caller, RateLimiter},
    service::write::Origin,
};

/// The admitted operation's cost and the budget left after it, for `rateLimit` and the
/// response's `extensions.cost`.
#[derive(Debug, Clone, Copy)]
pub struct Admitted {
    pub cost: u64,
    pub budget: Option<Budget>,
}

/// What a document refused for its shape (depth, aliases, length, …) costs the caller's budget.
const REFUSED_SHAPE_COST: u64 = 100;

#[derive(Clone)]
pub struct Admission {
    shared: Arc<Shared>,
}

struct Shared {
    limits: Limits,
    types: TypeIndex,
    limiter: Arc<RateLimiter>,
    documents: DocumentStore,
    checked: guard::Checked,
    /// The answers to the standard schema query (by [`Standard::index`]), made once: one
    /// `Admission` belongs to one schema, so they never go stale.
    schema_answers: Mutex<[Option<Value>; 2]>,
}

impl Admission {
    pub fn new(
        limits: Limits,
        limiter: Arc<RateLimiter>,
        documents: DocumentStore,
        types: TypeIndex,
    ) -> Self {
        Self {
            shared: Arc::new(Shared {
                limits,
                types,
                limiter,
                documents,
                checked: guard::Checked::default(),
                schema_answers: Mutex::new([None, None]),
            }),
        }
    }
}

/// What admission learned of one operation, for its answer and its metrics.
#[derive(Default)]
pub struct Ticket {
    /// The cost once admitted.
    cost: Option<u64>,
    /// The metrics label of the operation: its type and root fields, which the schema bounds
    /// (operation names are the client's to choose, so they stay out of labels).
    label: Option<String>,
    /// Set when the request is the standard schema query, answered from `schema_answers`.
    standard: Option<Standard>,
    /// The operation's type and name, when its document parsed and names one the engine runs.
    kind: Option<OperationType>,
    operation_name: Option<String>,
    /// The chosen operation's variables are all of a kind `validated` checks itself.
    plain_variables: bool,
    /// The caller's budget as admission last saw it, admitted or refused: every answer over
    /// HTTP carries it in `X-RateLimit-*` headers, a 400 or 429 too.
    budget: Option<Budget>,
}

impl Ticket {
    pub fn is_subscription(&self) -> bool {
        self.kind == Some(OperationType::Subscription)
    }

    /// Whether the operation's variables leave nothing for the engine's validation to judge
    /// that [`validated::plain_variables`] did not.
    pub fn plain_variables(&self) -> bool {
        self.plain_variables
    }

    /// The answer with the caller's budget in its headers.
    pub fn stamp(&self, mut response: Response) -> Response {
        if let Some(budget) = &self.budget {
            rate_limit_headers(&mut response.http_headers, budget);
        }
        response
    }
}

/// Who asked, as the log, the metrics and the refusal audit name them; taken from the request's
/// context before the engine takes the request.
pub struct Asker {
    organisation: Option<String>,
    subject: Option<String>,
    origin: Option<(Arc<RefusalLog>, Origin)>,
}

impl Asker {
    pub fn of(request: &Request) -> Self {
        let context = request_context(request);
        let caller = context.and_then(RequestContext::caller);
        Self {
            organisation: caller.map(|c| c.organisation_code.clone()),
            subject: caller.map(|c| c.subject.clone()),
            origin: context.map(|c| (c.shared.refusals.clone(), c.origin.clone())),
        }
    }

    fn organisation(&self) -> &str {
        self.organisation.as_deref().unwrap_or("anonymous")
    }

    /// Counted per origin and code, so a flood of refusals is a row a minute, not a write each.
    async fn refused(&self, code: ErrorCode) {
        if let Some((log, origin)) = &self.origin {
            log.refused(origin, self.subject.as_deref(), "graphql", code.as_str())
                .await;
        }
    }
}

/// The operation a request runs and its name, chosen as the engine chooses them: the one the
/// request names, or the document's only one; `None` where the engine refuses the choice.
fn selected<'a>(
    document: &'a ExecutableDocument,
    operation_name: Option<&'a str>,
) -> Option<(Option<&'a str>, &'a OperationDefinition)> {
    match (&document.operations, operation_name) {
        (DocumentOperations::Single(op), None) => Some((None, &op.node)),
        (DocumentOperations::Single(_), Some(_)) => None,
        (DocumentOperations::Multiple(ops), Some(name)) => ops
            .iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(n, op)| (Some(n.as_str()), &op.node)),
        // A single named operation needs no name in the request.
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops
            .iter()
            .next()
            .map(|(n, op)| (Some(n.as_str()), &op.node)),
        (DocumentOperations::Multiple(_), None) => None,
    }
}

/// `query projects`, `mutation updateProject`, `query me+wijken`: at most two root fields named.
fn label(operation: Option<&OperationDefinition>) -> String {
    let Some(operation) = operation else {
        return "unknown".to_owned();
    };
    let mut fields: Vec<&str> = operation
        .selection_set
        .node
        .items
        .iter()
        .filter_map(|s| match &s.node {
            Selection::Field(field) => Some(field.node.name.node.as_str()),
            _ => None,
        })
        .collect();
    fields.sort_unstable();
    fields.dedup();
    let more = fields.len() > 2;
    fields.truncate(2);
    format!(
        "{} {}{}",
        operation.ty,
        fields.join("+"),
        if more { "+more" } else { "" }
    )
}

/// Whether the document asks for the schema (`__schema` or `__type`) anywhere; `__typename` is
/// not introspection of the schema and stays open to everyone.
fn introspects(document: &ExecutableDocument) -> bool {
    fn set(selections: &SelectionSet) -> bool {
        selections
            .items
            .iter()
            .any(|selection| match &selection.node {
                Selection::Field(field) => {
                    matches!(field.node.name.node.as_str(), "__schema" | "__type")
                        || set(&field.node.selection_set.node)
                }
                Selection::InlineFragment(fragment) => set(&fragment.node.selection_set.node),
                // Every fragment is looked at below, used or not.
                Selection::FragmentSpread(_) => false,
            })
    }
    document
        .operations
        .iter()
        .any(|(_, operation)| set(&operation.node.selection_set.node))
        || document
            .fragments
            .values()
            .any(|fragment| set(&fragment.node.selection_set.node))
}

fn first_code(response: &Response) -> &str {
    response
        .errors
        .first()
        .map(
            |error| match error.extensions.as_ref().and_then(|x| x.get("code")) {
                Some(Value::String(code)) => code.as_str(),
                _ => ErrorCode::BadUserInput.as_str(),
            },
        )
        .unwrap_or("OK")
}

fn refusal(code: ErrorCode, message: impl Into<String>) -> ServerError {
    let mut error = ServerError::new(message, None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code);
    error
}

fn anonymous_introspection() -> ServerError {
    refusal(
        ErrorCode::Unauthenticated,
        "introspection (__schema, __type) needs a token: send `Authorization: Bearer <token>`",
    )
}

fn request_context(request: &Request) -> Option<&RequestContext> {
    request
        .data
        .get(&TypeId::of::<RequestContext>())
        .and_then(|data| data.downcast_ref::<RequestContext>())
}

impl Admission {
    /// Admits the request or refuses it; either way the ticket says what admission saw.
    pub async fn pass(&self, request: Request, asker: &Asker) -> (Ticket, ServerResult<Request>) {
        let mut ticket = Ticket::default();
        let admitted = self.admit(&mut ticket, request).await;
        if let Err(error) = &admitted {
            let code = match error.extensions.as_ref().and_then(|x| x.get("code")) {
                Some(Value::String(code)) => code.parse::<ErrorCode>().ok(),
                _ => None,
            };
            let result = code.map(ErrorCode::as_str).unwrap_or_default();
            tracing::info!(caller = asker.organisation(), result, reason = %error.message, "graphql operation refused");
            // A persisted query the server does not know yet is the protocol's first step,
            // not a refusal; the rest are, and are audited.
            if let Some(code) = code
                && !matches!(code, ErrorCode::NotFound | ErrorCode::BadUserInput)
            {
                asker.refused(code).await;
            }
        }
        (ticket, admitted)
    }

    /// Runs an admitted operation (`execution` is the engine's run of it) and measures it: its
    /// log line and metrics, the size of its answer, its cost in the answer's extensions.
    pub async fn run(
        &self,
        ticket: &Ticket,
        asker: &Asker,
        execution: impl Future<Output = Response>,
    ) -> Response {
        let started = Instant::now();
        let label = ticket.label.as_deref().unwrap_or("unknown");
        // Made only when traces leave the process: the log line below says the same for logs.
        let span = if crate::telemetry::exporting() {
            tracing::info_span!("graphql operation", graphql.operation.name = %label)
        } else {
            tracing::Span::none()
        };
        // The copy answers only a request the engine would run: one whose operation it can choose.
        let mut response = match ticket.standard.filter(|_| ticket.kind.is_some()) {
            Some(standard) => {
                self.schema_answer(standard, execution)
                    .instrument(span)
                    .await
            }
            None => execution.instrument(span).await,
        };
        // What the engine refused to run is not an operation that ran: the door reports it.
        if never_ran(&response) {
            return response;
        }
        let limit = self.shared.limits.response_bytes;
        // A mutation's answer is never withheld for its size: its writes are done by then.
        if ticket.kind != Some(OperationType::Mutation)
            && answer_size::larger_than(&response.data, limit)
        {
            metrics::counter!("wijkhub_refused_operations_total", "reason" => "response_size")
                .increment(1);
            let mut error = refusal(
                ErrorCode::QueryTooComplex,
                format!(
                    "the answer is larger than {limit} bytes; ask for fewer fields or smaller pages"
                ),
            );
            if let Some(ext) = error.extensions.as_mut() {
                ext.set("maximumBytes", limit as u64);
            }
            let mut refused = Response::from_errors(vec![error]);
            refused.extensions = std::mem::take(&mut response.extensions);
            response = refused;
            asker.refused(ErrorCode::QueryTooComplex).await;
        }
        let elapsed = started.elapsed();
        let result = first_code(&response).to_owned();
        tracing::info!(
            operation = %label,
            operation_name = ticket.operation_name.as_deref().unwrap_or_default(),
            caller = asker.organisation(),
            duration_ms = elapsed.as_secs_f64() * 1000.0,
            cost = ticket.cost.unwrap_or(u64::MAX),
            result = %result,
            "graphql operation"
        );
        metrics::histogram!("wijkhub_graphql_operation_duration_seconds", "operation" => label.to_owned())
            .record(elapsed.as_secs_f64());
        metrics::counter!("wijkhub_graphql_operations_total", "operation" => label.to_owned(), "result" => result)
            .increment(1);
        if let Some(cost) = ticket.cost {
            response
                .extensions
                .insert("cost".to_owned(), Value::from(cost));
        }
        response
    }
}

/// Whether the engine refused to run the operation: its document does not parse or validate.
/// Such an answer has no data and only errors without a path (one raised while running has one).
pub fn never_ran(response: &Response) -> bool {
    response.data == Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// `X-RateLimit-Limit`, `-Remaining` and `-Reset` (the window's end in epoch seconds).
pub fn rate_limit_headers(headers: &mut axum::http::HeaderMap, budget: &Budget) {
    let mut set = |name: &'static str, value: u64| {
        if let Ok(value) = HeaderValue::from_str(&value.to_string()) {
            headers.insert(name, value);
        }
    };
    set("x-ratelimit-limit", budget.limit);
    set("x-ratelimit-remaining", budget.remaining);
    set(
        "x-ratelimit-reset",
        u64::try_from(budget.reset_at.timestamp()).unwrap_or(0),
    );
}

impl Admission {
    /// Every admission check, in order; the request comes back ready to run (parsed, with its
    /// cost and budget attached) or refused.
    async fn admit(&self, ticket: &mut Ticket, mut request: Request) -> ServerResult<Request> {
        let shared = &self.shared;
        let (caller, address, db) = match request_context(&request) {
            Some(context) => (
                context.caller.clone(),
                context.origin.ip.clone(),
                Some(context.db.clone()),
            ),
            None => (None, None, None),
        };
        let db = db.as_ref();
        let held_to_allow_list = caller.as_ref().is_some_and(|c| !c.is_city());
        let scope = caller
            .as_ref()
            .map_or(Scope::Anonymous, |c| Scope::Organisation(c.organisation_id));
        let register = shared
            .documents
            .resolve(&mut request, &scope, held_to_allow_list)
            .map_err(|untrusted| {
                let code = match untrusted {
                    Untrusted::NotFound => ErrorCode::NotFound,
                    Untrusted::NotAllowed => ErrorCode::Forbidden,
                    Untrusted::Malformed | Untrusted::HashMismatch => ErrorCode::BadUserInput,
                };
                let mut error = refusal(code, untrusted.to_string());
                if let Some(ext) = error
                    .extensions
                    .as_mut()
                    .filter(|_| code == ErrorCode::BadUserInput)
                {
                    ext.set("field", "extensions.persistedQuery");
                }
                error
            })?;
        // The playground's schema query is deeper than the depth limit allows; recognised whole,
        // it is answered from a copy at a fixed cost (see `introspection`).
        if let Some(standard) = introspection::recognise(&request.query) {
            if caller.is_none() {
                return Err(anonymous_introspection());
            }
            let cost = introspection::STANDARD_COST;
            let budget = self
                .charge(ticket, caller.as_ref(), address.as_deref(), cost, db)
                .await?;
            if let Some(hash) = register {
                shared.documents.register(&scope, hash, &request.query);
            }
            ticket.standard = Some(standard);
            // It parses (a unit test says so); were it ever not to, the engine reports why.
            let document = parse_query(&request.query).ok();
            return Ok(Self::admitted(ticket, request, document, cost, budget));
        }
        // A caller whose budget is spent is refused before its document is even parsed: a
        // flood of large documents then costs the server a lookup each, not a parse.
        let budgeted = shared.limiter.enabled().then(|| {
            (
                Caller::of(caller.as_ref(), address.as_deref()),
                shared.limiter.limit_for(caller.as_ref()),
            )
        });
        if let Some((who, limit)) = &budgeted
            && shared.limiter.peek(who, *limit, db).remaining == 0
        {
            self.charge(ticket, caller.as_ref(), address.as_deref(), 1, db)
                .await?;
        }
        let document = match shared.checked.check(&request.query, &shared.limits) {
            Ok(document) => document,
            Err(refused) => {
                metrics::counter!("wijkhub_refused_operations_total", "reason" => refused.reason())
                    .increment(1);
                // Refused for its shape, a document still took a parse: it is charged a page's
                // worth (at most what is left), so a stream of them runs into the budget.
                if let Some((who, limit)) = &budgeted {
                    ticket.budget = Some(
                        shared
                            .limiter
                            .charge_up_to(who, *limit, REFUSED_SHAPE_COST, db)
                            .await,
                    );
                }
                return Err(refusal(ErrorCode::QueryTooComplex, refused.to_string()));
            }
        };
        // A document that does not parse is the engine's to report, with positions; it still
        // costs the least an operation can, or a stream of garbage would be free.
        let Some(document) = document else {
            let budget = self
                .charge(ticket, caller.as_ref(), address.as_deref(), 1, db)
                .await?;
            return Ok(Self::admitted(ticket, request, None, 1, budget));
        };
        // The engine's own switch (`disable_introspection`) answers `__schema: null` without an
        // error, which is invalid for a non-null field and leaves the caller guessing.
        if caller.is_none() && introspects(&document) {
            return Err(anonymous_introspection());
        }
        let cost = shared.types.cost(
            &document,
            request.operation_name.as_deref(),
            &request.variables,
        );
        if cost > shared.limits.cost {
            metrics::counter!("wijkhub_refused_operations_total", "reason" => "cost").increment(1);
            if let Some((who, limit)) = &budgeted {
                ticket.budget = Some(shared.limiter.peek(who, *limit, db));
            }
            let mut error = refusal(
                ErrorCode::QueryTooComplex,
                format!(
                    "the operation's estimated cost {cost} is above the limit of {}; ask for smaller pages",
                    shared.limits.cost
                ),
            );
            if let Some(ext) = error.extensions.as_mut() {
                ext.set("cost", cost);
                ext.set("maximumCost", shared.limits.cost);
            }
            return Err(error);
        }
        if let Some(hash) = register {
            shared.documents.register(&scope, hash, &request.query);
        }
        let budget = self
            .charge(ticket, caller.as_ref(), address.as_deref(), cost, db)
            .await?;
        Ok(Self::admitted(
            ticket,
            request,
            Some(document),
            cost,
            budget,
        ))
    }

    /// Spends `cost` from the caller's budget (when rate limits are on), or refuses.
    async fn charge(
        &self,
        ticket: &mut Ticket,
        caller: Option<&Principal>,
        address: Option<&str>,
        cost: u64,
        db: Option<&Db>,
    ) -> ServerResult<Option<Budget>> {
        let limiter = &self.shared.limiter;
        if !limiter.enabled() {
            return Ok(None);
        }
        let limit = limiter.limit_for(caller);
        let who = Caller::of(caller, address);
        let charged = limiter.charge(&who, limit, cost, db).await;
        ticket.budget = Some(match &charged {
            Ok(budget) => *budget,
            Err(exhausted) => exhausted.budget,
        });
        match charged {
            Ok(budget) => Ok(Some(budget)),
            Err(exhausted) => {
                metrics::counter!("wijkhub_rate_limited_total").increment(1);
                let mut error = refusal(ErrorCode::RateLimited, exhausted.to_string());
                if let Some(ext) = error.extensions.as_mut() {
                    ext.set("retryAfterSeconds", exhausted.budget.retry_after_seconds());
                    ext.set("cost", cost);
                    ext.set("limit", exhausted.budget.limit);
                    ext.set("remaining", exhausted.budget.remaining);
                    ext.set(
                        "resetAt",
                        exhausted
                            .budget
                            .reset_at
                            .to_rfc3339_opts(SecondsFormat::Secs, true),
                    );
                }
                Err(error)
            }
        }
    }

    /// The request as admitted: its cost and budget attached for `rateLimit` and the response,
    /// and its parsed document (when it parses) handed on so the engine does not parse again.
    fn admitted(
        ticket: &mut Ticket,
        mut request: Request,
        document: Option<ExecutableDocument>,
        cost: u64,
        budget: Option<Budget>,
    ) -> Request {
        ticket.cost = Some(cost);
        tracing::debug!(
            cost,
            remaining = budget.map(|b| b.remaining),
            limit = budget.map(|b| b.limit),
            "operation admitted"
        );
        request.data.insert(Admitted { cost, budget });
        if let Some(document) = document {
            let operation = selected(&document, request.operation_name.as_deref());
            ticket.label = Some(label(operation.map(|(_, operation)| operation)));
            ticket.kind = operation.map(|(_, operation)| operation.ty);
            ticket.plain_variables = operation.is_some_and(|(_, operation)| {
                validated::plain_variables(operation, &request.variables)
            });
            // Logged as sent: the client's to choose, so cut short.
            ticket.operation_name = operation
                .and_then(|(name, _)| name)
                .map(|name| name.chars().take(100).collect());
            request.set_parsed_query(document);
        }
        request
    }

    /// The standard schema query's answer: the copy when there is one, else computed now (and
    /// kept when it has no errors).
    async fn schema_answer(
        &self,
        standard: Standard,
        execution: impl Future<Output = Response>,
    ) -> Response {
        let slot = standard.index();
        let lock = || {
            self.shared
                .schema_answers
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        let copy = lock()[slot].clone();
        if let Some(data) = copy {
            return Response::new(data);
        }
        let response = execution.await;
        if response.errors.is_empty() {
            lock()[slot] = Some(response.data.clone());
        }
        response
    }
}
