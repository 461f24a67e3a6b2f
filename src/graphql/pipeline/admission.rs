//! Admission: what every operation passes before the engine validates or runs it, over HTTP and
//! WebSocket alike. In order: trusted documents (persisted queries, the allow-list), the limits
//! on the document's shape, the cost limit, and the caller's rate-limit budget. A refused
//! operation has cost nothing but these checks: no validation, no SQL.

use std::{
    any::TypeId,
    io,
    sync::{
        Arc, Mutex, OnceLock,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Instant,
};

use async_graphql::{
    Request, Response, ServerError, ServerResult, Value,
    extensions::{
        Extension, ExtensionContext, ExtensionFactory, NextExecute, NextPrepareRequest, NextRequest,
    },
    parser::{
        parse_query,
        types::{DocumentOperations, ExecutableDocument, OperationType, Selection, SelectionSet},
    },
};
use axum::http::HeaderValue;
use chrono::SecondsFormat;
use tracing::Instrument;

use crate::db::Db;
use crate::graphql::{
    pipeline::context::RequestContext,
    pipeline::cost::TypeIndex,
    pipeline::guard,
    pipeline::introspection::{self, Standard},
    pipeline::trusted::{DocumentStore, Scope, Untrusted},
};
use crate::{
    auth::Principal,
    config::Limits,
    error::ErrorCode,
    service::rate_limit::{Budget, Caller, RateLimiter},
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
    types: OnceLock<TypeIndex>,
    limiter: Arc<RateLimiter>,
    documents: DocumentStore,
    checked: guard::Checked,
    /// The answers to the standard schema query (by [`Standard::index`]), made once: one
    /// `Admission` belongs to one schema, so they never go stale.
    schema_answers: Mutex<[Option<Value>; 2]>,
}

impl Admission {
    pub fn new(limits: Limits, limiter: Arc<RateLimiter>, documents: DocumentStore) -> Self {
        Self {
            shared: Arc::new(Shared {
                limits,
                types: OnceLock::new(),
                limiter,
                documents,
                checked: guard::Checked::default(),
                schema_answers: Mutex::new([None, None]),
            }),
        }
    }

    /// The schema's types, known only once the schema this extension belongs to is built.
    pub fn know_types(&self, types: TypeIndex) {
        let _ = self.shared.types.set(types);
    }
}

impl ExtensionFactory for Admission {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AdmissionExtension {
            shared: self.shared.clone(),
            cost: AtomicU64::new(u64::MAX),
            label: OnceLock::new(),
            standard: OnceLock::new(),
            mutation: AtomicBool::new(false),
            budget: Mutex::new(None),
        })
    }
}

struct AdmissionExtension {
    shared: Arc<Shared>,
    /// This request's cost once admitted (`u64::MAX` until then).
    cost: AtomicU64,
    /// The metrics label of the operation: its type and root fields, which the schema bounds
    /// (operation names are the client's to choose, so they stay out of labels).
    label: OnceLock<String>,
    /// Set when the request is the standard schema query, answered from `schema_answers`.
    standard: OnceLock<Standard>,
    /// A mutation's answer is never withheld for its size: its writes are done by then.
    mutation: AtomicBool,
    /// The caller's budget as admission last saw it, admitted or refused: every answer over
    /// HTTP carries it in `X-RateLimit-*` headers, a 400 or 429 too.
    budget: Mutex<Option<Budget>>,
}

/// `query projects`, `mutation updateProject`, `query me+wijken`: at most two root fields named.
fn label(document: &ExecutableDocument, operation_name: Option<&str>) -> String {
    let operation = match &document.operations {
        DocumentOperations::Single(op) => Some(&op.node),
        DocumentOperations::Multiple(ops) => match operation_name {
            Some(name) => ops
                .iter()
                .find(|(n, _)| n.as_str() == name)
                .map(|(_, op)| &op.node),
            // A single named operation needs no name in the request.
            None if ops.len() == 1 => ops.values().next().map(|op| &op.node),
            None => None,
        },
    };
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

/// Counts the bytes an answer serialises to, and stops the serialiser once past `limit`, so an
/// oversized answer is never built in full.
struct ByteCounter {
    written: usize,
    limit: usize,
}

impl io::Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.written = self.written.saturating_add(buf.len());
        if self.written > self.limit {
            return Err(io::Error::other("past the response-size limit"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Whether `data` serialises to more than `limit` bytes of JSON.
fn larger_than(data: &Value, limit: usize) -> bool {
    let mut counter = ByteCounter { written: 0, limit };
    serde_json::to_writer(&mut counter, data).is_err() && counter.written > limit
}

fn request_context<'a>(
    request: &'a Request,
    ctx: &'a ExtensionContext<'_>,
) -> Option<&'a RequestContext> {
    request
        .data
        .get(&TypeId::of::<RequestContext>())
        .or_else(|| ctx.session_data.get(&TypeId::of::<RequestContext>()))
        .and_then(|data| data.downcast_ref::<RequestContext>())
}

#[async_graphql::async_trait::async_trait]
impl Extension for AdmissionExtension {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        let budget = *self
            .budget
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(budget) = budget {
            rate_limit_headers(&mut response.http_headers, &budget);
        }
        response
    }

    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let context = request_context(&request, ctx);
        let caller = context
            .and_then(|c| c.caller())
            .map(|c| c.organisation_code.clone())
            .unwrap_or_else(|| "anonymous".to_owned());
        let audit = context.map(|c| {
            (
                c.shared.refusals.clone(),
                c.origin.clone(),
                c.caller().map(|p| p.subject.clone()),
            )
        });
        match self.admit(ctx, request).await {
            Ok(request) => next.run(ctx, request).await,
            Err(error) => {
                let code = match error.extensions.as_ref().and_then(|x| x.get("code")) {
                    Some(Value::String(code)) => code.parse::<ErrorCode>().ok(),
                    _ => None,
                };
                let result = code.map(ErrorCode::as_str).unwrap_or_default();
                tracing::info!(caller, result, reason = %error.message, "graphql operation refused");
                // A persisted query the server does not know yet is the protocol's first step,
                // not a refusal; the rest are, and are audited counted per origin and code, so
                // a flood of them is a row a minute, not a write each.
                if let (Some(code), Some((log, origin, subject))) = (code, audit)
                    && !matches!(code, ErrorCode::NotFound | ErrorCode::BadUserInput)
                {
                    log.refused(&origin, subject.as_deref(), "graphql", code.as_str())
                        .await;
                }
                Err(error)
            }
        }
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let started = Instant::now();
        // Made only when traces leave the process: the log line below says the same for logs.
        let span = if crate::telemetry::exporting() {
            let label = self.label.get().map(String::as_str).unwrap_or("unknown");
            tracing::info_span!("graphql operation", graphql.operation.name = %label)
        } else {
            tracing::Span::none()
        };
        let mut response = match self.standard.get() {
            Some(standard) => {
                self.schema_answer(*standard, ctx, operation_name, next)
                    .instrument(span)
                    .await
            }
            None => next.run(ctx, operation_name).instrument(span).await,
        };
        let limit = self.shared.limits.response_bytes;
        if !self.mutation.load(Ordering::Relaxed) && larger_than(&response.data, limit) {
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
            if let Some(context) = ctx.data_opt::<RequestContext>() {
                let subject = context.caller().map(|p| p.subject.as_str());
                let code = ErrorCode::QueryTooComplex.as_str();
                context
                    .shared
                    .refusals
                    .refused(&context.origin, subject, "graphql", code)
                    .await;
            }
        }
        let elapsed = started.elapsed();
        let cost = self.cost.load(Ordering::Relaxed);
        let label = self
            .label
            .get()
            .cloned()
            .unwrap_or_else(|| "unknown".to_owned());
        let result = first_code(&response).to_owned();
        let caller = ctx
            .data_opt::<RequestContext>()
            .and_then(|c| c.caller())
            .map(|c| c.organisation_code.as_str())
            .unwrap_or("anonymous");
        tracing::info!(
            operation = %label,
            operation_name = operation_name.map(|n| n.chars().take(100).collect::<String>()).unwrap_or_default(),
            caller,
            duration_ms = elapsed.as_secs_f64() * 1000.0,
            cost,
            result = %result,
            "graphql operation"
        );
        metrics::histogram!("wijkhub_graphql_operation_duration_seconds", "operation" => label.clone())
            .record(elapsed.as_secs_f64());
        metrics::counter!("wijkhub_graphql_operations_total", "operation" => label, "result" => result)
            .increment(1);
        if cost != u64::MAX {
            response
                .extensions
                .insert("cost".to_owned(), Value::from(cost));
        }
        response
    }
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

impl AdmissionExtension {
    /// Every admission check, in order; the request comes back ready to run (parsed, with its
    /// cost and budget attached) or refused.
    async fn admit(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
    ) -> ServerResult<Request> {
        let shared = &self.shared;
        let (caller, address, db) = match request_context(&request, ctx) {
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
                .charge(caller.as_ref(), address.as_deref(), cost, db)
                .await?;
            if let Some(hash) = register {
                shared.documents.register(&scope, hash, &request.query);
            }
            let _ = self.standard.set(standard);
            // It parses (a unit test says so); were it ever not to, the engine reports why.
            let document = parse_query(&request.query).ok();
            return Ok(self.admitted(request, document, cost, budget));
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
            self.charge(caller.as_ref(), address.as_deref(), 1, db)
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
                    self.saw(
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
                .charge(caller.as_ref(), address.as_deref(), 1, db)
                .await?;
            return Ok(self.admitted(request, None, 1, budget));
        };
        // The engine's own switch (`disable_introspection`) answers `__schema: null` without an
        // error, which is invalid for a non-null field and leaves the caller guessing.
        if caller.is_none() && introspects(&document) {
            return Err(anonymous_introspection());
        }
        let cost = shared
            .types
            .get()
            .map(|types| {
                types.cost(
                    &document,
                    request.operation_name.as_deref(),
                    &request.variables,
                )
            })
            .unwrap_or(0);
        if cost > shared.limits.cost {
            metrics::counter!("wijkhub_refused_operations_total", "reason" => "cost").increment(1);
            if let Some((who, limit)) = &budgeted {
                self.saw(shared.limiter.peek(who, *limit, db));
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
            .charge(caller.as_ref(), address.as_deref(), cost, db)
            .await?;
        Ok(self.admitted(request, Some(document), cost, budget))
    }

    fn saw(&self, budget: Budget) {
        *self
            .budget
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(budget);
    }

    /// Spends `cost` from the caller's budget (when rate limits are on), or refuses.
    async fn charge(
        &self,
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
        self.saw(match &charged {
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
        &self,
        mut request: Request,
        document: Option<ExecutableDocument>,
        cost: u64,
        budget: Option<Budget>,
    ) -> Request {
        self.cost.store(cost, Ordering::Relaxed);
        tracing::debug!(
            cost,
            remaining = budget.map(|b| b.remaining),
            limit = budget.map(|b| b.limit),
            "operation admitted"
        );
        request.data.insert(Admitted { cost, budget });
        if let Some(document) = document {
            let _ = self
                .label
                .set(label(&document, request.operation_name.as_deref()));
            let mutation = document.operations.iter().any(|(name, operation)| {
                operation.node.ty == OperationType::Mutation
                    && request
                        .operation_name
                        .as_deref()
                        .is_none_or(|wanted| name.is_some_and(|n| n.as_str() == wanted))
            });
            self.mutation.store(mutation, Ordering::Relaxed);
            request.set_parsed_query(document);
        }
        request
    }

    /// The standard schema query's answer: the copy when there is one, else computed now (and
    /// kept when it has no errors).
    async fn schema_answer(
        &self,
        standard: Standard,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
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
        let response = next.run(ctx, operation_name).await;
        if response.errors.is_empty() {
            lock()[slot] = Some(response.data.clone());
        }
        response
    }
}
