//! The editor's live side, once hydrated: who else has the sheet open and
//! in which field, others' saves merged into the form without touching
//! what is being typed, and the fields where two people saved different
//! values, for the editor to choose. Without JavaScript none of this runs:
//! the form still saves and shows conflicts next to the fields.
//!
//! Transport: `GET /live/missions/{id}` (Server-Sent Events; the browser
//! reconnects by itself), `live_presence` for the field one is in.

use super::Autosave;
use crate::model::{field_label, Conflict, Present};
#[cfg(feature = "hydrate")]
use crate::model::{Saved, FIELD_LABELS};
use leptos::prelude::*;

/// The live state of one open editor. Copy: signals and stored values.
#[derive(Clone, Copy)]
pub struct Live {
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub id: i32,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    form: NodeRef<leptos::html::Form>,
    /// This tab's id (empty before hydration).
    pub client: RwSignal<String>,
    /// Everyone else on the sheet.
    pub present: RwSignal<Vec<Present>>,
    /// Fields held at the stored value until the editor chooses.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// What just came from the others (announced politely).
    pub news: RwSignal<Option<String>>,
    /// None before the channel opens; then whether it is up.
    pub connected: RwSignal<Option<bool>>,
    /// Each field as the last save sent it.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    sent: StoredValue<std::collections::BTreeMap<String, String>>,
    /// Who saved what the next sync brings.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    incoming_from: StoredValue<Option<String>>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    focused: StoredValue<(u32, String)>,
    /// This tab as the server names it in events (`you` on connection).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    key: StoredValue<String>,
}

impl Live {
    pub fn new(id: i32, form: NodeRef<leptos::html::Form>) -> Self {
        Live {
            id,
            form,
            client: RwSignal::new(String::new()),
            present: RwSignal::new(Vec::new()),
            conflicts: RwSignal::new(Vec::new()),
            news: RwSignal::new(None),
            connected: RwSignal::new(None),
            sent: StoredValue::new(Default::default()),
            incoming_from: StoredValue::new(None),
            focused: StoredValue::new((0, String::new())),
            key: StoredValue::new(String::new()),
        }
    }

    /// Keeps the held fields at the stored value in what a save sends.
    #[cfg(feature = "hydrate")]
    pub fn hold_in(self, data: &web_sys::FormData) {
        for c in self.conflicts.get_untracked() {
            if c.field == "skills" {
                if let Some(form) = self.form() {
                    for slug in checkboxes(&form).into_iter().map(|(slug, _)| slug) {
                        data.delete(&format!("skills[{slug}]"));
                    }
                }
                for slug in c.theirs.split(',').filter(|s| !s.is_empty()) {
                    let _ = data.set_with_str(&format!("skills[{slug}]"), "on");
                }
            } else {
                let _ = data.set_with_str(&c.field, &c.theirs);
            }
        }
    }

    /// Remembers the form as a save is sent.
    #[cfg(feature = "hydrate")]
    pub fn remember_sent(self) {
        if let Some(form) = self.form() {
            let values = FIELD_LABELS
                .iter()
                .map(|(f, _)| (f.to_string(), dom_value(&form, f)))
                .collect();
            self.sent.set_value(values);
        }
    }

    #[cfg(feature = "hydrate")]
    fn form(self) -> Option<web_sys::HtmlFormElement> {
        self.form.try_get_untracked().flatten()
    }

    /// A save came back: the fields nobody touched here since it was sent
    /// take the stored value (others' changes included); new conflicts are
    /// held.
    #[cfg(feature = "hydrate")]
    pub fn apply(self, saved: &Saved) {
        let Some(form) = self.form() else { return };
        let sent = self.sent.get_value();
        let mut held: Vec<Conflict> = self.conflicts.get_untracked();
        held.retain(|c| !saved.conflicts.iter().any(|n| n.field == c.field));
        held.extend(saved.conflicts.iter().cloned());
        let mut updated = Vec::new();
        for (field, label) in FIELD_LABELS {
            let stored = saved.form.get(field);
            let dom = dom_value(&form, field);
            if let Some(c) = held.iter_mut().find(|c| c.field == *field) {
                if stored != c.theirs {
                    // Saved again meanwhile: the choice is with the latest.
                    c.theirs = stored.clone();
                    c.theirs_readable = stored.clone();
                }
                continue;
            }
            if stored != dom && sent.get(*field) == Some(&dom) {
                set_dom_value(&form, field, &stored);
                updated.push(*label);
            }
        }
        // Typed the same as the other person: nothing left to choose.
        held.retain(|c| dom_value(&form, &c.field) != c.theirs);
        self.conflicts.set(held);
        let from = self.incoming_from.get_value();
        self.incoming_from.set_value(None);
        if !updated.is_empty() {
            let who = from.unwrap_or_else(|| "Un autre responsable".into());
            self.news.set(Some(format!(
                "{who} a modifié : {}. La fiche est à jour.",
                updated.join(", ")
            )));
        }
    }

    /// The field the keyboard is in now (`""`: none), told to the others.
    #[cfg(feature = "hydrate")]
    pub fn focus(self, input: String) {
        let (generation, current) = self.focused.get_value();
        let generation = generation.wrapping_add(1);
        self.focused.set_value((generation, current.clone()));
        let field = crate::model::field_of_input(&input).to_string();
        let field = if field_label(&field).is_some() {
            field
        } else {
            String::new()
        };
        let send = move || {
            // Still the latest move, and a change.
            let Some((g, current)) = self.focused.try_get_value() else {
                return;
            };
            if g != generation || current == field {
                return;
            }
            self.focused.set_value((g, field.clone()));
            let (id, client) = (self.id.to_string(), self.client.get_untracked());
            let field = field.clone();
            leptos::task::spawn_local(async move {
                let _ = crate::api::admin::live_presence(id, client, field, String::new()).await;
            });
        };
        // Leaving a field for another: one message, not two.
        let _ = set_timeout_with_handle(send, std::time::Duration::from_millis(250));
    }

    /// Opens the live channel and keeps it open; closes it when the editor
    /// goes.
    #[cfg(feature = "hydrate")]
    pub fn connect(self, autosave: Autosave, version: RwSignal<i32>) {
        let action = autosave.action;
        Effect::new(move |_| {
            if let Some(Ok(saved)) = action.value().get() {
                self.apply(&saved);
            }
        });
        let stream: StoredValue<Option<Stream>, LocalStorage> = StoredValue::new_local(None);
        // After hydration, so the form's hidden `client` field gets the id.
        Effect::new(move |started: Option<()>| {
            if started.is_none() {
                self.client.set(new_client_id());
                open(self, autosave, version, stream);
            }
        });
        // The browser knows it is offline before the stream notices: close
        // it and say so; reopen it (and so resync) once back online.
        let offline = window_event_listener(leptos::ev::offline, move |_| {
            if let Some(Some(s)) = stream.try_update_value(Option::take) {
                s.source.close();
            }
            self.connected.set(Some(false));
        });
        let online = window_event_listener(leptos::ev::online, move |_| {
            open(self, autosave, version, stream);
        });
        let leave = move || send_leave(self.id, &self.client.get_untracked());
        let handle = window_event_listener(leptos::ev::pagehide, move |_| leave());
        on_cleanup(move || {
            offline.remove();
            online.remove();
            handle.remove();
            if let Some(Some(s)) = stream.try_update_value(Option::take) {
                s.source.close();
            }
            leave();
        });
    }
}

/// An open EventSource and the handlers it calls.
#[cfg(feature = "hydrate")]
struct Stream {
    source: web_sys::EventSource,
    _handlers: Vec<wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

#[cfg(feature = "hydrate")]
fn open(
    live: Live,
    autosave: Autosave,
    version: RwSignal<i32>,
    stream: StoredValue<Option<Stream>, LocalStorage>,
) {
    use crate::model::LiveEvent;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let url = format!(
        "/live/missions/{}?client={}",
        live.id,
        live.client.get_untracked()
    );
    let Ok(source) = web_sys::EventSource::new(&url) else {
        live.connected.set(Some(false));
        return;
    };
    let data = |e: &web_sys::MessageEvent| -> Option<serde_json::Value> {
        serde_json::from_str(&e.data().as_string()?).ok()
    };
    let behind = move |v: i64| v > i64::from(version.get_untracked());
    let mut handlers: Vec<Closure<dyn FnMut(web_sys::MessageEvent)>> = Vec::new();
    let mut on = |name: &str, f: Box<dyn FnMut(web_sys::MessageEvent)>| {
        let c = Closure::wrap(f);
        let _ = source.add_event_listener_with_callback(name, c.as_ref().unchecked_ref());
        handlers.push(c);
    };
    on(
        "version",
        Box::new(move |e| {
            let Some(d) = data(&e) else { return };
            if let Some(you) = d["you"].as_str() {
                live.key.set_value(you.to_string());
            }
            if let Some(v) = d["version"].as_i64() {
                if behind(v) {
                    autosave.sync();
                }
            }
        }),
    );
    on(
        "saved",
        Box::new(move |e| {
            let Some(Ok(LiveEvent::Saved {
                version: v,
                client,
                by,
                ..
            })) = e.data().as_string().map(|s| serde_json::from_str(&s))
            else {
                return;
            };
            if client != live.key.get_value() && behind(i64::from(v)) {
                live.incoming_from.set_value(Some(by));
                autosave.sync();
            }
        }),
    );
    on(
        "presence",
        Box::new(move |e| {
            let Some(d) = data(&e) else { return };
            let all: Vec<Present> =
                serde_json::from_value(d["present"].clone()).unwrap_or_default();
            let me = live.key.get_value();
            live.present
                .set(all.into_iter().filter(|p| p.client != me).collect());
        }),
    );
    on("open", Box::new(move |_| live.connected.set(Some(true))));
    let source_for_error = source.clone();
    on(
        "error",
        Box::new(move |_| {
            live.connected.set(Some(false));
            // The browser retries by itself unless the server refused; then
            // try again later (a new sign-in, a server back up…).
            if source_for_error.ready_state() == web_sys::EventSource::CLOSED {
                let _ = set_timeout_with_handle(
                    move || {
                        if live.connected.try_get_untracked() == Some(Some(false)) {
                            open(live, autosave, version, stream);
                        }
                    },
                    std::time::Duration::from_secs(10),
                );
            }
        }),
    );
    if let Some(Some(old)) = stream.try_update_value(Option::take) {
        old.source.close();
    }
    stream.set_value(Some(Stream {
        source,
        _handlers: handlers,
    }));
}

/// Tells the others this tab closed the sheet, even as the page goes.
#[cfg(feature = "hydrate")]
fn send_leave(id: i32, client: &str) {
    if client.is_empty() {
        return;
    }
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return;
    };
    params.append("id", &id.to_string());
    params.append("client", client);
    params.append("left", "1");
    let url = <crate::api::admin::LivePresence as leptos::server_fn::ServerFn>::PATH;
    let _ = window()
        .navigator()
        .send_beacon_with_opt_url_search_params(url, Some(&params));
}

#[cfg(feature = "hydrate")]
fn new_client_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..20)
        .map(|_| {
            let i = (js_sys::Math::random() * ALPHABET.len() as f64) as usize;
            ALPHABET[i.min(ALPHABET.len() - 1)] as char
        })
        .collect()
}

/// The skills' checkboxes: (slug, checked).
#[cfg(feature = "hydrate")]
fn checkboxes(form: &web_sys::HtmlFormElement) -> Vec<(String, bool)> {
    use wasm_bindgen::JsCast;
    let Ok(list) = form.query_selector_all("input[type=checkbox][name^='skills[']") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlInputElement>().ok())
        .filter_map(|input| {
            let name = input.name();
            let slug = name.strip_prefix("skills[")?.strip_suffix(']')?.to_string();
            Some((slug, input.checked()))
        })
        .collect()
}

/// One field as the form shows it, in the form of `SheetForm::get`.
#[cfg(feature = "hydrate")]
fn dom_value(form: &web_sys::HtmlFormElement, field: &str) -> String {
    use wasm_bindgen::JsCast;
    if field == "skills" {
        let mut slugs: Vec<String> = checkboxes(form)
            .into_iter()
            .filter(|(_, checked)| *checked)
            .map(|(slug, _)| slug)
            .collect();
        slugs.sort();
        return slugs.join(",");
    }
    let Ok(Some(el)) = form.query_selector(&format!("[name=\"{field}\"]")) else {
        return String::new();
    };
    let raw = if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    };
    raw.replace("\r\n", "\n").trim().to_string()
}

/// Puts a stored value into the form, and marks the field a moment.
#[cfg(feature = "hydrate")]
pub(super) fn set_dom_value(form: &web_sys::HtmlFormElement, field: &str, value: &str) {
    use wasm_bindgen::JsCast;
    if field == "skills" {
        let chosen: Vec<&str> = value.split(',').collect();
        if let Ok(list) = form.query_selector_all("input[type=checkbox][name^='skills[']") {
            for i in 0..list.length() {
                if let Some(input) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    let name = input.name();
                    let slug = name
                        .strip_prefix("skills[")
                        .and_then(|s| s.strip_suffix(']'))
                        .unwrap_or_default();
                    input.set_checked(chosen.contains(&slug));
                }
            }
        }
        return;
    }
    let Ok(Some(el)) = form.query_selector(&format!("[name=\"{field}\"]")) else {
        return;
    };
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(value);
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(value);
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(value);
    }
    let _ = el.class_list().add_1("tn-live-updated");
    let _ = set_timeout_with_handle(
        move || {
            let _ = el.class_list().remove_1("tn-live-updated");
        },
        std::time::Duration::from_secs(3),
    );
}

/// Who else is here, and what came from them.
#[component]
pub fn LivePanel(live: Live) -> impl IntoView {
    let where_ = |p: &Present| {
        p.field
            .as_deref()
            .and_then(field_label)
            .map(|l| format!(" — dans « {l} »"))
            .unwrap_or_default()
    };
    view! {
        <div class="tn-live fr-mb-3w">
            {move || live.connected.get().map(|up| {
                let others = live.present.get();
                view! {
                    <p class="fr-text--sm fr-mb-1w" id="presence">
                        {if !up {
                            "Suivi en direct interrompu : vos modifications restent dans la page, reconnexion automatique…".to_string()
                        } else if others.is_empty() {
                            "Personne d’autre n’a cette fiche ouverte.".to_string()
                        } else {
                            "Également sur cette fiche :".to_string()
                        }}
                    </p>
                    {(up && !others.is_empty()).then(|| view! {
                        <ul class="fr-text--sm tn-presence-list">
                            {others.iter().map(|p| view! {
                                <li><span class="fr-icon-user-line fr-icon--sm" aria-hidden="true"></span>" " {p.name.clone()} {where_(p)}</li>
                            }).collect_view()}
                        </ul>
                    })}
                }
            })}
            <p class="fr-text--sm fr-mb-0" role="status" aria-live="polite" id="nouvelles">
                {move || live.news.get()}
            </p>
        </div>
    }
}

/// The fields two people saved differently: both versions, and a choice.
#[component]
pub fn ConflictPanel(live: Live, autosave: Autosave) -> impl IntoView {
    let resolve = move |field: String, take_theirs: bool| {
        let Some(c) = live
            .conflicts
            .get_untracked()
            .into_iter()
            .find(|c| c.field == field)
        else {
            return;
        };
        live.conflicts.update(|cs| cs.retain(|x| x.field != field));
        #[cfg(feature = "hydrate")]
        if take_theirs {
            if let Some(form) = live.form() {
                set_dom_value(&form, &c.field, &c.theirs);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (c, take_theirs);
        autosave.schedule();
    };
    view! {
        <div class="tn-conflicts">
            {move || live.conflicts.get().into_iter().map(|c| {
                let (keep, take) = (c.field.clone(), c.field.clone());
                view! {
                    <div class="fr-alert fr-alert--warning fr-mb-3w tn-conflict" role="alert">
                        <h2 class="fr-alert__title fr-h6">"« " {c.label.clone()} " » : " {c.by.clone()} " a enregistré une autre version"</h2>
                        <p>"Sa version, enregistrée : " <q class="tn-pre-line">{c.theirs_readable.clone()}</q></p>
                        <p>"Votre version, dans le formulaire : " <q class="tn-pre-line">{c.mine_readable.clone()}</q></p>
                        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-1w">
                            <li><button type="button" class="fr-btn fr-btn--sm" on:click=move |_| resolve(keep.clone(), false)>
                                "Garder ma version" <span class="fr-sr-only">" : " {c.label.clone()}</span></button></li>
                            <li><button type="button" class="fr-btn fr-btn--sm fr-btn--secondary" on:click=move |_| resolve(take.clone(), true)>
                                "Reprendre sa version" <span class="fr-sr-only">" : " {c.label.clone()}</span></button></li>
                        </ul>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
