//! Sign-in by one-time e-mail link, and database sessions.
//!
//! Tokens and session ids are 256 random bits, sent once (in the e-mail or
//! the cookie) and stored only as SHA-256 hashes.

use super::entities::{session, sign_in_token, user};
use super::mail::Mail;
use super::state::AppState;
use crate::error::AppError;
use crate::validate::{clean, is_email};
use base64::Engine;
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    TransactionTrait,
};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "talents_session";

pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    hex_encode(&Sha256::digest(token.as_bytes()))
}

fn hex_encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Trims and lower-cases an address: the form compared and stored unique.
pub fn fold_email(raw: &str) -> String {
    clean(raw).to_lowercase()
}

/// A local path to return to after signing in; anything else goes to "Mon espace".
pub fn safe_next(next: &str) -> String {
    let next = next.trim();
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.len() <= 300
        && next.chars().all(|c| c.is_ascii_graphic())
        && !next.starts_with("/api/")
        && !next.starts_with("/connexion")
        && !next.starts_with("/deconnexion");
    if ok {
        next.to_string()
    } else {
        "/mon-espace".to_string()
    }
}

/// Checks the address, then e-mails a one-time link. The answer is the same
/// whether or not an account exists for the address.
pub async fn request_link(state: &AppState, email: &str, next: &str) -> Result<String, AppError> {
    let folded = fold_email(email);
    let field_error = |message: &str| {
        let mut fields = crate::error::FieldErrors::new();
        fields.insert("email".into(), message.into());
        let mut values = std::collections::BTreeMap::new();
        values.insert("email".into(), email.chars().take(300).collect());
        AppError::invalid(fields, values)
    };
    if folded.is_empty() {
        return Err(field_error(
            "Renseignez votre adresse électronique professionnelle.",
        ));
    }
    if !is_email(&folded) {
        return Err(field_error(
            "Cette adresse électronique n’est pas valide : elle doit avoir la forme prenom.nom@ministere.gouv.fr.",
        ));
    }
    if !state.config.accepts_email(&folded) {
        return Err(field_error(
            "Utilisez votre adresse électronique professionnelle d’agent de l’État (par exemple prenom.nom@ministere.gouv.fr).",
        ));
    }
    let now = Utc::now();
    let db = state.db.write();
    let token = new_token();
    // Count and insert in one transaction, serialized per address (SQLite's
    // single writer connection, PostgreSQL's advisory lock), so concurrent
    // requests queue and the limit holds exactly.
    let txn = db.begin().await?;
    super::db::lock_key(&txn, &format!("sign-in-links:{folded}")).await?;
    let recent = sign_in_token::Entity::find()
        .filter(sign_in_token::Column::EmailFolded.eq(folded.as_str()))
        .filter(sign_in_token::Column::CreatedAt.gt(now - Duration::minutes(15)))
        .count(&txn)
        .await?;
    if recent >= state.config.links_per_address {
        return Err(AppError::TooManyRequests);
    }
    sign_in_token::ActiveModel {
        token_hash: Set(hash_token(&token)),
        email_folded: Set(folded.clone()),
        next_path: Set(safe_next(next)),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(state.config.sign_in_link_minutes)),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    let link = format!("{}/connexion/lien?jeton={token}", state.config.public_url);
    let minutes = state.config.sign_in_link_minutes;
    let body = |link: &str| {
        format!(
            "Bonjour,\n\nPour vous connecter à Talents numériques, ouvrez ce lien :\n\n{link}\n\n\
             Il est valable {minutes} minutes et ne peut servir qu’une fois.\n\
             Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.\n\n\
             — L’équipe Talents numériques (DINUM)\n"
        )
    };
    state
        .mailer
        .send(
            db,
            Mail {
                to: folded.clone(),
                subject: "Votre lien de connexion à Talents numériques".into(),
                body: body(&link),
                journal_body: body("[lien de connexion masqué]"),
            },
        )
        .await?;
    Ok(folded)
}

/// What a valid sign-in link gives: a fresh session and where to go next.
pub struct SignedIn {
    pub session_token: String,
    pub next: String,
}

/// Consumes a one-time token (exactly once, even under concurrent use) and
/// opens a new session for the address it was sent to.
pub async fn complete_sign_in(state: &AppState, token: &str) -> Result<SignedIn, AppError> {
    let invalid = || {
        AppError::Forbidden(
            "Ce lien de connexion n’est plus valable : il a expiré ou a déjà servi. Demandez-en un nouveau.".into(),
        )
    };
    if token.is_empty() || token.len() > 100 {
        return Err(invalid());
    }
    let now = Utc::now();
    let db = state.db.write();
    let hash = hash_token(token);
    let Some(row) = sign_in_token::Entity::find()
        .filter(sign_in_token::Column::TokenHash.eq(hash.as_str()))
        .one(db)
        .await?
    else {
        return Err(invalid());
    };
    if row.used_at.is_some() || row.expires_at < now {
        return Err(invalid());
    }
    // Single use: only the request that flips `used_at` goes on.
    let claimed = sign_in_token::Entity::update_many()
        .col_expr(sign_in_token::Column::UsedAt, Expr::value(now))
        .filter(sign_in_token::Column::Id.eq(row.id))
        .filter(sign_in_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(invalid());
    }
    let user = find_or_create_user(state, &row.email_folded).await?;
    let session_token = new_token();
    session::ActiveModel {
        token_hash: Set(hash_token(&session_token)),
        user_id: Set(user.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(state.config.session_days)),
        last_seen_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(SignedIn {
        session_token,
        next: safe_next(&row.next_path),
    })
}

pub async fn find_or_create_user(
    state: &AppState,
    email_folded: &str,
) -> Result<user::Model, AppError> {
    let db = state.db.write();
    if let Some(found) = user::Entity::find()
        .filter(user::Column::EmailFolded.eq(email_folded))
        .one(db)
        .await?
    {
        return Ok(found);
    }
    let now = Utc::now();
    let created = user::ActiveModel {
        email: Set(email_folded.to_string()),
        email_folded: Set(email_folded.to_string()),
        display_name: Set(None),
        created_at: Set(now),
        last_seen_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await;
    match created {
        Ok(user) => Ok(user),
        // Another request created the account meanwhile (unique e-mail).
        Err(err) => user::Entity::find()
            .filter(user::Column::EmailFolded.eq(email_folded))
            .one(db)
            .await?
            .ok_or_else(|| AppError::from(err)),
    }
}

/// The user behind a session cookie value, if the session is alive.
pub async fn user_for_session(
    state: &AppState,
    token: &str,
) -> Result<Option<user::Model>, AppError> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(hash_token(token)))
        .filter(session::Column::ExpiresAt.gt(Utc::now()))
        .find_also_related(user::Entity)
        .one(state.db.read())
        .await?;
    Ok(found.and_then(|(_, user)| user))
}

pub async fn end_session(state: &AppState, token: &str) -> Result<(), AppError> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(hash_token(token)))
        .exec(state.db.write())
        .await?;
    Ok(())
}

/// The `Set-Cookie` value for a session (or its removal when `token` is None).
pub fn session_cookie(state: &AppState, token: Option<&str>) -> String {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    match token {
        Some(t) => format!(
            "{SESSION_COOKIE}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            state.config.session_days * 24 * 3600
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

/// Reads the session cookie from request headers.
pub fn session_token_from(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == SESSION_COOKIE && !value.is_empty()).then(|| value.to_string())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_unique() {
        let a = new_token();
        assert!(a.len() >= 43, "256 bits in base64url");
        assert_ne!(a, new_token());
        assert_eq!(hash_token(&a).len(), 64);
    }

    #[test]
    fn next_paths_stay_local() {
        assert_eq!(
            safe_next("/missions/x/candidater"),
            "/missions/x/candidater"
        );
        for bad in [
            "https://evil.fr",
            "//evil.fr",
            "/\\evil",
            "",
            "/api/sign_out",
            "javascript:alert(1)",
            "/connexion",
        ] {
            assert_eq!(safe_next(bad), "/mon-espace", "{bad}");
        }
    }

    #[test]
    fn cookie_is_read_among_others() {
        let mut h = http::HeaderMap::new();
        h.insert(
            http::header::COOKIE,
            "a=b; talents_session=xyz; c=d".parse().unwrap(),
        );
        assert_eq!(session_token_from(&h).as_deref(), Some("xyz"));
    }
}
