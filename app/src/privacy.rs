//! Who sees what of a pool profile: one table, read by the backend when it
//! fills the wire types (`model::PoolCard`, `model::PoolProfileView`), so a
//! field a viewer may not see is never even sent to their browser.
//!
//! | viewer | profile active, not hidden from them | paused, or hidden from them |
//! |---|---|---|
//! | visitor, agent, moderator (not a manager) | nothing | nothing |
//! | manager, in a list (search, matching) | anonymous card | nothing |
//! | manager, on the profile page (logged) | card + name, administration, bio, rhythm | nothing |
//! | manager whose contact request was accepted | all that + e-mail | e-mail only, in their requests |
//! | the owner | everything (in "Mon espace") | everything |
//!
//! "Hidden from them": the profile hides from one of the manager's
//! administrations, or from its owner's own administration (the default)
//! and the manager is a member of it.

/// The field groups of a profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Visible {
    /// Job title, skills and levels, days a month, mode, location.
    pub card: bool,
    /// Full name, administration, bio, rhythm.
    pub identity: bool,
    /// The professional e-mail address.
    pub email: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Signed out, or signed in without being a member of an administration
    /// (moderators included).
    NotManager,
    Manager {
        /// The profile hides from (one of) the manager's administrations.
        hidden: bool,
        /// One of the manager's contact requests was accepted.
        accepted: bool,
    },
    Owner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Search results, the editor's matching panel, the applicants page.
    List,
    /// The profile's own page (each view is logged).
    Page,
    /// The manager's list of their contact requests.
    Requests,
}

pub fn visible(viewer: Viewer, paused: bool, place: Place) -> Visible {
    let none = Visible::default();
    match viewer {
        Viewer::NotManager => none,
        Viewer::Owner => Visible {
            card: true,
            identity: true,
            email: true,
        },
        Viewer::Manager { hidden, accepted } => match place {
            // Accepted contact stays reachable even if the profile is paused
            // or hidden later: the agent said yes to this one person.
            Place::Requests => Visible {
                card: false,
                identity: accepted,
                email: accepted,
            },
            _ if paused || hidden => none,
            Place::List => Visible { card: true, ..none },
            Place::Page => Visible {
                card: true,
                identity: true,
                email: accepted,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Place::*;

    const NONE: Visible = Visible {
        card: false,
        identity: false,
        email: false,
    };
    const CARD: Visible = Visible {
        card: true,
        identity: false,
        email: false,
    };
    const PAGE: Visible = Visible {
        card: true,
        identity: true,
        email: false,
    };
    const ALL: Visible = Visible {
        card: true,
        identity: true,
        email: true,
    };
    const CONTACT: Visible = Visible {
        card: false,
        identity: true,
        email: true,
    };

    fn manager(hidden: bool, accepted: bool) -> Viewer {
        Viewer::Manager { hidden, accepted }
    }

    /// The whole table, written out by hand: viewer × paused × place.
    #[test]
    fn who_sees_which_fields() {
        let table: &[(&str, Viewer, bool, Place, Visible)] = &[
            ("non-manager, list", Viewer::NotManager, false, List, NONE),
            ("non-manager, page", Viewer::NotManager, false, Page, NONE),
            (
                "non-manager, requests",
                Viewer::NotManager,
                false,
                Requests,
                NONE,
            ),
            ("manager, list", manager(false, false), false, List, CARD),
            ("manager, page", manager(false, false), false, Page, PAGE),
            (
                "manager, requests",
                manager(false, false),
                false,
                Requests,
                NONE,
            ),
            (
                "manager, paused, list",
                manager(false, false),
                true,
                List,
                NONE,
            ),
            (
                "manager, paused, page",
                manager(false, false),
                true,
                Page,
                NONE,
            ),
            (
                "hidden from manager, list",
                manager(true, false),
                false,
                List,
                NONE,
            ),
            (
                "hidden from manager, page",
                manager(true, false),
                false,
                Page,
                NONE,
            ),
            ("accepted, list", manager(false, true), false, List, CARD),
            ("accepted, page", manager(false, true), false, Page, ALL),
            (
                "accepted, requests",
                manager(false, true),
                false,
                Requests,
                CONTACT,
            ),
            (
                "accepted, paused, page",
                manager(false, true),
                true,
                Page,
                NONE,
            ),
            (
                "accepted, paused, requests",
                manager(false, true),
                true,
                Requests,
                CONTACT,
            ),
            (
                "accepted, hidden later, page",
                manager(true, true),
                false,
                Page,
                NONE,
            ),
            (
                "accepted, hidden later, requests",
                manager(true, true),
                false,
                Requests,
                CONTACT,
            ),
            ("owner", Viewer::Owner, false, Page, ALL),
            ("owner, paused", Viewer::Owner, true, Page, ALL),
        ];
        for (name, viewer, paused, place, want) in table {
            assert_eq!(visible(*viewer, *paused, *place), *want, "{name}");
        }
    }

    #[test]
    fn e_mail_never_without_acceptance() {
        for hidden in [false, true] {
            for paused in [false, true] {
                for place in [List, Page, Requests] {
                    assert!(!visible(manager(hidden, false), paused, place).email);
                    assert!(!visible(Viewer::NotManager, paused, place).email);
                }
            }
        }
    }
}
