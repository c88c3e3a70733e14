//! `/moderation/administrations`: moderators create administrations and
//! decide who belongs to them (the "responsables de mission").

use super::not_found::ErrorContent;
use crate::api::admin::{administrations, AddMember, CreateAdministration, RemoveMember};
use crate::components::form::TextField;
use crate::components::notice::{ErrorSummary, SuccessAlert};
use crate::error::AppError;
use crate::model::{AdministrationRow, AdministrationsData};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

const NOTICES: &[(&str, &str)] = &[
    ("creee", "L’administration est créée."),
    (
        "membre_ajoute",
        "Le membre est ajouté ; il est prévenu par e-mail.",
    ),
    ("membre_retire", "Le membre est retiré de l’administration."),
];

#[component]
pub fn AdministrationsPage() -> impl IntoView {
    let query = use_query_map();
    let info = Memo::new(move |_| query.read().get("info"));
    let data = Resource::new(move || info.get(), |_| administrations());
    view! {
        <Title text="Administrations et membres — Modération — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || {
                data.get().map(|result| match result {
                    Err(AppError::Unauthenticated) => view! { <Redirect path="/connexion?suite=/moderation/administrations" /> }.into_any(),
                    Err(error) => view! { <ErrorContent error /> }.into_any(),
                    Ok(d) => {
                        let notice = info.get().and_then(|code| {
                            NOTICES.iter().find(|(c, _)| *c == code).map(|(_, t)| t.to_string())
                        });
                        view! { <Administrations d notice /> }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Administrations(d: AdministrationsData, notice: Option<String>) -> impl IntoView {
    let create = ServerAction::<CreateAdministration>::new();
    let create_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let add = ServerAction::<AddMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let remove_error = Signal::derive(move || remove.value().get().and_then(|r| r.err()));
    view! {
        <div class="fr-container fr-my-6w">
            <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
                <ol class="fr-breadcrumb__list">
                    <li><a class="fr-breadcrumb__link" href="/moderation">"Modération"</a></li>
                    <li><a class="fr-breadcrumb__link" aria-current="page">"Administrations et membres"</a></li>
                </ol>
            </nav>
            {notice.map(|t| view! { <SuccessAlert title=t /> })}
            <h1>"Administrations et membres"</h1>
            <p>"Les membres d’une administration sont ses responsables de mission : ils proposent des missions en son nom et suivent leurs candidatures."</p>
            <ErrorSummary error=remove_error />
            {d.administrations.into_iter().map(|a| view! { <Administration a add remove /> }).collect_view()}
            <h2 class="fr-mt-6w">"Ajouter une administration"</h2>
            <ErrorSummary error=create_error />
            <ActionForm action=create>
                <TextField name="name" label="Nom de l’administration" hint="Par exemple : Ministère de la Culture." error=create_error />
                <TextField name="acronym" label="Sigle" hint="Par exemple : MC." error=create_error />
                <button class="fr-btn" type="submit">"Créer l’administration"</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn Administration(
    a: AdministrationRow,
    add: ServerAction<AddMember>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let id = a.id.to_string();
    // One action serves every administration's form: only the form it was
    // sent from shows its error.
    let mine = id.clone();
    let message = Signal::derive(move || {
        add.value()
            .get()
            .and_then(|r| r.err())
            .filter(|e| e.value("administration").as_deref() == Some(mine.as_str()))
            .and_then(|e| e.field("email").or_else(|| Some(e.to_string())))
    });
    let typed = {
        let mine = id.clone();
        move || {
            add.value()
                .get()
                .and_then(|r| r.err())
                .filter(|e| e.value("administration").as_deref() == Some(mine.as_str()))
                .and_then(|e| e.value("email"))
                .unwrap_or_default()
        }
    };
    let input_id = format!("membre-{}", a.id);
    let messages_id = format!("membre-{}-messages", a.id);
    let heading_id = format!("administration-{}", a.id);
    let labelled_by = heading_id.clone();
    let missions = match a.missions {
        0 => "Aucune mission".to_string(),
        1 => "1 mission".to_string(),
        n => format!("{n} missions"),
    };
    view! {
        <section class="fr-card fr-card--no-arrow fr-mb-4w" aria-labelledby=labelled_by>
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h2 class="fr-card__title" id=heading_id>{a.name.clone()} " (" {a.acronym.clone()} ")"</h2>
                    <p class="fr-card__desc">{missions}</p>
                    {if a.members.is_empty() {
                        view! { <p>"Aucun membre pour l’instant."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="fr-raw-list fr-mb-2w">
                                {a.members.into_iter().map(|m| view! {
                                    <li class="fr-mb-1w">
                                        <ActionForm action=remove>
                                            <input type="hidden" name="id" value=m.id />
                                            {m.email.clone()} " "
                                            <button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="submit">
                                                "Retirer" <span class="fr-sr-only">" " {m.email.clone()}</span>
                                            </button>
                                        </ActionForm>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                    <ActionForm action=add>
                        <input type="hidden" name="administration" value=id.clone() />
                        <div class=move || if message.get().is_some() { "fr-input-group fr-input-group--error" } else { "fr-input-group" }>
                            <label class="fr-label" for=input_id.clone()>
                                "Ajouter un membre"
                                <span class="fr-hint-text">"Son adresse professionnelle, par exemple prenom.nom@ministere.gouv.fr."</span>
                            </label>
                            <input class=move || if message.get().is_some() { "fr-input fr-input--error" } else { "fr-input" }
                                type="email" id=input_id.clone() name="email" autocomplete="off" maxlength="254"
                                value=typed
                                aria-describedby=messages_id.clone()
                                aria-invalid=move || message.get().map(|_| "true") />
                            <div class="fr-messages-group" id=messages_id.clone() aria-live="polite">
                                {move || message.get().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                            </div>
                        </div>
                        <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">"Ajouter"</button>
                    </ActionForm>
                </div>
            </div>
        </section>
    }
}
