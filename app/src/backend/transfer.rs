//! `talents export` / `talents import`: all the data of one database moved
//! to another, of any backend (e.g. SQLite to PostgreSQL when a site
//! outgrows one machine).
//!
//! The file is JSON lines: a header `{"format":"talents-export","version":1,
//! "migrations":[…]}`, then one `{"table":…,"row":{…}}` per row, table by
//! table in dependency order (a row only refers to rows before it, but for
//! `missions.details_document_id`, which has no foreign key). Rows are the
//! entities' models as serde writes them (timestamps in RFC 3339 UTC,
//! documents' bytes in base64), so they read back with their types on any
//! backend. Derived columns the database computes itself (PostgreSQL's
//! `search_vector`) are not written.
//!
//! Import goes into an empty database migrated by the same version of
//! `talents` (same migrations), in one transaction; on PostgreSQL the id
//! sequences then restart after the largest id imported.

use super::entities::*;
use super::migration::Migrator;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, IntoActiveModel,
    Iterable, PaginatorTrait, PrimaryKeyToColumn, QueryOrder, Statement, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};

pub const FORMAT: &str = "talents-export";
pub const VERSION: u64 = 1;

/// Every table, parents before children, and whether it has an `id` sequence.
pub const TABLES: &[(&str, bool)] = &[
    ("administrations", true),
    ("skill_families", true),
    ("skills", true),
    ("skill_terms", true),
    ("skill_proposals", true),
    ("missions", true),
    ("mission_documents", true),
    ("mission_skills", false),
    ("users", true),
    ("user_roles", true),
    ("sign_in_tokens", true),
    ("sessions", true),
    ("applications", true),
    ("application_events", true),
    ("pool_profiles", true),
    ("pool_profile_skills", false),
    ("pool_profile_hidden", false),
    ("contact_requests", true),
    ("profile_views", true),
    ("pool_profile_proposals", false),
    ("outgoing_emails", true),
    ("mission_owners", false),
    ("mission_events", true),
    ("agreement_requests", true),
    ("mission_revisions", true),
    ("live_presence", false),
    ("mission_alerts", true),
    ("alert_digests", true),
    ("alert_deliveries", false),
];

/// Calls `$f::<Entity>(args…).await` for the entity of the table `$name`.
macro_rules! with_entity {
    ($name:expr, $f:ident ( $($arg:expr),* )) => {
        match $name {
            "administrations" => $f::<administration::Entity>($($arg),*).await,
            "skill_families" => $f::<skill_family::Entity>($($arg),*).await,
            "skills" => $f::<skill::Entity>($($arg),*).await,
            "skill_terms" => $f::<skill_term::Entity>($($arg),*).await,
            "skill_proposals" => $f::<skill_proposal::Entity>($($arg),*).await,
            "missions" => $f::<mission::Entity>($($arg),*).await,
            "mission_documents" => $f::<mission_document::Entity>($($arg),*).await,
            "mission_skills" => $f::<mission_skill::Entity>($($arg),*).await,
            "users" => $f::<user::Entity>($($arg),*).await,
            "user_roles" => $f::<user_role::Entity>($($arg),*).await,
            "sign_in_tokens" => $f::<sign_in_token::Entity>($($arg),*).await,
            "sessions" => $f::<session::Entity>($($arg),*).await,
            "applications" => $f::<application::Entity>($($arg),*).await,
            "application_events" => $f::<application_event::Entity>($($arg),*).await,
            "pool_profiles" => $f::<pool_profile::Entity>($($arg),*).await,
            "pool_profile_skills" => $f::<pool_profile_skill::Entity>($($arg),*).await,
            "pool_profile_hidden" => $f::<pool_profile_hidden::Entity>($($arg),*).await,
            "contact_requests" => $f::<contact_request::Entity>($($arg),*).await,
            "profile_views" => $f::<profile_view::Entity>($($arg),*).await,
            "pool_profile_proposals" => $f::<pool_profile_proposal::Entity>($($arg),*).await,
            "outgoing_emails" => $f::<outgoing_email::Entity>($($arg),*).await,
            "mission_owners" => $f::<mission_owner::Entity>($($arg),*).await,
            "mission_events" => $f::<mission_event::Entity>($($arg),*).await,
            "agreement_requests" => $f::<agreement_request::Entity>($($arg),*).await,
            "mission_revisions" => $f::<mission_revision::Entity>($($arg),*).await,
            "live_presence" => $f::<live_presence::Entity>($($arg),*).await,
            "mission_alerts" => $f::<mission_alert::Entity>($($arg),*).await,
            "alert_digests" => $f::<alert_digest::Entity>($($arg),*).await,
            "alert_deliveries" => $f::<alert_delivery::Entity>($($arg),*).await,
            other => Err(format!("table inconnue : {other}")),
        }
    };
}

/// Rows read or inserted at once: a document is up to 5 MB (about 7 MB of
/// base64 in the file), every other row a few KB at most.
fn batch_size(table: &str) -> usize {
    match table {
        "mission_documents" => 4,
        _ => 200,
    }
}

/// Rows per table.
pub type Counts = BTreeMap<String, u64>;

fn db_err(e: sea_orm::DbErr) -> String {
    format!("erreur de la base : {e}")
}

/// The tables of the database (but the migrations' own), by name.
pub async fn database_tables<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, String> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .map_err(db_err)?;
    let mut names = Vec::new();
    for row in rows {
        let name: String = row.try_get("", "name").map_err(db_err)?;
        if name != "seaql_migrations" {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// Refuses a database holding a table this version does not know: its
/// rows would silently be left behind.
async fn check_tables<C: ConnectionTrait>(db: &C) -> Result<(), String> {
    for name in database_tables(db).await? {
        if !TABLES.iter().any(|(t, _)| *t == name) {
            return Err(format!(
                "la table « {name} » est inconnue de cette version de talents : export ou import impossible sans la perdre"
            ));
        }
    }
    Ok(())
}

async fn applied_migrations(db: &DatabaseConnection) -> Result<Vec<String>, String> {
    Ok(Migrator::get_applied_migrations(db)
        .await
        .map_err(db_err)?
        .iter()
        .map(|m| m.name().to_string())
        .collect())
}

async fn count_table<E: EntityTrait>(db: &DatabaseConnection) -> Result<u64, String>
where
    E::Model: Sync,
{
    E::find().count(db).await.map_err(db_err)
}

/// The number of rows of every table.
pub async fn row_counts(db: &DatabaseConnection) -> Result<Counts, String> {
    let mut counts = Counts::new();
    for (table, _) in TABLES {
        let n = with_entity!(*table, count_table(db))?;
        counts.insert(table.to_string(), n);
    }
    Ok(counts)
}

async fn export_table<E>(
    db: &DatabaseConnection,
    out: &mut (dyn Write + Send),
) -> Result<u64, String>
where
    E: EntityTrait,
    E::Model: Serialize + Sync,
{
    let table = E::default().table_name().to_string();
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    let mut pages = query.paginate(db, batch_size(&table) as u64);
    let mut n = 0;
    while let Some(rows) = pages.fetch_and_next().await.map_err(db_err)? {
        for row in rows {
            let line = serde_json::json!({ "table": table, "row": row });
            writeln!(out, "{line}").map_err(|e| format!("écriture impossible : {e}"))?;
            n += 1;
        }
    }
    Ok(n)
}

/// Writes every row of the database to `out`; returns the rows per table.
pub async fn export(
    db: &DatabaseConnection,
    out: &mut (dyn Write + Send),
) -> Result<Counts, String> {
    check_tables(db).await?;
    let header = serde_json::json!({
        "format": FORMAT,
        "version": VERSION,
        "migrations": applied_migrations(db).await?,
    });
    writeln!(out, "{header}").map_err(|e| format!("écriture impossible : {e}"))?;
    let mut counts = Counts::new();
    for (table, _) in TABLES {
        let n = with_entity!(*table, export_table(db, out))?;
        counts.insert(table.to_string(), n);
    }
    out.flush()
        .map_err(|e| format!("écriture impossible : {e}"))?;
    Ok(counts)
}

async fn insert_rows<E>(
    txn: &sea_orm::DatabaseTransaction,
    rows: Vec<serde_json::Value>,
) -> Result<u64, String>
where
    E: EntityTrait,
    E::Model: DeserializeOwned + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let table = E::default().table_name().to_string();
    let mut models = Vec::with_capacity(rows.len());
    for row in rows {
        let model: E::Model = serde_json::from_value(row)
            .map_err(|e| format!("ligne illisible dans la table {table} : {e}"))?;
        models.push(model.into_active_model().reset_all());
    }
    let n = models.len() as u64;
    E::insert_many(models)
        .exec_without_returning(txn)
        .await
        .map_err(|e| format!("insertion impossible dans la table {table} : {e}"))?;
    Ok(n)
}

/// Reads a file written by `export` into `db`, which must be migrated (by
/// this version) and empty. All or nothing: one transaction.
pub async fn import(db: &DatabaseConnection, input: impl BufRead) -> Result<Counts, String> {
    check_tables(db).await?;
    let counts = row_counts(db).await?;
    if let Some((table, n)) = counts.iter().find(|(_, n)| **n > 0) {
        return Err(format!(
            "la base de destination n’est pas vide (table {table} : {n} ligne(s)) : importez dans une base neuve, juste migrée (talents migrate)"
        ));
    }
    let mut lines = input.lines();
    let header: serde_json::Value = match lines.next() {
        Some(line) => {
            let line = line.map_err(|e| format!("lecture impossible : {e}"))?;
            serde_json::from_str(&line)
                .map_err(|_| "ce fichier n’est pas un export de talents".to_string())?
        }
        None => return Err("le fichier est vide".into()),
    };
    if header["format"] != FORMAT || header["version"] != VERSION {
        return Err(
            "ce fichier n’est pas un export de talents (format ou version inconnus)".into(),
        );
    }
    let wanted = applied_migrations(db).await?;
    let theirs: Vec<String> = serde_json::from_value(header["migrations"].clone())
        .map_err(|_| "en-tête d’export illisible".to_string())?;
    if theirs != wanted {
        return Err(format!(
            "l’export vient d’une autre version du schéma ({} migration(s), la base en a {}) : exportez et importez avec la même version de talents",
            theirs.len(),
            wanted.len()
        ));
    }

    let txn = db.begin().await.map_err(db_err)?;
    let mut imported = Counts::new();
    let mut position = 0;
    let mut batch: Vec<serde_json::Value> = Vec::new();
    let mut batch_table = String::new();
    for (number, line) in lines.enumerate() {
        let line = line.map_err(|e| format!("lecture impossible : {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let mut value: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("ligne {} illisible : {e}", number + 2))?;
        let table = value["table"].as_str().unwrap_or_default().to_string();
        // Tables come in the dependency order, each once.
        let Some(at) = TABLES.iter().position(|(t, _)| *t == table) else {
            return Err(format!("ligne {} : table inconnue « {table} »", number + 2));
        };
        if at < position {
            return Err(format!("ligne {} : tables dans le désordre", number + 2));
        }
        position = at;
        if table != batch_table || batch.len() >= batch_size(&batch_table) {
            if !batch.is_empty() {
                let n = with_entity!(
                    batch_table.as_str(),
                    insert_rows(&txn, std::mem::take(&mut batch))
                )?;
                *imported.entry(batch_table.clone()).or_default() += n;
            }
            batch_table = table;
        }
        imported.entry(batch_table.clone()).or_default();
        batch.push(value["row"].take());
    }
    if !batch.is_empty() {
        let n = with_entity!(batch_table.as_str(), insert_rows(&txn, batch))?;
        *imported.entry(batch_table.clone()).or_default() += n;
    }
    if txn.get_database_backend() == DbBackend::Postgres {
        for (table, has_id) in TABLES {
            if *has_id {
                // The next id is one past the largest imported (1 if none).
                txn.execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))
                .await
                .map_err(db_err)?;
            }
        }
    }
    txn.commit().await.map_err(db_err)?;
    for (table, _) in TABLES {
        imported.entry(table.to_string()).or_default();
    }
    Ok(imported)
}
