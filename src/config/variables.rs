//! Which `WIJKHUB_*` variables the server reads: the settings (derived from [`Settings`]'s own
//! shape), the tools' and the examples' (not mistakes), and a refusal with the closest name for
//! anything else.

use super::{Settings, SettingsError};

/// `WIJKHUB_*` variables read by the tools around the server (tests, CI, the bench, the
/// examples), which a server started from the same shell may see: not settings, not mistakes.
const TOOL_VARIABLES: &[&str] = &[
    "WIJKHUB_LOG",
    "WIJKHUB_TEST_DATABASE_URL",
    "WIJKHUB_REQUIRE_CHROMIUM",
    "WIJKHUB_CHROMIUM",
    "WIJKHUB_PLAYGROUND_SCREENSHOT",
    "WIJKHUB_BIN",
    "WIJKHUB_COMMIT",
    "WIJKHUB_URL",
    "WIJKHUB_TOKEN",
    "WIJKHUB_PYTHON",
    "WIJKHUB_REQUIRE_PYTHON",
    "WIJKHUB_REQUIRE_NODE",
    // The examples' own (examples/*.py, examples/typescript): a shell that runs them may
    // start the server too.
    "WIJKHUB_CLIENT_ID",
    "WIJKHUB_CLIENT_SECRET",
    "WIJKHUB_STAFF_TOKEN",
    "WIJKHUB_EXPECT_BATCH_LIMIT",
    "WIJKHUB_EXPECT_RATE_LIMIT",
    "WIJKHUB_EXPECT_ENFORCED",
];

/// Settings whose values are maps keyed by the operator (`WIJKHUB_RATE_LIMIT__CLIENTS__<id>`):
/// the key is taken as written, dots included, not as a path into the settings.
pub(super) const MAP_SETTINGS: &[&str] = &["WIJKHUB_RATE_LIMIT__CLIENTS__"];

/// Every `WIJKHUB_*` variable that names a setting, derived from the settings' own shape, so
/// a setting added later is known without anyone listing it.
pub fn setting_variables() -> Vec<String> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(fields) if !fields.is_empty() => {
                for (key, inner) in fields {
                    walk(
                        &format!("{prefix}{}__", key.to_ascii_uppercase()),
                        inner,
                        out,
                    );
                }
            }
            _ => out.push(prefix.trim_end_matches("__").to_owned()),
        }
    }
    let mut names = Vec::new();
    if let Ok(value) = serde_json::to_value(Settings::default()) {
        walk("WIJKHUB_", &value, &mut names);
    }
    names
}

/// Refuses a `WIJKHUB_*` variable that is neither a setting nor a tool's, naming the closest
/// setting: a misspelt variable would otherwise be ignored without a word.
pub(super) fn check_variables(
    present: impl IntoIterator<Item = String>,
    known: &[String],
) -> Result<(), SettingsError> {
    for name in present {
        let upper = name.to_ascii_uppercase();
        if !upper.starts_with("WIJKHUB_")
            || known.contains(&upper)
            || TOOL_VARIABLES.contains(&upper.as_str())
            || MAP_SETTINGS
                .iter()
                .any(|prefix| upper.len() > prefix.len() && upper.starts_with(prefix))
        {
            continue;
        }
        let suggestion = known
            .iter()
            .map(|candidate| (strsim::levenshtein(&upper, candidate), candidate))
            .min()
            .filter(|(distance, _)| *distance <= 6)
            .map(|(_, candidate)| candidate.clone());
        return Err(SettingsError::UnknownVariable { name, suggestion });
    }
    Ok(())
}
