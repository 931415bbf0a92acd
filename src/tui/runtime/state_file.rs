//! What the app keeps between sessions (the search history; the ids of the
//! recently viewed customers, when asked): one line per entry in the state
//! directory, readable by the user alone, replaced whole on each save (a
//! crash leaves the old file or the new one, never half of one).

use std::io::Write;
use std::path::Path;

use crate::tui::panes::text_box::{MAX_INPUT_CHARS, one_line};

/// Largest file read; anything past it is ignored (the file is ours, but a
/// stray huge file must not slow the start).
const MAX_FILE_BYTES: u64 = 256 * 1024;

/// The last `max` lines of the file at `path`. A missing file has none;
/// lines are made single-line text and cut to what a text box takes.
pub fn load(path: &Path, max: usize) -> std::io::Result<Vec<String>> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES).read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<String> = text
        .lines()
        .map(|l| one_line(l).chars().take(MAX_INPUT_CHARS).collect::<String>().trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let skip = lines.len().saturating_sub(max);
    Ok(lines.into_iter().skip(skip).collect())
}

/// Where a kept list of `profile` lives, given its file for no profile:
/// `.../customers/search_history` is `.../customers/profiles/NAME/search_history`
/// for profile NAME. A name of ASCII letters, digits, `-` and `_` is its
/// own folder; any other is made safe (`_` for the rest) and followed by a
/// hash of its exact bytes (`prod_eu-1a2b...` for `prod.eu`), so that no two
/// names share a folder. Nothing of one account's is read under another.
pub fn for_profile(base: &Path, profile: Option<&str>) -> std::path::PathBuf {
    let Some(name) = profile else { return base.to_owned() };
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    let folder: String = if plain {
        name.to_owned()
    } else {
        let safe: String =
            name.chars().take(40).map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') { c } else { '_' }).collect();
        format!("{safe}-{:016x}", fnv1a(name.as_bytes()))
    };
    let dir = base.parent().unwrap_or(Path::new("")).join("profiles").join(folder);
    dir.join(base.file_name().unwrap_or_default())
}

/// The `kept` list of `profile` (its file beside `base`, see
/// [`for_profile`]), at most as many lines as that list holds; a file that
/// cannot be read is logged and read as empty.
pub fn load_kept(kept: crate::tui::action::Kept, base: &Path, profile: Option<&str>) -> Vec<String> {
    use crate::tui::action::Kept;
    let max = match kept {
        Kept::SearchHistory => crate::tui::account::history::MAX_QUERIES,
        Kept::RecentlyViewed => crate::tui::account::viewed::MAX_VIEWED,
    };
    let path = for_profile(base, profile);
    load(&path, max).unwrap_or_else(|e| {
        tracing::warn!("could not read {}: {e}", path.display());
        Vec::new()
    })
}

/// Writes `lines` to `path`, creating its directory (owner only), through a
/// temporary file renamed over the old one.
pub fn save(path: &Path, lines: &[String]) -> std::io::Result<()> {
    let dir = path.parent().ok_or_else(|| std::io::Error::other("the history path has no directory"))?;
    crate::private::create_dir(dir)?;
    let tmp = path.with_extension("tmp");
    let mut file = crate::private::options().write(true).create(true).truncate(true).open(&tmp)?;
    for line in lines {
        // Entries are single-line already; a newline here would split one.
        let line = one_line(line);
        writeln!(file, "{line}")?;
    }
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)
}

/// FNV-1a, 64 bits: the same on every platform and version (std's hasher
/// is not), so a profile's folder stays where it was.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names that one folder each could not tell apart (the dot, the
    /// underscore, the slash and the space of one) get folders of their
    /// own; a plain name is its own folder, readable.
    #[test]
    fn profile_folders_never_collide() {
        let base = Path::new("/state/customers/search_history");
        let names = ["prod.eu", "prod_eu", "prod/eu", "prod eu", "prod\\eu", "PROD.EU", "prod.eu ", "", "..", "prod_eu-0"];
        let folders: std::collections::HashSet<std::path::PathBuf> = names.iter().map(|n| for_profile(base, Some(n))).collect();
        assert_eq!(folders.len(), names.len(), "{folders:?}");
        assert_eq!(for_profile(base, Some("prod_eu")), Path::new("/state/customers/profiles/prod_eu/search_history"));
        for name in names {
            let path = for_profile(base, Some(name));
            assert_eq!(
                path.parent().and_then(Path::parent),
                Some(Path::new("/state/customers/profiles")),
                "{name:?}: one folder under profiles/"
            );
        }
        // The same name, the same folder, on every run (FNV-1a 64 of "prod.eu",
        // worked out apart: python3, h = (h ^ b) * 0x100000001b3).
        assert_eq!(for_profile(base, Some("prod.eu")), Path::new("/state/customers/profiles/prod_eu-11f6f9906a5bd62c/search_history"));
    }

    #[test]
    fn saved_queries_come_back_and_only_the_user_can_read_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state").join("search_history");
        let queries = vec!["alex".to_owned(), "ana@example.com".to_owned(), "José Müller".to_owned()];
        save(&path, &queries).expect("save");
        assert_eq!(load(&path, 100).expect("load"), queries);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o600);
        }
        assert!(!path.with_extension("tmp").exists(), "no temporary file is left");
    }

    #[test]
    fn a_missing_file_is_an_empty_history_and_a_strange_one_is_made_safe() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(load(&dir.path().join("none"), 100).expect("load").is_empty());
        let path = dir.path().join("h");
        let long = "x".repeat(MAX_INPUT_CHARS + 50);
        std::fs::write(&path, format!("ok\n\n  \nbell\u{7}\x1b[31mred\n{long}\n\u{ff}\n").into_bytes()).expect("write");
        let got = load(&path, 100).expect("load");
        assert_eq!(got[0], "ok");
        assert_eq!(got[1], "bell  [31mred", "control characters become spaces");
        assert_eq!(got[2].chars().count(), MAX_INPUT_CHARS);
        assert_eq!(got.len(), 4);
    }
}
