//! What can go wrong with the database file, told to a secretary in Kazakh and Russian.

use std::path::PathBuf;

use rusqlite::ErrorCode;

use crate::i18n::{Text, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file was written by a newer Joldama; this build must not touch it.
    #[error("schema version {found} is newer than {supported}")]
    SchemaTooNew { found: u32, supported: u32 },
    /// The file is not a SQLite database (or is damaged).
    #[error("{path}: not a Joldama database")]
    NotADatabase { path: PathBuf },
    /// A backup would overwrite a file that is already there.
    #[error("{path}: already exists")]
    BackupExists { path: PathBuf },
    /// The university's name heads every paper: it cannot be blank in either language.
    #[error("the university's name is blank")]
    BlankUniversityName,
    /// Backups need a database file; an in-memory one has none.
    #[error("in-memory database")]
    InMemory,
    /// A command that only reads was given a file that does not exist: none is created.
    #[error("{path}: no database")]
    NoDatabase { path: PathBuf },
}

impl StoreError {
    fn sqlite_code(&self) -> Option<ErrorCode> {
        match self {
            StoreError::Sqlite(e) => e.sqlite_error_code(),
            _ => None,
        }
    }
}

impl UserFacing for StoreError {
    /// Stable codes: `database`, `database_busy`, `disk_full`, `file_io`, `schema_too_new`,
    /// `not_a_database`, `backup_exists`, `no_database`.
    fn code(&self) -> &'static str {
        match self {
            StoreError::Sqlite(_) => match self.sqlite_code() {
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => "database_busy",
                Some(ErrorCode::DiskFull) => "disk_full",
                _ => "database",
            },
            StoreError::Io { .. } => "file_io",
            StoreError::SchemaTooNew { .. } => "schema_too_new",
            StoreError::NotADatabase { .. } => "not_a_database",
            StoreError::BackupExists { .. } => "backup_exists",
            StoreError::BlankUniversityName => "blank_university_name",
            StoreError::InMemory => "in_memory",
            StoreError::NoDatabase { .. } => "no_database",
        }
    }

    fn message(&self) -> Text {
        match self {
            StoreError::Sqlite(e) => match self.sqlite_code() {
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Text::new(
                    "Дерекқор файлын басқа бағдарлама пайдаланып отыр. Оны жауып, қайталап көріңіз.",
                    "Файл базы данных занят другой программой. Закройте её и повторите.",
                ),
                Some(ErrorCode::DiskFull) => Text::new(
                    "Дискіде орын жоқ: дерекқорға жазу мүмкін болмады.",
                    "На диске нет места: запись в базу данных не удалась.",
                ),
                // The SQLite text stays at the end for whoever supports the secretary.
                _ => Text::new(
                    format!("Дерекқормен жұмыс кезінде қате шықты ({e})."),
                    format!("Ошибка при работе с базой данных ({e})."),
                ),
            },
            StoreError::Io { path, source } => Text::new(
                format!("«{}» файлын не қалтасын ашу немесе жазу мүмкін болмады ({source}).", path.display()),
                format!("Не удалось открыть или записать файл или папку «{}» ({source}).", path.display()),
            ),
            StoreError::SchemaTooNew { found, supported } => Text::new(
                format!(
                    "Дерекқор файлын Joldama-ның жаңарақ нұсқасы жазған (схема {found}, бұл нұсқа \
                     {supported}-ге дейін біледі). Файл өзгертілмеді: бағдарламаны жаңартыңыз."
                ),
                format!(
                    "Файл базы данных записан более новой версией Joldama (схема {found}, эта \
                     версия знает до {supported}). Файл не изменён: обновите программу."
                ),
            ),
            StoreError::NotADatabase { path } => Text::new(
                format!("«{}» файлы Joldama дерекқоры емес немесе бүлінген.", path.display()),
                format!("Файл «{}» не является базой данных Joldama или повреждён.", path.display()),
            ),
            StoreError::BackupExists { path } => Text::new(
                format!(
                    "«{}» файлы бұрыннан бар: көшірме оның үстіне жазылмайды. Басқа атау таңдаңыз.",
                    path.display()
                ),
                format!(
                    "Файл «{}» уже существует: копия поверх него не записывается. Выберите другое имя.",
                    path.display()
                ),
            ),
            StoreError::InMemory => Text::new(
                "Дерекқор файлсыз ашылған: көшірме жасауға болмайды.",
                "База данных открыта без файла: резервную копию сделать нельзя.",
            ),
            StoreError::NoDatabase { path } => Text::new(
                format!("«{}» дерекқор файлы жоқ: жолын тексеріңіз. Жаңа файл жасалмады.", path.display()),
                format!("Файла базы данных «{}» нет: проверьте путь. Новый файл не создан.", path.display()),
            ),
            StoreError::BlankUniversityName => Text::new(
                "Университеттің атауын қазақ және орыс тілдерінде жазыңыз: ол әр құжаттың басында тұрады.",
                "Укажите название университета на казахском и русском: оно стоит в начале каждого документа.",
            ),
        }
    }
}
