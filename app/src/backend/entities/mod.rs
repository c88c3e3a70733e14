//! sea-orm entities: the database's shape, used only on the server.

pub mod administration;
pub mod agreement_request;
pub mod alert_delivery;
pub mod alert_digest;
pub mod application;
pub mod application_event;
pub mod live_presence;
pub mod mission;
pub mod mission_alert;
pub mod mission_document;
pub mod mission_event;
pub mod mission_owner;
pub mod mission_revision;
pub mod mission_skill;
pub mod outgoing_email;
pub mod pool_profile;
pub mod pool_profile_skill;
pub mod session;
pub mod sign_in_token;
pub mod skill;
pub mod skill_family;
pub mod user;
pub mod user_role;
