//! Talents numériques: pages, components, wire types and server functions,
//! shared by the server (feature `ssr`) and the browser (feature `hydrate`).
#![recursion_limit = "256"]

pub mod api;
mod app;
pub mod components;
pub mod document;
pub mod error;
pub mod lifecycle;
pub mod matching;
pub mod model;
pub mod pages;
pub mod privacy;
pub mod rights;
pub mod text;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod backend;

pub use app::{shell, App};

/// Tells the page that hydration is done, so the DSFR's own script (started
/// in manual mode) can enhance the DOM without disturbing hydration.
#[cfg(feature = "hydrate")]
pub fn hydrated() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let flag = wasm_bindgen::JsValue::from_str("__talentsHydrated");
    let _ = js_sys::Reflect::set(&window, &flag, &wasm_bindgen::JsValue::TRUE);
    if let Ok(event) = web_sys::Event::new("talents:hydrated") {
        let _ = window.dispatch_event(&event);
    }
}
