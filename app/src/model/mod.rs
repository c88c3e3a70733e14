//! Wire types shared by the browser and the server. They are not database
//! entities: the backend maps entities to these in one place and fills only
//! the fields the viewer may see.

use serde::{Deserialize, Serialize};

mod admin;
mod alerts;
mod labels;
mod vivier;
pub use admin::*;
pub use alerts::*;
pub use labels::*;
pub use vivier::*;
mod skills;
pub use skills::*;

/// A skill as offered in filters and forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillOption {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillFamily {
    pub name: String,
    pub skills: Vec<SkillOption>,
    /// Skill slug → a few of its synonyms, shown as hints where agents
    /// pick their skills (`list_skills` only; empty elsewhere).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdministrationOption {
    pub slug: String,
    pub name: String,
}

/// Filters of the public mission list; every field is optional and mirrors
/// the query string of `/missions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionFilters {
    pub q: Option<String>,
    pub competence: Option<String>,
    pub administration: Option<String>,
    pub modalite: Option<String>,
    pub page: Option<u32>,
}

/// One line of the mission list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionSummary {
    pub slug: String,
    pub title: String,
    pub administration: String,
    pub service: String,
    pub skills: Vec<SkillOption>,
    pub effort_text: String,
    pub location: String,
    pub mode: String,
    pub deadline: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionPage {
    pub missions: Vec<MissionSummary>,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    pub skills: Vec<SkillFamily>,
    pub administrations: Vec<AdministrationOption>,
}

/// The whole public sheet of a published mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionSheet {
    pub slug: String,
    pub title: String,
    pub administration: String,
    pub service: String,
    pub skills: Vec<SkillOption>,
    pub skills_text: String,
    pub nature: String,
    /// Sanitised HTML rendered from the Markdown description.
    pub description_html: String,
    pub deliverables: Option<String>,
    pub learning: Option<String>,
    pub effort_text: String,
    pub effort_days: Option<i32>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub deadline: Option<String>,
    pub location: String,
    pub mode: String,
    pub places: i32,
    pub details_pdf_label: String,
    /// The attached PDF, when there is one (the label then names it).
    pub details_pdf_url: Option<String>,
    pub published_at: Option<String>,
    /// Whether applications are still open (published and deadline not passed).
    pub open: bool,
}

/// The signed-in user as the pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub email: String,
    pub display_name: Option<String>,
    /// May open "Espace administration" (member, co-owner or moderator).
    pub admin_space: bool,
    pub moderator: bool,
}

/// An application as its author sees it, with its timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplication {
    pub id: i32,
    pub mission_slug: String,
    pub mission_title: String,
    pub administration: String,
    pub status: String,
    pub submitted_at: String,
    pub motivation: String,
    pub availability: String,
    pub timeline: Vec<TimelineEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub status: String,
    pub at: String,
    pub note: Option<String>,
}

/// A skill chosen in a pool profile; `level` is set for skills to lend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSkill {
    pub slug: String,
    pub name: String,
    pub level: Option<String>,
}

/// The owner's own view of their pool profile. Never sent to anyone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolProfile {
    pub full_name: String,
    pub administration: String,
    pub job_title: String,
    pub lend: Vec<ProfileSkill>,
    pub grow: Vec<ProfileSkill>,
    pub days_per_month: i32,
    pub rhythm: String,
    pub location: String,
    pub remote: String,
    pub bio: String,
    pub paused: bool,
    pub updated_at: String,
    /// Slug of the agent's administration in the list, if any.
    pub home_administration: Option<String>,
    pub visible_to_own: bool,
    /// Slugs of the administrations the profile hides from.
    pub hidden_from: Vec<String>,
    /// Skills I proposed that are not in the list yet (waiting for a
    /// moderator).
    #[serde(default)]
    pub proposals: Vec<ProposedSkill>,
}

/// A skill proposed on a pool profile: `kind` "preter" (with `level`) or
/// "developper".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedSkill {
    pub term: String,
    pub kind: String,
    pub level: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySpaceData {
    pub me: Me,
    pub applications: Vec<MyApplication>,
    pub profile: Option<PoolProfile>,
    pub contact_requests: Vec<ReceivedRequest>,
    pub profile_log: Vec<ProfileLogLine>,
}

/// A message of the development outbox (demo mode only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
}

/// Site-wide facts every page may need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteContext {
    pub demo: bool,
    pub me: Option<Me>,
}
