use crate::error::AppError;
use crate::model::{MySpaceData, OutboxMessage};
use leptos::prelude::*;

/// Everything of mine: applications with timelines, and my pool profile.
#[server(endpoint = "my_space")]
pub async fn my_space() -> Result<MySpaceData, AppError> {
    use super::context::*;
    let state = state()?;
    let me = require_user(&state).await?;
    let db = state.db.read();
    Ok(MySpaceData {
        applications: crate::backend::applications::mine(db, &me).await?,
        profile: crate::backend::pool::mine(db, &me).await?,
        contact_requests: crate::backend::vivier::received(db, &me).await?,
        profile_log: crate::backend::vivier::log(db, &me).await?,
        me: crate::backend::sheets::me(db, me).await?,
    })
}

/// The development outbox: messages written instead of sent. Demo mode only.
#[server(endpoint = "dev_outbox")]
pub async fn dev_outbox() -> Result<Vec<OutboxMessage>, AppError> {
    let state = super::context::state()?;
    if !state.config.demo {
        return Err(AppError::NotFound("Cette page n’existe pas.".into()));
    }
    let dir = state.config.outbox_dir.clone();
    let files = tokio::task::spawn_blocking(move || crate::backend::mail::read_outbox(&dir, 50))
        .await
        .map_err(|_| AppError::Internal)?;
    Ok(files
        .into_iter()
        .enumerate()
        .map(|(i, f)| OutboxMessage {
            id: i as i32 + 1,
            to: f.to,
            subject: f.subject,
            body: f.body,
            created_at: f.name.chars().take(15).collect(),
        })
        .collect())
}
