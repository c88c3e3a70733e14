//! Wire types of the vivier as managers see it. Each is filled under the
//! rules of `crate::privacy`: a field the viewer may not see is `None` or
//! absent, never sent.

use super::ProfileSkill;
use serde::{Deserialize, Serialize};

/// The managers' search, mirroring the query string of
/// `/espace-administration/vivier`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolQuery {
    pub q: Option<String>,
    /// Skill slug → minimum level ("notions", "pratique", "expert").
    pub skills: Vec<(String, String)>,
    /// A mission mode code.
    pub mode: Option<String>,
    pub place: Option<String>,
    pub min_days: Option<i32>,
    pub page: Option<u32>,
}

/// An anonymous card: what a profile offers, never who it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolCard {
    /// The profile's opaque reference (its page's address).
    pub reference: String,
    pub job_title: String,
    pub lend: Vec<ProfileSkill>,
    pub grow: Vec<ProfileSkill>,
    pub days_per_month: i32,
    /// A remote preference code.
    pub remote: String,
    pub location: String,
    pub points: u32,
    /// Why it matches, in French.
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionChoice {
    pub id: i32,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolResults {
    pub cards: Vec<PoolCard>,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
}

/// How many pool profiles fit a mission, and the best few.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolMatches {
    pub total: u64,
    pub best: Vec<PoolCard>,
}

/// A profile's page, for a manager (each view is logged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolProfilePage {
    pub card: PoolCard,
    pub full_name: String,
    pub administration: String,
    pub bio: String,
    pub rhythm: String,
    /// Only once the agent accepted one of this manager's requests.
    pub email: Option<String>,
    /// The manager's missions a contact request can be about.
    pub missions: Vec<MissionChoice>,
    /// This manager's requests to this profile, newest first.
    pub requests: Vec<SentRequest>,
    /// Requests this manager may still send to this agent this month.
    pub remaining: u32,
}

/// A contact request as its sender sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRequest {
    pub id: i32,
    pub reference: String,
    pub mission_title: String,
    pub status: String,
    pub sent_at: String,
    pub answered_at: Option<String>,
    /// Name and e-mail once accepted.
    pub full_name: Option<String>,
    pub email: Option<String>,
}

/// A contact request as the agent sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedRequest {
    pub id: i32,
    /// The sender's name and administrations, as logged when they wrote.
    pub from: String,
    /// The sender's address, once accepted.
    pub from_email: Option<String>,
    pub mission_title: String,
    /// Set when the mission is published (its public page).
    pub mission_slug: Option<String>,
    pub message: String,
    pub status: String,
    pub sent_at: String,
}

/// One line of "Qui a consulté mon profil".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileLogLine {
    pub at: String,
    pub who: String,
    /// "consultation" or "demande_contact".
    pub kind: String,
    pub mission_title: Option<String>,
}

/// Contact request states and their labels.
pub const CONTACT_STATUSES: &[(&str, &str)] = &[
    ("envoyee", "En attente de réponse"),
    ("acceptee", "Acceptée"),
    ("refusee", "Déclinée"),
];

pub const LOG_KINDS: &[(&str, &str)] = &[
    ("consultation", "A consulté votre profil"),
    ("demande_contact", "Vous a envoyé une demande de contact"),
];
