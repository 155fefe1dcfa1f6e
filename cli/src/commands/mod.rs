//! The commission's year from the command line, one module per group of commands.

pub mod commission;
pub mod decide;
pub mod export;
pub mod followup;
pub mod papers;
pub mod rules;

use joldama_core::commission::{Commission, Meeting};
use joldama_core::ident::Iin;
use joldama_core::model::Graduate;
use joldama_core::store::Store;

use crate::error::{CliError, Failure};
use crate::output::Vacancies;

/// The graduate with this IIN: of `year`, or of the latest cohort they are in.
pub fn graduate(store: &Store, iin: &str, year: Option<i32>) -> Result<Graduate, Failure> {
    let iin = Iin::parse(iin)?;
    Ok(store.graduate_by_iin(&iin, year)?.ok_or(CliError::GraduateNotFound { iin, year })?)
}

pub fn commission_of(store: &Store, year: i32) -> Result<Commission, Failure> {
    Ok(store.commission(year)?.ok_or(CliError::NoCommission { year })?)
}

pub fn vacancies(store: &Store) -> Result<Vacancies, Failure> {
    Ok(store.vacancies()?.into_iter().map(|v| (v.id, v)).collect())
}

/// The meeting, checked here so that a wrong id is named in the user's language.
pub fn meeting_of(store: &Store, id: i64) -> Result<Meeting, Failure> {
    Ok(store.meeting(id)?.ok_or(CliError::MeetingNotFound { id })?)
}
