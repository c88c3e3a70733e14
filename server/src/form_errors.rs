//! Errors of forms posted without JavaScript come back in the page's URL
//! (`__path` and `__err`, written by Leptos), where the page shows them next
//! to the fields. Anyone can write such a URL, which would let a stranger put
//! their own words in an official error box. So the server signs the error
//! URLs it produces (`__sig`, an HMAC-SHA256), and a page requested with an
//! unsigned or forged error is redirected to the same page without it.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::sync::Arc;

const PARAMS: [&str; 3] = ["__path", "__err", "__sig"];

/// An HMAC key of one SHA-256 block (the secret hashed, then zero-padded,
/// exactly what HMAC does with a longer key).
#[derive(Clone)]
pub struct FormErrorKey(Arc<[u8; 64]>);

impl FormErrorKey {
    pub fn new(secret: &[u8]) -> Self {
        let mut key = [0u8; 64];
        key[..32].copy_from_slice(&Sha256::digest(secret));
        FormErrorKey(Arc::new(key))
    }

    fn mac(&self, path: &str, err: &str) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new(&(*self.0).into());
        mac.update(path.as_bytes());
        mac.update(b"\n");
        mac.update(err.as_bytes());
        mac
    }

    pub fn sign(&self, path: &str, err: &str) -> String {
        self.mac(path, err)
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    pub fn verify(&self, path: &str, err: &str, sig: &str) -> bool {
        let Some(bytes) = decode_hex(sig) else {
            return false;
        };
        self.mac(path, err).verify_slice(&bytes).is_ok()
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() != 64 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The value of a query parameter, as written (still percent-encoded).
fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

fn without_params(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !PARAMS.contains(&key)
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn layer(State(key): State<FormErrorKey>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/api/") {
        let mut res = next.run(req).await;
        sign_location(&key, &mut res);
        return res;
    }
    let query = req.uri().query().unwrap_or_default().to_string();
    let carries_error = query.split('&').any(|pair| {
        let name = pair.split('=').next().unwrap_or_default();
        PARAMS.contains(&name)
    });
    if req.method() == Method::GET && carries_error {
        let genuine = match (
            param(&query, "__path"),
            param(&query, "__err"),
            param(&query, "__sig"),
        ) {
            (Some(p), Some(e), Some(s)) => key.verify(p, e, s),
            _ => false,
        };
        if !genuine {
            let rest = without_params(&query);
            let target = if rest.is_empty() {
                path
            } else {
                format!("{path}?{rest}")
            };
            return Redirect::to(&target).into_response();
        }
    }
    next.run(req).await
}

/// Adds `__sig` to the redirect of a failed plain-form post.
fn sign_location(key: &FormErrorKey, res: &mut Response) {
    if res.status() != StatusCode::FOUND {
        return;
    }
    let Some(location) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
    else {
        return;
    };
    let Some((_, query)) = location.split_once('?') else {
        return;
    };
    let (Some(p), Some(e)) = (param(query, "__path"), param(query, "__err")) else {
        return;
    };
    let signed = format!("{location}&__sig={}", key.sign(p, e));
    if let Ok(value) = HeaderValue::from_str(&signed) {
        res.headers_mut().insert(header::LOCATION, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_bind_path_and_error() {
        let key = FormErrorKey::new(b"secret");
        let sig = key.sign("/api/a", "e30");
        assert!(key.verify("/api/a", "e30", &sig));
        assert!(!key.verify("/api/b", "e30", &sig));
        assert!(!key.verify("/api/a", "e31", &sig));
        assert!(!key.verify("/api/a", "e30", "zz"));
        assert!(!FormErrorKey::new(b"other").verify("/api/a", "e30", &sig));
    }

    #[test]
    fn error_params_are_found_and_removed() {
        let q = "q=x&__path=%2Fapi%2Fa&__err=abc%3D&__sig=00";
        assert_eq!(param(q, "__err"), Some("abc%3D"));
        assert_eq!(param(q, "__er"), None);
        assert_eq!(without_params(q), "q=x");
    }
}
