//! Where the demo server's photos are: the paths its data names and its
//! media handlers serve. Pure; the data imports it, not the handlers.

/// Where a demo customer's photo is, before the handlers make it absolute
/// with the host the client asked for.
pub fn path_for(id: &str) -> String {
    format!("{PHOTOS}{id}.png")
}

/// The path prefix of the generated photos.
pub const PHOTOS: &str = "/media/photos/";
/// The path prefix of the hostile images (`--hostile`).
pub const HOSTILE: &str = "/media/hostile/";

/// The hostile images of `--hostile`, by name: each customer of
/// [`super::hostile`] whose photo is one of these points here.
pub const HOSTILE_KINDS: [&str; 9] =
    ["large.png", "bomb.png", "truncated.png", "huge.png", "html.png", "to-file.png", "svg.svg", "big.png", "slow.png"];
