//! Periodic tasks of a serving instance. Each one is idempotent and guarded
//! by conditional updates, so several instances may run them at once.

use super::sheets;
use super::state::AppState;
use std::time::Duration;

/// How often the periodic tasks run.
pub const EVERY: Duration = Duration::from_secs(10 * 60);

/// Starts the periodic tasks in the background (first run right away).
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match sheets::expire_due(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(missions = n, "missions past their deadline expired"),
                Err(e) => tracing::warn!(error = ?e, "expiring missions failed"),
            }
            match super::alerts::run_due(&state, chrono::Utc::now()).await {
                Ok(r) if r == Default::default() => {}
                Ok(r) => tracing::info!(sent = r.sent, capped = r.capped, "alert digests"),
                Err(e) => tracing::warn!(error = ?e, "sending alert digests failed"),
            }
            if let Err(e) = super::live::purge_stale(state.db.write()).await {
                tracing::warn!(error = ?e, "purging stale presence failed");
            }
        }
    });
}
