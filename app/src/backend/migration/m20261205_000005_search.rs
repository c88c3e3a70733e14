//! Search on both backends (see `backend::search` for the matching rule):
//! `missions.search_stems` (the stems SQLite matches, maintained by the
//! application on every write), and on PostgreSQL only the `talents_fr` text
//! search configuration (French with `unaccent`) and the stored, generated
//! `missions.search_vector` with its GIN index.

use crate::backend::search::stems;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("missions")
                .add_column(text("search_stems").default(""))
                .take(),
        )
        .await?;
        // Existing missions get their stems now.
        let db = m.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, search_text FROM missions",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let text: String = row.try_get("", "search_text")?;
            let sql = match backend {
                DbBackend::Postgres => "UPDATE missions SET search_stems = $1 WHERE id = $2",
                _ => "UPDATE missions SET search_stems = ? WHERE id = ?",
            };
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [stems(&text).into(), id.into()],
            ))
            .await?;
        }
        if backend == DbBackend::Postgres {
            for sql in [
                "CREATE EXTENSION IF NOT EXISTS unaccent",
                "CREATE TEXT SEARCH CONFIGURATION talents_fr (COPY = pg_catalog.french)",
                "ALTER TEXT SEARCH CONFIGURATION talents_fr \
                 ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part \
                 WITH unaccent, french_stem",
                "ALTER TABLE missions ADD COLUMN search_vector tsvector \
                 GENERATED ALWAYS AS (to_tsvector('talents_fr'::regconfig, search_text)) STORED",
                "CREATE INDEX idx_missions_search_vector ON missions USING GIN (search_vector)",
            ] {
                db.execute_unprepared(sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DbBackend::Postgres {
            for sql in [
                "DROP INDEX IF EXISTS idx_missions_search_vector",
                "ALTER TABLE missions DROP COLUMN IF EXISTS search_vector",
                "DROP TEXT SEARCH CONFIGURATION IF EXISTS talents_fr",
            ] {
                db.execute_unprepared(sql).await?;
            }
        }
        m.alter_table(
            Table::alter()
                .table("missions")
                .drop_column("search_stems")
                .take(),
        )
        .await
    }
}
