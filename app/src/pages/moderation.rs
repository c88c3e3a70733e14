//! `/moderation`: submitted missions oldest first, with what changed since
//! their last review; publish, request changes (comment required), unpublish.

use super::mission::SheetBody;
use super::not_found::ErrorContent;
use crate::api::admin::{moderation_queue, ModerateMission};
use crate::components::notice::{field_id, ErrorSummary, SuccessAlert};
use crate::error::AppError;
use crate::model::{ModerationData, MyMission, QueueItem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

const NOTICES: &[(&str, &str)] = &[
    (
        "publier",
        "La mission est publiée ; ses responsables sont prévenus par e-mail.",
    ),
    (
        "demander_modifications",
        "La demande de modifications est envoyée aux responsables de la mission.",
    ),
    (
        "depublier",
        "La mission est dépubliée ; ses responsables sont prévenus par e-mail.",
    ),
];

#[component]
pub fn ModerationPage() -> impl IntoView {
    let query = use_query_map();
    let info = Memo::new(move |_| query.read().get("info"));
    let data = Resource::new(move || info.get(), |_| moderation_queue());
    view! {
        <Title text="Modération — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || {
                data.get().map(|result| match result {
                    Err(AppError::Unauthenticated) => view! { <Redirect path="/connexion?suite=/moderation" /> }.into_any(),
                    Err(error) => view! { <ErrorContent error /> }.into_any(),
                    Ok(d) => {
                        let notice = info.get().and_then(|code| {
                            NOTICES.iter().find(|(c, _)| *c == code).map(|(_, t)| t.to_string())
                        });
                        view! { <Queue d notice /> }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Queue(d: ModerationData, notice: Option<String>) -> impl IntoView {
    let decide = ServerAction::<ModerateMission>::new();
    let error = Signal::derive(move || decide.value().get().and_then(|r| r.err()));
    let count = d.submitted.len();
    view! {
        <div class="fr-container fr-my-6w">
            {notice.map(|t| view! { <SuccessAlert title=t /> })}
            <h1>"Modération"</h1>
            <ul class="fr-raw-list">
                <li><a class="fr-link fr-icon-building-line fr-link--icon-left" href="/moderation/administrations">"Gérer les administrations et leurs membres"</a></li>
                <li><a class="fr-link fr-icon-list-unordered fr-link--icon-left" href="/moderation/competences">"Gérer la liste des compétences et les propositions des agents"</a></li>
            </ul>
            <ErrorSummary error />
            <h2>"Missions à examiner (" {count} ")"</h2>
            {if d.submitted.is_empty() {
                view! { <p>"Aucune mission n’attend de décision."</p> }.into_any()
            } else {
                d.submitted.into_iter().map(|item| view! { <Item item decide error /> }).collect_view().into_any()
            }}
            <h2 class="fr-mt-6w">"Missions publiées"</h2>
            {if d.published.is_empty() {
                view! { <p>"Aucune mission publiée."</p> }.into_any()
            } else {
                view! {
                    <ul class="fr-raw-list">
                        {d.published.into_iter().map(|m| view! { <Published m decide error /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </div>
    }
}

#[component]
fn Item(
    item: QueueItem,
    decide: ServerAction<ModerateMission>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = item.id;
    let comment_name = format!("comment-{id}");
    let comment_id = field_id(&comment_name);
    let key = comment_name.clone();
    let message = move || error.get().and_then(|e| e.field(&key));
    let message2 = message.clone();
    let message3 = message.clone();
    let heading = format!("moderation-{id}");
    let heading_ref = heading.clone();
    view! {
        <article class="fr-card fr-card--no-arrow fr-mb-4w" aria-labelledby=heading_ref>
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h3 class="fr-card__title" id=heading>{item.title.clone()}</h3>
                    <p class="fr-card__desc">{item.administration.clone()} " — soumise le " {item.submitted_at.clone()}</p>
                    {if item.first_review {
                        view! { <p class="fr-badge fr-badge--new">"Première soumission"</p> }.into_any()
                    } else if item.changes.is_empty() {
                        view! { <p>"Aucun champ n’a changé depuis le dernier examen."</p> }.into_any()
                    } else {
                        view! {
                            <div class="fr-table">
                                <table>
                                    <caption>"Ce qui a changé depuis le dernier examen"</caption>
                                    <thead><tr><th scope="col">"Champ"</th><th scope="col">"Avant"</th><th scope="col">"Après"</th></tr></thead>
                                    <tbody>
                                        {item.changes.into_iter().map(|c| view! {
                                            <tr><th scope="row">{c.field}</th><td class="tn-pre-line"><del>{c.before}</del></td><td class="tn-pre-line"><ins>{c.after}</ins></td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                        .into_any()
                    }}
                    <details class="fr-mb-2w">
                        <summary>"Voir la fiche telle qu’elle sera publiée"</summary>
                        <SheetBody m=item.preview preview=true />
                    </details>
                    <ActionForm action=decide>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=item.version />
                        <div class=move || if message().is_some() { "fr-input-group fr-input-group--error" } else { "fr-input-group" }>
                            <label class="fr-label" for=comment_id.clone()>
                                "Commentaire pour les responsables"
                                <span class="fr-hint-text">"Obligatoire pour demander des modifications."</span>
                            </label>
                            <textarea class="fr-input" id=comment_id.clone() name="comment" rows="3" maxlength="2000"
                                aria-describedby=format!("{comment_id}-messages")
                                aria-invalid=move || message3().map(|_| "true")></textarea>
                            <div class="fr-messages-group" id=format!("{comment_id}-messages") aria-live="polite">
                                {move || message2().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                            </div>
                        </div>
                        <ul class="fr-btns-group fr-btns-group--inline-md">
                            <li><button class="fr-btn" type="submit" name="action" value="publier">"Publier"</button></li>
                            <li><button class="fr-btn fr-btn--secondary" type="submit" name="action" value="demander_modifications">"Demander des modifications"</button></li>
                        </ul>
                    </ActionForm>
                    <p><a class="fr-link" href=format!("/espace-administration/missions/{id}/modifier")>"Ouvrir la fiche et son historique"</a></p>
                </div>
            </div>
        </article>
    }
}

#[component]
fn Published(
    m: MyMission,
    decide: ServerAction<ModerateMission>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = m.id;
    let comment_name = format!("comment-{id}");
    let comment_id = field_id(&comment_name);
    let key = comment_name.clone();
    let message = move || error.get().and_then(|e| e.field(&key));
    view! {
        <li class="fr-mb-3w">
            <p class="fr-mb-1w">
                <strong>{m.title.clone()}</strong> " — " {m.administration.clone()}
                {m.slug.clone().map(|s| view! { " · " <a class="fr-link" href=format!("/missions/{s}")>"Voir"</a> })}
            </p>
            <ActionForm action=decide>
                <input type="hidden" name="id" value=id />
                <div class="fr-input-group">
                    <label class="fr-label" for=comment_id.clone()>"Motif de la dépublication"</label>
                    <input class="fr-input" type="text" id=comment_id.clone() name="comment" maxlength="2000" />
                    {move || message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                </div>
                <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit" name="action" value="depublier">"Dépublier"</button>
            </ActionForm>
        </li>
    }
}
