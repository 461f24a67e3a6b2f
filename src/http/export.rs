//! `GET /export/projects` and `GET /export/signals`: the rows the caller's lists give, as XLSX
//! (the default) or CSV (`?format=csv`), streamed.
//!
//! - Authentication is /graphql's: the one bearer parser and the same verification (signature,
//!   expiry, revoked client, deactivated organisation). An export needs a caller: without a
//!   token it is 401 with the body /graphql gives an anonymous caller of a protected field.
//! - An export costs [`EXPORT_COST`] of the caller's rate-limit budget, charged before any row
//!   is read: a refusal can then still be a 429, where a charge per page could only cut a
//!   download off halfway.
//! - CSV goes to the client page by page as it is read. XLSX is written in the writer's
//!   constant-memory mode (one row in memory, the rest in a temporary file) into an anonymous
//!   temporary file, which is then streamed; the body starts once the workbook is complete (a
//!   zip's directory comes last), so the request timeout, which covers the answer's head only,
//!   never cuts a large export.
//! - Each export leaves an audit row (who, what, which filters, format): a bulk read of the
//!   register is worth knowing about, unlike a single query.

use std::{collections::HashMap, io::Write};

use axum::{
    body::{Body, Bytes},
    extract::{RawQuery, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Utc;
use entity::{Phase, SignalStatus, Theme, Urgency};
use serde_json::json;
use tokio::sync::mpsc;

use super::{AppState, graphql::authenticate, negotiation::error_response, origin, peer};
use crate::{
    error::{ApiError, ErrorCode},
    graphql::pipeline::admission::rate_limit_headers,
    service::{
        audit,
        export::{Cell, Dataset, Export, Language, ProjectExportFilter},
        rate_limit::Caller,
        signals::SignalFilter,
    },
};

/// What an export costs of the caller's rate-limit budget: as much as a list page of 500
/// items, the most one GraphQL page gives.
pub const EXPORT_COST: u64 = 500;

/// Chunks of the body waiting for the client; a slow client slows the reading down.
const CHUNKS_IN_FLIGHT: usize = 4;

/// Bytes per chunk when a finished file is streamed.
const FILE_CHUNK: usize = 64 * 1024;

/// The byte order mark that tells Excel a CSV file is UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Csv,
}

/// `GET /export/projects`.
pub async fn projects(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    request: Request,
) -> Response {
    export(state, headers, query, request, Dataset::Projects).await
}

/// `GET /export/signals`.
pub async fn signals(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    request: Request,
) -> Response {
    export(state, headers, query, request, Dataset::Signals).await
}

async fn export(
    state: AppState,
    headers: HeaderMap,
    query: Option<String>,
    request: Request,
    dataset: Dataset,
) -> Response {
    let origin = origin(peer(&request), &headers);
    let caller = match authenticate(&state, &headers, &origin).await {
        Ok(Some(caller)) => caller,
        Ok(None) => return anonymous(),
        Err(response) => return response,
    };
    let parameters = match Parameters::parse(query.as_deref().unwrap_or(""), dataset) {
        Ok(parameters) => parameters,
        Err(error) => return refusal(&error),
    };
    let budget = if state.limiter.enabled() {
        let limit = state.limiter.limit_for(Some(&caller));
        match state
            .limiter
            .charge(
                &Caller::of(Some(&caller), None),
                limit,
                EXPORT_COST,
                Some(&state.db),
            )
            .await
        {
            Ok(budget) => Some(budget),
            Err(exhausted) => {
                metrics::counter!("wijkhub_rate_limited_total").increment(1);
                let code = ErrorCode::RateLimited;
                let mut response =
                    error_response(code.http_status(), code, &exhausted.to_string(), None);
                rate_limit_headers(response.headers_mut(), &exhausted.budget);
                if let Ok(value) =
                    HeaderValue::from_str(&exhausted.budget.retry_after_seconds().to_string())
                {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
                return response;
            }
        }
    } else {
        None
    };
    let opened = match dataset {
        Dataset::Projects => Export::projects(&state.db, &caller, &parameters.projects).await,
        Dataset::Signals => Export::signals(&state.db, &caller, &parameters.signals).await,
    };
    let rows = match opened {
        Ok(rows) => rows,
        Err(error) => return refusal(&error),
    };
    audit::read(
        &state.db,
        &origin,
        &caller,
        match dataset {
            Dataset::Projects => "exportProjects",
            Dataset::Signals => "exportSignals",
        },
        json!({ "format": parameters.format_name(), "filters": parameters.given }),
    )
    .await;
    metrics::counter!("wijkhub_exports_total", "dataset" => dataset.name(Language::English), "format" => parameters.format_name())
        .increment(1);

    let (sender, receiver) = mpsc::channel::<Result<Bytes, std::io::Error>>(CHUNKS_IN_FLIGHT);
    let language = parameters.language;
    let (content_type, extension) = match parameters.format {
        Format::Csv => {
            tokio::spawn(write_csv(rows, dataset, language, sender));
            ("text/csv; charset=utf-8", "csv")
        }
        Format::Xlsx => {
            let handle = tokio::runtime::Handle::current();
            tokio::task::spawn_blocking(move || {
                write_xlsx(handle, rows, dataset, language, sender)
            });
            (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            )
        }
    };
    let body = Body::from_stream(futures_util::stream::unfold(
        receiver,
        |mut receiver| async move { receiver.recv().await.map(|chunk| (chunk, receiver)) },
    ));
    let filename = format!(
        "{}-{}.{extension}",
        dataset.name(language),
        Utc::now().format("%Y-%m-%d")
    );
    let mut response = (StatusCode::OK, body).into_response();
    let answer = response.headers_mut();
    answer.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        answer.insert(header::CONTENT_DISPOSITION, value);
    }
    answer.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Some(budget) = budget {
        rate_limit_headers(answer, &budget);
    }
    response
}

/// An export without a token: what /graphql answers an anonymous caller of a protected field,
/// with the status of a refused request.
fn anonymous() -> Response {
    let code = ErrorCode::Unauthenticated;
    let mut response = error_response(
        code.http_status(),
        code,
        &ApiError::Unauthenticated.to_string(),
        None,
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// An error before the first byte of the export, as /graphql spells it.
fn refusal(error: &ApiError) -> Response {
    let code = error.code();
    let field = match error {
        ApiError::BadInput { field, .. } => Some(field.as_str()),
        _ => None,
    };
    if code == ErrorCode::Internal {
        tracing::error!(%error, "an export failed before it started");
    }
    error_response(code.http_status(), code, &error.to_string(), field)
}

/// The query string, checked: an unknown parameter or value is refused with its name.
struct Parameters {
    format: Format,
    language: Language,
    projects: ProjectExportFilter,
    signals: SignalFilter,
    /// The filters as given, for the audit row.
    given: HashMap<String, String>,
}

impl Parameters {
    fn parse(query: &str, dataset: Dataset) -> Result<Self, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
            .map_err(|_| ApiError::bad_input("query", "the query string does not parse"))?;
        let mut parameters = Self {
            format: Format::Xlsx,
            language: Language::Dutch,
            projects: ProjectExportFilter::default(),
            signals: SignalFilter::default(),
            given: HashMap::new(),
        };
        for (name, value) in pairs {
            let field = name.as_str();
            match (dataset, field) {
                (_, "format") => {
                    parameters.format = match value.to_ascii_lowercase().as_str() {
                        "xlsx" => Format::Xlsx,
                        "csv" => Format::Csv,
                        _ => {
                            return Err(ApiError::bad_input(
                                field,
                                "the format is `xlsx` or `csv`",
                            ));
                        }
                    };
                    continue;
                }
                (_, "lang") => {
                    parameters.language = Language::parse(&value, field)?;
                    continue;
                }
                (_, "wijk") => {
                    parameters.projects.wijk_code = Some(value.clone());
                    parameters.signals.wijk_code = Some(value.clone());
                }
                (_, "theme") => {
                    let theme = vocabulary(field, &value, Theme::parse)?;
                    parameters.projects.theme = Some(theme);
                    parameters.signals.theme = Some(theme);
                }
                (Dataset::Projects, "phase") => {
                    parameters.projects.phase = Some(vocabulary(field, &value, Phase::parse)?);
                }
                (Dataset::Signals, "status") => {
                    parameters.signals.status =
                        Some(vocabulary(field, &value, SignalStatus::parse)?);
                }
                (Dataset::Signals, "urgency") => {
                    parameters.signals.urgency = Some(vocabulary(field, &value, Urgency::parse)?);
                }
                _ => return Err(ApiError::bad_input(field, "unknown parameter")),
            }
            parameters.given.insert(name, value);
        }
        Ok(parameters)
    }

    fn format_name(&self) -> &'static str {
        match self.format {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }
}

/// A value of a closed vocabulary, spelled as in the API (any case).
fn vocabulary<T>(field: &str, value: &str, parse: fn(&str) -> Option<T>) -> Result<T, ApiError> {
    parse(&value.to_ascii_uppercase())
        .ok_or_else(|| ApiError::bad_input(field, format!("unknown {field} `{value}`")))
}

/// Reads the export page by page and sends each page as CSV: `;`-separated (Dutch Excel's list
/// separator), RFC 4180 quoting, UTF-8 with a byte order mark.
async fn write_csv(
    mut rows: Export,
    dataset: Dataset,
    language: Language,
    sender: mpsc::Sender<Result<Bytes, std::io::Error>>,
) {
    let writer = || {
        csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new())
    };
    let mut head = writer();
    let mut first = BOM.to_vec();
    let headers = dataset.columns().iter().map(|c| c.header(language));
    let written = head
        .write_record(headers)
        .map_err(std::io::Error::other)
        .and_then(|()| {
            head.into_inner()
                .map_err(|e| std::io::Error::other(e.to_string()))
        });
    match written {
        Ok(bytes) => first.extend_from_slice(&bytes),
        Err(error) => {
            let _ = sender.send(Err(error)).await;
            return;
        }
    }
    if sender.send(Ok(Bytes::from(first))).await.is_err() {
        return;
    }
    loop {
        let page = match rows.next_page().await {
            Ok(Some(page)) => page,
            Ok(None) => return,
            Err(error) => {
                tracing::error!(%error, "an export failed while streaming");
                let _ = sender
                    .send(Err(std::io::Error::other(error.to_string())))
                    .await;
                return;
            }
        };
        let mut out = writer();
        let mut failed = None;
        for row in &page {
            let record = row.iter().map(|cell| csv_text(cell, language));
            if let Err(error) = out.write_record(record) {
                failed = Some(std::io::Error::other(error));
                break;
            }
        }
        let chunk = match (failed, out.into_inner()) {
            (None, Ok(bytes)) => Ok(Bytes::from(bytes)),
            (Some(error), _) => Err(error),
            (None, Err(error)) => Err(std::io::Error::other(error.to_string())),
        };
        let stop = chunk.is_err();
        if sender.send(chunk).await.is_err() || stop {
            return;
        }
    }
}

/// A cell as CSV text: dates as ISO 8601 (which Excel reads as dates in every locale), times in
/// UTC, amounts in euros with the language's decimal mark.
fn csv_text(cell: &Cell, language: Language) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => defused(text),
        Cell::Integer(n) => n.to_string(),
        Cell::Euro(cents) => {
            let sign = if *cents < 0 { "-" } else { "" };
            let (euros, cents) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
            let mark = match language {
                Language::Dutch => ',',
                Language::English => '.',
            };
            format!("{sign}{euros}{mark}{cents:02}")
        }
        Cell::Date(date) => date.format("%Y-%m-%d").to_string(),
        Cell::Time(time) => time.format("%Y-%m-%d %H:%M:%S").to_string(),
    }
}

/// Text a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first) gets a leading `'`, as OWASP advises against CSV injection: titles and notes come from
/// many organisations, and the file is opened by staff. XLSX needs none of this: its text cells
/// are text.
fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The most characters an Excel cell holds.
const XLSX_MAX_TEXT: usize = 32_767;

/// Writes the export as a workbook in constant-memory mode into an anonymous temporary file,
/// then sends the file in chunks. Runs on a blocking thread: the workbook is synchronous, the
/// pages are read through the runtime's handle.
fn write_xlsx(
    runtime: tokio::runtime::Handle,
    rows: Export,
    dataset: Dataset,
    language: Language,
    sender: mpsc::Sender<Result<Bytes, std::io::Error>>,
) {
    let file = match xlsx_file(&runtime, rows, dataset, language) {
        Ok(file) => file,
        Err(error) => {
            tracing::error!(%error, "an export failed while writing its workbook");
            let _ = sender.blocking_send(Err(std::io::Error::other(error.to_string())));
            return;
        }
    };
    let mut file = std::io::BufReader::new(file);
    loop {
        let mut chunk = vec![0; FILE_CHUNK];
        let read = match std::io::Read::read(&mut file, &mut chunk) {
            Ok(0) => return,
            Ok(read) => read,
            Err(error) => {
                let _ = sender.blocking_send(Err(error));
                return;
            }
        };
        chunk.truncate(read);
        if sender.blocking_send(Ok(Bytes::from(chunk))).is_err() {
            return;
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum XlsxError {
    #[error(transparent)]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    File(#[from] std::io::Error),
    #[error(transparent)]
    Rows(#[from] ApiError),
}

fn xlsx_file(
    runtime: &tokio::runtime::Handle,
    mut rows: Export,
    dataset: Dataset,
    language: Language,
) -> Result<std::fs::File, XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};

    let (date, time) = match language {
        Language::Dutch => ("dd-mm-yyyy", "dd-mm-yyyy hh:mm"),
        Language::English => ("yyyy-mm-dd", "yyyy-mm-dd hh:mm"),
    };
    let bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let date = Format::new().set_num_format(date);
    let time = Format::new().set_num_format(time);
    let euro = Format::new().set_num_format("€ #,##0.00");

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(dataset.name(language))?;
    let columns = dataset.columns();
    for (index, column) in columns.iter().enumerate() {
        let index = index as u16;
        sheet.set_column_width(index, column.width)?;
        sheet.write_string_with_format(0, index, column.header(language), &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let mut row: u32 = 0;
    while let Some(page) = runtime.block_on(rows.next_page())? {
        for cells in page {
            row += 1;
            for (index, cell) in cells.into_iter().enumerate() {
                let col = index as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(mut text) => {
                        if let Some((cut, _)) = text.char_indices().nth(XLSX_MAX_TEXT) {
                            text.truncate(cut);
                        }
                        sheet.write_string(row, col, text)?;
                    }
                    Cell::Integer(n) => {
                        sheet.write_number(row, col, n as f64)?;
                    }
                    Cell::Euro(cents) => {
                        sheet.write_number_with_format(row, col, cents as f64 / 100.0, &euro)?;
                    }
                    Cell::Date(day) => {
                        sheet.write_datetime_with_format(row, col, day, &date)?;
                    }
                    Cell::Time(at) => {
                        // Excel has no time zones: UTC, as the README says.
                        sheet.write_datetime_with_format(row, col, at.naive_utc(), &time)?;
                    }
                }
            }
        }
    }
    let last_column = (columns.len() - 1) as u16;
    sheet.autofilter(0, 0, row, last_column)?;
    let mut file = tempfile::tempfile()?;
    workbook.save_to_writer(&mut file)?;
    file.flush()?;
    std::io::Seek::rewind(&mut file)?;
    Ok(file)
}
