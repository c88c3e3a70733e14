//! Live co-editing: the bus that tells every instance's open editors that a
//! sheet changed or that someone came, left or moved to another field, and
//! the record of who has each sheet open (presence).
//!
//! One trait, two buses, chosen by `DATABASE_URL`: in-process
//! (`tokio::sync::broadcast`, one instance on SQLite) or PostgreSQL
//! `LISTEN/NOTIFY` (any number of instances over one database). Presence is
//! stored in the database, so an editor served by one instance sees people
//! connected to another.

use super::entities::{live_presence, user};
use crate::error::AppError;
use crate::model::{field_label, field_of_input, LiveEvent, Present};
use async_trait::async_trait;
use chrono::{Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::sqlx::postgres::{PgListener, PgPool};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::sync::{Arc, Weak};
use tokio::sync::broadcast;

/// The PostgreSQL channel of the bus.
pub const CHANNEL: &str = "talents_live";
/// PostgreSQL refuses notification payloads from 8000 bytes.
const MAX_PAYLOAD: usize = 7_900;
/// Messages a slow listener may fall behind by before it must resync.
const BACKLOG: usize = 1024;
/// An open editor reports itself at least this often…
pub const HEARTBEAT_SECS: u64 = 15;
/// …and counts as gone after this long without news (two missed beats).
pub const PRESENCE_TTL_SECS: i64 = 35;
/// At most this many people are listed on one sheet…
const MAX_PRESENT: usize = 20;
/// …read from at most this many open tabs.
const MAX_ROWS: u64 = 200;

#[async_trait]
pub trait LiveBus: Send + Sync {
    /// Sends `event` to every subscriber of every instance. Best effort: a
    /// failure is logged, never fails the save that caused it (editors
    /// resync on their next event or reconnection).
    async fn publish(&self, event: LiveEvent);
    fn subscribe(&self) -> broadcast::Receiver<LiveEvent>;
}

/// One instance: events stay in the process.
pub struct LocalBus {
    tx: broadcast::Sender<LiveEvent>,
}

impl LocalBus {
    pub fn new() -> Self {
        LocalBus {
            tx: broadcast::channel(BACKLOG).0,
        }
    }
}

impl Default for LocalBus {
    fn default() -> Self {
        Self::new()
    }
}

#[async_trait]
impl LiveBus for LocalBus {
    async fn publish(&self, event: LiveEvent) {
        let _ = self.tx.send(event); // no subscriber: nobody to tell
    }

    fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.tx.subscribe()
    }
}

/// Any number of instances: `NOTIFY` on publish, one `LISTEN` connection per
/// instance feeding its local subscribers.
pub struct PgBus {
    pool: PgPool,
    tx: Arc<broadcast::Sender<LiveEvent>>,
}

impl PgBus {
    pub async fn start(pool: PgPool) -> Result<Self, String> {
        let mut listener = PgListener::connect_with(&pool)
            .await
            .map_err(|e| format!("bus PostgreSQL : connexion impossible : {e}"))?;
        listener
            .listen(CHANNEL)
            .await
            .map_err(|e| format!("bus PostgreSQL : LISTEN impossible : {e}"))?;
        let tx = Arc::new(broadcast::channel(BACKLOG).0);
        tokio::spawn(listen(listener, Arc::downgrade(&tx)));
        Ok(PgBus { pool, tx })
    }
}

/// Forwards notifications until the bus is dropped. When the connection
/// drops, sqlx reconnects on the next call; what was sent meanwhile is lost,
/// so every editor is told to resync.
async fn listen(mut listener: PgListener, tx: Weak<broadcast::Sender<LiveEvent>>) {
    loop {
        let next = listener.try_recv().await;
        let Some(tx) = tx.upgrade() else { return };
        match next {
            Ok(Some(n)) => match serde_json::from_str::<LiveEvent>(n.payload()) {
                Ok(event) => {
                    let _ = tx.send(event);
                }
                Err(e) => tracing::warn!(error = %e, "unreadable live notification"),
            },
            Ok(None) => {
                tracing::warn!("live bus connection lost; reconnecting");
                let _ = tx.send(LiveEvent::Resync);
            }
            Err(e) => {
                tracing::warn!(error = %e, "live bus error; retrying in 1 s");
                drop(tx);
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        }
    }
}

#[async_trait]
impl LiveBus for PgBus {
    async fn publish(&self, event: LiveEvent) {
        let payload = payload(&event);
        if let Err(e) = sea_orm::sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(&payload)
            .execute(&self.pool)
            .await
        {
            tracing::warn!(error = %e, "live notification not sent");
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.tx.subscribe()
    }
}

/// The event as sent on the wire; one that would be too long (it cannot
/// be with today's fields) loses its field list rather than being dropped.
pub fn payload(event: &LiveEvent) -> String {
    let json = serde_json::to_string(event).unwrap_or_default();
    if json.len() <= MAX_PAYLOAD {
        return json;
    }
    let shorter = match event.clone() {
        LiveEvent::Saved {
            mission, version, ..
        } => LiveEvent::Saved {
            mission,
            version,
            client: String::new(),
            by: String::new(),
            fields: Vec::new(),
        },
        other => other,
    };
    serde_json::to_string(&shorter).unwrap_or_default()
}

/// The bus that suits the database.
pub async fn bus_for(db: &DatabaseConnection) -> Result<Arc<dyn LiveBus>, String> {
    Ok(match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            Arc::new(PgBus::start(db.get_postgres_connection_pool().clone()).await?)
        }
        _ => Arc::new(LocalBus::new()),
    })
}

/// An editor's id as the browser chose it: 8 to 40 letters, digits, `-`, `_`.
pub fn client_id(raw: &str) -> Option<String> {
    let ok = (8..=40).contains(&raw.len())
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| raw.to_string())
}

/// The key of one user's tab, as stored and as events name it: ids chosen
/// by one user never touch another user's presence or pass for their tab.
pub fn key(user_id: i32, client: &str) -> String {
    format!("{user_id}-{client}")
}

fn shown_name(u: &user::Model) -> String {
    u.display_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| u.email.clone())
}

/// Records that `u` has the sheet open in `client` (or still has).
pub async fn join(
    db: &DatabaseConnection,
    mission_id: i32,
    client: &str,
    u: &user::Model,
) -> Result<(), AppError> {
    live_presence::Entity::insert(live_presence::ActiveModel {
        mission_id: Set(mission_id),
        client_id: Set(key(u.id, client)),
        user_id: Set(u.id),
        name: Set(shown_name(u)),
        field: Set(None),
        seen_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            live_presence::Column::MissionId,
            live_presence::Column::ClientId,
        ])
        .update_columns([live_presence::Column::SeenAt])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// The field `u`'s tab is in now (`None`: none). False if that tab is not
/// connected.
pub async fn focus(
    db: &DatabaseConnection,
    mission_id: i32,
    client: &str,
    u: &user::Model,
    input: &str,
) -> Result<bool, AppError> {
    let field = field_label(input).map(|_| field_of_input(input).to_string());
    let updated = live_presence::Entity::update_many()
        .col_expr(
            live_presence::Column::Field,
            sea_orm::sea_query::Expr::value(field),
        )
        .col_expr(
            live_presence::Column::SeenAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(live_presence::Column::MissionId.eq(mission_id))
        .filter(live_presence::Column::ClientId.eq(key(u.id, client)))
        .exec(db)
        .await?;
    Ok(updated.rows_affected > 0)
}

/// The tab closed its editor; false if it was not connected.
pub async fn leave(
    db: &DatabaseConnection,
    mission_id: i32,
    client: &str,
    user_id: i32,
) -> Result<bool, AppError> {
    Ok(live_presence::Entity::delete_many()
        .filter(live_presence::Column::MissionId.eq(mission_id))
        .filter(live_presence::Column::ClientId.eq(key(user_id, client)))
        .exec(db)
        .await?
        .rows_affected
        > 0)
}

/// Who has the sheet open now: each person once (their latest tab), by
/// name. `client` is the tab's key, as `saved` events name it.
pub async fn present(db: &DatabaseConnection, mission_id: i32) -> Result<Vec<Present>, AppError> {
    let since = Utc::now() - Duration::seconds(PRESENCE_TTL_SECS);
    let rows = live_presence::Entity::find()
        .filter(live_presence::Column::MissionId.eq(mission_id))
        .filter(live_presence::Column::SeenAt.gt(since))
        .order_by_desc(live_presence::Column::SeenAt)
        .limit(MAX_ROWS)
        .all(db)
        .await?;
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<Present> = rows
        .into_iter()
        .filter(|p| seen.insert(p.user_id))
        .take(MAX_PRESENT)
        .map(|p| Present {
            client: p.client_id,
            name: p.name,
            field: p.field,
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Forgets the tabs that stopped reporting (a crashed instance leaves its
/// rows behind; they are not shown anyway once past their time).
pub async fn purge_stale(db: &DatabaseConnection) -> Result<u64, AppError> {
    let before = Utc::now() - Duration::seconds(PRESENCE_TTL_SECS * 4);
    Ok(live_presence::Entity::delete_many()
        .filter(live_presence::Column::SeenAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids_are_short_and_plain() {
        assert!(client_id("abcdEFGH-1234_x").is_some());
        assert!(client_id("short").is_none());
        assert!(client_id(&"a".repeat(40)).is_some());
        assert!(client_id(&"a".repeat(41)).is_none());
        assert!(client_id("abcdefgh<script>").is_none());
        assert!(client_id("abcdefgh ijkl").is_none());
    }

    #[test]
    fn payloads_stay_under_the_postgresql_limit() {
        let big = LiveEvent::Saved {
            mission: 1,
            version: 2,
            client: "c".repeat(64),
            by: "x".repeat(10_000),
            fields: vec!["title".into()],
        };
        let p = payload(&big);
        assert!(p.len() <= MAX_PAYLOAD);
        assert_eq!(
            serde_json::from_str::<LiveEvent>(&p).unwrap().mission(),
            Some(1)
        );
        let small = LiveEvent::Presence { mission: 3 };
        assert_eq!(payload(&small), r#"{"t":"presence","mission":3}"#);
    }

    #[tokio::test]
    async fn the_local_bus_reaches_every_subscriber() {
        let bus = LocalBus::new();
        let (mut a, mut b) = (bus.subscribe(), bus.subscribe());
        bus.publish(LiveEvent::Presence { mission: 7 }).await;
        assert_eq!(a.recv().await.unwrap(), LiveEvent::Presence { mission: 7 });
        assert_eq!(b.recv().await.unwrap(), LiveEvent::Presence { mission: 7 });
    }
}
