//! The demo server's photos: `/media/photos/<id>.png`, a picture made from
//! the customer's id alone (a coloured background and a symmetric 5x5
//! pattern, like a repository's identicon), so the demo shows photos with
//! no network; and with `--hostile`, `/media/hostile/<kind>`: what a
//! careless or hostile photo URL can serve.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, OnceLock};

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::state::AppState;

/// The side of a generated photo, in pixels.
const SIDE: u32 = 96;

/// `GET /media/photos/<id>.png`: the customer's picture, or 404.
pub async fn photo(State(state): State<Arc<AppState>>, Path(file): Path<String>) -> Response {
    let Some(id) = file.strip_suffix(".png") else { return StatusCode::NOT_FOUND.into_response() };
    if state.store.find(id).is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    if state.large_photos {
        return ([(header::CONTENT_TYPE, "image/png")], large().to_vec()).into_response();
    }
    match identicon(id) {
        Ok(png) => ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "max-age=86400")], png).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A `SIDE` x `SIDE` PNG for `id`: the same id, the same picture.
pub fn identicon(id: &str) -> Result<Vec<u8>, image::ImageError> {
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    let bits = h.finish();
    // A mid-tone background (readable in dark and light terminals) and a
    // light pattern.
    let channel = |shift: u32| 60u8.saturating_add(((bits >> shift) & 0x7f) as u8);
    let background = image::Rgb([channel(40), channel(48), channel(56)]);
    let ink = image::Rgb([235, 235, 235]);
    let cell = SIDE / 6;
    let margin = (SIDE - cell * 5) / 2;
    let picture = image::RgbImage::from_fn(SIDE, SIDE, |x, y| {
        let (cx, cy) = (x.checked_sub(margin).map(|v| v / cell), y.checked_sub(margin).map(|v| v / cell));
        match (cx, cy) {
            (Some(cx), Some(cy)) if cx < 5 && cy < 5 => {
                // Mirrored left to right: columns 0-2 decide 4-3.
                let col = if cx > 2 { 4 - cx } else { cx };
                if bits >> (cy * 3 + col) & 1 == 1 { ink } else { background }
            }
            _ => background,
        }
    });
    let mut png = Vec::new();
    picture.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    Ok(png)
}

/// `GET /media/hostile/<kind>`.
pub async fn hostile(Path(kind): Path<String>) -> Response {
    let png = |bytes: Vec<u8>| ([(header::CONTENT_TYPE, "image/png")], bytes).into_response();
    match kind.as_str() {
        // The largest picture the app takes (4,096 pixels square): heavy to
        // decode, harmless (the benchmark of keys while a photo decodes).
        "large.png" => png(large().to_vec()),
        // 20,000 x 20,000 pixels of nothing: 400 MB once decoded, a few
        // hundred kilobytes on the wire.
        "bomb.png" => png(bomb().to_vec()),
        // A real picture cut in half.
        "truncated.png" => {
            let mut whole = identicon("truncated").unwrap_or_default();
            whole.truncate(whole.len() / 2);
            png(whole)
        }
        // A header claiming 65,535 x 65,535, then nothing worth decoding.
        "huge.png" => png(huge_header()),
        // A web page served as a PNG.
        "html.png" => png(b"<!doctype html><html><body><script>alert(1)</script></body></html>".to_vec()),
        // A redirect to a local file.
        "to-file.png" => (StatusCode::FOUND, [(header::LOCATION, "file:///etc/passwd")]).into_response(),
        // A vector image (it could hold scripts; never decoded).
        "svg.svg" => (
            [(header::CONTENT_TYPE, "image/svg+xml")],
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#,
        )
            .into_response(),
        // Over the 5 MB the app takes.
        "big.png" => png(vec![0u8; 6 * 1024 * 1024]),
        // Never finishes: the app's timeout ends it.
        "slow.png" => {
            tokio::time::sleep(std::time::Duration::from_secs(120)).await;
            png(Vec::new())
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The largest photo the app decodes, made once.
fn large() -> &'static [u8] {
    static LARGE: OnceLock<Vec<u8>> = OnceLock::new();
    LARGE.get_or_init(|| {
        let side = crate::photo_fetch::MAX_SIDE;
        // A gradient: small on the wire, all of it to decode.
        let low = |v: u32| u8::try_from(v % 256).unwrap_or(0);
        let picture = image::RgbImage::from_fn(side, side, |x, y| image::Rgb([low(x), low(y), 128]));
        let mut out = Vec::new();
        let encoder = image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Default,
            image::codecs::png::FilterType::Sub,
        );
        if image::ImageEncoder::write_image(encoder, picture.as_raw(), side, side, image::ExtendedColorType::Rgb8).is_err() {
            return Vec::new();
        }
        out
    })
}

/// The decompression bomb, made once.
fn bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let side: u32 = 20_000;
        let mut out = Vec::new();
        let encoder = image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::NoFilter,
        );
        // Encoded a row at a time would need the png crate's streaming
        // writer; a tenth of the rows, then the header patched, is enough
        // to claim the full size (the decoder refuses on the header).
        let rows = 16u32;
        let blank = vec![0u8; (side * rows) as usize];
        if image::ImageEncoder::write_image(encoder, &blank, side, rows, image::ExtendedColorType::L8).is_err() {
            return Vec::new();
        }
        patch_height(&mut out, side);
        out
    })
}

/// A PNG header of 65,535 x 65,535 RGBA and a few bytes of data.
fn huge_header() -> Vec<u8> {
    let mut png = identicon("huge").unwrap_or_default();
    if png.len() >= 24 {
        png[16..20].copy_from_slice(&65_535u32.to_be_bytes());
        png[20..24].copy_from_slice(&65_535u32.to_be_bytes());
        fix_ihdr_crc(&mut png);
    }
    png
}

/// Sets the IHDR height of `png` (keeping its CRC right).
fn patch_height(png: &mut [u8], height: u32) {
    if png.len() >= 33 {
        png[20..24].copy_from_slice(&height.to_be_bytes());
        fix_ihdr_crc(png);
    }
}

/// Recomputes the CRC of the IHDR chunk (bytes 12..29, CRC at 29..33).
fn fix_ihdr_crc(png: &mut [u8]) {
    let crc = crc32fast::hash(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_id_gives_the_same_picture_and_another_id_another() {
        let a = identicon("023d3c4c").expect("png");
        assert_eq!(a, identicon("023d3c4c").expect("png"));
        assert_ne!(a, identicon("023d3c4d").expect("png"));
        let decoded = image::load_from_memory(&a).expect("a valid PNG");
        assert_eq!((decoded.width(), decoded.height()), (SIDE, SIDE));
    }

    #[test]
    fn the_large_photo_fits_the_apps_cap() {
        let n = large().len();
        assert!(n > 0 && n < crate::photo_fetch::MAX_BYTES / 2, "{n} bytes");
    }

    #[test]
    fn the_hostile_headers_claim_what_they_should() {
        let dims = |png: &[u8]| (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
        assert_eq!(dims(&huge_header()), (65_535, 65_535));
        assert_eq!(dims(bomb()), (20_000, 20_000));
        // The CRC is right: a decoder reads the header and refuses on size.
        let reader = image::ImageReader::with_format(std::io::Cursor::new(bomb()), image::ImageFormat::Png);
        assert_eq!(reader.into_dimensions().expect("a readable header"), (20_000, 20_000));
    }
}
