//! Wire types of the administrations' side and of moderation.

use super::MissionSheet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The mission sheet as the editor's form holds it: every field as typed.
/// `skills` maps the slugs of the chosen skills to "on" (HTML checkboxes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetForm {
    pub title: String,
    pub service: String,
    pub nature: String,
    pub skills: BTreeMap<String, String>,
    pub skills_text: String,
    pub description: String,
    pub deliverables: String,
    pub learning: String,
    pub effort_text: String,
    pub effort_days: String,
    pub start_date: String,
    pub end_date: String,
    pub deadline: String,
    pub location: String,
    pub mode: String,
    pub places: String,
}

/// One line of "my missions".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyMission {
    pub id: i32,
    pub title: String,
    pub administration: String,
    pub status: String,
    pub status_label: String,
    pub updated_at: String,
    pub applications: u64,
    /// Public address once published.
    pub slug: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSpaceData {
    pub is_manager: bool,
    pub is_moderator: bool,
    pub administrations: Vec<String>,
    pub missions: Vec<MyMission>,
}

/// One change of a mission's status, as its sheet shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryItem {
    pub at: String,
    pub status_label: String,
    pub action_label: String,
    pub who: String,
    pub comment: Option<String>,
}

/// An action the viewer may take now on a mission (code and label).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionOption {
    pub code: String,
    pub label: String,
}

/// Everything the editor page needs. Sent only to owners and moderators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    pub id: i32,
    pub version: i32,
    pub status: String,
    pub status_label: String,
    pub editable: bool,
    pub is_owner: bool,
    /// May add a co-owner now.
    pub can_invite: bool,
    pub can_remove_owners: bool,
    pub can_duplicate: bool,
    pub form: SheetForm,
    pub preview: MissionSheet,
    pub history: Vec<HistoryItem>,
    pub owners: Vec<String>,
    pub actions: Vec<ActionOption>,
    pub skills: Vec<super::SkillFamily>,
    /// The last moderation comment, when changes were requested.
    pub last_comment: Option<String>,
}

/// What a save returns: the new version and the preview to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: i32,
    pub saved_at: String,
    pub preview: MissionSheet,
}

/// One field that changed since the last review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// A mission waiting for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i32,
    /// The version reviewed: publishing another one is refused.
    pub version: i32,
    pub title: String,
    pub administration: String,
    pub status: String,
    pub submitted_at: String,
    pub first_review: bool,
    pub changes: Vec<FieldChange>,
    pub preview: MissionSheet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationData {
    pub submitted: Vec<QueueItem>,
    pub published: Vec<MyMission>,
}

/// The line manager's agreement for one application, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub asked_at: String,
    pub manager_email: String,
    pub time_asked: String,
    pub answer: Option<String>,
    pub given: bool,
    pub time_agreed: Option<String>,
    pub reason: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<String>,
    pub expired: bool,
}

/// One application as the mission's owners (and moderators) see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub submitted_at: String,
    pub motivation: String,
    pub availability: String,
    pub skills_offered: String,
    pub manager_name: String,
    pub manager_email: String,
    pub status: String,
    pub status_label: String,
    pub decline_reason: Option<String>,
    pub timeline: Vec<super::TimelineEvent>,
    pub agreement: Option<Agreement>,
    /// The viewer may move this application now.
    pub may_handle: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantsData {
    pub mission_id: i32,
    pub mission_title: String,
    pub status_label: String,
    pub places: i32,
    pub applicants: Vec<Applicant>,
    /// (code, label) of the reasons for "non retenue".
    pub reasons: Vec<(String, String)>,
}

/// What a line manager sees behind their link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementPage {
    pub manager_name: String,
    pub agent_name: String,
    pub mission_title: String,
    pub host_administration: String,
    pub service: String,
    pub time_asked: String,
    pub effort_days: Option<i32>,
    pub period: String,
    pub agreement: Agreement,
}

/// `/moderation/administrations`: every administration with its members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdministrationsData {
    pub administrations: Vec<AdministrationRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdministrationRow {
    pub id: i32,
    pub name: String,
    pub acronym: String,
    pub missions: u64,
    pub members: Vec<Member>,
}

/// A member ("responsable de mission") of an administration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The membership's id (what removing it names).
    pub id: i32,
    pub email: String,
}
