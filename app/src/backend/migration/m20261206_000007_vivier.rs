//! The vivier opened to managers: opaque references for profiles, their
//! own administration and the administrations they hide from, the words a
//! manager's free text matches, contact requests, and the log of who looked.

use super::m20261203_000001_initial::{fk, index};
use crate::backend::search::stems;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let add = |col: ColumnDef| Table::alter().table("pool_profiles").add_column(col).take();
        for col in [
            // What URLs name a profile by: random, never the sequential id.
            string_len_null("reference", 32),
            // The agent's administration, from the list (None: not in it).
            integer_null("home_administration_id"),
            // Hidden from their own administration unless they say otherwise.
            boolean("visible_to_own").default(false).take(),
            // Stems of what the anonymous card shows (job title, location,
            // skill names; see `backend::pool`), for the managers' free text.
            text("search_stems").default("").take(),
        ] {
            m.alter_table(add(col)).await?;
        }
        // Existing profiles get their reference and stems now.
        let db = m.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, job_title, location FROM pool_profiles",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let mut text = String::new();
            for col in ["job_title", "location"] {
                let v: String = row.try_get("", col)?;
                text.push_str(&v);
                text.push(' ');
            }
            let sql = match backend {
                DbBackend::Postgres => {
                    "UPDATE pool_profiles SET reference = $1, search_stems = $2 WHERE id = $3"
                }
                _ => "UPDATE pool_profiles SET reference = ?, search_stems = ? WHERE id = ?",
            };
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [
                    crate::backend::pool::new_reference().into(),
                    stems(&crate::text::fold(&text)).into(),
                    id.into(),
                ],
            ))
            .await?;
        }
        m.create_index(index("pool_profiles", &["reference"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("pool_profile_hidden")
                .col(integer("profile_id"))
                .col(integer("administration_id"))
                .primary_key(Index::create().col("profile_id").col("administration_id"))
                .foreign_key(&mut fk(
                    "pool_profile_hidden",
                    "profile_id",
                    "pool_profiles",
                    true,
                ))
                .foreign_key(&mut fk(
                    "pool_profile_hidden",
                    "administration_id",
                    "administrations",
                    true,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("contact_requests")
                .col(pk_auto("id"))
                .col(integer("profile_id"))
                .col(integer("manager_id"))
                .col(integer("mission_id"))
                .col(text("message"))
                // "envoyee", "acceptee", "refusee"
                .col(string_len("status", 20))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .foreign_key(&mut fk(
                    "contact_requests",
                    "profile_id",
                    "pool_profiles",
                    true,
                ))
                .foreign_key(&mut fk("contact_requests", "manager_id", "users", true))
                .foreign_key(&mut fk("contact_requests", "mission_id", "missions", true))
                .take(),
        )
        .await?;
        m.create_index(index(
            "contact_requests",
            &["profile_id", "manager_id", "created_at"],
            false,
        ))
        .await?;
        m.create_index(index("contact_requests", &["manager_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("profile_views")
                .col(pk_auto("id"))
                .col(integer("profile_id"))
                .col(integer("viewer_id"))
                // What the agent reads: the viewer's name and administrations
                // at the time (kept if the viewer's roles change later).
                .col(string_len("viewer_label", 400))
                // "consultation" or "demande_contact"
                .col(string_len("kind", 20))
                .col(integer_null("mission_id"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk(
                    "profile_views",
                    "profile_id",
                    "pool_profiles",
                    true,
                ))
                .foreign_key(&mut fk("profile_views", "viewer_id", "users", true))
                .take(),
        )
        .await?;
        m.create_index(index("profile_views", &["profile_id", "at"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["profile_views", "contact_requests", "pool_profile_hidden"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        m.drop_index(
            Index::drop()
                .name("idx_pool_profiles_reference")
                .table("pool_profiles")
                .to_owned(),
        )
        .await?;
        for col in [
            "search_stems",
            "visible_to_own",
            "home_administration_id",
            "reference",
        ] {
            m.alter_table(
                Table::alter()
                    .table("pool_profiles")
                    .drop_column(col)
                    .take(),
            )
            .await?;
        }
        Ok(())
    }
}
