//! Whether the register's file sits on a network file system. SQLite's documentation warns
//! that its locking is unreliable over network file systems and that WAL mode does not work
//! there at all: two desks sharing one file on a share will, sooner or later, corrupt the
//! legal record. The app says so at start rather than refuse (a lone desk on a share works).

use std::path::Path;

use crate::i18n::Text;

/// The kind of network file system found under the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Share {
    Nfs,
    /// SMB / CIFS: a Windows share.
    Smb,
    /// AFS, Coda, Ceph, 9P.
    Other,
}

impl Share {
    /// The warning shown at start, naming the file.
    pub fn warning(self, path: &Path) -> Text {
        // The protocols' own names read the same in both languages; the rest is said in each.
        let (kk, ru) = match self {
            Share::Nfs => ("NFS", "NFS"),
            Share::Smb => ("SMB/CIFS", "SMB/CIFS"),
            Share::Other => ("AFS, Ceph, 9P сияқты", "AFS, Ceph, 9P и т. п."),
        };
        let path = path.display();
        Text::new(
            format!(
                "«{path}» дерекқоры желілік қалтада ({kk}): бірнеше компьютер бір файлмен жұмыс істегенде \
                 тізілім бүлінуі мүмкін. Файлды осы компьютердің дискіне көшіріңіз; бірнеше үстелге сервер \
                 режимі (PostgreSQL) арналған."
            ),
            format!(
                "База «{path}» лежит в сетевой папке ({ru}): когда с одним файлом работают несколько \
                 компьютеров, реестр может быть повреждён. Перенесите файл на диск этого компьютера; для \
                 нескольких рабочих мест предназначен режим сервера (PostgreSQL)."
            ),
        )
    }
}

/// The network file system the file `path` (or, before it exists, its folder) is on, if any.
pub fn network_share(path: &Path) -> Option<Share> {
    unc(path).or_else(|| on_network_fs(path))
}

/// A Windows UNC path (`\\server\share\…`) is a share whatever the system says of it.
fn unc(path: &Path) -> Option<Share> {
    let text = path.to_string_lossy();
    (text.starts_with(r"\\") && !text.starts_with(r"\\?\") && !text.starts_with(r"\\.\"))
        .then_some(Share::Smb)
}

#[cfg(target_os = "linux")]
fn on_network_fs(path: &Path) -> Option<Share> {
    let existing = path.ancestors().find(|p| p.exists())?;
    let stat = rustix::fs::statfs(existing).ok()?;
    kind_of(stat.f_type as i64)
}

#[cfg(not(target_os = "linux"))]
fn on_network_fs(_path: &Path) -> Option<Share> {
    None
}

/// The kind of network file system a `statfs` magic number (Linux's `f_type`) names.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn kind_of(magic: i64) -> Option<Share> {
    // The magic numbers of linux/magic.h (CIFS and SMB2 as the kernel reports them, unsigned).
    match magic as u32 {
        0x6969 => Some(Share::Nfs),
        0x517B | 0xFF53_4D42 | 0xFE53_4D42 => Some(Share::Smb),
        0x5346_414F | 0x7375_7245 | 0x00C3_6400 | 0x0102_1997 => Some(Share::Other),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kernels_magic_numbers_name_the_shares() {
        assert_eq!(kind_of(0x6969), Some(Share::Nfs));
        assert_eq!(kind_of(0xFF53_4D42), Some(Share::Smb));
        assert_eq!(kind_of(0xFE53_4D42), Some(Share::Smb));
        assert_eq!(kind_of(0x517B), Some(Share::Smb));
        assert_eq!(kind_of(0x0102_1997), Some(Share::Other));
        // ext4, btrfs, tmpfs: local.
        assert_eq!(kind_of(0xEF53), None);
        assert_eq!(kind_of(0x9123_683E), None);
        assert_eq!(kind_of(0x0102_1994), None);
    }

    #[test]
    fn a_unc_path_is_a_share_and_a_local_folder_is_not() {
        assert_eq!(network_share(Path::new(r"\\fileserver\commission\joldama.sqlite3")), Some(Share::Smb));
        assert_eq!(unc(Path::new(r"\\?\C:\Users\secretary\joldama.sqlite3")), None);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(network_share(&dir.path().join("not-yet.sqlite3")), None);
    }

    #[test]
    fn the_warning_names_the_file_in_both_languages() {
        let text = Share::Nfs.warning(Path::new("/mnt/office/joldama.sqlite3"));
        assert!(text.kk.contains("/mnt/office/joldama.sqlite3") && text.kk.contains("NFS"));
        assert!(text.ru.contains("сетевой папке") && text.ru.contains("PostgreSQL"));
    }
}
