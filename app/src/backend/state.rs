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
    /// Live streams open on this instance, per user.
    pub live_streams: Arc<std::sync::Mutex<std::collections::HashMap<i32, usize>>>,
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
        migrate(&db).await?;
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
            live_streams: Arc::default(),
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
            let applied = applied_migrations(self.db.read()).await;
            let pending: Vec<String> = known_migrations()
                .into_iter()
                .filter(|m| !applied.contains(m))
                .collect();
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

/// The migrations this binary knows, oldest first.
fn known_migrations() -> Vec<String> {
    Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect()
}

/// The migrations the database has (none before the first one).
async fn applied_migrations(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = "SELECT version FROM seaql_migrations";
    match db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
    {
        Ok(rows) => rows
            .iter()
            .filter_map(|r| r.try_get::<String>("", "version").ok())
            .collect(),
        Err(_) => Vec::new(), // no table yet
    }
}

/// Applies pending migrations. Several instances starting at once take
/// turns (PostgreSQL advisory lock). An instance older than the schema (a
/// rolling deploy: the new version migrated first; migrations only add)
/// leaves it alone and keeps serving.
async fn migrate(db: &Db) -> Result<(), String> {
    let known = known_migrations();
    let newer: Vec<String> = applied_migrations(db.write())
        .await
        .into_iter()
        .filter(|m| !known.contains(m))
        .collect();
    if !newer.is_empty() {
        tracing::warn!(
            ?newer,
            "the database schema is newer than this binary: not migrating"
        );
        return Ok(());
    }
    let fail = |e: sea_orm::DbErr| format!("échec des migrations : {e}");
    let conn = db.write();
    if conn.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Migrator::up(conn, None).await.map_err(fail);
    }
    // A session lock, held by one connection set aside for it.
    let sql_error = |e: sea_orm::sqlx::Error| fail(sea_orm::DbErr::Custom(e.to_string()));
    let mut lock = conn
        .get_postgres_connection_pool()
        .acquire()
        .await
        .map_err(sql_error)?;
    sea_orm::sqlx::query("SELECT pg_advisory_lock(hashtextextended('talents-migrations', 0))")
        .execute(&mut *lock)
        .await
        .map_err(sql_error)?;
    let result = Migrator::up(conn, None).await.map_err(fail);
    let _ = sea_orm::sqlx::query(
        "SELECT pg_advisory_unlock(hashtextextended('talents-migrations', 0))",
    )
    .execute(&mut *lock)
    .await;
    result
}
