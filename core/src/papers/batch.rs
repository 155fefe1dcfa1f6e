//! Many papers to disk: one file each in a folder, or all in one file; with progress and a
//! cancel flag checked between papers. Files appear whole or not at all (temp name, then rename).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Document, Paper, PaperError, render};
use crate::private;

/// Where a batch goes.
#[derive(Clone, Copy, Debug)]
pub enum Output<'a> {
    /// One PDF per paper in this folder (created if missing, owner-only), named as
    /// [`FileNames`] says; an existing file of the same name is replaced.
    Folder(&'a Path, FileNames),
    /// Every paper into this one PDF file.
    Combined(&'a Path),
}

/// What a paper's own file is named by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum FileNames {
    /// Its number only («2025_0012.pdf»): the default, as a folder's listing names nobody.
    #[default]
    Number,
    /// Its number and the graduate's name («2025_0012_Ахметов_Айдос.pdf»), when asked for.
    NumberAndName,
}

impl FileNames {
    fn of(self, paper: &dyn Paper) -> String {
        match (self, paper.person()) {
            (FileNames::NumberAndName, Some(person)) => format!("{} {person}", paper.file_name()),
            _ => paper.file_name(),
        }
    }
}

/// Writes `papers` to `output`, calling `progress(done, total)` after each paper, and stopping
/// before the next paper once `cancel` is set (`PaperError::Cancelled`; the files already
/// written stay, a combined file is not written). Returns the files written.
pub fn write_batch(
    papers: &[&dyn Paper],
    output: Output,
    mut progress: impl FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Vec<PathBuf>, PaperError> {
    let total = papers.len();
    if total == 0 {
        return Err(PaperError::Empty);
    }
    let check = |done: usize| match cancel.load(Ordering::Relaxed) {
        true => Err(PaperError::Cancelled { done, total }),
        false => Ok(()),
    };
    match output {
        Output::Folder(folder, names) => {
            private::create_dir_all(folder)
                .map_err(|source| PaperError::Io { path: folder.into(), source })?;
            let mut used = HashSet::new();
            let mut written = Vec::with_capacity(total);
            for (done, paper) in papers.iter().enumerate() {
                check(done)?;
                let path = folder.join(unique_name(&mut used, &safe_name(&names.of(*paper))));
                write_whole(&path, &render(&[*paper])?)?;
                written.push(path);
                progress(done + 1, total);
            }
            Ok(written)
        }
        Output::Combined(path) => {
            let mut document = Document::new(&papers[0].file_name());
            for (done, paper) in papers.iter().enumerate() {
                check(done)?;
                document.add(*paper)?;
                progress(done + 1, total);
            }
            if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
                private::create_dir_all(folder)
                    .map_err(|source| PaperError::Io { path: folder.into(), source })?;
            }
            write_whole(path, &document.save()?)?;
            Ok(vec![path.to_path_buf()])
        }
    }
}

/// Letters (any script), digits and `-` kept; every other run of characters becomes one `_`.
/// Bounded in length: file systems limit a name to 255 bytes, and Cyrillic takes two each.
fn safe_name(name: &str) -> String {
    const MAX_CHARS: usize = 100;
    let mut safe = String::with_capacity(name.len());
    for c in name.chars().take(MAX_CHARS) {
        if c.is_alphanumeric() || c == '-' {
            safe.push(c);
        } else if !safe.is_empty() && !safe.ends_with('_') {
            safe.push('_');
        }
    }
    let safe = safe.trim_end_matches('_');
    if safe.is_empty() { "paper".to_string() } else { safe.to_string() }
}

/// `stem.pdf`, or `stem_2.pdf`, `stem_3.pdf`… when the batch already used the name.
fn unique_name(used: &mut HashSet<String>, stem: &str) -> String {
    let mut name = format!("{stem}.pdf");
    let mut n = 1;
    while !used.insert(name.clone()) {
        n += 1;
        name = format!("{stem}_{n}.pdf");
    }
    name
}

/// Writes the file whole and owner-only (see [`private::write`]).
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), PaperError> {
    private::write(path, bytes).map_err(|source| PaperError::Io { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names() {
        assert_eq!(safe_name("12/345 Әбдіраһманова Шаһизада"), "12_345_Әбдіраһманова_Шаһизада");
        assert_eq!(safe_name("../..//«ЖЖ» *?:"), "ЖЖ");
        assert_eq!(safe_name("  "), "paper");
        assert_eq!(safe_name(&"Ж".repeat(300)).chars().count(), 100);
    }

    #[test]
    fn unique_names() {
        let mut used = HashSet::new();
        assert_eq!(unique_name(&mut used, "a"), "a.pdf");
        assert_eq!(unique_name(&mut used, "a"), "a_2.pdf");
        assert_eq!(unique_name(&mut used, "a"), "a_3.pdf");
    }
}
