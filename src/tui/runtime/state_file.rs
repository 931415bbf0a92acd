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
/// for profile NAME (a name made safe as one folder). Nothing of one
/// account's is read under another.
pub fn for_profile(base: &Path, profile: Option<&str>) -> std::path::PathBuf {
    let Some(name) = profile else { return base.to_owned() };
    let folder: String = name.chars().map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_') { c } else { '_' }).collect();
    let dir = base.parent().unwrap_or(Path::new("")).join("profiles").join(folder);
    dir.join(base.file_name().unwrap_or_default())
}

/// The `kept` list of `profile` (its file beside `base`, see
/// [`for_profile`]), at most as many lines as that list holds; a file that
/// cannot be read is logged and read as empty.
pub fn load_kept(kept: crate::tui::action::Kept, base: &Path, profile: Option<&str>) -> Vec<String> {
    use crate::tui::action::Kept;
    let max = match kept {
        Kept::SearchHistory => crate::tui::history::MAX_QUERIES,
        Kept::RecentlyViewed => crate::tui::viewed::MAX_VIEWED,
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
    create_private_dir(dir)?;
    let tmp = path.with_extension("tmp");
    let mut file = private_file(&tmp)?;
    for line in lines {
        // Entries are single-line already; a newline here would split one.
        let line = one_line(line);
        writeln!(file, "{line}")?;
    }
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

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
