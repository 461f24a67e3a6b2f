//! The background sweep (`WIJKHUB_HOUSEKEEPING__*`): how often it runs and how long what it
//! deletes is kept first. The audit log is not among it: it is never pruned by wijkhub.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{SettingsError, humantime_serde_compat};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Housekeeping {
    /// How often each instance sweeps. Several instances may sweep at once: each deletes in
    /// small batches and skips rows another is deleting.
    #[serde(with = "humantime_serde_compat")]
    pub interval: Duration,
    /// Webhook delivery records that are finished (delivered, or withdrawn because the
    /// organisation may no longer see the change) are kept this long, for `deliveries`.
    #[serde(with = "humantime_serde_compat")]
    pub deliveries_retention: Duration,
    /// Counted refusals in the audit log (refused tokens, client authentications and
    /// operations refused before they ran, aggregated per origin and minute) are kept this long.
    #[serde(with = "humantime_serde_compat")]
    pub refusals_retention: Duration,
}

impl Default for Housekeeping {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(10 * 60),
            deliveries_retention: Duration::from_secs(30 * 24 * 3600),
            refusals_retention: Duration::from_secs(365 * 24 * 3600),
        }
    }
}

impl Housekeeping {
    pub(super) fn validate(&self) -> Result<(), SettingsError> {
        if self.interval < Duration::from_secs(1) {
            return Err(SettingsError::OutOfRange {
                name: "WIJKHUB_HOUSEKEEPING__INTERVAL",
                expected: "at least 1s",
            });
        }
        // A retention under a day would delete deliveries a partner is still asking about, and
        // refusals before anyone has looked at them.
        if self.deliveries_retention < Duration::from_secs(24 * 3600)
            || self.refusals_retention < Duration::from_secs(24 * 3600)
        {
            return Err(SettingsError::OutOfRange {
                name: "WIJKHUB_HOUSEKEEPING__DELIVERIES_RETENTION and WIJKHUB_HOUSEKEEPING__REFUSALS_RETENTION",
                expected: "at least 1d",
            });
        }
        Ok(())
    }
}
