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
use app::backend::auth::{session_token_from, user_for_session};
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
        let token = session_token_from(&headers).ok_or(AppError::Unauthenticated)?;
        let me = current_user(&state, &headers)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let client = live::client_id(&params.client).ok_or(AppError::BadRequest)?;
        authorize(state.db.read(), &me, id, Operation::EditSheet).await?;
        let slot = StreamSlot::take(&state, me.id).ok_or(AppError::TooManyRequests)?;
        // Subscribed before joining: nothing said after this point is missed.
        let rx = state.live.subscribe();
        live::join(state.db.write(), id, &client, &me).await?;
        state
            .live
            .publish(LiveEvent::Presence { mission: id })
            .await;
        Ok::<_, AppError>((id, me, token, client, rx, slot))
    }
    .await;
    let (id, me, token, client, rx, slot) = match opened {
        Ok(opened) => opened,
        Err(e) => return crate::json_error(&e),
    };
    let (tx, out) = mpsc::channel::<Event>(64);
    tokio::spawn(async move {
        relay(state, id, me, token, client, rx, tx).await;
        drop(slot);
    });
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
    token: String,
    client: String,
    mut rx: broadcast::Receiver<LiveEvent>,
    tx: mpsc::Sender<Event>,
) {
    let mut beat = tokio::time::interval(Duration::from_secs(HEARTBEAT_SECS));
    beat.tick().await;
    let you = live::key(me.id, &client);
    let mut next = Some(version_event(&state, id, Some(&you)).await);
    loop {
        if let Some(event) = next.take().flatten() {
            if tx.send(event).await.is_err() {
                break;
            }
        }
        next = tokio::select! {
            _ = tx.closed() => break,
            _ = beat.tick() => {
                // Still signed in (signing out ends the stream), still allowed
                // (a removed co-owner stops hearing), still here.
                let session = user_for_session(&state, &token).await;
                if !matches!(session, Ok(Some(ref u)) if u.id == me.id) {
                    break;
                }
                if authorize(state.db.read(), &me, id, Operation::EditSheet).await.is_err() {
                    break;
                }
                let _ = live::join(state.db.write(), id, &client, &me).await;
                // The list again: a tab that vanished without a word (a crash,
                // a lost network) drops out once past its time.
                Some(presence_event(&state, id).await)
            }
            received = rx.recv() => match received {
                Ok(LiveEvent::Presence { mission }) if mission == id => {
                    Some(presence_event(&state, id).await)
                }
                Ok(saved @ LiveEvent::Saved { mission, .. }) if mission == id => {
                    Event::default().event("saved").json_data(&saved).ok().map(Some)
                }
                Ok(LiveEvent::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    Some(version_event(&state, id, None).await)
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

/// The sheet's version; on connection also `you`, this tab's key as it
/// appears in `saved` and `presence` events.
async fn version_event(state: &AppState, id: i32, you: Option<&str>) -> Option<Event> {
    let m = mission::Entity::find_by_id(id)
        .one(state.db.read())
        .await
        .ok()
        .flatten()?;
    Event::default()
        .event("version")
        .json_data(serde_json::json!({ "version": m.version, "you": you }))
        .ok()
}

/// Open streams per user on this instance: each costs a task and queries,
/// so one account cannot open them without end.
pub const STREAMS_PER_USER: usize = 8;

type Counts = std::sync::Arc<std::sync::Mutex<std::collections::HashMap<i32, usize>>>;

/// One of a user's open streams, given back when dropped.
struct StreamSlot {
    counts: Counts,
    user: i32,
}

impl StreamSlot {
    fn take(state: &AppState, user: i32) -> Option<StreamSlot> {
        let counts = state.live_streams.clone();
        let mut map = counts.lock().ok()?;
        let n = map.entry(user).or_insert(0);
        if *n >= STREAMS_PER_USER {
            return None;
        }
        *n += 1;
        drop(map);
        Some(StreamSlot { counts, user })
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        if let Ok(mut map) = self.counts.lock() {
            if let Some(n) = map.get_mut(&self.user) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    map.remove(&self.user);
                }
            }
        }
    }
}

async fn presence_event(state: &AppState, id: i32) -> Option<Event> {
    let present = live::present(state.db.read(), id).await.ok()?;
    Event::default()
        .event("presence")
        .json_data(serde_json::json!({ "present": present }))
        .ok()
}
