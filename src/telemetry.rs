//! Logs, metrics and traces: structured logs on stderr (text or JSON lines), process metrics at
//! `/metrics` in the Prometheus text format, and, when `WIJKHUB_OTLP_ENDPOINT` is set,
//! OpenTelemetry traces over OTLP/HTTP: a span per request (continuing the caller's W3C
//! `traceparent`), per GraphQL operation, per service call and per database statement.

use std::{
    io::IsTerminal,
    sync::{
        OnceLock,
        atomic::{AtomicBool, Ordering},
    },
    time::SystemTime,
};

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use opentelemetry::{
    KeyValue,
    trace::{Span as _, SpanKind, Tracer as _, TracerProvider as _},
};
use opentelemetry_otlp::{Protocol, WithExportConfig};
use opentelemetry_sdk::trace::{SdkTracer, SdkTracerProvider};
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::{EnvFilter, Layer, layer::SubscriberExt, util::SubscriberInitExt};

use crate::config::LogFormat;

/// Whether spans leave the process; every span made only for traces is skipped when not.
static EXPORTING: AtomicBool = AtomicBool::new(false);
static TRACER: OnceLock<SdkTracer> = OnceLock::new();

/// Longest statement text put on a database span.
const STATEMENT_CHARS: usize = 2_000;

static PROMETHEUS: OnceLock<PrometheusHandle> = OnceLock::new();

/// Latency buckets in seconds: from a cached lookup to the 10 s request timeout.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The process-wide recorder, installed on first use (several servers in one test process
/// share it).
pub fn prometheus() -> &'static PrometheusHandle {
    PROMETHEUS.get_or_init(|| {
        let builder = PrometheusBuilder::new();
        let builder = match builder
            .set_buckets_for_metric(Matcher::Suffix("_seconds".to_owned()), &LATENCY_BUCKETS)
        {
            Ok(builder) => builder,
            Err(error) => {
                tracing::warn!(%error, "latency buckets refused; histograms become summaries");
                PrometheusBuilder::new()
            }
        };
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("a metrics recorder was already installed; /metrics may be empty");
        }
        handle
    })
}

#[derive(Debug, thiserror::Error)]
#[error("cannot set up the OTLP trace exporter for {endpoint}: {reason}")]
pub struct TelemetryError {
    endpoint: String,
    reason: String,
}

/// Keeps the trace exporter for as long as the process serves; dropping it sends what is
/// still queued.
#[must_use = "dropping it stops the trace exporter"]
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
}

impl Drop for Telemetry {
    fn drop(&mut self) {
        if let Some(provider) = self.provider.take()
            && let Err(error) = provider.shutdown()
        {
            eprintln!("traces still queued may be lost: {error}");
        }
    }
}

/// True when spans are exported (so spans made only for traces are worth making).
pub fn exporting() -> bool {
    EXPORTING.load(Ordering::Relaxed)
}

/// Logs go to stderr, filtered by `WIJKHUB_LOG` (default `info,sqlx=warn`). JSON lines carry the
/// span fields too (request id, operation), which is what log collectors index. With an OTLP
/// endpoint, wijkhub's spans at `info` and above are exported too, whatever the log filter.
pub fn init(format: LogFormat, otlp_endpoint: Option<&str>) -> Result<Telemetry, TelemetryError> {
    let filter =
        EnvFilter::try_from_env("WIJKHUB_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let fmt = tracing_subscriber::fmt::layer()
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    let logs = match format {
        LogFormat::Text => fmt.with_filter(filter).boxed(),
        LogFormat::Json => fmt
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .with_filter(filter)
            .boxed(),
    };
    let provider = otlp_endpoint.map(tracer_provider).transpose()?;
    let traces = provider.as_ref().map(|provider| {
        let tracer = provider.tracer("wijkhub");
        let _ = TRACER.set(tracer.clone());
        tracing_opentelemetry::layer()
            .with_tracer(tracer)
            .with_filter(EnvFilter::new("wijkhub=info"))
    });
    match tracing_subscriber::registry()
        .with(logs)
        .with(traces)
        .try_init()
    {
        Ok(()) => EXPORTING.store(provider.is_some(), Ordering::Relaxed),
        Err(error) => eprintln!("logging was already set up: {error}"),
    }
    Ok(Telemetry { provider })
}

fn tracer_provider(endpoint: &str) -> Result<SdkTracerProvider, TelemetryError> {
    let traces = format!("{}/v1/traces", endpoint.trim_end_matches('/'));
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .with_protocol(Protocol::HttpBinary)
        .with_endpoint(traces)
        .build()
        .map_err(|error| TelemetryError {
            endpoint: endpoint.to_owned(),
            reason: error.to_string(),
        })?;
    opentelemetry::global::set_text_map_propagator(
        opentelemetry_sdk::propagation::TraceContextPropagator::new(),
    );
    let resource = opentelemetry_sdk::Resource::builder()
        .with_service_name("wijkhub")
        .with_attribute(KeyValue::new("service.version", env!("CARGO_PKG_VERSION")))
        .build();
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(resource)
        .build())
}

/// Makes `span` continue the trace a caller's W3C `traceparent` (and `tracestate`) names.
pub fn continue_trace(span: &tracing::Span, headers: &axum::http::HeaderMap) {
    if !exporting() {
        return;
    }
    struct Headers<'a>(&'a axum::http::HeaderMap);
    impl opentelemetry::propagation::Extractor for Headers<'_> {
        fn get(&self, key: &str) -> Option<&str> {
            self.0.get(key).and_then(|v| v.to_str().ok())
        }
        fn keys(&self) -> Vec<&str> {
            self.0.keys().map(|k| k.as_str()).collect()
        }
    }
    let parent = opentelemetry::global::get_text_map_propagator(|propagator| {
        propagator.extract(&Headers(headers))
    });
    // A span the trace layer does not know (filtered out) cannot take a parent; nothing to do.
    let _ = span.set_parent(parent);
}

/// A span for one database statement that just ran, under the span that ran it. sea-orm reports
/// a statement after the fact with its duration, so the span is made with its start and end.
pub fn record_statement(info: &sea_orm::metric::Info<'_>) {
    let Some(tracer) = TRACER.get().filter(|_| exporting()) else {
        return;
    };
    let parent = tracing::Span::current().context();
    let end = SystemTime::now();
    let start = end.checked_sub(info.elapsed).unwrap_or(end);
    let system = match info.statement.db_backend {
        sea_orm::DbBackend::Postgres => "postgresql",
        sea_orm::DbBackend::Sqlite => "sqlite",
        _ => "other_sql",
    };
    // Statement texts hold placeholders, never values: nothing secret goes in them.
    let text: String = info.statement.sql.chars().take(STATEMENT_CHARS).collect();
    let mut span = tracer
        .span_builder("db statement")
        .with_kind(SpanKind::Client)
        .with_start_time(start)
        .with_attributes([
            KeyValue::new("db.system.name", system),
            KeyValue::new("db.query.text", text),
        ])
        .start_with_context(tracer, &parent);
    if info.failed {
        span.set_attribute(KeyValue::new("error.type", "db_error"));
    }
    span.end_with_timestamp(end);
}
