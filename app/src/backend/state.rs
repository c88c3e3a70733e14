//! The state every request reaches through context.

use super::config::Config;
use super::db::Db;
use super::live::{self, LiveBus};
use super::mail::{self, Mailer};
use super::migration::Migrator;
use crate::error::AppError;
use sea_orm_migration::MigratorTrait;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    /// Tells open editors (of every instance) what changed.
    pub live: Arc<dyn LiveBus>,
}

impl AppState {
    /// Connects, applies pending migrations, prepares the mailer and starts
    /// the background task that tries undelivered e-mails again (unless
    /// `mail_retry_every` is `None`). Fails with a readable message when
    /// anything is misconfigured.
    pub async fn start(config: Config) -> Result<Self, String> {
        let db = Db::connect(&config.database_url)
            .await
            .map_err(|e| format!("connexion à la base impossible : {e}"))?;
        Migrator::up(db.write(), None)
            .await
            .map_err(|e| format!("échec des migrations : {e}"))?;
        let mailer = Mailer::from_config(&config)?;
        let live = live::bus_for(db.write()).await?;
        if let Some(every) = config.mail_retry_every {
            mail::spawn_retries(db.clone(), mailer.clone(), every);
        }
        Ok(AppState {
            db,
            config: Arc::new(config),
            mailer,
            live,
        })
    }

    /// Why this instance cannot serve requests, if it cannot (`/readyz`):
    /// the database does not answer (within 5 s) or a migration is pending.
    pub async fn not_ready(&self) -> Option<String> {
        use sea_orm::ConnectionTrait;
        let check = async {
            self.db
                .read()
                .execute_unprepared("SELECT 1")
                .await
                .map_err(|e| {
                    tracing::warn!(error = %e, "readiness: database unreachable");
                    "base de données injoignable".to_string()
                })?;
            let pending = Migrator::get_pending_migrations_read_only(self.db.read())
                .await
                .map_err(|e| {
                    tracing::warn!(error = %e, "readiness: migrations unreadable");
                    "état des migrations illisible".to_string()
                })?;
            if pending.is_empty() {
                Ok(())
            } else {
                Err(format!("{} migration(s) en attente", pending.len()))
            }
        };
        match tokio::time::timeout(std::time::Duration::from_secs(5), check).await {
            Ok(Ok(())) => None,
            Ok(Err(reason)) => Some(reason),
            Err(_) => Some("base de données injoignable (délai dépassé)".into()),
        }
    }

    /// The state of the current request (server functions and SSR).
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context");
            AppError::Internal
        })
    }
}
