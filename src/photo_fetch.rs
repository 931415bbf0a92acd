//! Customer photos, kept apart from the API: a photo URL is data from the
//! server and may point anywhere, so it is fetched by a client of its own
//! that never holds the API's token (nor any cookie), goes only to `http`
//! and `https` addresses (redirects included), gives up after a timeout and
//! past [`MAX_BYTES`]; and it is decoded with explicit limits
//! ([`MAX_SIDE`], [`MAX_ALLOC`]), PNG, JPEG, GIF and WebP only (never SVG
//! or HTML), by the caller off the UI thread.

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

/// The most a photo may weigh on the wire.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The widest and tallest a photo may be, in pixels.
pub const MAX_SIDE: u32 = 4096;
/// The most decoding may allocate.
pub const MAX_ALLOC: u64 = 64 * 1024 * 1024;
/// Decoded photos are shrunk to fit this square (pixels) before their cells
/// are made: enough for the photo box at cells up to 20 x 40 pixels (kitty,
/// sixel, iTerm2), 400 KB at most, and only until the cells are made.
pub const KEPT_SIDE: u32 = 320;

/// Why a photo is not shown; one line, safe to print (nothing from the
/// photo's server is quoted but a content type, sanitised).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("not an http or https address (not fetched)")]
    NotWeb,
    #[error("no answer in time")]
    Timeout,
    #[error("its server cannot be reached")]
    Connect,
    #[error("redirects off the web (refused)")]
    BadRedirect,
    #[error("its server answered {0}")]
    Status(u16),
    #[error("over 5 MB (not read)")]
    TooLarge,
    #[error("not an image ({0})")]
    NotImage(String),
    #[error("too large to show ({0} x {1} px)")]
    TooManyPixels(u32, u32),
    #[error("cannot be read ({0})")]
    Undecodable(String),
    #[error("not loaded: the customer is no longer shown")]
    Cancelled,
}

/// The bytes of a photo, read a little at a time, each read refused once
/// `cancelled` is set.
struct Cancellable<'a> {
    bytes: Cursor<&'a [u8]>,
    cancelled: &'a AtomicBool,
}

/// The most one read hands the decoder: a 50 KB photo that decodes to
/// 64 MB is read in a dozen steps, each a point to stop at.
const READ_STEP: usize = 4096;

impl std::io::Read for Cancellable<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::io::BufRead;
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl std::io::BufRead for Cancellable<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.cancelled.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("cancelled"));
        }
        let rest = self.bytes.fill_buf()?;
        Ok(&rest[..rest.len().min(READ_STEP)])
    }

    fn consume(&mut self, n: usize) {
        self.bytes.consume(n);
    }
}

impl std::io::Seek for Cancellable<'_> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.bytes.seek(to)
    }
}

/// The formats ever decoded.
const FORMATS: [ImageFormat; 4] = [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Gif, ImageFormat::WebP];

/// The client photos are fetched with.
#[derive(Debug, Clone)]
pub struct PhotoClient {
    http: reqwest::Client,
}

impl PhotoClient {
    /// A client that gives up on a photo after `timeout`.
    pub fn new(timeout: Duration) -> Result<Self, PhotoError> {
        crate::api::client::install_crypto_provider();
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            if attempt.previous().len() >= 3 {
                attempt.error("too many redirects")
            } else if !matches!(attempt.url().scheme(), "http" | "https") {
                attempt.error(RedirectRefused)
            } else {
                attempt.follow()
            }
        });
        let http = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .timeout(timeout)
            .redirect(policy)
            .user_agent(concat!("customers/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| PhotoError::Connect)?;
        Ok(Self { http })
    }

    /// The bytes of the photo at `url`, checked to be an image of a format
    /// that is decoded, at most [`MAX_BYTES`].
    pub async fn fetch(&self, url: &str) -> Result<Vec<u8>, PhotoError> {
        let url = url::Url::parse(url.trim()).map_err(|_| PhotoError::NotWeb)?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return Err(PhotoError::NotWeb);
        }
        let mut response = self.http.get(url).send().await.map_err(failed)?;
        let status = response.status();
        // A redirect left unfollowed pointed somewhere not on the web
        // (`file:`, say): reqwest never follows those.
        if status.is_redirection() {
            return Err(PhotoError::BadRedirect);
        }
        if !status.is_success() {
            return Err(PhotoError::Status(status.as_u16()));
        }
        let declared = response.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let kind = declared.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if !matches!(kind.as_str(), "image/png" | "image/jpeg" | "image/jpg" | "image/gif" | "image/webp" | "application/octet-stream" | "")
        {
            return Err(PhotoError::NotImage(crate::sanitize::fit(&kind, 40)));
        }
        if response.content_length().is_some_and(|n| n > MAX_BYTES as u64) {
            return Err(PhotoError::TooLarge);
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(failed)? {
            if bytes.len().saturating_add(chunk.len()) > MAX_BYTES {
                return Err(PhotoError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        // What the bytes are, whatever the server said.
        match image::guess_format(&bytes) {
            Ok(format) if FORMATS.contains(&format) => Ok(bytes),
            _ => {
                Err(PhotoError::NotImage(if kind.is_empty() { "no known image format".into() } else { format!("{kind} that is not one") }))
            }
        }
    }
}

/// A redirect the policy refused (told apart from other failures).
#[derive(Debug)]
struct RedirectRefused;

impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("redirect to a non-web address")
    }
}

impl std::error::Error for RedirectRefused {}

fn failed(e: reqwest::Error) -> PhotoError {
    let mut source: Option<&dyn std::error::Error> = Some(&e);
    while let Some(s) = source {
        if s.is::<RedirectRefused>() {
            return PhotoError::BadRedirect;
        }
        source = s.source();
    }
    if e.is_timeout() {
        PhotoError::Timeout
    } else if e.is_redirect() {
        PhotoError::BadRedirect
    } else {
        PhotoError::Connect
    }
}

/// Decodes `bytes` within the limits and shrinks the picture to fit
/// [`KEPT_SIDE`]. Blocking: call it off the UI thread.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
    decode_unless(bytes, &AtomicBool::new(false))
}

/// [`decode`], given up soon after `cancelled` is set (the customer is no
/// longer shown): a decoder cannot be interrupted, but it reads its input
/// as it goes, and every read of a few kilobytes asks first.
pub fn decode_unless(bytes: &[u8], cancelled: &AtomicBool) -> Result<DynamicImage, PhotoError> {
    let input = Cancellable { bytes: Cursor::new(bytes), cancelled };
    let mut reader = ImageReader::new(input).with_guessed_format().map_err(|e| match e {
        _ if cancelled.load(Ordering::Relaxed) => PhotoError::Cancelled,
        e => PhotoError::Undecodable(e.to_string()),
    })?;
    match reader.format() {
        Some(format) if FORMATS.contains(&format) => {}
        _ => return Err(PhotoError::NotImage("no known image format".into())),
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    // The limits are checked against the header before anything is
    // allocated; only then is the header read again, to say the size.
    let image = reader.decode().map_err(|e| match e {
        _ if cancelled.load(Ordering::Relaxed) => PhotoError::Cancelled,
        image::ImageError::Limits(_) => {
            let size = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok().and_then(|r| r.into_dimensions().ok());
            let (w, h) = size.unwrap_or((0, 0));
            PhotoError::TooManyPixels(w, h)
        }
        other => PhotoError::Undecodable(crate::sanitize::fit(&other.to_string(), 80)),
    })?;
    Ok(if image.width() > KEPT_SIDE || image.height() > KEPT_SIDE { image.thumbnail(KEPT_SIDE, KEPT_SIDE) } else { image })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::media::identicon;

    #[test]
    fn a_picture_decodes_and_is_kept_small() {
        let image = decode(&identicon("someone").expect("png")).expect("decodes");
        assert!(image.width() <= KEPT_SIDE && image.height() <= KEPT_SIDE);
    }

    #[test]
    fn a_cancelled_decode_stops_at_its_next_read() {
        let png = identicon("someone").expect("png");
        let cancelled = AtomicBool::new(true);
        assert_eq!(decode_unless(&png, &cancelled).err(), Some(PhotoError::Cancelled));
        assert!(decode_unless(&png, &AtomicBool::new(false)).is_ok());
    }

    #[test]
    fn what_is_not_a_picture_is_refused_with_a_line() {
        assert!(matches!(decode(b"<!doctype html><html></html>"), Err(PhotoError::NotImage(_))));
        assert!(matches!(decode(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), Err(PhotoError::NotImage(_))));
        let mut cut = identicon("cut").expect("png");
        cut.truncate(cut.len() / 2);
        assert!(matches!(decode(&cut), Err(PhotoError::Undecodable(_))), "{:?}", decode(&cut));
        assert!(matches!(decode(&[]), Err(PhotoError::NotImage(_))));
    }
}
