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
use crate::api::admin::{mission_editor, CloseMission, DuplicateMission, SaveMission};
use crate::components::form::{SelectField, TextField};
use crate::components::notice::{field_id, ErrorSummary, SuccessAlert};
use crate::error::AppError;
use crate::model::{EditorData, MissionSheet, SheetForm, MODES, NATURES};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

const NOTICES: &[(&str, &str)] = &[
    ("enregistree", "La fiche est enregistrée."),
    (
        "soumise",
        "La fiche est soumise à la modération : vous serez prévenu par e-mail de sa décision.",
    ),
    ("dupliquee", "Voici la copie de la mission, en brouillon."),
    ("statut", "Le statut de la mission a changé."),
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
    let autosave = Autosave::new(save, form_ref);
    let version = autosave.version(d.version);
    let preview = autosave.preview(d.preview.clone());
    let title = if d.form.title.is_empty() {
        "Nouvelle mission".to_string()
    } else {
        d.form.title.clone()
    };
    let id = d.id;
    let form = d.form.clone();
    let skills = d.skills.clone();
    let can_submit = d.actions.iter().any(|a| a.code == "soumettre");
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
                            <ErrorSummary error />
                            <ActionForm action=save node_ref=form_ref>
                                <div on:input=move |_| autosave.schedule() on:change=move |_| autosave.schedule()>
                                    <input type="hidden" name="id" value=id />
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
                    <StatusActions d=d.clone() />
                    <h2 class="fr-h4 fr-mt-6w">"Responsables de la mission"</h2>
                    <ul>{d.owners.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
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
                    <h2 id="apercu-titre" class="fr-h4">"Aperçu de la page publique"</h2>
                    {move || view! { <SheetBody m=preview.get() preview=true /> }}
                </section>
            </div>
        </div>
    }
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
        {d.is_owner.then(|| view! {
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
    explicit: ServerAction<SaveMission>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    form: NodeRef<leptos::html::Form>,
    #[cfg(feature = "hydrate")]
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl Autosave {
    fn new(explicit: ServerAction<SaveMission>, form: NodeRef<leptos::html::Form>) -> Self {
        let autosave = Autosave {
            action: ServerAction::new(),
            explicit,
            form,
            #[cfg(feature = "hydrate")]
            timer: StoredValue::new_local(None),
        };
        on_cleanup(move || autosave.cancel());
        // A rejected explicit save (e.g. submission with fields missing)
        // still leaves what was typed to be saved as a draft.
        Effect::new(move |_| {
            if let Some(Err(_)) = explicit.value().get() {
                autosave.schedule();
            }
        });
        autosave
    }

    fn busy(self) -> bool {
        self.action.pending().get() || self.explicit.pending().get()
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
            Some(Err(e)) => format!("Non enregistré : {e}"),
        }
    }

    /// Called on every input: (re)starts the one-second wait.
    fn schedule(self) {
        #[cfg(feature = "hydrate")]
        {
            self.cancel();
            let handle = set_timeout_with_handle(
                move || self.fire(),
                std::time::Duration::from_millis(1_000),
            )
            .ok();
            self.timer.set_value(handle);
        }
    }

    /// Drops a pending autosave (before an explicit save, or on leaving).
    fn cancel(self) {
        #[cfg(feature = "hydrate")]
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
    }

    #[cfg(feature = "hydrate")]
    fn fire(self) {
        use leptos::form::FromFormData;
        let (Some(pending), Some(explicit)) = (
            self.action.pending().try_get_untracked(),
            self.explicit.pending().try_get_untracked(),
        ) else {
            return; // the editor is gone
        };
        if pending || explicit {
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
        if let Ok(args) = SaveMission::from_form_data(&data) {
            self.action.dispatch(args);
        }
    }
}
