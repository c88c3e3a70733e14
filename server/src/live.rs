//! `GET /live/missions/{id}?client=…`: the live channel of one mission
//! sheet's editor, as Server-Sent Events. Signed-in users who may edit the
//! sheet only. Events (JSON, a few hundred bytes):
//!
//! - `version` `{"version":N}`: the sheet's version, on connection and after
//!   the bus may have missed events; an editor behind it resyncs.
//! - `saved`: a `LiveEvent::Saved` (mission, version, client, by, fields).
//! - `presence` `{"present":[{"client","name","field"}…]}`: who has the sheet
//!   open and in which field, the connecting tab included.
//!
//! The tab's presence lasts as long as the stream; a comment every 15 s keeps
//! proxies from closing it and lets the server notice a vanished client.

use crate::documents::current_user;
use app::backend::entities::{mission, user};
use app::backend::live::{self, HEARTBEAT_SECS};
use app::backend::sheets::authorize;
use app::backend::state::AppState;
use app::error::AppError;
use app::model::LiveEvent;
use app::rights::Operation;
use axum::extract::{Path, Query};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use sea_orm::EntityTrait;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};

#[derive(serde::Deserialize)]
pub struct Params {
    #[serde(default)]
    client: String,
}

pub async fn events(
    state: AppState,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let opened = async {
        let id = id
            .parse::<i32>()
            .map_err(|_| AppError::NotFound("Cette mission n’existe pas.".into()))?;
        let me = current_user(&state, &headers)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let client = live::client_id(&params.client).ok_or(AppError::BadRequest)?;
        authorize(state.db.read(), &me, id, Operation::EditSheet).await?;
        // Subscribed before joining: nothing said after this point is missed.
        let rx = state.live.subscribe();
        live::join(state.db.write(), id, &client, &me).await?;
        state
            .live
            .publish(LiveEvent::Presence { mission: id })
            .await;
        Ok::<_, AppError>((id, me, client, rx))
    }
    .await;
    let (id, me, client, rx) = match opened {
        Ok(opened) => opened,
        Err(e) => return crate::json_error(&e),
    };
    let (tx, out) = mpsc::channel::<Event>(64);
    tokio::spawn(relay(state, id, me, client, rx, tx));
    let stream = futures::stream::unfold(out, |mut out| async move {
        out.recv().await.map(|e| (Ok::<_, Infallible>(e), out))
    });
    let mut res = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(HEARTBEAT_SECS)))
        .into_response();
    // Proxies (nginx) must pass events on at once.
    res.headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, no-store"),
    );
    res
}

/// Feeds one tab's stream until it goes away or loses the right to edit,
/// then records that it left.
async fn relay(
    state: AppState,
    id: i32,
    me: user::Model,
    client: String,
    mut rx: broadcast::Receiver<LiveEvent>,
    tx: mpsc::Sender<Event>,
) {
    let mut beat = tokio::time::interval(Duration::from_secs(HEARTBEAT_SECS));
    beat.tick().await;
    let mut next = Some(version_event(&state, id).await);
    loop {
        if let Some(event) = next.take().flatten() {
            if tx.send(event).await.is_err() {
                break;
            }
        }
        next = tokio::select! {
            _ = tx.closed() => break,
            _ = beat.tick() => {
                // Still allowed (a removed co-owner stops hearing), still here.
                if authorize(state.db.read(), &me, id, Operation::EditSheet).await.is_err() {
                    break;
                }
                let _ = live::join(state.db.write(), id, &client, &me).await;
                None
            }
            received = rx.recv() => match received {
                Ok(LiveEvent::Presence { mission }) if mission == id => {
                    Some(presence_event(&state, id).await)
                }
                Ok(saved @ LiveEvent::Saved { mission, .. }) if mission == id => {
                    Event::default().event("saved").json_data(&saved).ok().map(Some)
                }
                Ok(LiveEvent::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    Some(version_event(&state, id).await)
                }
                Ok(_) => None,
                Err(broadcast::error::RecvError::Closed) => break,
            },
        };
    }
    let _ = live::leave(state.db.write(), id, &client, me.id).await;
    state
        .live
        .publish(LiveEvent::Presence { mission: id })
        .await;
}

async fn version_event(state: &AppState, id: i32) -> Option<Event> {
    let m = mission::Entity::find_by_id(id)
        .one(state.db.read())
        .await
        .ok()
        .flatten()?;
    Event::default()
        .event("version")
        .json_data(serde_json::json!({ "version": m.version }))
        .ok()
}

async fn presence_event(state: &AppState, id: i32) -> Option<Event> {
    let present = live::present(state.db.read(), id).await.ok()?;
    Event::default()
        .event("presence")
        .json_data(serde_json::json!({ "present": present }))
        .ok()
}
