//! Reading an answer's body: at most a cap, chunk by chunk, and what kind
//! of body it is. No I/O of its own beyond the response given.

use reqwest::header::{CONTENT_TYPE, HeaderMap};

/// Why a body was not read whole.
pub(crate) enum ReadError {
    TooLarge,
    Http(reqwest::Error),
}

/// Reads the body chunk by chunk, giving up as soon as it passes `cap`.
pub(crate) async fn read_capped(response: &mut reqwest::Response, cap: usize) -> Result<Vec<u8>, ReadError> {
    if response.content_length().is_some_and(|len| len > cap as u64) {
        return Err(ReadError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Http)? {
        if body.len() + chunk.len() > cap {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    content_type(headers).is_some_and(|ct| ct.contains("json"))
}

pub(crate) fn content_type(headers: &HeaderMap) -> Option<String> {
    headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_ascii_lowercase)
}
