//! One page per file.

pub mod admin_space;
pub mod administrations;
pub mod agreement;
pub mod alerts;
pub mod applicants;
pub mod apply;
pub mod editor;
pub mod home;
pub mod how_it_works;
pub mod legal;
pub mod mission;
pub mod missions;
pub mod moderation;
pub mod my_space;
pub mod not_found;
pub mod outbox;
pub mod pool;
pub mod pool_form;
pub mod sign_in;
pub mod skills_admin;
pub mod vivier;
