//! What a list changed under the commission's decisions, in words: an import applies it to
//! the live record and reports it (finalised papers keep what they printed, see
//! [`crate::register`]), so that the commission can look at those graduates again.

use std::collections::HashSet;

use serde_json::{Map, Value as Json};

use super::StoreError;
use super::sql::Db;
use super::upsert::Outcome;
use crate::classifiers::{Classifier, Funding, Level, OrgKind, Ownership, Region, Sex};
use crate::i18n::{Lang, Text};
use crate::import::header::{ColumnSpec, FieldKey};
use crate::model::{DecidedChange, FieldChange};

/// The ids `sql` selects (graduates with a decision, vacancies with standing referrals…).
pub(super) fn ids(conn: &Db, sql: &str) -> Result<HashSet<i64>, StoreError> {
    Ok(conn.query(sql, (), |r| r.get(0))?.into_iter().collect())
}

/// Graduates with any decision.
pub(super) const DECIDED_GRADUATES: &str = "SELECT DISTINCT graduate_id FROM decision";
/// Vacancies a current referral stands on.
pub(super) const REFERRED_VACANCIES: &str = "SELECT DISTINCT vacancy_id FROM decision d \
     WHERE vacancy_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = d.id)";
/// Employers of those vacancies.
pub(super) const REFERRED_EMPLOYERS: &str = "SELECT DISTINCT v.employer_id FROM vacancy v \
     JOIN decision d ON d.vacancy_id = v.id \
     WHERE NOT EXISTS (SELECT 1 FROM decision r WHERE r.revises_id = d.id)";

/// How a column's values read: as they are, or as a classifier's code in words.
#[derive(Clone, Copy)]
pub(super) enum Reads {
    Plain,
    Sex,
    Level,
    Funding,
    Region,
    Kind,
    Ownership,
    YesNo,
}

/// A changed column worth telling the commission: (stored column, the list's field, how it
/// reads). Columns not listed (search keys, phones) are not reported.
pub(super) type Reported = (&'static str, &'static str, Reads);

/// What an update of one of the `decided` rows changed that `reported` names, in words;
/// `None` for an insert, an unchanged row, a row nobody was decided on, or no reported change.
pub(super) fn change<K: FieldKey>(
    outcome: &Outcome,
    decided: &HashSet<i64>,
    label: impl FnOnce() -> String,
    reported: &[Reported],
    specs: &[ColumnSpec<K>],
    name_of: impl Fn(&str, &Json) -> Option<Text>,
) -> Option<DecidedChange> {
    let Outcome::Updated { id, changes } = outcome else { return None };
    if !decided.contains(id) {
        return None;
    }
    let changes = field_changes(changes, reported, specs, name_of);
    (!changes.is_empty()).then(|| DecidedChange { label: label(), changes })
}

/// The columns of an update's `{column: [old, new]}` that `reported` names, in words.
pub(super) fn field_changes<K: FieldKey>(
    changes: &Map<String, Json>,
    reported: &[Reported],
    specs: &[ColumnSpec<K>],
    name_of: impl Fn(&str, &Json) -> Option<Text>,
) -> Vec<FieldChange> {
    changes
        .iter()
        .filter_map(|(column, values)| {
            let [old, new] = values.as_array()?.as_slice() else { return None };
            let &(_, field, reads) = reported.iter().find(|(c, _, _)| c == column)?;
            let label = specs
                .iter()
                .find(|s| s.key.code() == field)
                .map_or_else(|| Text::new(field, field), ColumnSpec::label);
            let words = |v: &Json| name_of(column, v).unwrap_or_else(|| words(reads, v));
            Some(FieldChange { field: field.to_owned(), label, old: words(old), new: words(new) })
        })
        .collect()
}

fn words(reads: Reads, value: &Json) -> Text {
    fn class<C: Classifier>(value: Option<C>) -> Option<Text> {
        value.map(|c| Text::new(c.label(Lang::Kk), c.label(Lang::Ru)))
    }
    let code = value.as_str().unwrap_or_default();
    let named = match reads {
        Reads::Plain => None,
        Reads::Sex => class(Sex::from_code(code)),
        Reads::Level => class(Level::from_code(code)),
        Reads::Funding => class(Funding::from_code(code)),
        Reads::Region => class(Region::from_code(code)),
        Reads::Kind => class(OrgKind::from_code(code)),
        Reads::Ownership => class(Ownership::from_code(code)),
        Reads::YesNo => value.as_i64().map(|b| match b {
            0 => Text::new("жоқ", "нет"),
            _ => Text::new("иә", "да"),
        }),
    };
    named.unwrap_or_else(|| {
        let plain = match value {
            Json::Null => "—".to_owned(),
            Json::String(s) => s.clone(),
            Json::Array(items) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(", "),
            other => other.to_string(),
        };
        Text::new(plain.clone(), plain)
    })
}
