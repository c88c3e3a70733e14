use super::alerts::{alerts_resource, AlertsSection};
use super::not_found::ErrorContent;
use super::pool_form::PoolFields;
use crate::api::applications::WithdrawApplication;
use crate::api::missions::{list_administrations, list_skills};
use crate::api::pool::{LeavePool, PausePoolProfile, UpdatePoolProfile};
use crate::api::space::my_space;
use crate::api::vivier::AnswerContactRequest;
use crate::components::form::CheckboxField;
use crate::components::live::ChangeNotice;
use crate::components::notice::{ErrorSummary, SuccessAlert};
use crate::error::AppError;
use crate::model::{
    label, MyApplication, PoolProfile, ProfileLogLine, ReceivedRequest, APPLICATION_STATUSES,
    CONTACT_STATUSES, LEVELS, LOG_KINDS, REMOTE_PREFS,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

const NOTICES: &[(&str, &str)] = &[
    ("candidature-envoyee", "Votre candidature a bien été envoyée. Le responsable de la mission vous répondra dans les meilleurs délais."),
    ("candidature-retiree", "Votre candidature a été retirée."),
    ("vivier-rejoint", "Bienvenue dans le vivier ! Votre profil n’est pas public."),
    ("profil-modifie", "Votre profil a été mis à jour."),
    ("profil-en-pause", "Votre profil est en pause : aucun responsable de mission ne vous contactera."),
    ("profil-reactive", "Votre profil est de nouveau actif."),
    ("vivier-quitte", "Vous avez quitté le vivier : votre profil a été supprimé."),
    ("demande-acceptee", "Vous avez accepté la demande : la personne voit maintenant votre adresse professionnelle et peut vous écrire."),
    ("demande-declinee", "Vous avez décliné la demande. La personne en est informée, sans autre détail."),
    ("alerte-creee", "Votre alerte est créée : vous recevrez par e-mail les nouvelles missions qui y correspondent."),
    ("alerte-supprimee", "Votre alerte a été supprimée."),
];

#[component]
pub fn MySpacePage() -> impl IntoView {
    let query = use_query_map();
    let info = Memo::new(move |_| query.read().get("info"));
    let space = Resource::new(move || info.get(), |_| my_space());
    let alerts = alerts_resource(info);
    let space_resource = space;
    // One action for every "Retirer" button, so its error shows once.
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let withdraw_error = Signal::derive(move || withdraw.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Mon espace — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || {
                space
                    .get()
                    .map(|result| match result {
                        Err(AppError::Unauthenticated) => view! { <Redirect path="/connexion?suite=/mon-espace" /> }.into_any(),
                        Err(error) => view! { <ErrorContent error /> }.into_any(),
                        Ok(space) => {
                            let notice = info
                                .get()
                                .and_then(|code| NOTICES.iter().find(|(c, _)| *c == code).map(|(_, t)| t.to_string()));
                            let shown = space.clone();
                            view! {
                                <div class="fr-container fr-my-6w">
                                    <ChangeNotice shown fetch=my_space refresh=move |_| space_resource.refetch() />
                                    {notice.map(|t| view! { <SuccessAlert title=t /> })}
                                    <h1>"Mon espace"</h1>
                                    <p>"Connecté avec l’adresse " <strong>{space.me.email.clone()}</strong></p>
                                    <h2>"Mes candidatures"</h2>
                                    {if space.applications.is_empty() {
                                        view! {
                                            <p>"Vous n’avez proposé vos talents pour aucune mission. " <a href="/missions">"Voir les missions"</a></p>
                                        }
                                        .into_any()
                                    } else {
                                        view! {
                                            <ErrorSummary error=withdraw_error />
                                            <ul class="fr-raw-list">
                                                {space.applications.into_iter().map(|a| view! { <ApplicationItem a withdraw /> }).collect_view()}
                                            </ul>
                                        }
                                        .into_any()
                                    }}
                                    <h2 class="fr-mt-6w">"Mon profil dans le vivier"</h2>
                                    {match space.profile {
                                        None => view! {
                                            <p>"Vous ne faites pas partie du vivier. " <a href="/vivier">"Rejoindre le vivier"</a></p>
                                        }
                                        .into_any(),
                                        Some(p) => view! {
                                            <ProfileSummary p />
                                            <ContactRequests requests=space.contact_requests.clone() />
                                            <ProfileLog log=space.profile_log.clone() />
                                        }
                                        .into_any(),
                                    }}
                                    <AlertsSection data=alerts />
                                </div>
                            }
                            .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

fn badge(status: &str) -> &'static str {
    match status {
        "retenue" => "fr-badge fr-badge--success",
        "non_retenue" | "retiree" => "fr-badge fr-badge--error",
        "recue" => "fr-badge fr-badge--info",
        _ => "fr-badge fr-badge--new",
    }
}

#[component]
fn ApplicationItem(a: MyApplication, withdraw: ServerAction<WithdrawApplication>) -> impl IntoView {
    let open =
        crate::lifecycle::ApplicationStatus::from_code(&a.status).is_some_and(|s| !s.closed());
    let href = format!("/missions/{}", a.mission_slug);
    let status = label(APPLICATION_STATUSES, &a.status).to_string();
    view! {
        <li class="fr-card fr-card--no-arrow fr-mb-3w">
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h3 class="fr-card__title"><a href=href>{a.mission_title.clone()}</a></h3>
                    <p class="fr-card__desc">{a.administration.clone()} " · envoyée le " {a.submitted_at.clone()}</p>
                    <div class="fr-card__start">
                        <p class=badge(&a.status)>{status}</p>
                    </div>
                    <details class="fr-mt-2w">
                        <summary>"Mon message"</summary>
                        <p class="fr-text--sm fr-text--bold fr-mb-0 fr-mt-1w">"Motivation"</p>
                        <p class="fr-text--sm tn-pre-line">{a.motivation.clone()}</p>
                        <p class="fr-text--sm fr-text--bold fr-mb-0">"Disponibilités"</p>
                        <p class="fr-text--sm tn-pre-line">{a.availability.clone()}</p>
                    </details>
                    <div class="fr-card__end">
                        <h4 class="fr-text--sm fr-text--bold fr-mb-1v">"Suivi"</h4>
                        <ol class="fr-text--sm">
                            {a.timeline
                                .into_iter()
                                .map(|e| view! {
                                    <li>{e.status} " — " {e.at} {e.note.map(|n| view! { <br /> {n} })}</li>
                                })
                                .collect_view()}
                        </ol>
                    </div>
                </div>
                {open.then(|| view! {
                    <div class="fr-card__footer">
                        <ActionForm action=withdraw>
                            <input type="hidden" name="id" value=a.id.to_string() />
                            <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit" disabled=move || withdraw.pending().get()>
                                "Retirer ma candidature"
                                <span class="fr-sr-only">" : " {a.mission_title.clone()}</span>
                            </button>
                        </ActionForm>
                    </div>
                })}
            </div>
        </li>
    }
}

#[component]
fn ContactRequests(requests: Vec<ReceivedRequest>) -> impl IntoView {
    let answer = ServerAction::<AnswerContactRequest>::new();
    let answer_error = Signal::derive(move || answer.value().get().and_then(|r| r.err()));
    view! {
        <h3 class="fr-mt-4w" id="demandes-de-contact">"Demandes de contact"</h3>
        {if requests.is_empty() {
            view! { <p>"Aucun responsable de mission ne vous a encore écrit."</p> }.into_any()
        } else {
            view! {
                <ErrorSummary error=answer_error />
                <ul class="fr-raw-list">
                    {requests
                        .into_iter()
                        .map(|r| {
                            let waiting = r.status == "envoyee";
                            let status = label(CONTACT_STATUSES, &r.status).to_string();
                            let mission = match r.mission_slug.clone() {
                                Some(slug) => view! { <a href=format!("/missions/{slug}")>{r.mission_title.clone()}</a> }.into_any(),
                                None => view! { <span>{r.mission_title.clone()}</span> }.into_any(),
                            };
                            view! {
                                <li class="fr-card fr-card--no-arrow fr-mb-3w tn-contact-request">
                                    <div class="fr-card__body">
                                        <div class="fr-card__content">
                                            <h4 class="fr-card__title fr-h6">{r.from.clone()}</h4>
                                            <p class="fr-card__desc">"Mission : " {mission} " · reçue le " {r.sent_at.clone()}</p>
                                            <div class="fr-card__start"><p class="fr-badge fr-badge--info">{status}</p></div>
                                            <p class="tn-pre-line fr-mt-2w">{r.message.clone()}</p>
                                            {r.from_email.clone().map(|email| {
                                                let mailto = format!("mailto:{email}");
                                                view! { <p>"Pour lui répondre : " <a href=mailto>{email}</a></p> }
                                            })}
                                        </div>
                                        {waiting.then(|| {
                                            let id = r.id.to_string();
                                            let id2 = id.clone();
                                            let who = r.from.clone();
                                            let who2 = who.clone();
                                            view! {
                                                <div class="fr-card__footer">
                                                    <ul class="fr-btns-group fr-btns-group--inline-sm">
                                                        <li>
                                                            <ActionForm action=answer>
                                                                <input type="hidden" name="id" value=id />
                                                                <input type="hidden" name="answer" value="accepter" />
                                                                <button class="fr-btn fr-btn--sm" type="submit" disabled=move || answer.pending().get()>
                                                                    "Accepter et communiquer mon adresse"
                                                                    <span class="fr-sr-only">" à " {who}</span>
                                                                </button>
                                                            </ActionForm>
                                                        </li>
                                                        <li>
                                                            <ActionForm action=answer>
                                                                <input type="hidden" name="id" value=id2 />
                                                                <input type="hidden" name="answer" value="decliner" />
                                                                <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit" disabled=move || answer.pending().get()>
                                                                    "Décliner"
                                                                    <span class="fr-sr-only">" la demande de " {who2}</span>
                                                                </button>
                                                            </ActionForm>
                                                        </li>
                                                    </ul>
                                                </div>
                                            }
                                        })}
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

#[component]
fn ProfileLog(log: Vec<ProfileLogLine>) -> impl IntoView {
    view! {
        <h3 class="fr-mt-4w" id="qui-a-consulte">"Qui a consulté mon profil"</h3>
        {if log.is_empty() {
            view! { <p>"Personne n’a encore consulté votre profil."</p> }.into_any()
        } else {
            view! {
                <div class="fr-table">
                    <table>
                        <caption class="fr-sr-only">"Qui a consulté mon profil"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Qui"</th>
                                <th scope="col">"Quoi"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {log
                                .into_iter()
                                .map(|l| view! {
                                    <tr>
                                        <td>{l.at.clone()}</td>
                                        <td>{l.who.clone()}</td>
                                        <td>
                                            {label(LOG_KINDS, &l.kind).to_string()}
                                            {l.mission_title.clone().map(|t| view! { " (mission « " {t} " »)" })}
                                        </td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

#[component]
fn ProfileSummary(p: PoolProfile) -> impl IntoView {
    let pause = ServerAction::<PausePoolProfile>::new();
    let leave = ServerAction::<LeavePool>::new();
    let leave_error = Signal::derive(move || leave.value().get().and_then(|r| r.err()));
    let paused = p.paused;
    let lend = p
        .lend
        .iter()
        .map(|s| {
            format!(
                "{} ({})",
                s.name,
                label(LEVELS, s.level.as_deref().unwrap_or(""))
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let grow = p
        .grow
        .iter()
        .map(|s| s.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let proposed = p
        .proposals
        .iter()
        .map(|s| match s.level.as_deref() {
            Some(level) if s.kind == "preter" => {
                format!("{} (à partager, niveau {})", s.term, label(LEVELS, level))
            }
            _ => format!("{} (à développer)", s.term),
        })
        .collect::<Vec<_>>();
    view! {
        <p>
            {if paused {
                view! { <span class="fr-badge fr-badge--warning">"En pause"</span> }.into_any()
            } else {
                view! { <span class="fr-badge fr-badge--success">"Actif"</span> }.into_any()
            }}
            " Mis à jour le " {p.updated_at.clone()}
        </p>
        <dl>
            <dt class="fr-text--bold">"Nom"</dt><dd>{p.full_name.clone()}</dd>
            <dt class="fr-text--bold">"Administration et fonction"</dt><dd>{p.administration.clone()} " — " {p.job_title.clone()}</dd>
            <dt class="fr-text--bold">"Compétences à partager"</dt><dd>{lend}</dd>
            <dt class="fr-text--bold">"Compétences à développer"</dt><dd>{if grow.is_empty() { "Aucune".to_string() } else { grow }}</dd>
            {(!proposed.is_empty()).then(|| view! {
                <dt class="fr-text--bold">"Compétences proposées, en attente de validation"</dt>
                <dd>
                    {proposed.join(", ")}
                    <p class="fr-hint-text fr-mb-0">"La modération les examine : ajoutées à la liste, elles rejoignent votre profil."</p>
                </dd>
            })}
            <dt class="fr-text--bold">"Disponibilité"</dt>
            <dd>{format!("{} jour(s) par mois", p.days_per_month)} {(!p.rhythm.is_empty()).then(|| format!(" — {}", p.rhythm))}</dd>
            <dt class="fr-text--bold">"Lieu"</dt><dd>{p.location.clone()} " — " {label(REMOTE_PREFS, &p.remote).to_string()}</dd>
            <dt class="fr-text--bold">"Visibilité"</dt>
            <dd>
                {if p.visible_to_own {
                    "Visible par les responsables de mission de votre administration".to_string()
                } else {
                    "Masqué aux responsables de mission de votre administration".to_string()
                }}
                {(!p.hidden_from.is_empty()).then(|| format!(" ; masqué aussi à {} autre(s) administration(s)", p.hidden_from.len()))}
            </dd>
        </dl>
        <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
            <li><a class="fr-btn" href="/mon-espace/vivier">"Modifier mon profil"</a></li>
            <li>
                <ActionForm action=pause>
                    <input type="hidden" name="paused" value=if paused { "false" } else { "true" } />
                    <button class="fr-btn fr-btn--secondary" type="submit" disabled=move || pause.pending().get()>
                        {if paused { "Réactiver mon profil" } else { "Mettre mon profil en pause" }}
                    </button>
                </ActionForm>
            </li>
        </ul>
        <h3 class="fr-mt-4w">"Quitter le vivier"</h3>
        <p>"Votre profil sera définitivement supprimé. Vos candidatures ne sont pas concernées."</p>
        <ErrorSummary error=leave_error />
        <ActionForm action=leave attr:novalidate="">
            <CheckboxField name="confirm" label="Je confirme vouloir supprimer mon profil du vivier" error=leave_error />
            <button class="fr-btn fr-btn--tertiary fr-mt-2w" type="submit" disabled=move || leave.pending().get()>"Quitter le vivier"</button>
        </ActionForm>
    }
}

#[component]
pub fn EditPoolPage() -> impl IntoView {
    let space = Resource::new(|| (), |_| my_space());
    let skills = Resource::new(|| (), |_| list_skills());
    let administrations = Resource::new(|| (), |_| list_administrations());
    let action = ServerAction::<UpdatePoolProfile>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Modifier mon profil du vivier — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || {
                let space = space.get()?;
                let skills = skills.get()?;
                let administrations = administrations.get()?;
                let skills = skills.and_then(|s| administrations.map(|a| (s, a)));
                Some(match (space, skills) {
                    (Err(AppError::Unauthenticated), _) => view! { <Redirect path="/connexion?suite=/mon-espace/vivier" /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorContent error /> }.into_any(),
                    (Ok(space), Ok((skills, administrations))) => match space.profile {
                        None => view! { <Redirect path="/vivier" /> }.into_any(),
                        Some(profile) => view! {
                            <div class="fr-container fr-my-6w">
                                <div class="fr-grid-row">
                                    <div class="fr-col-12 fr-col-md-9">
                                        <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/mon-espace">"Retour à mon espace"</a></p>
                                        <h1>"Modifier mon profil du vivier"</h1>
                                        <ErrorSummary error />
                                        <ActionForm action attr:novalidate="">
                                            <PoolFields skills administrations initial=Some(profile) error />
                                            <button class="fr-btn" type="submit" disabled=move || action.pending().get()>"Enregistrer"</button>
                                        </ActionForm>
                                    </div>
                                </div>
                            </div>
                        }
                        .into_any(),
                    },
                })
            }}
        </Suspense>
    }
}
