//! The fields of a pool profile, shared by "join" and "edit".

use crate::components::form::{SelectField, TextField};
use crate::components::notice::field_id;
use crate::error::AppError;
use crate::model::{
    AdministrationOption, PoolProfile, ProposedSkill, SkillFamily, LEVELS, PROPOSAL_KINDS,
    REMOTE_PREFS,
};
use leptos::prelude::*;

#[component]
pub fn PoolFields(
    skills: Vec<SkillFamily>,
    administrations: Vec<AdministrationOption>,
    initial: Option<PoolProfile>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let p = initial.clone();
    let init = move |f: fn(&PoolProfile) -> String| p.as_ref().map(f);
    let visibility = initial.clone();
    let level_of = {
        let initial = initial.clone();
        move |slug: &str| -> String {
            if let Some(AppError::Invalid { values, .. }) = error.get() {
                return values
                    .get(&format!("lend[{slug}]"))
                    .cloned()
                    .unwrap_or_default();
            }
            initial
                .as_ref()
                .and_then(|p| {
                    p.lend
                        .iter()
                        .find(|s| s.slug == slug)
                        .and_then(|s| s.level.clone())
                })
                .unwrap_or_default()
        }
    };
    let grows = {
        let initial = initial.clone();
        move |slug: &str| -> bool {
            if let Some(AppError::Invalid { values, .. }) = error.get() {
                return values.contains_key(&format!("grow[{slug}]"));
            }
            initial
                .as_ref()
                .is_some_and(|p| p.grow.iter().any(|s| s.slug == slug))
        }
    };
    let skills_error = move || {
        error
            .get()
            .and_then(|e| e.field("lend").or_else(|| e.field("grow")))
    };
    view! {
        <p class="fr-hint-text">"Sauf mention contraire, tous les champs sont obligatoires."</p>
        <TextField name="full_name" label="Prénom et nom" autocomplete="name" error initial=init(|p| p.full_name.clone()) />
        <TextField
            name="administration"
            label="Votre administration"
            hint="Ministère, direction ou établissement. Par exemple : Ministère des Armées / DTPM"
            autocomplete="organization"
            error
            initial=init(|p| p.administration.clone())
        />
        <TextField name="job_title" label="Votre fonction" autocomplete="organization-title" error initial=init(|p| p.job_title.clone()) />
        <fieldset
            class=move || if skills_error().is_some() { "fr-fieldset fr-fieldset--error" } else { "fr-fieldset" }
            id=field_id("lend")
            aria-labelledby="competences-legende competences-messages"
        >
            <legend class="fr-fieldset__legend" id="competences-legende">
                "Vos compétences"
                <span class="fr-hint-text">
                    "Pour chaque compétence que vous pouvez partager, indiquez votre niveau (au moins une, au plus 20). Cochez celles que vous souhaitez développer."
                </span>
            </legend>
            {skills
                .into_iter()
                .map(|family| {
                    let level_of = level_of.clone();
                    let grows = grows.clone();
                    let synonyms = family.synonyms.clone();
                    view! {
                        <div class="fr-fieldset__element">
                            <details class="tn-skill-family">
                                <summary class="fr-text--bold">{family.name.clone()}</summary>
                                <ul class="fr-raw-list">
                                    {family
                                        .skills
                                        .into_iter()
                                        .map(|s| {
                                            let lend_name = format!("lend[{}]", s.slug);
                                            let grow_name = format!("grow[{}]", s.slug);
                                            let lend_id = field_id(&lend_name);
                                            let grow_id = field_id(&grow_name);
                                            let level = level_of.clone();
                                            let slug = s.slug.clone();
                                            let slug2 = s.slug.clone();
                                            let grows = grows.clone();
                                            // A description, not part of the name: the
                                            // select is named by the skill alone.
                                            let hint = synonyms
                                                .get(&s.slug)
                                                .map(|list| format!("Aussi : {}", list.join(", ")));
                                            let hint_id = hint.as_ref().map(|_| format!("{lend_id}-synonymes"));
                                            view! {
                                                <li class="tn-skill-row">
                                                    <div class="fr-select-group">
                                                        <label class="fr-label" for=lend_id.clone()>{s.name.clone()}</label>
                                                        {hint.map(|h| view! { <p class="fr-hint-text fr-mb-1v" id=hint_id.clone()>{h}</p> })}
                                                        <select class="fr-select" id=lend_id name=lend_name aria-describedby=hint_id.clone()>
                                                            <option value="" selected=move || level(&slug).is_empty()>"Je ne la partage pas"</option>
                                                            {LEVELS
                                                                .iter()
                                                                .map(|(code, text)| {
                                                                    let level = level_of.clone();
                                                                    let slug = s.slug.clone();
                                                                    view! {
                                                                        <option value=*code selected=move || level(&slug) == *code>
                                                                            "Niveau : " {*text}
                                                                        </option>
                                                                    }
                                                                })
                                                                .collect_view()}
                                                        </select>
                                                    </div>
                                                    <div class="fr-checkbox-group fr-checkbox-group--sm">
                                                        <input type="checkbox" id=grow_id.clone() name=grow_name value="on" checked=move || grows(&slug2) />
                                                        <label class="fr-label" for=grow_id>
                                                            "Je souhaite la développer"
                                                            <span class="fr-sr-only">" : " {s.name.clone()}</span>
                                                        </label>
                                                    </div>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </details>
                        </div>
                    }
                })
                .collect_view()}
            <div class="fr-messages-group" id="competences-messages" aria-live="polite">
                {move || skills_error().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </fieldset>
        <TextField
            name="other"
            label="Autre compétence (si elle n’est pas dans la liste)"
            hint="Jusqu’à 3, séparées par des virgules, par exemple : OCaml, jeux vidéo. Si elle figure déjà dans la liste sous un autre nom, elle est ajoutée à votre profil ; sinon, la modération l’examine avant de l’ajouter à la liste."
            optional=true
            error
            initial=init(|p| p.proposals.iter().map(|x| x.term.clone()).collect::<Vec<_>>().join(", "))
        />
        <SelectField
            name="other_kind"
            label="Ces autres compétences sont"
            options=PROPOSAL_KINDS
            error
            initial=Some(init(|p| p.proposals.first().map(kind_code).unwrap_or_default()).filter(|k| !k.is_empty()).unwrap_or_else(|| PROPOSAL_KINDS[0].0.to_string()))
        />
        <TextField
            name="days_per_month"
            label="Nombre de jours par mois que vous pouvez consacrer"
            hint="Un nombre entier entre 1 et 10."
            kind="number"
            error
            initial=init(|p| p.days_per_month.to_string())
        />
        <TextField
            name="rhythm"
            label="Rythme souhaité"
            hint="Par exemple : une demi-journée par semaine, de préférence le vendredi."
            optional=true
            error
            initial=init(|p| p.rhythm.clone())
        />
        <TextField name="location" label="Votre lieu de travail" hint="Ville ou arrondissement, par exemple : Paris 7e" error initial=init(|p| p.location.clone()) />
        <SelectField name="remote" label="Sur site ou à distance ?" options=REMOTE_PREFS error initial=init(|p| p.remote.clone()) />
        <TextField
            name="bio"
            label="Présentez-vous en quelques lignes"
            hint="Votre parcours, ce qui vous motive (2 000 caractères au plus). Votre profil n’est jamais publié."
            multiline=true
            optional=true
            error
            initial=init(|p| p.bio.clone())
        />
        <VisibilityFields administrations initial=visibility error />
    }
}

/// "Qui peut voir votre profil ?": the agent's administration, whether its
/// managers may see the profile (not unless ticked), and administrations to
/// hide from. A rejected form shows what was chosen.
#[component]
fn VisibilityFields(
    administrations: Vec<AdministrationOption>,
    initial: Option<PoolProfile>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let rejected = move || match error.get() {
        Some(AppError::Invalid { values, .. }) => Some(values),
        _ => None,
    };
    let home = {
        let initial = initial.clone();
        move || match rejected() {
            Some(values) => values
                .get("home_administration")
                .cloned()
                .unwrap_or_default(),
            None => initial
                .as_ref()
                .and_then(|p| p.home_administration.clone())
                .unwrap_or_default(),
        }
    };
    let visible_to_own = {
        let initial = initial.clone();
        move || match rejected() {
            Some(values) => values.contains_key("visible_to_own"),
            None => initial.as_ref().is_some_and(|p| p.visible_to_own),
        }
    };
    let hidden = {
        let initial = initial.clone();
        move |slug: &str| match rejected() {
            Some(values) => values.contains_key(&format!("hidden[{slug}]")),
            None => initial
                .as_ref()
                .is_some_and(|p| p.hidden_from.iter().any(|h| h == slug)),
        }
    };
    let home_id = field_id("home_administration");
    let own_id = field_id("visible_to_own");
    view! {
        <fieldset class="fr-fieldset" id=field_id("visibilite") aria-labelledby="visibilite-legende">
            <legend class="fr-fieldset__legend" id="visibilite-legende">
                "Qui peut voir votre profil ?"
                <span class="fr-hint-text">
                    "Seuls les responsables de mission connectés voient les profils, sans votre adresse. Chaque consultation vous est signalée dans « Mon espace »."
                </span>
            </legend>
            <div class="fr-fieldset__element">
                <div class="fr-select-group">
                    <label class="fr-label" for=home_id.clone()>
                        "Ministère ou établissement de rattachement"
                        <span class="fr-hint-text">"Par défaut, ses responsables de mission ne voient pas votre profil."</span>
                    </label>
                    <select class="fr-select" id=home_id name="home_administration">
                        <option value="" selected={
                            let home = home.clone();
                            move || home().is_empty()
                        }>"Elle n’est pas dans la liste"</option>
                        {administrations
                            .iter()
                            .map(|a| {
                                let slug = a.slug.clone();
                                let home = home.clone();
                                view! { <option value=a.slug.clone() selected=move || home() == slug>{a.name.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <div class="fr-fieldset__element">
                <div class="fr-checkbox-group">
                    <input type="checkbox" id=own_id.clone() name="visible_to_own" value="on" checked=visible_to_own />
                    <label class="fr-label" for=own_id>
                        "Les responsables de mission de mon administration peuvent voir mon profil"
                    </label>
                </div>
            </div>
            <div class="fr-fieldset__element">
                <fieldset class="fr-fieldset" aria-labelledby="masquer-legende">
                    <legend class="fr-fieldset__legend fr-text--regular" id="masquer-legende">
                        "Masquer aussi mon profil aux administrations suivantes (facultatif)"
                    </legend>
                    {administrations
                        .into_iter()
                        .map(|a| {
                            let name = format!("hidden[{}]", a.slug);
                            let id = field_id(&name);
                            let slug = a.slug.clone();
                            let hidden = hidden.clone();
                            view! {
                                <div class="fr-fieldset__element">
                                    <div class="fr-checkbox-group fr-checkbox-group--sm">
                                        <input type="checkbox" id=id.clone() name=name value="on" checked=move || hidden(&slug) />
                                        <label class="fr-label" for=id>{a.name.clone()}</label>
                                    </div>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </div>
        </fieldset>
    }
}

/// The form's code for what a proposed skill is (`preter_<level>` or
/// `developper`).
fn kind_code(p: &ProposedSkill) -> String {
    match (p.kind.as_str(), p.level.as_deref()) {
        ("preter", Some(level)) => format!("preter_{level}"),
        _ => "developper".to_string(),
    }
}
