//! Who may call what: the administrations' side's rights as one table.
//!
//! Every server function of the administrations' side and of moderation
//! names its [`Operation`] and asks [`check`] with what the caller is for the
//! mission at hand. The README repeats this table; the tests walk it whole.

use crate::lifecycle::MissionStatus;
use serde::{Deserialize, Serialize};

/// What the caller is, for one request (and one mission, when there is one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub signed_in: bool,
    /// Member of an administration ("responsable de mission"): for an
    /// operation on a mission, of that mission's administration; otherwise
    /// of any.
    pub manager: bool,
    pub moderator: bool,
    /// Owner or co-owner of the mission concerned (for an operation on no
    /// mission in particular: of at least one mission).
    pub owner: bool,
}

/// Server functions that need more than being signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Operation {
    /// `my_missions`: the missions I own.
    ListMyMissions,
    /// `create_mission`: a new draft in one of my administrations.
    CreateMission,
    /// `mission_editor`: the whole sheet with its history (any state).
    ViewSheet,
    /// `save_mission`: change the fields of the sheet.
    EditSheet,
    /// `duplicate_mission`: a new draft from this sheet.
    Duplicate,
    /// `submit_mission`.
    Submit,
    /// `close_mission` (and "terminée" once filled).
    Close,
    /// `moderation_queue`.
    ModerationQueue,
    /// `moderate_mission`: publish, request changes, unpublish.
    Moderate,
    /// `manage_administrations`: administrations and their members.
    ManageAdministrations,
    /// `skills_admin` and the decisions on the skills list: proposals
    /// merged, added or refused, synonyms added.
    ManageSkills,
    /// `mission_applications`: the applications with motivations and line managers.
    ViewApplications,
    /// `move_application`, `request_agreement`.
    HandleApplications,
    /// `invite_co_owner`.
    InviteCoOwner,
    /// `remove_co_owner`.
    RemoveCoOwner,
    /// `search_pool`, `pool_matches`: anonymous cards of the vivier.
    SearchPool,
    /// `pool_profile`: a profile's page (logged, shown to the agent).
    ViewPoolProfile,
    /// `contact_pool_member`: a request tied to one of my missions.
    ContactPoolMember,
}

/// Who may call an operation (always signed in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Owner,
    /// An owner who is also a member of the mission's administration (what
    /// creates missions or hands them to others stays with its members).
    OwnerAndMember,
    Moderator,
    OwnerOrModerator,
    Manager,
    ManagerOrModerator,
    /// A manager, a moderator, or someone invited to co-own a mission.
    ManagerOwnerOrModerator,
}

/// In which mission states (None: no mission concerned, or any state).
pub type States = Option<fn(MissionStatus) -> bool>;

/// The table. One line per operation.
pub const RIGHTS: &[(Operation, Who, States, &str)] = &[
    (
        Operation::ListMyMissions,
        Who::ManagerOwnerOrModerator,
        None,
        "missions dont je suis responsable",
    ),
    (
        Operation::CreateMission,
        Who::Manager,
        None,
        "brouillon dans une de mes administrations",
    ),
    (
        Operation::ViewSheet,
        Who::OwnerOrModerator,
        None,
        "fiche entière, historique, responsables",
    ),
    (
        Operation::EditSheet,
        Who::Owner,
        Some(MissionStatus::editable),
        "champs de la fiche",
    ),
    (
        Operation::Duplicate,
        Who::OwnerAndMember,
        None,
        "copie en brouillon dans la même administration",
    ),
    (
        Operation::Submit,
        Who::Owner,
        Some(submittable),
        "fiche complète",
    ),
    (
        Operation::Close,
        Who::OwnerOrModerator,
        Some(closable),
        "commentaire facultatif",
    ),
    (
        Operation::ModerationQueue,
        Who::Moderator,
        None,
        "missions soumises et écarts",
    ),
    (
        Operation::Moderate,
        Who::Moderator,
        Some(moderatable),
        "commentaire requis pour les demandes",
    ),
    (
        Operation::ManageAdministrations,
        Who::Moderator,
        None,
        "administrations et membres",
    ),
    (
        Operation::ManageSkills,
        Who::Moderator,
        None,
        "liste des compétences, synonymes et propositions",
    ),
    (
        Operation::ViewApplications,
        Who::OwnerOrModerator,
        None,
        "candidatures, motivations, supérieurs",
    ),
    (
        Operation::HandleApplications,
        Who::Owner,
        Some(handles_applications),
        "statuts, accord du supérieur",
    ),
    (
        Operation::InviteCoOwner,
        Who::OwnerAndMember,
        Some(not_closed),
        "adresse professionnelle, pas un candidat de la mission",
    ),
    (
        Operation::RemoveCoOwner,
        Who::OwnerOrModerator,
        None,
        "jamais le dernier responsable",
    ),
    (
        Operation::SearchPool,
        Who::Manager,
        None,
        "cartes anonymes, profils visibles seulement (voir privacy)",
    ),
    (
        Operation::ViewPoolProfile,
        Who::Manager,
        None,
        "chaque consultation est journalisée et montrée à l’agent",
    ),
    (
        Operation::ContactPoolMember,
        Who::Manager,
        None,
        "pour une de mes missions, nombre limité par agent et par mois",
    ),
];

fn submittable(s: MissionStatus) -> bool {
    matches!(s, MissionStatus::Draft | MissionStatus::ChangesRequested)
}
fn closable(s: MissionStatus) -> bool {
    s != MissionStatus::Closed
}
fn moderatable(s: MissionStatus) -> bool {
    matches!(s, MissionStatus::Submitted | MissionStatus::Published)
}
fn handles_applications(s: MissionStatus) -> bool {
    matches!(
        s,
        MissionStatus::Published | MissionStatus::Expired | MissionStatus::Filled
    )
}
fn not_closed(s: MissionStatus) -> bool {
    !matches!(s, MissionStatus::Closed | MissionStatus::Finished)
}

/// Why a call is refused. `Unauthenticated` becomes a 401, the others 403
/// (`WrongState` a 409: the caller may, but not now).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    Unauthenticated,
    Forbidden(&'static str),
    WrongState(&'static str),
}

pub fn check(op: Operation, caller: Caller, status: Option<MissionStatus>) -> Result<(), Denied> {
    if !caller.signed_in {
        return Err(Denied::Unauthenticated);
    }
    let Some((_, who, states, _)) = RIGHTS.iter().find(|(o, ..)| *o == op) else {
        return Err(Denied::Forbidden("Action inconnue."));
    };
    let ok = match who {
        Who::Owner => caller.owner,
        Who::OwnerAndMember => caller.owner && caller.manager,
        Who::Moderator => caller.moderator,
        Who::OwnerOrModerator => caller.owner || caller.moderator,
        Who::Manager => caller.manager,
        Who::ManagerOrModerator => caller.manager || caller.moderator,
        Who::ManagerOwnerOrModerator => caller.manager || caller.owner || caller.moderator,
    };
    if !ok {
        return Err(Denied::Forbidden(match who {
            Who::Owner => "Seule l’équipe de cette mission peut faire cela.",
            Who::OwnerAndMember => {
                "Seule l’équipe de la mission, au sein de son administration, peut faire cela."
            }
            Who::Moderator => "Cette action est réservée à la modération.",
            Who::OwnerOrModerator => "Cette mission n’est pas l’une des vôtres.",
            Who::Manager => {
                "Cette action est réservée aux responsables de mission d’une administration."
            }
            Who::ManagerOrModerator | Who::ManagerOwnerOrModerator => {
                "Cet espace est réservé aux administrations et à la modération."
            }
        }));
    }
    if let (Some(allowed), Some(s)) = (states, status) {
        if !allowed(s) {
            return Err(Denied::WrongState(s.label()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use MissionStatus as S;
    use Operation as Op;

    fn callers() -> Vec<(&'static str, Caller)> {
        let signed = Caller {
            signed_in: true,
            ..Caller::default()
        };
        vec![
            ("visiteur", Caller::default()),
            ("agent", signed),
            (
                "responsable",
                Caller {
                    manager: true,
                    ..signed
                },
            ),
            (
                "propriétaire",
                Caller {
                    manager: true,
                    owner: true,
                    ..signed
                },
            ),
            (
                "co-responsable invité",
                Caller {
                    owner: true,
                    ..signed
                },
            ),
            (
                "modérateur",
                Caller {
                    moderator: true,
                    ..signed
                },
            ),
        ]
    }

    /// Expected answers written out by hand: caller → operations allowed
    /// (in a state where the operation makes sense).
    fn expected(name: &str, op: Op) -> bool {
        use Op::*;
        match name {
            "visiteur" | "agent" => false,
            "responsable" => matches!(
                op,
                ListMyMissions | CreateMission | SearchPool | ViewPoolProfile | ContactPoolMember
            ),
            "propriétaire" => !matches!(
                op,
                ModerationQueue | Moderate | ManageAdministrations | ManageSkills
            ),
            // Not a member of an administration: cannot start a mission.
            "co-responsable invité" => !matches!(
                op,
                CreateMission
                    | Duplicate
                    | InviteCoOwner
                    | ModerationQueue
                    | Moderate
                    | ManageAdministrations
                    | SearchPool
                    | ViewPoolProfile
                    | ContactPoolMember
                    | ManageSkills
            ),
            "modérateur" => matches!(
                op,
                ListMyMissions
                    | ViewSheet
                    | Close
                    | ModerationQueue
                    | Moderate
                    | ManageAdministrations
                    | ManageSkills
                    | ViewApplications
                    | RemoveCoOwner
            ),
            _ => unreachable!(),
        }
    }

    fn state_where_possible(op: Op) -> S {
        match op {
            Op::Moderate => S::Submitted,
            Op::HandleApplications => S::Published,
            _ => S::Draft,
        }
    }

    #[test]
    fn every_operation_for_every_caller() {
        let ops: Vec<Op> = RIGHTS.iter().map(|(o, ..)| *o).collect();
        assert_eq!(ops.len(), 18);
        for (name, caller) in callers() {
            for op in &ops {
                let got = check(*op, caller, Some(state_where_possible(*op)));
                let want = expected(name, *op);
                assert_eq!(got.is_ok(), want, "{name} × {op:?}: {got:?}");
                if name == "visiteur" {
                    assert_eq!(got, Err(Denied::Unauthenticated));
                }
            }
        }
    }

    #[test]
    fn states_limit_what_owners_and_moderators_do() {
        let owner = Caller {
            signed_in: true,
            manager: true,
            owner: true,
            moderator: false,
        };
        let moderator = Caller {
            signed_in: true,
            moderator: true,
            ..Caller::default()
        };
        for s in S::ALL {
            assert_eq!(
                check(Op::EditSheet, owner, Some(*s)).is_ok(),
                s.editable(),
                "{s:?}"
            );
            assert_eq!(
                check(Op::Moderate, moderator, Some(*s)).is_ok(),
                matches!(s, S::Submitted | S::Published)
            );
            assert_eq!(
                check(Op::HandleApplications, owner, Some(*s)).is_ok(),
                matches!(s, S::Published | S::Expired | S::Filled)
            );
            // Viewing never depends on the state.
            assert!(check(Op::ViewSheet, owner, Some(*s)).is_ok());
            assert!(check(Op::ViewSheet, moderator, Some(*s)).is_ok());
        }
        assert!(matches!(
            check(Op::EditSheet, owner, Some(S::Published)),
            Err(Denied::WrongState(_))
        ));
    }
}
