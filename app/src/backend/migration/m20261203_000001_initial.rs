//! The foundation's tables. Invariants live here too: unique folded e-mail,
//! one application per (mission, applicant), foreign keys everywhere.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub(super) fn fk(
    from_table: &'static str,
    from_col: &'static str,
    to_table: &'static str,
    cascade: bool,
) -> ForeignKeyCreateStatement {
    let mut fk = ForeignKey::create();
    fk.name(format!("fk_{from_table}_{from_col}"))
        .from(from_table, from_col)
        .to(to_table, "id");
    if cascade {
        fk.on_delete(ForeignKeyAction::Cascade);
    } else {
        fk.on_delete(ForeignKeyAction::Restrict);
    }
    fk.take()
}

pub(super) fn index(
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(format!("idx_{table}_{}", cols.join("_")))
        .table(table);
    for c in cols {
        idx.col(*c);
    }
    if unique {
        idx.unique();
    }
    idx.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("administrations")
                .col(pk_auto("id"))
                .col(string_len_uniq("slug", 120))
                .col(string_len("name", 300))
                .col(string_len("acronym", 40))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("skill_families")
                .col(pk_auto("id"))
                .col(string_len_uniq("slug", 120))
                .col(string_len("name", 200))
                .col(integer("position"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("skills")
                .col(pk_auto("id"))
                .col(string_len_uniq("slug", 120))
                .col(string_len("name", 200))
                .col(string_len_uniq("folded_name", 200))
                .col(integer("family_id"))
                .col(integer("position"))
                .foreign_key(&mut fk("skills", "family_id", "skill_families", false))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("missions")
                .col(pk_auto("id"))
                .col(string_len_uniq("slug", 120))
                .col(string_len("title", 300))
                .col(integer("administration_id"))
                .col(string_len("service", 300))
                .col(string_len("nature", 40))
                .col(text("description"))
                .col(string_len("skills_text", 500))
                .col(text_null("deliverables"))
                .col(text_null("learning"))
                .col(string_len("effort_text", 500))
                .col(integer_null("effort_days"))
                .col(date_null("start_date"))
                .col(date_null("end_date"))
                .col(date_null("deadline"))
                .col(string_len("location", 200))
                .col(string_len("mode", 20))
                .col(integer("places").default(1))
                .col(string_len("details_pdf_label", 200).default(""))
                .col(string_len("status", 20))
                .col(integer("version").default(1))
                .col(text("search_text"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .check(Expr::col("places").gte(1))
                .check(Expr::col("version").gte(1))
                .foreign_key(&mut fk(
                    "missions",
                    "administration_id",
                    "administrations",
                    false,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("missions", &["status", "published_at"], false))
            .await?;
        m.create_index(index("missions", &["administration_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("mission_skills")
                .col(integer("mission_id"))
                .col(integer("skill_id"))
                .primary_key(Index::create().col("mission_id").col("skill_id"))
                .foreign_key(&mut fk("mission_skills", "mission_id", "missions", true))
                .foreign_key(&mut fk("mission_skills", "skill_id", "skills", false))
                .take(),
        )
        .await?;
        m.create_index(index("mission_skills", &["skill_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("users")
                .col(pk_auto("id"))
                .col(string_len("email", 254))
                .col(string_len_uniq("email_folded", 254))
                .col(string_len_null("display_name", 120))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("user_roles")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(string_len("role", 20))
                .col(integer_null("administration_id"))
                .foreign_key(&mut fk("user_roles", "user_id", "users", true))
                .foreign_key(&mut fk(
                    "user_roles",
                    "administration_id",
                    "administrations",
                    true,
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "user_roles",
            &["user_id", "role", "administration_id"],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("sign_in_tokens")
                .col(pk_auto("id"))
                .col(string_len_uniq("token_hash", 64))
                .col(string_len("email_folded", 254))
                .col(string_len("next_path", 300))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "sign_in_tokens",
            &["email_folded", "created_at"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("sessions")
                .col(pk_auto("id"))
                .col(string_len_uniq("token_hash", 64))
                .col(integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .foreign_key(&mut fk("sessions", "user_id", "users", true))
                .take(),
        )
        .await?;
        m.create_index(index("sessions", &["user_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("applications")
                .col(pk_auto("id"))
                .col(integer("mission_id"))
                .col(integer("user_id"))
                .col(text("motivation"))
                .col(string_len("availability", 500))
                .col(text("skills_offered"))
                .col(string_len("manager_name", 120))
                .col(string_len("manager_email", 254))
                .col(boolean("manager_ack"))
                .col(string_len("status", 20))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .check(Expr::col("manager_ack").eq(true))
                .foreign_key(&mut fk("applications", "mission_id", "missions", false))
                .foreign_key(&mut fk("applications", "user_id", "users", true))
                .take(),
        )
        .await?;
        m.create_index(index("applications", &["mission_id", "user_id"], true))
            .await?;
        m.create_index(index("applications", &["user_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("application_events")
                .col(pk_auto("id"))
                .col(integer("application_id"))
                .col(string_len("status", 20))
                .col(text_null("note"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk(
                    "application_events",
                    "application_id",
                    "applications",
                    true,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("application_events", &["application_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("pool_profiles")
                .col(pk_auto("id"))
                .col(integer_uniq("user_id"))
                .col(string_len("full_name", 120))
                .col(string_len("administration", 200))
                .col(string_len("job_title", 150))
                .col(integer("days_per_month"))
                .col(string_len("rhythm", 300))
                .col(string_len("location", 120))
                .col(string_len("remote", 20))
                .col(text("bio"))
                .col(boolean("paused").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .check(Expr::col("days_per_month").between(1, 10))
                .foreign_key(&mut fk("pool_profiles", "user_id", "users", true))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("pool_profile_skills")
                .col(integer("profile_id"))
                .col(integer("skill_id"))
                .col(string_len("kind", 20))
                .col(string_len_null("level", 20))
                .primary_key(Index::create().col("profile_id").col("skill_id"))
                .foreign_key(&mut fk(
                    "pool_profile_skills",
                    "profile_id",
                    "pool_profiles",
                    true,
                ))
                .foreign_key(&mut fk("pool_profile_skills", "skill_id", "skills", false))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("outgoing_emails")
                .col(pk_auto("id"))
                .col(string_len("to_address", 254))
                .col(string_len("subject", 300))
                .col(text("body_text"))
                .col(string_len("status", 20))
                .col(text_null("error"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "outgoing_emails",
            "pool_profile_skills",
            "pool_profiles",
            "application_events",
            "applications",
            "sessions",
            "sign_in_tokens",
            "user_roles",
            "users",
            "mission_skills",
            "missions",
            "skills",
            "skill_families",
            "administrations",
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
