//! `/moderation/competences`: moderators decide on the skills agents
//! proposed (merge, add to the list, refuse) and add synonyms.

use super::not_found::ErrorContent;
use crate::api::skills::{
    skills_admin, AddProposedSkill, AddSkillSynonym, MergeSkillProposal, RefuseSkillProposal,
};
use crate::components::notice::{field_id, ErrorSummary, SuccessAlert};
use crate::error::AppError;
use crate::model::{ProposalRow, SkillFamilyAdmin, SkillsAdminData};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

const NOTICES: &[(&str, &str)] = &[
    (
        "fusionnee",
        "La proposition est fusionnée : elle devient un synonyme, et les profils qui l’ont proposée ont la compétence.",
    ),
    (
        "ajoutee",
        "La compétence est ajoutée à la liste, et aux profils qui l’ont proposée.",
    ),
    (
        "refusee",
        "La proposition est refusée : elle est retirée des profils.",
    ),
    ("synonyme", "Le synonyme est ajouté."),
];

#[component]
pub fn SkillsAdminPage() -> impl IntoView {
    let query = use_query_map();
    let info = Memo::new(move |_| query.read().get("info"));
    let data = Resource::new(move || info.get(), |_| skills_admin());
    view! {
        <Title text="Liste des compétences — Modération — Talents numériques" />
        <Suspense fallback=|| view! { <div class="fr-container fr-my-6w"><p>"Chargement…"</p></div> }>
            {move || {
                data.get().map(|result| match result {
                    Err(AppError::Unauthenticated) => view! { <Redirect path="/connexion?suite=/moderation/competences" /> }.into_any(),
                    Err(error) => view! { <ErrorContent error /> }.into_any(),
                    Ok(d) => {
                        let notice = info.get().and_then(|code| {
                            NOTICES.iter().find(|(c, _)| *c == code).map(|(_, t)| t.to_string())
                        });
                        view! { <SkillsAdmin d notice /> }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}

/// The actions of the page and the one error shown: the latest.
#[derive(Clone, Copy)]
struct Actions {
    merge: ServerAction<MergeSkillProposal>,
    add: ServerAction<AddProposedSkill>,
    refuse: ServerAction<RefuseSkillProposal>,
    error: Signal<Option<AppError>>,
}

impl Actions {
    fn new() -> Self {
        let merge = ServerAction::<MergeSkillProposal>::new();
        let add = ServerAction::<AddProposedSkill>::new();
        let refuse = ServerAction::<RefuseSkillProposal>::new();
        let latest = RwSignal::new(None::<AppError>);
        Effect::new(move |_| {
            if let Some(Err(e)) = merge.value().get() {
                latest.set(Some(e));
            }
        });
        Effect::new(move |_| {
            if let Some(Err(e)) = add.value().get() {
                latest.set(Some(e));
            }
        });
        Effect::new(move |_| {
            if let Some(Err(e)) = refuse.value().get() {
                latest.set(Some(e));
            }
        });
        // Without JavaScript, only one of them can hold an error.
        let error = Signal::derive(move || {
            latest.get().or_else(|| {
                merge
                    .value()
                    .get()
                    .and_then(|r| r.err())
                    .or_else(|| add.value().get().and_then(|r| r.err()))
                    .or_else(|| refuse.value().get().and_then(|r| r.err()))
            })
        });
        Actions {
            merge,
            add,
            refuse,
            error,
        }
    }

    fn message(&self, field: &str) -> Option<String> {
        self.error.get().and_then(|e| e.field(field))
    }
}

#[component]
fn SkillsAdmin(d: SkillsAdminData, notice: Option<String>) -> impl IntoView {
    let actions = Actions::new();
    let synonym = ServerAction::<AddSkillSynonym>::new();
    let synonym_error = Signal::derive(move || synonym.value().get().and_then(|r| r.err()));
    let count = d.proposals.len();
    let families = d.families.clone();
    let picker = d.families.clone();
    view! {
        <div class="fr-container fr-my-6w">
            <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
                <ol class="fr-breadcrumb__list">
                    <li><a class="fr-breadcrumb__link" href="/moderation">"Modération"</a></li>
                    <li><a class="fr-breadcrumb__link" aria-current="page">"Liste des compétences"</a></li>
                </ol>
            </nav>
            {notice.map(|t| view! { <SuccessAlert title=t /> })}
            <h1>"Liste des compétences"</h1>
            <p>
                "Les agents choisissent leurs compétences dans cette liste. Celles qu’ils ne trouvent pas, ils les proposent : fusionnez-les avec une compétence existante (elles en deviennent un synonyme), ajoutez-les à la liste ou refusez-les. Une compétence n’existe jamais deux fois, quels que soient les majuscules, les accents ou le pluriel."
            </p>
            <ErrorSummary error=actions.error />
            <h2>"Propositions en attente (" {count} ")"</h2>
            {if d.proposals.is_empty() {
                view! { <p>"Aucune proposition n’attend de décision."</p> }.into_any()
            } else {
                d.proposals
                    .into_iter()
                    .map(|p| view! { <Proposal p families=families.clone() actions /> })
                    .collect_view()
                    .into_any()
            }}
            <h2 class="fr-mt-6w" id="synonyme">"Ajouter un synonyme"</h2>
            <p>"Un autre nom, un sigle ou une orthographe courante d’une compétence : la recherche et les propositions des agents le reconnaîtront."</p>
            <ErrorSummary error=synonym_error />
            <ActionForm action=synonym>
                <SkillSelect
                    name="skill"
                    field="skill".to_string()
                    label="Compétence"
                    families=picker
                    chosen=Signal::derive(move || synonym_error.get().and_then(|e| e.value("skill")))
                    message=Signal::derive(move || synonym_error.get().and_then(|e| e.field("skill")))
                />
                <Input
                    name="term"
                    field="term".to_string()
                    label="Synonyme"
                    hint="Par exemple : a11y, expérience utilisateur."
                    value=Signal::derive(move || synonym_error.get().and_then(|e| e.value("term")).unwrap_or_default())
                    message=Signal::derive(move || synonym_error.get().and_then(|e| e.field("term")))
                />
                <button class="fr-btn fr-btn--secondary" type="submit" disabled=move || synonym.pending().get()>"Ajouter le synonyme"</button>
            </ActionForm>
            <h2 class="fr-mt-6w">"La liste"</h2>
            {d.families.into_iter().map(|f| view! { <Family f /> }).collect_view()}
        </div>
    }
}

#[component]
fn Proposal(p: ProposalRow, families: Vec<SkillFamilyAdmin>, actions: Actions) -> impl IntoView {
    let id = p.id.to_string();
    let (id2, id3) = (id.clone(), id.clone());
    let (term1, term2, term3) = (p.term.clone(), p.term.clone(), p.term.clone());
    let heading = format!("proposition-{}", p.id);
    let labelled = heading.clone();
    let profiles = match p.profiles {
        1 => "Proposée par 1 profil".to_string(),
        n => format!("Proposée par {n} profils"),
    };
    let (skill_field, name_field, family_field) = (
        format!("skill-{}", p.id),
        format!("name-{}", p.id),
        format!("family-{}", p.id),
    );
    let suggestion = p.suggestion.clone();
    let chosen = {
        let field = skill_field.clone();
        Signal::derive(move || {
            actions
                .error
                .get()
                .and_then(|e| e.value(&field))
                .or_else(|| suggestion.clone())
        })
    };
    let term = p.term.clone();
    let typed_name = {
        let field = name_field.clone();
        Signal::derive(move || {
            actions
                .error
                .get()
                .and_then(|e| e.value(&field))
                .unwrap_or_else(|| term.clone())
        })
    };
    let family_chosen = {
        let field = family_field.clone();
        Signal::derive(move || actions.error.get().and_then(|e| e.value(&field)))
    };
    let message = move |field: &String| {
        let field = field.clone();
        Signal::derive(move || actions.message(&field))
    };
    let family_options = families
        .iter()
        .map(|f| (f.slug.clone(), f.name.clone()))
        .collect::<Vec<_>>();
    view! {
        <section class="fr-card fr-card--no-arrow fr-mb-4w" aria-labelledby=labelled>
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h3 class="fr-card__title" id=heading>"« " {p.term.clone()} " »"</h3>
                    <p class="fr-card__desc">{profiles} " · depuis le " {p.proposed_at.clone()}</p>
                    <div class="fr-grid-row fr-grid-row--gutters fr-mt-1w">
                        <div class="fr-col-12 fr-col-md-6">
                            <ActionForm action=actions.merge>
                                <input type="hidden" name="proposal" value=id />
                                <SkillSelect
                                    name="skill"
                                    field=skill_field.clone()
                                    label="Fusionner avec une compétence existante"
                                    families=families.clone()
                                    chosen
                                    message=message(&skill_field)
                                />
                                <button class="fr-btn fr-btn--sm" type="submit" disabled=move || actions.merge.pending().get()>
                                    "Fusionner" <span class="fr-sr-only">" « " {term1} " »"</span>
                                </button>
                            </ActionForm>
                        </div>
                        <div class="fr-col-12 fr-col-md-6">
                            <ActionForm action=actions.add>
                                <input type="hidden" name="proposal" value=id2 />
                                <Input
                                    name="name"
                                    field=name_field.clone()
                                    label="Ajouter à la liste sous le nom"
                                    hint="Corrigez l’orthographe si besoin."
                                    value=typed_name
                                    message=message(&name_field)
                                />
                                <div class=move || if actions.message(&family_field).is_some() { "fr-select-group fr-select-group--error" } else { "fr-select-group" }>
                                    <label class="fr-label" for=field_id(&format!("family-{}", p.id))>"Famille"</label>
                                    <select
                                        class="fr-select"
                                        id=field_id(&format!("family-{}", p.id))
                                        name="family"
                                        aria-describedby=format!("{}-messages", field_id(&format!("family-{}", p.id)))
                                    >
                                        <option value="" selected=move || family_chosen.get().is_none()>"Choisissez une famille"</option>
                                        {family_options
                                            .into_iter()
                                            .map(|(slug, name)| {
                                                let s = slug.clone();
                                                view! { <option value=slug selected=move || family_chosen.get().as_deref() == Some(s.as_str())>{name}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                    <div class="fr-messages-group" id=format!("{}-messages", field_id(&format!("family-{}", p.id))) aria-live="polite">
                                        {
                                            let field = format!("family-{}", p.id);
                                            move || actions.message(&field).map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })
                                        }
                                    </div>
                                </div>
                                <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit" disabled=move || actions.add.pending().get()>
                                    "Ajouter à la liste" <span class="fr-sr-only">" « " {term2} " »"</span>
                                </button>
                            </ActionForm>
                        </div>
                    </div>
                </div>
                <div class="fr-card__footer">
                    <ActionForm action=actions.refuse>
                        <input type="hidden" name="proposal" value=id3 />
                        <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" disabled=move || actions.refuse.pending().get()>
                            "Refuser" <span class="fr-sr-only">" « " {term3} " »"</span>
                        </button>
                    </ActionForm>
                </div>
            </div>
        </section>
    }
}

/// A text input whose name and error key may differ (one form per
/// proposal, one error key each).
#[component]
fn Input(
    name: &'static str,
    field: String,
    label: &'static str,
    hint: &'static str,
    value: Signal<String>,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let id = field_id(&field);
    let described = format!("{id}-messages");
    view! {
        <div class=move || if message.get().is_some() { "fr-input-group fr-input-group--error" } else { "fr-input-group" }>
            <label class="fr-label" for=id.clone()>
                {label}
                <span class="fr-hint-text">{hint}</span>
            </label>
            <input
                class=move || if message.get().is_some() { "fr-input fr-input--error" } else { "fr-input" }
                type="text"
                id=id
                name=name
                maxlength="100"
                autocomplete="off"
                value=move || value.get()
                aria-describedby=described.clone()
                aria-invalid=move || message.get().map(|_| "true")
            />
            <div class="fr-messages-group" id=described aria-live="polite">
                {move || message.get().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
}

/// A select of every skill, by family.
#[component]
fn SkillSelect(
    name: &'static str,
    field: String,
    label: &'static str,
    families: Vec<SkillFamilyAdmin>,
    chosen: Signal<Option<String>>,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let id = field_id(&field);
    let described = format!("{id}-messages");
    view! {
        <div class=move || if message.get().is_some() { "fr-select-group fr-select-group--error" } else { "fr-select-group" }>
            <label class="fr-label" for=id.clone()>{label}</label>
            <select
                class=move || if message.get().is_some() { "fr-select fr-select--error" } else { "fr-select" }
                id=id
                name=name
                aria-describedby=described.clone()
                aria-invalid=move || message.get().map(|_| "true")
            >
                <option value="" selected=move || chosen.get().is_none()>"Choisissez une compétence"</option>
                {families
                    .into_iter()
                    .map(|f| view! {
                        <optgroup label=f.name>
                            {f.skills
                                .into_iter()
                                .map(|s| {
                                    let slug = s.slug.clone();
                                    view! { <option value=s.slug selected=move || chosen.get().as_deref() == Some(slug.as_str())>{s.name}</option> }
                                })
                                .collect_view()}
                        </optgroup>
                    })
                    .collect_view()}
            </select>
            <div class="fr-messages-group" id=described aria-live="polite">
                {move || message.get().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
}

#[component]
fn Family(f: SkillFamilyAdmin) -> impl IntoView {
    view! {
        <h3 class="fr-h6 fr-mt-4w">{f.name}</h3>
        <ul>
            {f.skills
                .into_iter()
                .map(|s| view! {
                    <li>
                        {s.name}
                        {(!s.synonyms.is_empty()).then(|| view! {
                            <span class="fr-hint-text">"Synonymes : " {s.synonyms.join(", ")}</span>
                        })}
                    </li>
                })
                .collect_view()}
        </ul>
    }
}
