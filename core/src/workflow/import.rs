//! Importing a list: read and checked by [`crate::import`], the good records written in one
//! transaction with its import batch and audit rows; a dry run rolls back and only counts.

use std::path::Path;
use std::sync::mpsc;

use crate::error::Error;
use crate::import::vacancies::Preview;
use crate::import::{self, Flow, ImportError, ImportOptions, ImportReport, file_name};
use crate::model::GraduateRecord;
use crate::store::{ChangeContext, Store};

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
            let reading = import::graduates::read(path, options.year, options.mapping.as_ref(), |record| {
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
            let _ = send.send(chunk);
            Ok::<_, ImportError>(reading)
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
        let reading = reading.expect("set before the transaction commits");
        Ok(ImportReport::new(path, reading.sheet, reading.tally, counts, options.dry_run))
    })
}

/// Imports a list of requests: the good rows in one transaction, the others reported. Such
/// lists are short, so they are read whole first.
pub fn vacancies(
    store: &mut Store,
    path: &Path,
    year: i32,
    options: &ImportOptions,
) -> Result<ImportReport, Error> {
    let mut preview = import::vacancies::preview(path, year, options.mapping.as_ref())?;
    let years = preview.records.iter().map(|r| r.year).collect();
    preview.keep_referrals(&store.standing_referrals(&years)?);
    let Preview { reading, records, .. } = preview;
    let ctx = ChangeContext { actor: options.actor.clone(), source: Some(file_name(path)) };
    let counts = store.apply_vacancies(&records, &ctx, options.dry_run)?;
    Ok(ImportReport::new(path, reading.sheet, reading.tally, counts, options.dry_run))
}
