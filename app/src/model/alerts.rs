//! E-mail alerts as their owner sees them.

use super::{AdministrationOption, SkillFamily};
use serde::{Deserialize, Serialize};

/// How often an alert's digest goes out (code, label).
pub const ALERT_FREQUENCIES: &[(&str, &str)] = &[
    ("quotidienne", "Chaque jour (vers 7 h)"),
    ("hebdomadaire", "Chaque semaine (le lundi vers 7 h)"),
];

/// At most this many alerts per person.
pub const MAX_ALERTS: usize = 10;

/// One of my alerts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAlert {
    pub id: i32,
    /// Its criteria in words ("« données » · À distance").
    pub label: String,
    pub frequency: String,
    /// When the next digest is due, in Paris time.
    pub next_at: String,
}

/// "Mes alertes": my alerts and what the creation form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAlertsData {
    pub alerts: Vec<MyAlert>,
    pub max: usize,
    /// At most this many digests per month, all my alerts together.
    pub per_month: u64,
    /// Whether I have a pool profile (its skills can be a criterion).
    pub has_profile: bool,
    pub skills: Vec<SkillFamily>,
    pub administrations: Vec<AdministrationOption>,
}

/// What the unsubscribe link's holder is shown before confirming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeInfo {
    pub label: String,
    pub frequency: String,
}
