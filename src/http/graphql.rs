//! `GET` and `POST /graphql`: who is calling (a refused token refuses the whole request with
//! 401), the request as GraphQL-over-HTTP allows it, and its execution with a fresh context.

use async_graphql::{BatchRequest, BatchResponse};
use async_graphql_axum::{GraphQLBatchRequest, GraphQLRequest, rejection::GraphQLRejection};
use axum::{
    Json,
    body::Body,
    extract::{FromRequest, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

use super::{
    AppState, MAX_BODY_BYTES,
    idempotency::HeldKey,
    negotiation::{accepts_json, body_too_large, error_response, is_json, not_acceptable, respond},
    origin, peer,
};
use crate::{
    auth::Principal,
    error::ErrorCode,
    graphql::pipeline::{self, context::RequestContext},
    playground,
    service::{audit, write::Origin},
};

/// `POST /graphql`: one operation or a batch, as JSON; with an `Idempotency-Key`, a retry gets
/// the first answer.
pub async fn post(State(state): State<AppState>, headers: HeaderMap, request: Request) -> Response {
    // Boxed: the answer's future holds the state of every step (the token, the key, admission),
    // and the layers around the route move it by value, each move a copy of all of it (a third
    // of a lookup's `memcpy`).
    Box::pin(answer_post(state, headers, request)).await
}

async fn answer_post(state: AppState, headers: HeaderMap, request: Request) -> Response {
    let origin = origin(peer(&request), &headers);
    let caller = match authenticate(&state, &headers, &origin).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    if !accepts_json(&headers) {
        return not_acceptable();
    }
    if !is_json(&headers) {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::BadUserInput,
            "send the request as application/json",
            Some("Content-Type"),
        );
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return body_too_large();
    };
    let mut key = match HeldKey::claim(&state.db, &headers, caller.as_ref(), &bytes).await {
        Ok(key) => key,
        Err(answer) => return answer,
    };
    // The request's writes carry the key, to mark it applied in their own transactions.
    let origin = Origin {
        idempotency: key.as_ref().map(HeldKey::held),
        ..origin
    };
    let request = Request::from_parts(parts, Body::from(bytes));
    let response = match run_batch(&state, caller, origin, request, key.as_mut()).await {
        Ok(response) => response,
        Err(refusal) => {
            // Refused before anything could be written: the key is free for a retry at once.
            if let Some(key) = key {
                key.release().await;
            }
            return refusal;
        }
    };
    let Some(key) = key else {
        return respond(&headers, response);
    };
    let stored = key.stored_answer(&response);
    let http = respond(&headers, response);
    key.complete(http.status(), stored).await;
    http
}

/// Reads and runs the body of a POST; a refusal of the request as a whole is the `Err`.
async fn run_batch(
    state: &AppState,
    caller: Option<Principal>,
    origin: Origin,
    request: Request,
    mut key: Option<&mut HeldKey>,
) -> Result<BatchResponse, Response> {
    let mut watch = |request| match key.as_deref_mut() {
        Some(key) => key.watch(request),
        None => request,
    };
    let batch = GraphQLBatchRequest::<GraphQLRejection>::from_request(request, state)
        .await
        .map_err(not_a_request)?
        .into_inner();
    match batch {
        BatchRequest::Single(request)
            if request.query.is_empty() && !request.extensions.contains_key("persistedQuery") =>
        {
            Err(error_response(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadUserInput,
                "the request has no query",
                Some("query"),
            ))
        }
        BatchRequest::Single(request) => Ok(BatchResponse::Single(
            execute(state, caller, origin, watch(request)).await,
        )),
        BatchRequest::Batch(requests) => {
            let allowed = state.settings.limits.batch;
            if requests.len() > allowed {
                let message = if allowed == 0 {
                    "batching is switched off: send one operation per request".to_owned()
                } else {
                    format!("a batch holds at most {allowed} operations")
                };
                let code = ErrorCode::QueryTooComplex;
                let subject = caller.as_ref().map(|p| p.subject.as_str());
                state
                    .refusals
                    .refused(&origin, subject, "graphql", code.as_str())
                    .await;
                return Err(error_response(code.http_status(), code, &message, None));
            }
            // One after another: a batch must not take more of the pool than a single request.
            let mut responses = Vec::with_capacity(requests.len());
            for request in requests {
                let request = watch(request);
                responses.push(execute(state, caller.clone(), origin.clone(), request).await);
            }
            Ok(BatchResponse::Batch(responses))
        }
    }
}

/// How long a shared cache may keep a public answer to `GET` (one without a token and without
/// errors): reference data changes seldom, and a minute bounds how stale a cached copy gets.
const PUBLIC_MAX_AGE: &str = "public, max-age=60";

/// `GET /graphql`: the playground for a browser, a query for everyone else. The answer depends
/// on `Accept` (HTML, or which JSON media type) and on `Authorization`, so caches are told so
/// (`Vary`); only an answer without a token and without errors may be shared (`Cache-Control`),
/// which is what APQ over `GET` behind a CDN needs.
pub async fn get(State(state): State<AppState>, headers: HeaderMap, request: Request) -> Response {
    let (mut response, public) = answer_get(&state, &headers, request).await;
    let answer_headers = response.headers_mut();
    answer_headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept, Authorization"),
    );
    // The playground page says itself how long it keeps.
    answer_headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(if public {
            PUBLIC_MAX_AGE
        } else {
            "private, no-store"
        }));
    response
}

/// The answer to a `GET`, and whether a shared cache may keep it.
async fn answer_get(state: &AppState, headers: &HeaderMap, request: Request) -> (Response, bool) {
    if playground::wants_html(headers) && state.settings.playground_enabled() {
        return (playground::page(), false);
    }
    if !accepts_json(headers) {
        return (not_acceptable(), false);
    }
    let origin = origin(peer(&request), headers);
    let caller = match authenticate(state, headers, &origin).await {
        Ok(caller) => caller,
        Err(response) => return (response, false),
    };
    let graphql_request =
        match GraphQLRequest::<GraphQLRejection>::from_request(request, state).await {
            Ok(request) => request.into_inner(),
            Err(rejection) => return (not_a_request(rejection), false),
        };
    if is_mutation(&graphql_request) {
        let mut response = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadUserInput,
            "mutations are sent with POST",
            None,
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return (response, false);
    }
    let anonymous = caller.is_none();
    let answer = execute(state, caller, origin, graphql_request).await;
    let public = anonymous && answer.errors.is_empty();
    (respond(headers, BatchResponse::Single(answer)), public)
}

/// A body or query string that is no GraphQL request (malformed JSON, no `query`, a wrong
/// type): 400 with `BAD_USER_INPUT` like every other refusal, where the engine's extractor
/// would answer with its debug text.
fn not_a_request(GraphQLRejection(error): GraphQLRejection) -> Response {
    use async_graphql::ParseRequestError;
    match error {
        ParseRequestError::PayloadTooLarge => body_too_large(),
        other => {
            let reason = other.to_string();
            let reason = reason.lines().next().unwrap_or("unreadable");
            error_response(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadUserInput,
                &format!("not a GraphQL request: {reason}"),
                Some("body"),
            )
        }
    }
}

/// A refused token refuses the whole request: 401 with `WWW-Authenticate: Bearer`. The message
/// never says which check failed; the log does.
fn unauthorized() -> Response {
    let code = ErrorCode::Unauthenticated;
    let body = json!({
        "errors": [{
            "message": "invalid or expired token",
            "extensions": { "code": code }
        }]
    });
    let mut response = (code.http_status(), Json(body)).into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer error=\"invalid_token\""),
    );
    response
}

/// `None` for a request without `Authorization`; a 401 response for a token that fails.
pub(super) async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    origin: &Origin,
) -> Result<Option<Principal>, Response> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value.to_str().ok().and_then(super::bearer::token);
    let (reason, category) = match token {
        None => (
            "malformed Authorization header".to_owned(),
            "malformed Authorization header",
        ),
        Some(token) => match state.keys.verify(&state.db, token).await {
            Ok(principal) => return Ok(Some(principal)),
            Err(error) => (error.to_string(), "token refused"),
        },
    };
    // The caller learns only that the token was refused; the log and the audit say why.
    tracing::warn!(%reason, "refused request: token failed verification");
    metrics::counter!("wijkhub_token_failures_total", "kind" => "bearer").increment(1);
    // Counted per origin and reason, so a flood of bad tokens cannot flood the audit log.
    state
        .refusals
        .refused(origin, None, "authenticate", category)
        .await;
    Err(unauthorized())
}

/// Runs one operation with a fresh context; every field refused by the permission matrix leaves
/// an audit row.
async fn execute(
    state: &AppState,
    caller: Option<Principal>,
    origin: Origin,
    request: async_graphql::Request,
) -> async_graphql::Response {
    let context = RequestContext::new(
        state.db.clone(),
        caller.clone(),
        state.gate.clone(),
        origin.clone(),
        state.shared(),
    );
    let mut response = state.schema.execute(request.data(context)).await;
    for error in &mut response.errors {
        pipeline::error::classify_uncoded(error);
    }
    // A document that does not parse or validate never ran: a refusal like a limit's (those
    // admission audits), counted per origin so a stream of garbage is not a stream of writes.
    if pipeline::admission::never_ran(&response)
        && response
            .errors
            .first()
            .and_then(ErrorCode::of)
            .is_some_and(|code| code == ErrorCode::BadUserInput)
    {
        let subject = caller.as_ref().map(|p| p.subject.as_str());
        let code = ErrorCode::BadUserInput.as_str();
        state
            .refusals
            .refused(&origin, subject, "graphql", code)
            .await;
    }
    for error in &mut response.errors {
        let Some(code) = ErrorCode::of(error)
            .filter(|code| matches!(code, ErrorCode::Forbidden | ErrorCode::Unauthenticated))
        else {
            continue;
        };
        let path: Vec<String> = error
            .path
            .iter()
            .map(|p| match p {
                async_graphql::PathSegment::Field(name) => name.clone(),
                async_graphql::PathSegment::Index(i) => i.to_string(),
            })
            .collect();
        let action = path
            .first()
            .cloned()
            .unwrap_or_else(|| "graphql".to_owned());
        audit::refused(
            &state.db,
            &origin,
            caller.as_ref(),
            &action,
            json!({ "path": path, "code": code.as_str() }),
        )
        .await;
    }
    response
}

/// True when the operation a GET request would run is a mutation (GET never changes anything).
fn is_mutation(request: &async_graphql::Request) -> bool {
    use async_graphql::parser::types::{DocumentOperations, OperationDefinition, OperationType};
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    let is = |op: &OperationDefinition| op.ty == OperationType::Mutation;
    match &document.operations {
        DocumentOperations::Single(op) => is(&op.node),
        DocumentOperations::Multiple(ops) => match &request.operation_name {
            Some(name) => ops.iter().any(|(n, op)| n.as_str() == name && is(&op.node)),
            None => ops.values().any(|op| is(&op.node)),
        },
    }
}
