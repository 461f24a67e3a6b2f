//! The one gate every caller's operation passes, whatever door it came in by: HTTP (one request
//! or a batch) and WebSocket. Those doors hold a [`ServedSchema`], never the engine's schema, so
//! none can run an operation around it. In order: a socket's caller is checked again
//! (`session`), admission (`admission`), the engine runs it, and the answer is measured. (The
//! webhook deliverer reads the feed through the engine itself, as the webhook's organisation:
//! the server's own reads spend no caller's budget.)
//!
//! The engine comes twice: one validating every document in full, and one (`fast`) for a
//! document the first has validated before, sent again with variables `validated` can judge
//! itself (see there): the answers are the same, without the rules that depend on the document
//! alone.
//!
//! The gate wraps the engine instead of riding in it as extensions: an engine with extensions
//! passes every field of every answer through their hooks (a registry lookup and a boxed future
//! per extension, per field), and the gate needs those hooks for nothing.

use std::{future::Future, sync::Arc};

use async_graphql::{Data, Executor, Request, Response, ServerError};
use futures_util::{
    StreamExt,
    stream::{self, BoxStream},
};

use crate::graphql::{
    AppSchema,
    pipeline::{
        admission::{Admission, Asker, Ticket},
        session,
        validated::Validated,
    },
};

/// The schema as served: the engine behind the gate.
#[derive(Clone)]
pub struct ServedSchema {
    schema: AppSchema,
    fast: AppSchema,
    admission: Admission,
    validated: Arc<Validated>,
}

/// The engine an admitted request runs on, and what to remember of it once answered.
struct Engine<'a> {
    schema: &'a AppSchema,
    /// The document and operation to remember when the full validation passes.
    validating: Option<(String, Option<String>)>,
}

impl ServedSchema {
    /// `schema` validates in full; `fast` is the same schema built in `ValidationMode::Fast`.
    pub fn new(schema: AppSchema, fast: AppSchema, admission: Admission) -> Self {
        Self {
            schema,
            fast,
            admission,
            validated: Arc::default(),
        }
    }

    fn engine(&self, request: &Request, ticket: &Ticket) -> Engine<'_> {
        let operation = request.operation_name.as_deref();
        let passed = self.validated.passed(&request.query, operation);
        if passed && ticket.plain_variables() {
            return Engine {
                schema: &self.fast,
                validating: None,
            };
        }
        // Copied only when there is something to remember: not for a document remembered
        // already (sent with variables of another kind), nor for one too long to keep.
        let remember = !passed && Validated::keeps(&request.query);
        Engine {
            schema: &self.schema,
            validating: remember.then(|| (request.query.clone(), request.operation_name.clone())),
        }
    }

    fn remember(&self, engine: Engine<'_>, response: &Response) {
        if let Some((query, operation)) = engine.validating {
            self.validated
                .remember(&query, operation.as_deref(), response);
        }
    }

    /// Admission for one operation: the request admitted, with what admission saw of it and who
    /// asked, or the refusal as its answer (with the caller's budget).
    async fn admit(&self, request: Request) -> Result<(Request, Ticket, Asker), Response> {
        let asker = Asker::of(&request);
        let (ticket, admitted) = self.admission.pass(request, &asker).await;
        match admitted {
            Ok(request) => Ok((request, ticket, asker)),
            Err(error) => Err(ticket.stamp(Response::from_errors(vec![error]))),
        }
    }

    /// One query or mutation: admitted, run, measured; the answer carries the caller's budget.
    pub async fn execute(&self, request: Request) -> Response {
        let (request, ticket, asker) = match self.admit(request).await {
            Ok(admitted) => admitted,
            Err(refused) => return refused,
        };
        // Boxed: the engine's future is large, and moved by value it would be copied on the
        // stack at every step that takes it (a debug build's stack overflows).
        let engine = self.engine(&request, &ticket);
        let execution = Box::pin(engine.schema.execute(request));
        let response = self.admission.run(&ticket, &asker, execution).await;
        self.remember(engine, &response);
        ticket.stamp(response)
    }

    /// An operation on a socket: its caller checked again first; a subscription's answers are
    /// the engine's stream, any other operation's its one answer, measured.
    async fn stream(
        self,
        request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let request = match session::open(request, session_data.as_deref()).await {
            Ok(request) => request,
            Err(error) => return once(Response::from_errors(vec![error])),
        };
        let (request, ticket, asker) = match self.admit(request).await {
            Ok(admitted) => admitted,
            Err(refused) => return once(refused),
        };
        // A subscription's answers are a stream, with no one answer to tell that its document
        // validated: it is validated in full each time.
        if ticket.is_subscription() {
            return self
                .schema
                .execute_stream_with_session_data(request, session_data.unwrap_or_default());
        }
        let engine = self.engine(&request, &ticket);
        let mut answers = engine
            .schema
            .execute_stream_with_session_data(request, session_data.unwrap_or_default());
        let execution = async move {
            answers.next().await.unwrap_or_else(|| {
                Response::from_errors(vec![ServerError::new("the operation gave no answer", None)])
            })
        };
        let response = self.admission.run(&ticket, &asker, execution).await;
        self.remember(engine, &response);
        once(ticket.stamp(response))
    }
}

fn once(response: Response) -> BoxStream<'static, Response> {
    stream::iter([response]).boxed()
}

impl Executor for ServedSchema {
    fn execute(&self, request: Request) -> impl Future<Output = Response> + Send {
        ServedSchema::execute(self, request)
    }

    fn execute_stream(
        &self,
        request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        stream::once(self.clone().stream(request, session_data))
            .flatten()
            .boxed()
    }
}
