//! The lifecycles of missions and applications, in one place.
//!
//! Every change of a mission's or an application's status goes through
//! [`MissionStatus::apply`] or [`ApplicationStatus::apply`]; the backend
//! stores the result with who did it, when and why. Pure code: no database,
//! so the rules are unit- and property-tested on their own.

use serde::{Deserialize, Serialize};

/// Who asks for a change, as far as the lifecycle cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// An owner (or co-owner) of the mission.
    Owner,
    /// DINUM staff.
    Moderator,
    /// The service itself (deadline passed, places filled).
    System,
}

/// Why a requested change is refused; the message is for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Cette action n’est pas possible pour une mission « {0} ».")]
    MissionState(&'static str),
    #[error("Cette action est réservée à {0}.")]
    NotYours(&'static str),
    #[error("Un commentaire est nécessaire pour cette action.")]
    CommentRequired,
    #[error("Cette action n’est pas possible pour une candidature « {0} ».")]
    ApplicationState(&'static str),
    #[error("L’accord du supérieur hiérarchique est nécessaire avant de retenir un agent.")]
    AgreementMissing,
    #[error("Indiquez le motif.")]
    ReasonRequired,
}

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The code stored in the database and used in URLs.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            /// The French label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    /// The states of a mission sheet.
    MissionStatus {
        Draft => "brouillon", "Brouillon";
        Submitted => "soumise", "Soumise à la modération";
        ChangesRequested => "a_modifier", "À modifier";
        Published => "publiee", "Publiée";
        Filled => "pourvue", "Pourvue";
        Finished => "terminee", "Terminée";
        Closed => "fermee", "Fermée";
        Expired => "expiree", "Expirée";
    }
}

codes! {
    /// What can be done to a mission's status.
    MissionAction {
        Submit => "soumettre", "Soumettre à la modération";
        RequestChanges => "demander_modifications", "Demander des modifications";
        Publish => "publier", "Publier";
        Unpublish => "depublier", "Dépublier";
        MarkFilled => "pourvoir", "Marquer comme pourvue";
        Finish => "terminer", "Marquer comme terminée";
        Close => "fermer", "Fermer";
        Expire => "expirer", "Expirer";
    }
}

impl MissionStatus {
    /// The sheet may be edited by its owners in these states.
    pub fn editable(self) -> bool {
        matches!(
            self,
            MissionStatus::Draft | MissionStatus::Submitted | MissionStatus::ChangesRequested
        )
    }

    /// Only published missions are public.
    pub fn public(self) -> bool {
        self == MissionStatus::Published
    }

    /// The status after `action` by `actor`, or why it is refused.
    /// `has_comment` tells whether a non-empty comment comes with the request.
    pub fn apply(
        self,
        action: MissionAction,
        actor: Actor,
        has_comment: bool,
    ) -> Result<MissionStatus, Refusal> {
        use MissionAction as A;
        use MissionStatus as S;
        let allowed: &[Actor] = match action {
            A::Submit => &[Actor::Owner],
            A::RequestChanges | A::Publish | A::Unpublish => &[Actor::Moderator],
            A::MarkFilled => &[Actor::Owner, Actor::System],
            A::Finish | A::Close => &[Actor::Owner, Actor::Moderator],
            A::Expire => &[Actor::System],
        };
        if !allowed.contains(&actor) {
            return Err(Refusal::NotYours(match allowed {
                [Actor::Owner] => "l’équipe de la mission",
                [Actor::Moderator] => "la modération",
                [Actor::System] => "au service lui-même",
                _ => "l’équipe de la mission ou à la modération",
            }));
        }
        // The owners must hear why a moderator stops or sends back their mission.
        let needs_comment = matches!(action, A::RequestChanges | A::Unpublish)
            || (action == A::Close && actor == Actor::Moderator);
        if needs_comment && !has_comment {
            return Err(Refusal::CommentRequired);
        }
        let next = match (self, action) {
            (S::Draft | S::ChangesRequested, A::Submit) => S::Submitted,
            (S::Submitted, A::RequestChanges) => S::ChangesRequested,
            (S::Submitted, A::Publish) => S::Published,
            (S::Published, A::Unpublish) => S::ChangesRequested,
            // Applications received before the deadline can still be taken.
            (S::Published | S::Expired, A::MarkFilled) => S::Filled,
            (S::Published, A::Expire) => S::Expired,
            (S::Filled, A::Finish) => S::Finished,
            (s, A::Close) if s != S::Closed => S::Closed,
            (s, _) => return Err(Refusal::MissionState(s.label())),
        };
        Ok(next)
    }
}

codes! {
    /// The states of an application.
    ApplicationStatus {
        Received => "recue", "Reçue";
        InDiscussion => "en_discussion", "En discussion";
        AgreementRequested => "accord_demande", "Accord du supérieur demandé";
        Selected => "retenue", "Retenue";
        NotSelected => "non_retenue", "Non retenue";
        Withdrawn => "retiree", "Retirée";
    }
}

codes! {
    /// What can be done to an application.
    ApplicationAction {
        Discuss => "discuter", "Passer en discussion";
        RequestAgreement => "demander_accord", "Demander l’accord du supérieur";
        Select => "retenir", "Retenir";
        Decline => "ne_pas_retenir", "Ne pas retenir";
        Withdraw => "retirer", "Retirer ma candidature";
    }
}

/// Who acts on an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationActor {
    /// The agent who applied.
    Applicant,
    /// An owner of the mission.
    MissionOwner,
}

/// Facts outside the application's status that some changes need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApplicationFacts {
    /// The line manager has agreed (possibly with a lower time budget).
    pub agreement_given: bool,
    /// A reason comes with the request.
    pub has_reason: bool,
}

impl ApplicationStatus {
    /// Nothing changes any more in these states.
    pub fn closed(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Selected
                | ApplicationStatus::NotSelected
                | ApplicationStatus::Withdrawn
        )
    }

    pub fn apply(
        self,
        action: ApplicationAction,
        actor: ApplicationActor,
        facts: ApplicationFacts,
    ) -> Result<ApplicationStatus, Refusal> {
        use ApplicationAction as A;
        use ApplicationStatus as S;
        let owner_action = !matches!(action, A::Withdraw);
        match (actor, owner_action) {
            (ApplicationActor::Applicant, true) => {
                return Err(Refusal::NotYours("l’équipe de la mission"))
            }
            (ApplicationActor::MissionOwner, false) => {
                return Err(Refusal::NotYours("l’agent qui a candidaté"))
            }
            _ => {}
        }
        if self.closed() {
            return Err(Refusal::ApplicationState(self.label()));
        }
        match (self, action) {
            (S::Received, A::Discuss) => Ok(S::InDiscussion),
            // Asking again (e.g. after a refusal or an expired link) is allowed.
            (S::Received | S::InDiscussion | S::AgreementRequested, A::RequestAgreement) => {
                Ok(S::AgreementRequested)
            }
            (S::AgreementRequested, A::Select) if facts.agreement_given => Ok(S::Selected),
            (_, A::Select) => Err(Refusal::AgreementMissing),
            (_, A::Decline) if !facts.has_reason => Err(Refusal::ReasonRequired),
            (_, A::Decline) => Ok(S::NotSelected),
            (_, A::Withdraw) => Ok(S::Withdrawn),
            (s, _) => Err(Refusal::ApplicationState(s.label())),
        }
    }
}

/// Reasons offered when an application is not selected.
pub const DECLINE_REASONS: &[(&str, &str)] = &[
    (
        "profil",
        "Le profil ne correspond pas aux besoins de la mission",
    ),
    ("disponibilite", "Les disponibilités ne correspondent pas"),
    (
        "refus_superieur",
        "Le supérieur hiérarchique n’a pas donné son accord",
    ),
    (
        "places_pourvues",
        "Toutes les places de la mission ont été pourvues",
    ),
    ("mission_annulee", "La mission est fermée ou annulée"),
    ("autre", "Autre motif"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ApplicationAction as AA;
    use ApplicationStatus as AS;
    use MissionAction as A;
    use MissionStatus as S;

    #[test]
    fn codes_round_trip() {
        for s in S::ALL {
            assert_eq!(S::from_code(s.code()), Some(*s));
        }
        for s in AS::ALL {
            assert_eq!(AS::from_code(s.code()), Some(*s));
        }
        assert_eq!(S::from_code("nope"), None);
    }

    #[test]
    fn the_happy_path_of_a_mission() {
        let s = S::Draft.apply(A::Submit, Actor::Owner, false).unwrap();
        assert_eq!(s, S::Submitted);
        let s = s.apply(A::RequestChanges, Actor::Moderator, true).unwrap();
        assert_eq!(s, S::ChangesRequested);
        let s = s.apply(A::Submit, Actor::Owner, false).unwrap();
        let s = s.apply(A::Publish, Actor::Moderator, false).unwrap();
        assert_eq!(s, S::Published);
        assert!(s.public());
        let s = s.apply(A::MarkFilled, Actor::System, false).unwrap();
        let s = s.apply(A::Finish, Actor::Owner, false).unwrap();
        assert_eq!(s, S::Finished);
    }

    #[test]
    fn owners_cannot_publish_and_moderators_need_a_comment() {
        assert_eq!(
            S::Submitted.apply(A::Publish, Actor::Owner, false),
            Err(Refusal::NotYours("la modération"))
        );
        assert_eq!(
            S::Submitted.apply(A::RequestChanges, Actor::Moderator, false),
            Err(Refusal::CommentRequired)
        );
        assert_eq!(
            S::Published.apply(A::Unpublish, Actor::Moderator, false),
            Err(Refusal::CommentRequired)
        );
        assert!(S::Draft.apply(A::Publish, Actor::Moderator, false).is_err());
        assert!(S::Published.apply(A::Expire, Actor::Owner, false).is_err());
        assert_eq!(
            S::Published.apply(A::Close, Actor::Moderator, false),
            Err(Refusal::CommentRequired)
        );
        assert!(S::Published.apply(A::Close, Actor::Owner, false).is_ok());
    }

    #[test]
    fn close_works_from_every_state_but_closed() {
        for s in S::ALL {
            let r = s.apply(A::Close, Actor::Moderator, true);
            assert_eq!(r.is_ok(), *s != S::Closed, "{s:?}");
            assert!(s.apply(A::Close, Actor::System, false).is_err());
        }
    }

    #[test]
    fn selecting_needs_the_line_managers_agreement() {
        let owner = ApplicationActor::MissionOwner;
        let none = ApplicationFacts::default();
        let agreed = ApplicationFacts {
            agreement_given: true,
            has_reason: false,
        };
        let s = AS::Received.apply(AA::Discuss, owner, none).unwrap();
        assert_eq!(
            s.apply(AA::Select, owner, agreed),
            Err(Refusal::AgreementMissing)
        );
        let s = s.apply(AA::RequestAgreement, owner, none).unwrap();
        assert_eq!(
            s.apply(AA::Select, owner, none),
            Err(Refusal::AgreementMissing)
        );
        assert_eq!(s.apply(AA::Select, owner, agreed), Ok(AS::Selected));
        assert_eq!(
            s.apply(AA::Decline, owner, none),
            Err(Refusal::ReasonRequired)
        );
        assert!(AS::Selected
            .apply(AA::Withdraw, ApplicationActor::Applicant, none)
            .is_err());
        assert!(AS::Received.apply(AA::Withdraw, owner, none).is_err());
        assert!(AS::Received
            .apply(AA::Discuss, ApplicationActor::Applicant, none)
            .is_err());
    }

    // A model of the mission lifecycle written differently: as the list of
    // edges of the spec's diagram. Random sequences of (action, actor) must
    // give the same result in both, and never leave the set of states.
    fn model(s: S, a: A, actor: Actor, comment: bool) -> Option<S> {
        const EDGES: &[(S, A, S)] = &[
            (S::Draft, A::Submit, S::Submitted),
            (S::ChangesRequested, A::Submit, S::Submitted),
            (S::Submitted, A::RequestChanges, S::ChangesRequested),
            (S::Submitted, A::Publish, S::Published),
            (S::Published, A::Unpublish, S::ChangesRequested),
            (S::Published, A::MarkFilled, S::Filled),
            (S::Published, A::Expire, S::Expired),
            (S::Expired, A::MarkFilled, S::Filled),
            (S::Filled, A::Finish, S::Finished),
        ];
        let who_ok = match a {
            A::Submit => actor == Actor::Owner,
            A::RequestChanges | A::Publish | A::Unpublish => actor == Actor::Moderator,
            A::MarkFilled => actor != Actor::Moderator,
            A::Finish | A::Close => actor != Actor::System,
            A::Expire => actor == Actor::System,
        };
        let comment_ok = comment
            || !(matches!(a, A::RequestChanges | A::Unpublish)
                || (a == A::Close && actor == Actor::Moderator));
        if !who_ok || !comment_ok {
            return None;
        }
        if a == A::Close {
            return (s != S::Closed).then_some(S::Closed);
        }
        EDGES
            .iter()
            .find(|(from, act, _)| *from == s && *act == a)
            .map(|(_, _, to)| *to)
    }

    fn any_step() -> impl Strategy<Value = (A, Actor, bool)> {
        (
            prop::sample::select(A::ALL.to_vec()),
            prop::sample::select(vec![Actor::Owner, Actor::Moderator, Actor::System]),
            any::<bool>(),
        )
    }

    proptest! {
        #[test]
        fn random_sequences_follow_the_model(steps in prop::collection::vec(any_step(), 0..40)) {
            let mut state = S::Draft;
            for (action, actor, comment) in steps {
                let got = state.apply(action, actor, comment).ok();
                prop_assert_eq!(got, model(state, action, actor, comment));
                if let Some(next) = got {
                    state = next;
                }
                // Closed is final; once finished or expired only Close moves on.
                prop_assert!(S::ALL.contains(&state));
            }
        }

        #[test]
        fn no_application_leaves_a_closed_state(
            steps in prop::collection::vec((
                prop::sample::select(AA::ALL.to_vec()),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            ), 0..30)
        ) {
            let mut state = AS::Received;
            for (action, by_owner, agreed, reason) in steps {
                let actor = if by_owner { ApplicationActor::MissionOwner } else { ApplicationActor::Applicant };
                let facts = ApplicationFacts { agreement_given: agreed, has_reason: reason };
                let before = state;
                if let Ok(next) = state.apply(action, actor, facts) {
                    prop_assert!(!before.closed());
                    if next == AS::Selected {
                        prop_assert!(agreed && before == AS::AgreementRequested);
                    }
                    state = next;
                }
            }
        }
    }
}
