//! Database connection: SQLite (default) or PostgreSQL, chosen by the URL.
//!
//! SQLite: WAL, a busy timeout and foreign keys on every connection; writes go
//! through a pool of one connection so two requests never race to upgrade a
//! read lock (the cause of "database is locked"), while reads use the others.

use sea_orm::sqlx::postgres::PgPoolOptions;
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, SqlxPostgresConnector,
    SqlxSqliteConnector, Statement,
};
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone)]
pub struct Db {
    read: DatabaseConnection,
    write: DatabaseConnection,
}

impl Db {
    /// For queries that only read.
    pub fn read(&self) -> &DatabaseConnection {
        &self.read
    }

    /// For everything that writes (and the reads inside a writing transaction).
    pub fn write(&self) -> &DatabaseConnection {
        &self.write
    }

    pub async fn connect(url: &str) -> Result<Self, DbErr> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| DbErr::Custom(format!("DATABASE_URL SQLite invalide : {e}")))?
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true);
            if let Some(path) = url
                .strip_prefix("sqlite://")
                .map(|rest| rest.split('?').next().unwrap_or(rest))
                .filter(|p| !p.is_empty() && !p.starts_with(':'))
            {
                if let Some(parent) = std::path::Path::new(path).parent() {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent).map_err(|e| {
                            DbErr::Custom(format!("impossible de créer {parent:?} : {e}"))
                        })?;
                    }
                }
            }
            let write_pool = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(options.clone())
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::Internal(e.to_string())))?;
            let read_pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(options.read_only(false))
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::Internal(e.to_string())))?;
            Ok(Db {
                read: SqlxSqliteConnector::from_sqlx_sqlite_pool(read_pool),
                write: SqlxSqliteConnector::from_sqlx_sqlite_pool(write_pool),
            })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(30))
                .connect(url)
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::Internal(e.to_string())))?;
            let conn = SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
            Ok(Db {
                read: conn.clone(),
                write: conn,
            })
        } else {
            Err(DbErr::Custom(
                "DATABASE_URL doit commencer par sqlite: ou postgres:".into(),
            ))
        }
    }
}

/// Serializes the transactions that read then write on behalf of `key` (e.g.
/// count an address's recent sign-in links, then add one): the second waits
/// until the first commits. SQLite needs nothing, every writing transaction
/// holds the single writer connection; PostgreSQL takes a transaction-level
/// advisory lock, released at commit or rollback.
pub async fn lock_key<C: ConnectionTrait>(txn: &C, key: &str) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            [key.into()],
        ))
        .await?;
    }
    Ok(())
}
