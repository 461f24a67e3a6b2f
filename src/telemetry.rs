//! Logs and metrics: structured logs on stderr (text or JSON lines), and process metrics at
//! `/metrics` in the Prometheus text format.

use std::{io::IsTerminal, sync::OnceLock};

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

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

/// Logs go to stderr, filtered by `WIJKHUB_LOG` (default `info,sqlx=warn`). JSON lines carry the
/// span fields too (request id, operation), which is what log collectors index.
pub fn init_logging(format: LogFormat) {
    let filter =
        EnvFilter::try_from_env("WIJKHUB_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    let result = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
    if let Err(error) = result {
        eprintln!("logging was already set up: {error}");
    }
}
