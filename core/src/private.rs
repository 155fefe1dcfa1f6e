//! Files and folders that hold personal data (the database, its backups, proof documents,
//! papers, lists): created readable by their owner only, whatever the umask.
//!
//! On Unix that is mode 0600 for files and 0700 for folders. On Windows a new file takes the
//! access list of its folder, and the user's own folders (the data folder under the profile,
//! Documents) are the user's alone by default: nothing more is set there.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

#[cfg(unix)]
const FILE_MODE: u32 = 0o600;
#[cfg(unix)]
const DIR_MODE: u32 = 0o700;

/// Creates `path` and its missing parents, each new one owner-only; existing ones are left
/// as they are (they may be shared on purpose, like a Documents folder).
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(DIR_MODE);
    builder.create(path)
}

/// Creates a new file owner-only; fails if it exists (so a name can be reserved by creating
/// it, and a link planted at the name is never followed).
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(FILE_MODE);
    options.open(path)
}

/// Writes `bytes` to `path` whole: to a new owner-only file beside it, then renamed over it,
/// so a reader never sees half a file and a replaced file ends owner-only too.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = beside(path, ".part");
    // A `.part` left by a crash is ours to replace.
    match std::fs::remove_file(&temp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let written = create_new(&temp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Copies the file `from` to the new owner-only file `to`.
pub fn copy(from: &Path, to: &Path) -> io::Result<()> {
    let mut source = File::open(from)?;
    let mut target = create_new(to)?;
    let copied = io::copy(&mut source, &mut target).and_then(|_| target.sync_all());
    if copied.is_err() {
        let _ = std::fs::remove_file(to);
    }
    copied
}

/// Makes an existing file owner-only (a database made by an earlier version at 0644).
pub fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let meta = std::fs::metadata(path)?;
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(FILE_MODE))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// `path` with `suffix` added to its file name.
pub fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn what_it_makes_is_the_owners_alone_and_links_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a/b");
        create_dir_all(&folder).unwrap();
        assert_eq!((mode(&dir.path().join("a")), mode(&folder)), (0o700, 0o700));

        let file = folder.join("list.xlsx");
        write(&file, b"one").unwrap();
        assert_eq!(mode(&file), 0o600);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        write(&file, b"two").unwrap();
        assert_eq!((std::fs::read(&file).unwrap(), mode(&file)), (b"two".to_vec(), 0o600));
        assert!(!beside(&file, ".part").exists());

        let copy_to = folder.join("copy");
        copy(&file, &copy_to).unwrap();
        assert_eq!(mode(&copy_to), 0o600);
        assert_eq!(copy(&file, &copy_to).unwrap_err().kind(), io::ErrorKind::AlreadyExists);

        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let planted = folder.join("planted");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        assert!(create_new(&planted).is_err());
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");

        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
        restrict(&victim).unwrap();
        assert_eq!(mode(&victim), 0o600);
    }
}
