//! `/espace-administration/missions/{id}/candidatures`: each application,
//! its timeline and the line manager's agreement; the owners move it on.

use super::not_found::ErrorContent;
use crate::api::applicants::{mission_applications, MoveApplication, RequestAgreement};
use crate::api::vivier::mission_pool_matches;
use crate::components::live::ChangeNotice;
use crate::components::notice::{ErrorSummary, SuccessAlert};
use crate::components::pool_card::PoolCardView;
use crate::error::AppError;
use crate::model::{Applicant, ApplicantsData};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

const NOTICES: &[(&str, &str)] = &[
    (
        "statut",
        "La candidature a changé de statut ; l’agent est prévenu par e-mail.",
    ),
    (
        "accord-demande",
        "La demande d’accord est envoyée au supérieur hiérarchique de l’agent.",
    ),
];

#[component]
pub fn ApplicantsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let info = Memo::new(move |_| query.read().get("info"));
    let data = Resource::new(
        move || (id(), info.get()),
        |(id, _)| mission_applications(id),
    );
    view! {
        <Title text="Candidatures — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || data.get().map(|result| match result {
                Err(AppError::Unauthenticated) => {
                    let to = format!("/connexion?suite=/espace-administration/missions/{}/candidatures", id());
                    view! { <Redirect path=to /> }.into_any()
                }
                Err(error) => view! { <ErrorContent error /> }.into_any(),
                Ok(d) => {
                    let notice = info.get().and_then(|c| NOTICES.iter().find(|(k, _)| *k == c).map(|(_, t)| t.to_string()));
                    let mission = d.mission_id.to_string();
                    let fetch = move || mission_applications(mission.clone());
                    view! {
                        <div class="fr-container fr-mt-4w">
                            <ChangeNotice shown=d.clone() fetch refresh=move |_| data.refetch() />
                        </div>
                        <Applicants d notice />
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn Applicants(d: ApplicantsData, notice: Option<String>) -> impl IntoView {
    let moves = ServerAction::<MoveApplication>::new();
    let ask = ServerAction::<RequestAgreement>::new();
    let error = Signal::derive(move || {
        moves
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| ask.value().get().and_then(|r| r.err()))
    });
    let count = d.applicants.len();
    let reasons = d.reasons.clone();
    view! {
        <div class="fr-container fr-my-6w">
            <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=format!("/espace-administration/missions/{}/modifier", d.mission_id)>"Retour à la fiche"</a></p>
            {notice.map(|t| view! { <SuccessAlert title=t /> })}
            <h1>"Candidatures"</h1>
            <p class="fr-text--lead">{d.mission_title.clone()}</p>
            <p>"Statut de la mission : " {d.status_label.clone()} " · places : " {d.places} " · " {count} " candidature(s)"</p>
            <ErrorSummary error />
            {if d.applicants.is_empty() {
                view! { <p>"Aucune candidature pour l’instant."</p> }.into_any()
            } else {
                d.applicants.into_iter().map(|a| view! { <ApplicantCard a moves ask reasons=reasons.clone() /> }).collect_view().into_any()
            }}
            <PoolMatches id=d.mission_id />
        </div>
    }
}

/// "Profils du vivier qui correspondent": anonymous cards to invite, for
/// owners who are managers (others see nothing here).
#[component]
fn PoolMatches(id: i32) -> impl IntoView {
    let matches = Resource::new(|| (), move |_| mission_pool_matches(id, Some(10)));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                matches.get().and_then(|r| r.ok()).map(|m| {
                    let count = match m.total {
                        0 => "Aucun profil du vivier ne correspond pour l’instant.".to_string(),
                        1 => "1 profil correspond à cette mission.".to_string(),
                        n if n as usize > m.best.len() => format!("{n} profils correspondent ; voici les {} plus pertinents.", m.best.len()),
                        n => format!("{n} profils correspondent à cette mission."),
                    };
                    view! {
                        <section class="fr-mt-6w" aria-labelledby="vivier-correspondances">
                            <h2 id="vivier-correspondances">"Profils du vivier qui correspondent"</h2>
                            <p>{count} " Ouvrez un profil pour proposer un contact au sujet de cette mission : la personne le verra et choisira de répondre."</p>
                            <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
                                {m.best.into_iter().map(|card| view! { <li class="fr-col-12 fr-col-md-6"><PoolCardView card mission=id /></li> }).collect_view()}
                            </ul>
                            <p><a class="fr-link" href="/espace-administration/vivier">"Chercher dans tout le vivier"</a></p>
                        </section>
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ApplicantCard(
    a: Applicant,
    moves: ServerAction<MoveApplication>,
    ask: ServerAction<RequestAgreement>,
    reasons: Vec<(String, String)>,
) -> impl IntoView {
    let id = a.id;
    let heading = format!("candidature-{id}");
    let heading_ref = heading.clone();
    let reason_id = format!("motif-{id}");
    let reason_messages = format!("motif-{id}-messages");
    let reason_error = Signal::derive(move || {
        moves
            .value()
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.field(&format!("reason-{id}")))
    });
    let note_id = format!("note-{id}");
    let agreed = a.agreement.as_ref().is_some_and(|g| g.given);
    let can_select = a.status == "accord_demande" && agreed;
    view! {
        <article class="fr-card fr-card--no-arrow fr-mb-4w" aria-labelledby=heading_ref>
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h2 class="fr-card__title fr-h5" id=heading>{if a.name.is_empty() { a.email.clone() } else { a.name.clone() }}</h2>
                    <p class="fr-badge fr-badge--info fr-badge--no-icon">{a.status_label.clone()}</p>
                    <dl class="fr-card__desc">
                        <dt class="fr-text--bold">"Adresse"</dt><dd>{a.email.clone()}</dd>
                        <dt class="fr-text--bold">"Candidature du"</dt><dd>{a.submitted_at.clone()}</dd>
                        <dt class="fr-text--bold">"Motivation"</dt><dd class="tn-pre-line">{a.motivation.clone()}</dd>
                        <dt class="fr-text--bold">"Disponibilités"</dt><dd>{a.availability.clone()}</dd>
                        <dt class="fr-text--bold">"Compétences apportées"</dt><dd class="tn-pre-line">{a.skills_offered.clone()}</dd>
                        <dt class="fr-text--bold">"Supérieur hiérarchique"</dt><dd>{a.manager_name.clone()} " (" {a.manager_email.clone()} ")"</dd>
                    </dl>
                    {a.agreement.clone().map(|g| view! {
                        <div class="fr-callout fr-mb-2w">
                            <h3 class="fr-callout__title fr-h6">"Accord du supérieur"</h3>
                            <p class="fr-callout__text fr-text--sm">
                                "Demandé le " {g.asked_at.clone()} " à " {g.manager_email.clone()} ". "
                                {match (g.answer.clone(), g.expired) {
                                    (Some(answer), _) => format!("{answer} le {} par {}.", g.answered_at.clone().unwrap_or_default(), g.answered_by.clone().unwrap_or_default()),
                                    (None, true) => "Le lien a expiré sans réponse.".to_string(),
                                    (None, false) => "En attente de réponse.".to_string(),
                                }}
                                {g.time_agreed.clone().map(|t| format!(" Temps accordé : {t}."))}
                                {g.reason.clone().map(|r| format!(" Motif : {r}."))}
                            </p>
                        </div>
                    })}
                    <details class="fr-mb-2w">
                        <summary>"Historique de la candidature"</summary>
                        <ol>
                            {a.timeline.iter().map(|e| view! {
                                <li>{e.at.clone()} " — " {e.status.clone()} {e.note.clone().map(|n| format!(" : {n}"))}</li>
                            }).collect_view()}
                        </ol>
                    </details>
                    {a.may_handle.then(|| view! {
                        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
                            {(a.status == "recue").then(|| view! {
                                <li><ActionForm action=moves>
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="action" value="discuter" />
                                    <button class="fr-btn fr-btn--secondary" type="submit">"Passer en discussion"</button>
                                </ActionForm></li>
                            })}
                            <li><ActionForm action=ask>
                                <input type="hidden" name="id" value=id />
                                <button class="fr-btn fr-btn--secondary" type="submit">
                                    {if a.agreement.is_some() { "Redemander l’accord du supérieur" } else { "Demander l’accord du supérieur" }}
                                </button>
                            </ActionForm></li>
                            {can_select.then(|| view! {
                                <li><ActionForm action=moves>
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="action" value="retenir" />
                                    <button class="fr-btn" type="submit">"Retenir"</button>
                                </ActionForm></li>
                            })}
                        </ul>
                        {(!can_select).then(|| view! {
                            <p class="fr-hint-text">"Pour retenir cet agent, l’accord de son supérieur hiérarchique est nécessaire."</p>
                        })}
                        <ActionForm action=moves>
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="action" value="ne_pas_retenir" />
                            <div class=move || if reason_error.get().is_some() { "fr-select-group fr-select-group--error" } else { "fr-select-group" }>
                                <label class="fr-label" for=reason_id.clone()>"Motif de non-sélection"</label>
                                <select class="fr-select" id=reason_id.clone() name="reason"
                                    aria-describedby=reason_messages.clone()
                                    aria-invalid=move || reason_error.get().map(|_| "true")>
                                    <option value="" selected>"Sélectionnez un motif"</option>
                                    {reasons.iter().map(|(c, l)| view! { <option value=c.clone()>{l.clone()}</option> }).collect_view()}
                                </select>
                                <div class="fr-messages-group" id=reason_messages.clone() aria-live="polite">
                                    {move || reason_error.get().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                                </div>
                            </div>
                            <div class="fr-input-group">
                                <label class="fr-label" for=note_id.clone()>"Message pour l’agent (facultatif)"</label>
                                <input class="fr-input" type="text" id=note_id.clone() name="note" maxlength="1000" />
                            </div>
                            <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">"Ne pas retenir"</button>
                        </ActionForm>
                    })}
                </div>
            </div>
        </article>
    }
}
