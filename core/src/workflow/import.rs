//! Importing a list: read and checked by [`crate::import`], the good records written in one
//! transaction with its import batch and audit rows; a dry run rolls back and only counts. A
//! list with no good row at all is refused whole and writes nothing. A mapping the person
//! chose is remembered under the list's layout and offered when that layout comes again.

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc;

use super::WorkflowError;
use crate::classifiers::fold;
use crate::error::Error;
use crate::ident::Iin;
use crate::import::applications::{ApplicationRow, Employers};
use crate::import::header::FieldKey;
use crate::import::layout::ListKind;
use crate::import::vacancies::Preview;
use crate::import::{
    self, Choice, Flow, ImportError, ImportOptions, ImportPreview, ImportReport, Reading, file_name,
};
use crate::matching::Application;
use crate::model::{ApplyCounts, GraduateRecord, Vacancy, VacancyRecord};
use crate::store::{ChangeContext, Db, Store};

/// Records go from the reading thread to the writing one in chunks this big.
const CHUNK: usize = 2_048;

/// Rows read between two progress reports.
const PROGRESS_EVERY: u64 = 500;

/// Imports a list: the good rows in one transaction, the others reported. The file is read
/// and checked on a second thread while the first one writes what is ready, so the import
/// takes little longer than reading the file; the transaction commits only if the whole file
/// was read.
pub fn graduates(store: &mut Store, path: &Path, options: &ImportOptions) -> Result<ImportReport, Error> {
    let ctx = ChangeContext { actor: options.actor.clone(), source: Some(file_name(path)) };
    let (send, receive) = mpsc::sync_channel::<Vec<GraduateRecord>>(4);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut read = 0u64;
            let mut first_year = None;
            let reading = import::graduates::read(path, options.year, choice(options), |record| {
                first_year.get_or_insert(record.graduation_year);
                chunk.push(record);
                read += 1;
                if read.is_multiple_of(PROGRESS_EVERY) {
                    options.watch.report(read, None);
                }
                if options.watch.cancelled() {
                    return Flow::Stop;
                }
                if chunk.len() < CHUNK {
                    return Flow::Continue;
                }
                // A closed channel means the writer failed: stop reading.
                match send.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))) {
                    Ok(()) => Flow::Continue,
                    Err(_) => Flow::Stop,
                }
            })?;
            if options.watch.cancelled() {
                return Err(ImportError::Cancelled);
            }
            refuse_empty(path, &reading)?;
            let _ = send.send(chunk);
            Ok::<_, ImportError>((reading, options.year.or(first_year)))
        });
        let mut reading = None;
        let counts = store.write_graduates(&ctx, options.dry_run, |put| {
            // Owned here so that an early return closes the channel and frees the reader.
            let receive = receive;
            for chunk in &receive {
                chunk.iter().try_for_each(&mut *put)?;
            }
            reading = Some(reader.join().expect("the reading thread does not panic")?);
            Ok::<(), Error>(())
        })?;
        let (reading, year) = reading.expect("set before the transaction commits");
        remember(store, ListKind::Graduates, &reading, options)?;
        Ok(ImportReport::new(path, reading, year, counts, options.dry_run))
    })
}

/// A graduate list as the import wizard shows it before importing, with the mapping chosen
/// for its layout before when that is not the one read. A header lacking required columns is
/// shown for the person to map them.
pub fn preview_graduates(
    store: &Db,
    path: &Path,
    year: Option<i32>,
    choice: Choice<'_>,
) -> Result<ImportPreview, Error> {
    let choice = Choice { incomplete: true, ..choice };
    let preview = import::graduates::preview(path, year, choice)?;
    let remembered = offer(store, ListKind::Graduates, &preview.reading, choice)?;
    Ok(ImportPreview { remembered, ..preview.view(path) })
}

/// The mapping remembered for the list's layout, unless the person chose one already or the
/// list reads the same without it.
fn offer<K: FieldKey>(
    store: &Db,
    list: ListKind,
    reading: &Reading<K>,
    choice: Choice<'_>,
) -> Result<Option<import::layout::RememberedMapping>, Error> {
    if choice.mapping.is_some() {
        return Ok(None);
    }
    let remembered = store.remembered_mapping(list, &reading.layout())?;
    Ok(remembered.filter(|r| r.mapping != reading.mapping()))
}

/// A mapping the person chose (in the wizard, or `--map`) is kept for the list's layout once
/// the list is imported with it.
fn remember<K: FieldKey>(
    store: &mut Store,
    list: ListKind,
    reading: &Reading<K>,
    options: &ImportOptions,
) -> Result<(), Error> {
    if options.dry_run || options.mapping.is_none() {
        return Ok(());
    }
    let ctx = ChangeContext { actor: options.actor.clone(), source: None };
    store.write(&ctx, |tx| tx.remember_mapping(list, &reading.layout(), &reading.mapping()))?;
    Ok(())
}

fn choice(options: &ImportOptions) -> Choice<'_> {
    Choice { sheet: options.sheet.as_ref(), mapping: options.mapping.as_ref(), incomplete: false }
}

/// A list of which no row can be imported is an error, so that nothing (not even an import
/// batch) is written and the command fails.
fn refuse_empty<K>(path: &Path, reading: &Reading<K>) -> Result<(), ImportError> {
    match reading.tally.valid {
        0 => Err(ImportError::NothingToImport {
            path: path.to_path_buf(),
            problems: reading.tally.problems.clone(),
        }),
        _ => Ok(()),
    }
}

/// A request typed in by hand: its texts checked as a list's cells are (nothing blank where a
/// list requires it, no hidden characters, nothing overlong), then applied as a one-row list.
pub fn add_vacancy(
    store: &mut Store,
    record: &VacancyRecord,
    ctx: &ChangeContext,
) -> Result<Vacancy, WorkflowError> {
    use import::vacancies::{COLUMNS, Column};
    let r = record;
    let fields = [
        (Column::Employer, Some(&r.employer.name), true),
        (Column::Position, Some(&r.position), true),
        (Column::District, r.district.as_ref(), false),
        (Column::Settlement, r.settlement.as_ref(), false),
        (Column::ContactPerson, r.contact_person.as_ref(), false),
        (Column::Phone, r.phone.as_ref(), false),
    ];
    for (key, value, required) in fields {
        let label =
            COLUMNS.iter().find(|s| s.key == key).map(|s| s.label()).expect("every column has a spec");
        super::typed::typed(label, value.map(String::as_str), required)?;
    }
    Ok(store.add_vacancy(record, ctx)?)
}

/// A list of requests as the import wizard shows it before importing: read and checked, and
/// the rows that would take places from standing referrals marked as the import will refuse
/// them.
pub fn preview_vacancies(
    store: &Db,
    path: &Path,
    year: i32,
    choice: Choice<'_>,
) -> Result<ImportPreview, Error> {
    let choice = Choice { incomplete: true, ..choice };
    let mut preview = import::vacancies::preview(path, year, choice)?;
    preview.keep_referrals(&store.standing_referrals(&preview.records.iter().map(|r| r.year).collect())?);
    let remembered = offer(store, ListKind::Vacancies, &preview.reading, choice)?;
    Ok(ImportPreview { remembered, ..preview.view(path) })
}

/// Imports a list of requests: the good rows in one transaction, the others reported. Such
/// lists are short, so they are read whole first.
pub fn vacancies(
    store: &mut Store,
    path: &Path,
    year: i32,
    options: &ImportOptions,
) -> Result<ImportReport, Error> {
    let mut preview = import::vacancies::preview(path, year, choice(options))?;
    preview.keep_referrals(&store.standing_referrals(&preview.records.iter().map(|r| r.year).collect())?);
    let Preview { reading, records, .. } = preview;
    refuse_empty(path, &reading)?;
    let ctx = ChangeContext { actor: options.actor.clone(), source: Some(file_name(path)) };
    let counts = store.apply_vacancies(&records, &ctx, options.dry_run)?;
    remember(store, ListKind::Vacancies, &reading, options)?;
    Ok(ImportReport::new(path, reading, Some(year), counts, options.dry_run))
}

/// Imports the applications list of cohort `year`: each graduate's wishes replace those on
/// record, all in one transaction (a dry run only counts); rows naming no graduate of the
/// cohort, or a wish nothing matches, are reported by row. A list of one row per wish gives a
/// graduate's wishes in the order of the rows' ranks.
pub fn applications(
    store: &mut Store,
    path: &Path,
    year: i32,
    options: &ImportOptions,
) -> Result<ImportReport, Error> {
    let (ids, employers) = named(store, year)?;
    let known = ids.keys().copied().collect();
    let mut rows: HashMap<Iin, Vec<ApplicationRow>> = HashMap::new();
    let reading = import::applications::read(path, &known, &employers, choice(options), |row| {
        rows.entry(row.iin).or_default().push(row);
        Flow::Continue
    })?;
    refuse_empty(path, &reading)?;
    let mut applications: Vec<(i64, Application)> = rows
        .into_iter()
        .map(|(iin, mut rows)| {
            rows.sort_by_key(|r| r.rank);
            let applied_on = rows.iter().find_map(|r| r.applied_on);
            let social = rows.iter().find_map(|r| r.social);
            let mut wishes = Vec::new();
            for wish in rows.into_iter().flat_map(|r| r.wishes) {
                if !wishes.contains(&wish) {
                    wishes.push(wish);
                }
            }
            (ids[&iin], Application { wishes, applied_on, social })
        })
        .collect();
    applications.sort_by_key(|(id, _)| *id);
    let mut counts = ApplyCounts::default();
    let before = store.applications_of(year)?;
    for (id, application) in &applications {
        let old = before.get(id).cloned().unwrap_or_default();
        if old == *application {
            counts.unchanged += 1;
        } else if old == Application::default() {
            counts.imported += 1;
        } else {
            counts.updated += 1;
        }
    }
    if !options.dry_run {
        let ctx = ChangeContext { actor: options.actor.clone(), source: Some(file_name(path)) };
        store.write(&ctx, |tx| {
            applications.iter().try_for_each(|(id, application)| tx.set_application(*id, application))
        })?;
    }
    remember(store, ListKind::Applications, &reading, options)?;
    Ok(ImportReport::new(path, reading, Some(year), counts, options.dry_run))
}

/// What an applications list's rows are matched against: the cohort's graduates by IIN, and
/// the employers of the vacancies open to it by folded name (`None` where two share a name).
fn named(store: &Db, year: i32) -> Result<(HashMap<Iin, i64>, Employers), Error> {
    let ids = store.graduates_of(year)?.into_iter().map(|g| (g.record.iin, g.id)).collect();
    let mut employers = Employers::new();
    for v in store.vacancies_from(year)? {
        let bin = v.record.employer.bin;
        employers
            .entry(fold(&v.record.employer.name))
            .and_modify(|known| *known = known.filter(|b| *b == bin))
            .or_insert(Some(bin));
    }
    Ok((ids, employers))
}

/// An applications list as the import wizard shows it before importing.
pub fn preview_applications(
    store: &Db,
    path: &Path,
    year: i32,
    choice: Choice<'_>,
) -> Result<ImportPreview, Error> {
    let choice = Choice { incomplete: true, ..choice };
    let (ids, employers) = named(store, year)?;
    let known = ids.keys().copied().collect();
    let preview = import::applications::preview(path, &known, &employers, choice)?;
    let remembered = offer(store, ListKind::Applications, &preview.reading, choice)?;
    Ok(ImportPreview { remembered, ..preview.view(path) })
}
