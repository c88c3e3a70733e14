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

/// The fields of a sheet, by form name, with their labels.
pub const FIELD_LABELS: &[(&str, &str)] = &[
    ("title", "Titre"),
    ("service", "Service"),
    ("nature", "Nature"),
    ("skills", "Compétences"),
    ("skills_text", "Précisions sur les compétences"),
    ("description", "Contexte et description"),
    ("deliverables", "Livrables"),
    ("learning", "Ce que l’agent apprendra"),
    ("effort_text", "Effort et rythme"),
    ("effort_days", "Estimation en jours"),
    ("start_date", "Début"),
    ("end_date", "Fin"),
    ("deadline", "Date limite de candidature"),
    ("location", "Lieu"),
    ("mode", "Modalité"),
    ("places", "Places"),
];

/// The label of a field (`skills[data]` is the skills field).
pub fn field_label(name: &str) -> Option<&'static str> {
    let name = field_of_input(name);
    FIELD_LABELS
        .iter()
        .find(|(key, _)| *key == name)
        .map(|(_, label)| *label)
}

/// The sheet field an input of the form belongs to.
pub fn field_of_input(name: &str) -> &str {
    if name.starts_with("skills[") {
        "skills"
    } else {
        name
    }
}

impl SheetForm {
    /// One field as a string: as typed, with line ends and outer spaces
    /// normalised; the skills as their sorted slugs joined by commas.
    pub fn get(&self, field: &str) -> String {
        let raw = match field {
            "title" => &self.title,
            "service" => &self.service,
            "nature" => &self.nature,
            "skills" => return self.skills.keys().cloned().collect::<Vec<_>>().join(","),
            "skills_text" => &self.skills_text,
            "description" => &self.description,
            "deliverables" => &self.deliverables,
            "learning" => &self.learning,
            "effort_text" => &self.effort_text,
            "effort_days" => &self.effort_days,
            "start_date" => &self.start_date,
            "end_date" => &self.end_date,
            "deadline" => &self.deadline,
            "location" => &self.location,
            "mode" => &self.mode,
            "places" => &self.places,
            _ => return String::new(),
        };
        raw.replace("\r\n", "\n").trim().to_string()
    }

    /// Sets one field from a string in the form of `get`.
    pub fn set(&mut self, field: &str, value: String) {
        let slot = match field {
            "title" => &mut self.title,
            "service" => &mut self.service,
            "nature" => &mut self.nature,
            "skills" => {
                self.skills = value
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| (s.to_string(), "on".to_string()))
                    .collect();
                return;
            }
            "skills_text" => &mut self.skills_text,
            "description" => &mut self.description,
            "deliverables" => &mut self.deliverables,
            "learning" => &mut self.learning,
            "effort_text" => &mut self.effort_text,
            "effort_days" => &mut self.effort_days,
            "start_date" => &mut self.start_date,
            "end_date" => &mut self.end_date,
            "deadline" => &mut self.deadline,
            "location" => &mut self.location,
            "mode" => &mut self.mode,
            "places" => &mut self.places,
            _ => return,
        };
        *slot = value;
    }
}

/// What a save returns: the sheet as now stored (merged with what others
/// saved meanwhile), its version, the preview, and the fields where someone
/// else saved another value since the version the save was based on: those
/// keep the stored value until the editor chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: i32,
    pub saved_at: String,
    pub preview: MissionSheet,
    pub form: SheetForm,
    pub conflicts: Vec<Conflict>,
}

/// One field saved meanwhile by someone else with another value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The form name (`title`, `skills`…).
    pub field: String,
    pub label: String,
    /// The stored value, in the form of `SheetForm::get`.
    pub theirs: String,
    /// The same, readable (skills by name, choices by label).
    pub theirs_readable: String,
    pub mine_readable: String,
    pub by: String,
}

/// Someone else with the sheet open, and the field they are in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Present {
    /// Their editor's id (a browser tab).
    pub client: String,
    pub name: String,
    pub field: Option<String>,
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

/// What the live bus carries between instances and to open editors: ids,
/// versions and field names, never whole rows (each message stays far
/// below 8 KB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum LiveEvent {
    /// A save of `mission` produced `version`; `client` is the editor (tab)
    /// it came from, `fields` what it changed.
    Saved {
        mission: i32,
        version: i32,
        client: String,
        by: String,
        fields: Vec<String>,
    },
    /// Someone opened, left or moved within `mission`'s editor.
    Presence { mission: i32 },
    /// Events may have been missed (the bus reconnected): every open
    /// editor fetches its sheet again.
    Resync,
}

impl LiveEvent {
    pub fn mission(&self) -> Option<i32> {
        match self {
            LiveEvent::Saved { mission, .. } | LiveEvent::Presence { mission } => Some(*mission),
            LiveEvent::Resync => None,
        }
    }
}
