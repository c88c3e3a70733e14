//! `/espace-administration/missions/{id}/modifier`: the mission sheet's
//! guided form, its preview exactly as the public page will show it, its
//! history and the actions its status allows.
//!
//! Without JavaScript the form posts and comes back (errors next to the
//! fields, values kept). Once hydrated, every change is saved a moment after
//! typing stops ("Enregistré à HH:MM"), with the version it was based on: a
//! stale save is refused and the editor is told, never overwritten.

use super::mission::SheetBody;
use super::not_found::ErrorContent;
use crate::api::admin::{
    mission_editor, CloseMission, DuplicateMission, InviteCoOwner, RemoveCoOwner, SaveMission,
};
use crate::api::vivier::mission_pool_matches;
use crate::components::form::{SelectField, TextField};
use crate::components::notice::{field_id, ErrorSummary, SuccessAlert};
use crate::components::pool_card::PoolCardView;
use crate::error::AppError;
use crate::model::{EditorData, MissionSheet, SheetForm, MODES, NATURES};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};
use live::{ConflictPanel, Live, LivePanel};

mod live;

const NOTICES: &[(&str, &str)] = &[
    ("enregistree", "La fiche est enregistrée."),
    (
        "soumise",
        "La fiche est soumise à la modération : vous serez prévenu par e-mail de sa décision.",
    ),
    ("dupliquee", "Voici la copie de la mission, en brouillon."),
    ("statut", "Le statut de la mission a changé."),
    (
        "responsable_retire",
        "La personne ne fait plus partie des responsables de la mission.",
    ),
    (
        "coresponsable",
        "Votre collègue est ajouté aux responsables de la mission ; il est prévenu par e-mail.",
    ),
];

#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let info = Memo::new(move |_| query.read().get("info"));
    let data = Resource::new(move || (id(), info.get()), |(id, _)| mission_editor(id));
    view! {
        <Title text="Modifier une mission — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement de la fiche…"</p></div> }>
            {move || {
                data.get().map(|result| match result {
                    Err(AppError::Unauthenticated) => {
                        let to = format!("/connexion?suite=/espace-administration/missions/{}/modifier", id());
                        view! { <Redirect path=to /> }.into_any()
                    }
                    Err(error) => view! { <ErrorContent error /> }.into_any(),
                    Ok(d) => {
                        let notice = info.get().and_then(|code| {
                            NOTICES.iter().find(|(c, _)| *c == code).map(|(_, t)| t.to_string())
                        });
                        view! { <Editor d notice /> }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Editor(d: EditorData, notice: Option<String>) -> impl IntoView {
    let save = ServerAction::<SaveMission>::new();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let live = Live::new(d.id, form_ref);
    let autosave = Autosave::new(save, form_ref, live);
    // The version the next save is based on: the latest autosave's, or the
    // document's when one was attached or removed since.
    let version = RwSignal::new(d.version);
    let saved_version = autosave.version(d.version);
    Effect::new(move |_| version.set(saved_version.get()));
    let preview = autosave.preview(d.preview.clone());
    #[cfg(feature = "hydrate")]
    if d.editable {
        live.connect(autosave, version);
    }
    let title = if d.form.title.is_empty() {
        "Nouvelle mission".to_string()
    } else {
        d.form.title.clone()
    };
    let id = d.id;
    let form = d.form.clone();
    let skills = d.skills.clone();
    let can_submit = d.actions.iter().any(|a| a.code == "soumettre");
    let removable_owners = d.can_remove_owners && d.owners.len() > 1;
    view! {
        <div class="fr-container fr-my-6w">
            <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace-administration">"Retour à mes missions"</a></p>
            {notice.map(|t| view! { <SuccessAlert title=t /> })}
            <h1>{title}</h1>
            <p>
                "Statut : " <span class="fr-badge fr-badge--info fr-badge--no-icon">{d.status_label.clone()}</span>
            </p>
            {d.last_comment.clone().map(|c| view! {
                <div class="fr-callout fr-callout--brown-caramel fr-mb-4w">
                    <h2 class="fr-callout__title fr-h6">"Modifications demandées par la modération"</h2>
                    <p class="fr-callout__text tn-pre-line">{c}</p>
                </div>
            })}
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-lg-6">
                    {if d.editable {
                        view! {
                            <LivePanel live />
                            <ConflictPanel live autosave />
                            <ErrorSummary error />
                            <ActionForm action=save node_ref=form_ref>
                                <div on:input=move |_| autosave.schedule() on:change=move |_| autosave.schedule()
                                    on:focusin=move |ev| focus(live, ev) on:focusout=move |_| unfocus(live)>
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="client" value=move || live.client.get() />
                                    <input type="hidden" name="version" value=move || version.get().to_string() />
                                    <SheetFields form=form.clone() skills=skills.clone() error />
                                </div>
                                <p class="fr-text--sm" role="status" aria-live="polite" id="etat-enregistrement">{move || autosave.status()}</p>
                                <ul class="fr-btns-group fr-btns-group--inline-md">
                                    <li><button class="fr-btn fr-btn--secondary" type="submit" name="intent" value="enregistrer"
                                        disabled=move || autosave.busy() on:click=move |_| autosave.cancel()>"Enregistrer"</button></li>
                                    {can_submit.then(|| view! {
                                        <li><button class="fr-btn" type="submit" name="intent" value="soumettre"
                                        disabled=move || autosave.busy() on:click=move |_| autosave.cancel()>"Enregistrer et soumettre à la modération"</button></li>
                                    })}
                                </ul>
                            </ActionForm>
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="fr-alert fr-alert--info fr-mb-4w">
                                {if d.is_owner {
                                    "La fiche ne se modifie plus dans ce statut."
                                } else {
                                    "Vous consultez cette fiche en tant que modérateur."
                                }}
                            </p>
                        }
                        .into_any()
                    }}
                    {d.editable.then(|| view! {
                        <DocumentField id label=d.preview.details_pdf_label.clone() url=d.preview.details_pdf_url.clone() autosave version />
                    })}
                    <StatusActions d=d.clone() />
                    <h2 class="fr-h4 fr-mt-6w">"Responsables de la mission"</h2>
                    <OwnersList id owners=d.owners.clone() removable=removable_owners />
                    {d.can_invite.then(|| view! { <InviteCoOwnerForm id /> })}
                    <h2 class="fr-h4 fr-mt-6w">"Historique"</h2>
                    <ol class="fr-raw-list">
                        {d.history.iter().map(|h| view! {
                            <li class="fr-mb-2w">
                                <strong>{h.at.clone()}</strong> " — " {h.action_label.clone()} " (" {h.status_label.clone()} ") par " {h.who.clone()}
                                {h.comment.clone().map(|c| view! { <br /><span class="tn-pre-line">{c}</span> })}
                            </li>
                        }).collect_view()}
                    </ol>
                </div>
                <section class="fr-col-12 fr-col-lg-6 tn-preview" aria-labelledby="apercu-titre">
                    {(d.is_owner && d.editable).then(|| view! { <PoolPanel id version /> })}
                    <h2 id="apercu-titre" class="fr-h4">"Aperçu de la page publique"</h2>
                    {move || view! { <SheetBody m=preview.get() preview=true /> }}
                </section>
            </div>
        </div>
    }
}

/// How many pool profiles fit the sheet as saved so far, and the best
/// three as anonymous cards; refreshed after every save (one's own or a
/// co-editor's). Shown only to owners who are managers.
#[component]
fn PoolPanel(id: i32, version: RwSignal<i32>) -> impl IntoView {
    let matches = Resource::new(
        move || version.get(),
        move |_| mission_pool_matches(id, None),
    );
    view! {
        <Transition fallback=|| ()>
            {move || {
                matches.get().and_then(|r| r.ok()).map(|m| {
                    let count = match m.total {
                        0 => "Aucun profil du vivier ne correspond encore".to_string(),
                        1 => "1 profil du vivier correspond".to_string(),
                        n => format!("{n} profils du vivier correspondent"),
                    };
                    let empty = m.best.is_empty();
                    view! {
                        <aside class="fr-callout fr-mb-4w tn-pool-panel" aria-labelledby="vivier-panneau-titre">
                            <h2 class="fr-callout__title fr-h6" id="vivier-panneau-titre">"Le vivier"</h2>
                            <p class="fr-callout__text fr-text--md" aria-live="polite">{count}</p>
                            <p class="fr-text--sm">
                                {if empty {
                                    "Choisissez les compétences recherchées et la modalité : les profils qui correspondent apparaissent ici."
                                } else {
                                    "Selon les compétences, la modalité et le lieu de la fiche. Profils anonymes : ouvrez-en un pour proposer un contact."
                                }}
                            </p>
                            <ul class="fr-raw-list">
                                {m.best.into_iter().map(|card| view! { <li class="fr-mb-2w"><PoolCardView card heading=3 mission=id /></li> }).collect_view()}
                            </ul>
                        </aside>
                    }
                })
            }}
        </Transition>
    }
}

/// The field the keyboard entered, for the others' presence list.
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn focus(live: Live, ev: leptos::ev::FocusEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let name = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.get_attribute("name"))
            .unwrap_or_default();
        live.focus(name);
    }
}

#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn unfocus(live: Live) {
    #[cfg(feature = "hydrate")]
    live.focus(String::new());
}

/// The form's fields, filled with the stored sheet (or what was typed
/// before a rejection).
#[component]
fn SheetFields(
    form: SheetForm,
    skills: Vec<crate::model::SkillFamily>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let f = form;
    let chosen = f.skills.clone();
    let skills_message = move || error.get().and_then(|e| e.field("skills"));
    view! {
        <p class="fr-hint-text">"Pour soumettre la fiche, tous les champs sont obligatoires sauf ceux marqués « facultatif ». Un brouillon peut rester incomplet."</p>
        <TextField name="title" label="Titre de la mission" hint="De 5 à 150 caractères, par exemple : « Faciliter la veille scientifique »." error initial=Some(f.title) />
        <TextField name="service" label="Service qui accueille" hint="Par exemple : Délégation de la transformation et de la performance ministérielles (DTPM)." error initial=Some(f.service) />
        <SelectField name="nature" label="Nature de la mission" options=NATURES error initial=Some(f.nature) />
        <fieldset
            class=move || if skills_message().is_some() { "fr-fieldset fr-fieldset--error" } else { "fr-fieldset" }
            id=field_id("skills")
            aria-labelledby="competences-legende competences-messages"
        >
            <legend class="fr-fieldset__legend" id="competences-legende">"Compétences recherchées"
                <span class="fr-hint-text">"Au moins une, au plus douze."</span>
            </legend>
            {skills.into_iter().map(|family| {
                let chosen = chosen.clone();
                view! {
                    <div class="fr-fieldset__element">
                        <p class="fr-text--bold fr-mb-1w">{family.name.clone()}</p>
                        {family.skills.into_iter().map(|s| {
                            let name = format!("skills[{}]", s.slug);
                            let id = field_id(&name);
                            let initially = chosen.contains_key(&s.slug);
                            let key = name.clone();
                            let checked = move || match error.get() {
                                Some(e @ AppError::Invalid { .. }) => e.value(&key).is_some(),
                                _ => initially,
                            };
                            view! {
                                <div class="fr-checkbox-group fr-checkbox-group--sm">
                                    <input type="checkbox" id=id.clone() name=name value="on" checked=checked />
                                    <label class="fr-label" for=id>{s.name.clone()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                }
            }).collect_view()}
            <div class="fr-messages-group" id="competences-messages" aria-live="polite">
                {move || skills_message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </fieldset>
        <TextField name="skills_text" label="Précisions sur les compétences (facultatif)" error initial=Some(f.skills_text) optional=true />
        <TextField name="description" label="Contexte et description" hint="Au moins 50 caractères. Mise en forme Markdown possible : **gras**, listes avec « - », liens." multiline=true error initial=Some(f.description) />
        <TextField name="deliverables" label="Livrables attendus (facultatif)" multiline=true optional=true error initial=Some(f.deliverables) />
        <TextField name="learning" label="Ce que l’agent apprendra (facultatif)" multiline=true optional=true error initial=Some(f.learning) />
        <TextField name="effort_text" label="Effort et rythme" hint="Par exemple : « Phase 1 : 1 journée — phase 2 selon disponibilité »." error initial=Some(f.effort_text) />
        <TextField name="effort_days" label="Estimation en jours (facultatif)" hint="Un nombre entier entre 1 et 100." kind="number" optional=true error initial=Some(f.effort_days) />
        <TextField name="start_date" label="Début au plus tôt (facultatif)" kind="date" optional=true error initial=Some(f.start_date) />
        <TextField name="end_date" label="Fin (facultatif)" kind="date" optional=true error initial=Some(f.end_date) />
        <TextField name="deadline" label="Date limite de candidature (facultatif)" hint="Au plus tard la veille du début." kind="date" optional=true error initial=Some(f.deadline) />
        <TextField name="location" label="Lieu" hint="Par exemple : Paris 7e." error initial=Some(f.location) />
        <SelectField name="mode" label="Modalité" options=MODES error initial=Some(f.mode) />
        <TextField name="places" label="Nombre de places" hint="Entre 1 et 50." kind="number" error initial=Some(f.places) />
    }
}

/// The owners of the mission; another owner or a moderator may remove one
/// (never the last).
#[component]
fn OwnersList(id: i32, owners: Vec<String>, removable: bool) -> impl IntoView {
    let remove = ServerAction::<RemoveCoOwner>::new();
    let error = Signal::derive(move || remove.value().get().and_then(|r| r.err()));
    view! {
        <ErrorSummary error />
        <ul>
            {owners.into_iter().map(|o| view! {
                <li>
                    {o.clone()}
                    {removable.then(|| view! {
                        <ActionForm action=remove>
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="email" value=o.clone() />
                            <button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="submit">
                                "Retirer des responsables" <span class="fr-sr-only">" : " {o.clone()}</span>
                            </button>
                        </ActionForm>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Adds a colleague as co-owner, by their professional address.
#[component]
fn InviteCoOwnerForm(id: i32) -> impl IntoView {
    let invite = ServerAction::<InviteCoOwner>::new();
    let error = Signal::derive(move || invite.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm action=invite>
            <input type="hidden" name="id" value=id />
            <TextField name="email" label="Inviter un ou une collègue comme co-responsable"
                hint="Son adresse professionnelle. Il ou elle pourra modifier la fiche et suivre les candidatures."
                kind="email" autocomplete="off" error />
            <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">"Inviter"</button>
        </ActionForm>
    }
}

/// The optional PDF. Its own form (a file cannot go through the autosave):
/// without JavaScript it posts and comes back with the outcome in the
/// address; once hydrated it is sent in the background and the editor stays.
#[component]
fn DocumentField(
    id: i32,
    label: String,
    url: Option<String>,
    autosave: Autosave,
    version: RwSignal<i32>,
) -> impl IntoView {
    use crate::document::DocumentProblem;
    let query = use_query_map();
    let current = RwSignal::new(url.map(|u| (label, u)));
    // (is an error, message)
    let initial = query
        .read_untracked()
        .get("document")
        .and_then(|code| match code.as_str() {
            "joint" => Some((false, "Le document est joint à la fiche.".to_string())),
            "retire" => Some((false, "Le document est retiré de la fiche.".to_string())),
            other => DocumentProblem::from_code(other).map(|p| (true, p.message().to_string())),
        });
    let outcome = RwSignal::new(initial);
    let busy = RwSignal::new(false);
    let error = move || outcome.get().filter(|(e, _)| *e).map(|(_, m)| m);
    let done = move || outcome.get().filter(|(e, _)| !*e).map(|(_, m)| m);
    let action = format!("/espace-administration/missions/{id}/document");
    #[cfg(feature = "hydrate")]
    let on_submit = {
        let action = action.clone();
        move |ev: leptos::ev::SubmitEvent| {
            use wasm_bindgen::JsCast;
            ev.prevent_default();
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let intent = ev
                .submitter()
                .and_then(|b| b.get_attribute("value"))
                .unwrap_or_else(|| "joindre".into());
            busy.set(true);
            autosave.paused.set(true);
            let action = action.clone();
            leptos::task::spawn_local(async move {
                let result = send_document(&action, &form, &intent).await;
                busy.set(false);
                autosave.paused.try_set(false);
                match result {
                    Ok((label, url, new_version)) => {
                        if let Some(v) = new_version {
                            version.try_set(v);
                        }
                        let message = if url.is_some() {
                            "Le document est joint à la fiche."
                        } else {
                            "Le document est retiré de la fiche."
                        };
                        current.set(url.map(|u| (label, u)));
                        outcome.set(Some((false, message.to_string())));
                        form.reset();
                    }
                    Err(e) => {
                        let message = e.field("document").unwrap_or_else(|| e.to_string());
                        outcome.set(Some((true, message)));
                    }
                }
            });
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_submit = |_: leptos::ev::SubmitEvent| {};
    view! {
        <h2 class="fr-h4 fr-mt-6w" id="document">"Document de présentation (facultatif)"</h2>
        <p>
            {move || match current.get() {
                Some((label, url)) => view! {
                    <a class="fr-link fr-link--download" href=url download="">
                        "Document joint" <span class="fr-link__detail">{label}</span>
                    </a>
                }.into_any(),
                None => view! { "Aucun document n’est joint." }.into_any(),
            }}
        </p>
        <form method="post" enctype="multipart/form-data" action=action on:submit=on_submit>
            <input type="hidden" name="version" value=move || version.get().to_string() />
            <div class=move || if error().is_some() { "fr-upload-group fr-upload-group--error" } else { "fr-upload-group" }>
                <label class="fr-label" for="document-pdf">"Joindre un document PDF"
                    <span class="fr-hint-text">"Taille maximale : 5 Mo. Format accepté : PDF. Sans JavaScript, enregistrez la fiche avant de joindre le document."</span>
                </label>
                <input class="fr-upload" type="file" id="document-pdf" name="document" accept="application/pdf,.pdf"
                    aria-describedby="document-messages" aria-invalid=move || error().is_some().then_some("true") />
                <div class="fr-messages-group" id="document-messages" aria-live="polite">
                    {move || error().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                    {move || done().map(|m| view! { <p class="fr-message fr-message--valid">{m}</p> })}
                </div>
            </div>
            <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
                <li><button class="fr-btn fr-btn--secondary" type="submit" name="intent" value="joindre" disabled=move || busy.get() || autosave.action.pending().get()>"Joindre le document"</button></li>
                {move || current.get().is_some().then(|| view! {
                    <li><button class="fr-btn fr-btn--tertiary" type="submit" name="intent" value="retirer" disabled=move || busy.get() || autosave.action.pending().get()>"Retirer le document"</button></li>
                })}
            </ul>
        </form>
    }
}

/// Sends the document form in the background; the label and address of the
/// document now attached (no address: removed), or the refusal.
#[cfg(feature = "hydrate")]
async fn send_document(
    action: &str,
    form: &web_sys::HtmlFormElement,
    intent: &str,
) -> Result<(String, Option<String>, Option<i32>), AppError> {
    use crate::document::DocumentProblem;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let network = |_| AppError::Network;
    let data = web_sys::FormData::new_with_form(form).map_err(network)?;
    data.set_with_str("intent", intent).map_err(network)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&data);
    let request = web_sys::Request::new_with_str_and_init(action, &init).map_err(network)?;
    request
        .headers()
        .set("Accept", "application/json")
        .map_err(network)?;
    let response: web_sys::Response = JsFuture::from(window().fetch_with_request(&request))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)?;
    let ok = response.ok();
    let status = response.status();
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    if ok {
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|_| AppError::Internal)?;
        let label = v["label"].as_str().unwrap_or_default().to_string();
        let url = v["url"].as_str().map(str::to_string);
        let version = v["version"].as_i64().and_then(|n| i32::try_from(n).ok());
        Ok((label, url, version))
    } else if status == 413 {
        Err(DocumentProblem::TooLarge.error())
    } else {
        Err(serde_json::from_str(&text).unwrap_or(AppError::Internal))
    }
}

/// The buttons of the transitions other than submission (close, finish…).
#[component]
fn StatusActions(d: EditorData) -> impl IntoView {
    let close = ServerAction::<CloseMission>::new();
    let duplicate = ServerAction::<DuplicateMission>::new();
    let close_error = Signal::derive(move || close.value().get().and_then(|r| r.err()));
    let others: Vec<_> = d
        .actions
        .iter()
        .filter(|a| matches!(a.code.as_str(), "fermer" | "terminer" | "pourvoir"))
        .cloned()
        .collect();
    let id = d.id;
    view! {
        <h2 class="fr-h4 fr-mt-6w">"Actions"</h2>
        <ErrorSummary error=close_error />
        {others.into_iter().map(|a| {
            let comment_name = "comment";
            view! {
                <ActionForm action=close>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="action" value=a.code.clone() />
                    {(a.code == "fermer").then(|| view! {
                        <div class="fr-input-group">
                            <label class="fr-label" for=format!("commentaire-{}", a.code)>"Motif (facultatif)"</label>
                            <input class="fr-input" type="text" id=format!("commentaire-{}", a.code) name=comment_name maxlength="2000" />
                        </div>
                    })}
                    <button class="fr-btn fr-btn--tertiary fr-mb-2w" type="submit">{a.label.clone()}</button>
                </ActionForm>
            }
        }).collect_view()}
        {d.can_duplicate.then(|| view! {
            <ActionForm action=duplicate>
                <input type="hidden" name="id" value=id />
                <button class="fr-btn fr-btn--tertiary fr-icon-file-copy-line fr-btn--icon-left" type="submit">"Dupliquer la mission"</button>
            </ActionForm>
        })}
    }
}

/// The editor's autosave: the form is saved a second after typing stops,
/// never while another save (automatic or explicit) is in flight, since two
/// saves based on the same version would refuse each other.
#[derive(Clone, Copy)]
struct Autosave {
    action: ServerAction<SaveMission>,
    /// Holds conflicting fields back, and learns what each save sent.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    live: Live,
    explicit: ServerAction<SaveMission>,
    /// Set while the document is sent: it changes the version too.
    paused: RwSignal<bool>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    form: NodeRef<leptos::html::Form>,
    #[cfg(feature = "hydrate")]
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// The form as it will be autosaved, while the save waits: what leaving
    /// the editor sends at once. Outside the reactive system, so that it is
    /// still there while the editor is being torn down.
    #[cfg(feature = "hydrate")]
    unsaved: StoredValue<Unsaved>,
}

#[cfg(feature = "hydrate")]
type Unsaved = std::sync::Arc<std::sync::Mutex<Option<String>>>;

/// Sends what waits to be autosaved in a beacon, which the browser delivers
/// even as the page goes away.
#[cfg(feature = "hydrate")]
fn send_unsaved(unsaved: &Unsaved) {
    let Some(body) = unsaved.lock().ok().and_then(|mut u| u.take()) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&body) else {
        return;
    };
    let url = <SaveMission as leptos::server_fn::ServerFn>::PATH;
    let _ = window()
        .navigator()
        .send_beacon_with_opt_url_search_params(url, Some(&params));
}

impl Autosave {
    fn new(
        explicit: ServerAction<SaveMission>,
        form: NodeRef<leptos::html::Form>,
        live: Live,
    ) -> Self {
        #[cfg(feature = "hydrate")]
        let unsaved = Unsaved::default();
        let autosave = Autosave {
            action: ServerAction::new(),
            live,
            explicit,
            paused: RwSignal::new(false),
            form,
            #[cfg(feature = "hydrate")]
            timer: StoredValue::new_local(None),
            #[cfg(feature = "hydrate")]
            unsaved: StoredValue::new(unsaved.clone()),
        };
        // Leaving the editor (a link inside the site, a reload, closing the
        // tab) must not lose what was typed in the last second.
        #[cfg(feature = "hydrate")]
        {
            let on_hide = unsaved.clone();
            let handle =
                window_event_listener(leptos::ev::pagehide, move |_| send_unsaved(&on_hide));
            on_cleanup(move || {
                handle.remove();
                autosave.stop_timer();
                send_unsaved(&unsaved);
            });
        }
        // A rejected explicit save (e.g. submission with fields missing)
        // still leaves what was typed to be saved as a draft.
        Effect::new(move |_| {
            if let Some(Err(_)) = explicit.value().get() {
                autosave.schedule();
            }
        });
        // Offline: what was typed stays in the form and is tried again every
        // few seconds, and as soon as the browser is back online.
        let action = autosave.action;
        Effect::new(move |_| {
            if let Some(Err(AppError::Network)) = action.value().get() {
                autosave.schedule_in(5_000);
            }
        });
        #[cfg(feature = "hydrate")]
        {
            let handle = window_event_listener(leptos::ev::online, move |_| {
                if let Some(Some(Err(AppError::Network))) = action.value().try_get_untracked() {
                    autosave.schedule();
                }
            });
            on_cleanup(move || handle.remove());
        }
        autosave
    }

    fn busy(self) -> bool {
        self.action.pending().get() || self.explicit.pending().get() || self.paused.get()
    }

    /// The version of the latest successful save (the next save's base).
    fn version(self, initial: i32) -> Memo<i32> {
        let action = self.action;
        Memo::new(move |prev: Option<&i32>| match action.value().get() {
            Some(Ok(saved)) => saved.version,
            _ => prev.copied().unwrap_or(initial),
        })
    }

    /// The preview of the latest successful save.
    fn preview(self, initial: MissionSheet) -> Memo<MissionSheet> {
        let action = self.action;
        Memo::new(
            move |prev: Option<&MissionSheet>| match action.value().get() {
                Some(Ok(saved)) => saved.preview,
                _ => prev.cloned().unwrap_or_else(|| initial.clone()),
            },
        )
    }

    /// "Enregistré à HH:MM", or why the last autosave failed.
    fn status(self) -> String {
        if self.action.pending().get() {
            return "Enregistrement…".to_string();
        }
        match self.action.value().get() {
            None => "Les modifications sont enregistrées automatiquement.".to_string(),
            Some(Ok(saved)) => format!("Enregistré à {}", saved.saved_at),
            Some(Err(AppError::Invalid { fields, .. })) => format!(
                "Non enregistré : {}",
                fields.values().cloned().collect::<Vec<_>>().join(" ")
            ),
            Some(Err(AppError::Network)) => "Hors ligne : vos modifications restent dans la page et seront enregistrées dès le retour de la connexion.".to_string(),
            Some(Err(e)) => format!("Non enregistré : {e}"),
        }
    }

    /// Called on every input: (re)starts the one-second wait.
    fn schedule(self) {
        self.schedule_in(1_000);
    }

    /// Someone else saved: fetch the sheet now (a save that sends what is
    /// typed here, merged field by field by the server).
    #[cfg(feature = "hydrate")]
    fn sync(self) {
        self.schedule_in(100);
    }

    /// (Re)starts the wait before the next autosave.
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    fn schedule_in(self, millis: u64) {
        #[cfg(feature = "hydrate")]
        {
            self.stop_timer();
            if let (Some(body), Some(unsaved)) = (self.snapshot(), self.unsaved.try_get_value()) {
                if let Ok(mut u) = unsaved.lock() {
                    *u = Some(body);
                }
            }
            let handle = set_timeout_with_handle(
                move || self.fire(),
                std::time::Duration::from_millis(millis),
            )
            .ok();
            self.timer.set_value(handle);
        }
    }

    /// Drops a pending autosave (an explicit save takes over).
    fn cancel(self) {
        #[cfg(feature = "hydrate")]
        {
            self.stop_timer();
            if let Some(unsaved) = self.unsaved.try_get_value() {
                if let Ok(mut u) = unsaved.lock() {
                    *u = None;
                }
            }
        }
    }

    #[cfg(feature = "hydrate")]
    fn stop_timer(self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
    }

    /// The form as an autosave sends it (URL-encoded).
    #[cfg(feature = "hydrate")]
    fn snapshot(self) -> Option<String> {
        let form = self.form.get_untracked()?;
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        data.set_with_str("intent", "autosave").ok()?;
        self.live.hold_in(&data);
        let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        Some(params.to_string().into())
    }

    #[cfg(feature = "hydrate")]
    fn fire(self) {
        use leptos::form::FromFormData;
        self.timer.set_value(None);
        let (Some(pending), Some(explicit), Some(paused)) = (
            self.action.pending().try_get_untracked(),
            self.explicit.pending().try_get_untracked(),
            self.paused.try_get_untracked(),
        ) else {
            return; // the editor is gone
        };
        if pending || explicit || paused {
            self.schedule();
            return;
        }
        let Some(form) = self.form.get_untracked() else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let _ = data.set_with_str("intent", "autosave");
        self.live.hold_in(&data);
        if let Ok(args) = SaveMission::from_form_data(&data) {
            self.live.remember_sent();
            if let Some(unsaved) = self.unsaved.try_get_value() {
                if let Ok(mut u) = unsaved.lock() {
                    *u = None;
                }
            }
            self.action.dispatch(args);
        }
    }
}
