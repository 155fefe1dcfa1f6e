//! The person at a desk: the name they give once in Settings, recorded as the actor of every
//! change they make from the window (a script gives its own with the CLI's `--actor`). Kept in
//! the desk's data folder, beside the register, readable by its owner only.

use std::path::Path;

use super::WorkflowError;
use super::typed::typed;
use crate::error::Error;
use crate::i18n::Text;
use crate::private;
use crate::store::StoreError;

const FILE: &str = "desk-person.txt";

fn label() -> Text {
    Text::new("Атыңыз", "Ваше имя")
}

/// The name as a person types it, checked as any typed text (trimmed, not blank, no hidden
/// characters, not overlong).
fn checked(name: &str) -> Result<String, WorkflowError> {
    Ok(typed(label(), Some(name), true)?.unwrap_or_default().to_owned())
}

/// The name saved in `folder`; none when there is none or it no longer passes the checks.
pub fn saved(folder: &Path) -> Option<String> {
    std::fs::read_to_string(folder.join(FILE)).ok().and_then(|text| checked(&text).ok())
}

/// Saves the name in `folder`; answers it as it will be recorded.
pub fn save(folder: &Path, name: &str) -> Result<String, Error> {
    let name = checked(name)?;
    let path = folder.join(FILE);
    private::write(&path, name.as_bytes()).map_err(|source| StoreError::Io { path, source })?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::UserFacing;

    #[test]
    fn a_name_is_saved_trimmed_and_read_back_and_a_blank_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(saved(dir.path()), None);
        assert_eq!(save(dir.path(), "  Жұмабаева Әйгерім ").unwrap(), "Жұмабаева Әйгерім");
        assert_eq!(saved(dir.path()).as_deref(), Some("Жұмабаева Әйгерім"));
        assert_eq!(save(dir.path(), "   ").unwrap_err().code(), "missing_field");
        assert_eq!(save(dir.path(), "Әйгерім\u{1b}").unwrap_err().code(), "hidden_characters");
        // A refused name leaves the saved one.
        assert_eq!(saved(dir.path()).as_deref(), Some("Жұмабаева Әйгерім"));
    }
}
