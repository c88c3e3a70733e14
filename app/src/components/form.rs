//! DSFR form fields tied to a form's error: each field shows its own message
//! (linked by `aria-describedby`) and the value typed before a rejection.

use super::notice::field_id;
use crate::error::AppError;
use crate::text::rcdata;
use leptos::prelude::*;

fn messages_id(name: &str) -> String {
    format!("{}-messages", field_id(name))
}

/// A text input or a textarea.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] optional: bool,
    #[prop(default = None)] initial: Option<String>,
) -> impl IntoView {
    let id = field_id(name);
    let described = messages_id(name);
    let message = move || error.get().and_then(|e| e.field(name));
    let value = move || {
        error
            .get()
            .and_then(|e| e.value(name))
            .or_else(|| initial.clone())
    };
    let group_class = move || {
        if message().is_some() {
            "fr-input-group fr-input-group--error"
        } else {
            "fr-input-group"
        }
    };
    let input_class = move || {
        let base = if multiline {
            "fr-input fr-input--textarea"
        } else {
            "fr-input"
        };
        if message().is_some() {
            format!("{base} fr-input--error")
        } else {
            base.to_string()
        }
    };
    let control = if multiline {
        view! {
            <textarea
                class=input_class
                id=id.clone()
                name=name
                rows="6"
                aria-describedby=described.clone()
                aria-invalid=move || message().map(|_| "true")
            >
                {move || rcdata(value().unwrap_or_default())}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class=input_class
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                aria-describedby=described.clone()
                aria-invalid=move || message().map(|_| "true")
                value=value
            />
        }
        .into_any()
    };
    view! {
        <div class=group_class>
            <label class="fr-label" for=id>
                {label}
                {optional.then_some(" (facultatif)")}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            {control}
            <div class="fr-messages-group" id=described aria-live="polite">
                {move || message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
}

/// A select among (code, label) options.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: &'static [(&'static str, &'static str)],
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = None)] initial: Option<String>,
) -> impl IntoView {
    let id = field_id(name);
    let described = messages_id(name);
    let message = move || error.get().and_then(|e| e.field(name));
    let chosen = move || {
        error
            .get()
            .and_then(|e| e.value(name))
            .or_else(|| initial.clone())
            .unwrap_or_default()
    };
    view! {
        <div class=move || if message().is_some() { "fr-select-group fr-select-group--error" } else { "fr-select-group" }>
            <label class="fr-label" for=id.clone()>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <select
                class=move || if message().is_some() { "fr-select fr-select--error" } else { "fr-select" }
                id=id
                name=name
                aria-describedby=described.clone()
                aria-invalid=move || message().map(|_| "true")
            >
                <option value="" selected={
                    let chosen = chosen.clone();
                    move || chosen().is_empty()
                }>"Sélectionnez une option"</option>
                {options
                    .iter()
                    .map(|(code, text)| {
                        let code = *code;
                        let chosen = chosen.clone();
                        view! { <option value=code selected=move || chosen() == code>{*text}</option> }
                    })
                    .collect_view()}
            </select>
            <div class="fr-messages-group" id=described aria-live="polite">
                {move || message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
}

/// A single checkbox (sent as "on" when ticked).
#[component]
pub fn CheckboxField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = field_id(name);
    let described = messages_id(name);
    let message = move || error.get().and_then(|e| e.field(name));
    view! {
        <div class=move || if message().is_some() { "fr-checkbox-group fr-checkbox-group--error" } else { "fr-checkbox-group" }>
            <input
                type="checkbox"
                id=id.clone()
                name=name
                value="on"
                checked=move || error.get().and_then(|e| e.value(name)).is_some_and(|v| v == "on")
                aria-describedby=described.clone()
                aria-invalid=move || message().map(|_| "true")
            />
            <label class="fr-label" for=id>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <div class="fr-messages-group" id=described aria-live="polite">
                {move || message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
}
