//! The skills list's words: every name and synonym of a skill
//! (`skill_terms`, unique by `text::skill_key`), the skills agents propose
//! when theirs is not in the list (`skill_proposals`, unique by key too),
//! and which pool profiles proposed them (`pool_profile_proposals`).
//!
//! Existing skills get their name as a term here (derived from their rows,
//! like the search stems of 000005); synonyms are reference data, loaded by
//! the seed step.

use super::m20261203_000001_initial::{fk, index};
use crate::text::skill_key;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("skill_terms")
                .col(pk_auto("id"))
                .col(integer("skill_id"))
                .col(string_len("term", 200))
                .col(string_len_uniq("key", 250))
                .col(boolean("is_name").default(false))
                .foreign_key(&mut fk("skill_terms", "skill_id", "skills", true))
                .take(),
        )
        .await?;
        m.create_index(index("skill_terms", &["skill_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("skill_proposals")
                .col(pk_auto("id"))
                .col(string_len("term", 100))
                .col(string_len_uniq("key", 250))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("pool_profile_proposals")
                .col(integer("profile_id"))
                .col(integer("proposal_id"))
                .col(string_len("kind", 20))
                .col(string_len_null("level", 20))
                .primary_key(Index::create().col("profile_id").col("proposal_id"))
                .foreign_key(&mut fk(
                    "pool_profile_proposals",
                    "profile_id",
                    "pool_profiles",
                    true,
                ))
                .foreign_key(&mut fk(
                    "pool_profile_proposals",
                    "proposal_id",
                    "skill_proposals",
                    true,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("pool_profile_proposals", &["proposal_id"], false))
            .await?;

        let db = m.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, name FROM skills ORDER BY position, id",
            ))
            .await?;
        let sql = match backend {
            DbBackend::Postgres => {
                "INSERT INTO skill_terms (skill_id, term, key, is_name) VALUES ($1, $2, $3, TRUE) \
                 ON CONFLICT (key) DO NOTHING"
            }
            _ => {
                "INSERT INTO skill_terms (skill_id, term, key, is_name) VALUES (?, ?, ?, TRUE) \
                 ON CONFLICT (key) DO NOTHING"
            }
        };
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let name: String = row.try_get("", "name")?;
            let key = skill_key(&name);
            if key.is_empty() {
                continue;
            }
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [id.into(), name.into(), key.into()],
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["pool_profile_proposals", "skill_proposals", "skill_terms"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
