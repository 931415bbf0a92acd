//! Files only their owner may read: the config file, the log, the kept
//! lists (they hold a secret, customer ids or search text).
//!
//! On Unix a file made here is 0600 and a folder 0700 (a folder already
//! there is left as it is: it may be `/tmp`). On Windows there are no
//! modes: a file takes its folder's access list, and the folders the app
//! uses by default are under the user's profile (`%APPDATA%`,
//! `%LOCALAPPDATA%`), whose list grants the user, SYSTEM and the
//! Administrators alone. The app sets no list of its own there: the ACL
//! calls need `unsafe`, which this crate forbids, and the profile's is
//! already private. A file put elsewhere with `--config` or `--log-file`
//! is as private as that folder.

use std::fs::{DirBuilder, File, OpenOptions};
use std::path::Path;

/// Options that create a file readable by its owner alone (0600 on Unix);
/// the caller says how it writes.
pub fn options() -> OpenOptions {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Makes a file that was there already private too (the mode of
/// [`options`] is only for a file made new).
pub fn restrict(file: &File) -> std::io::Result<()> {
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Creates `dir` and the folders above it, those made new 0700 on Unix.
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
