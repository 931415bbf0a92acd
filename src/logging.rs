//! Logs go to a file, never to the terminal the TUI owns. They hold paths,
//! statuses and timings: no token, no customer data, no search text.

use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Sends `tracing` output to `path` (created with its folder). Failing to
/// open the file only means no log: the tool works on.
pub fn init(path: &Path) -> Result<(), std::io::Error> {
    let file = open_private(path)?;
    let filter = EnvFilter::try_from_env("CUSTOMERS_LOG").unwrap_or_else(|_| EnvFilter::new("customers=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .map_err(std::io::Error::other)
}

/// The log file, for appending, readable by its owner alone (see
/// [`crate::private`]), in a folder made for it the same way: it holds
/// customer ids and the config's warnings. A file already there is made
/// private too.
pub fn open_private(path: &Path) -> Result<std::fs::File, std::io::Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private::create_dir(dir)?;
    }
    let file = crate::private::options().create(true).append(true).open(path)?;
    crate::private::restrict(&file)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    /// Made new, the folder is 0700 and the file 0600; a log file left
    /// readable by an older version is made private.
    #[cfg(unix)]
    #[test]
    fn the_log_and_its_folder_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state").join("customers").join("customers.log");
        super::open_private(&path).expect("opened");
        let mode = |p: &Path| std::fs::metadata(p).expect("there").permissions().mode() & 0o777;
        use std::path::Path;
        assert_eq!((mode(&path), mode(path.parent().expect("dir")), mode(&dir.path().join("state"))), (0o600, 0o700, 0o700));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        super::open_private(&path).expect("opened again");
        assert_eq!(mode(&path), 0o600);
    }
}
