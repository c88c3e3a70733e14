//! Talents numériques: pages, components, wire types and server functions,
//! shared by the server (feature `ssr`) and the browser (feature `hydrate`).
#![recursion_limit = "256"]

pub mod api;
mod app;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;
pub mod text;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod backend;

pub use app::{shell, App};

/// Tells the page that hydration is done, so the DSFR's own script (started
/// in manual mode) can enhance the DOM without disturbing hydration.
#[cfg(feature = "hydrate")]
pub fn hydrated() {
    if let Some(window) = web_sys::window() {
        if let Ok(event) = web_sys::Event::new("talents:hydrated") {
            let _ = js_sys_set_flag(&window);
            let _ = window.dispatch_event(&event);
        }
    }
}

#[cfg(feature = "hydrate")]
fn js_sys_set_flag(window: &web_sys::Window) -> Result<bool, wasm_bindgen::JsValue> {
    let key = wasm_bindgen::JsValue::from_str("__talentsHydrated");
    js_sys::Reflect::set(window, &key, &wasm_bindgen::JsValue::TRUE)
}
