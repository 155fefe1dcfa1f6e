//! What can go wrong with the database file, told to a secretary in Kazakh and Russian.

use std::path::PathBuf;

use rusqlite::ErrorCode;

use crate::i18n::{Text, UserFacing, io_reason};

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
    /// The register on a server: see [`super::server`].
    #[error("{0}")]
    Server(Box<super::server::ServerError>),
    /// What only the file has (its copies, its pages' check) asked of the register on a
    /// server, whose own tools do it.
    #[error("not on a server")]
    OnServer,
    /// Someone changed the record after the desk read it: the step would write over a change
    /// the person has not seen.
    #[error("changed by {who} at {at} ({entity})")]
    Stale { who: String, at: String, entity: String },
}

impl From<super::server::ServerError> for StoreError {
    fn from(e: super::server::ServerError) -> StoreError {
        match e {
            super::server::ServerError::Store(e) => e,
            e => StoreError::Server(Box::new(e)),
        }
    }
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
    /// Stable codes: `database`, `database_busy`, `disk_full`, `value_too_big`,
    /// `database_read_only`, `database_cannot_open`, `file_io` (or the code of its kind, see
    /// [`io_reason`]), `schema_too_new`, `not_a_database`, `backup_exists`, `no_database`.
    fn code(&self) -> &'static str {
        match self {
            StoreError::Sqlite(_) => match self.sqlite_code() {
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => "database_busy",
                Some(ErrorCode::DiskFull) => "disk_full",
                Some(ErrorCode::TooBig) => "value_too_big",
                Some(ErrorCode::ReadOnly) => "database_read_only",
                Some(ErrorCode::CannotOpen) => "database_cannot_open",
                _ => "database",
            },
            StoreError::Io { source, .. } => io_reason(source.kind()).map_or("file_io", |(code, _)| code),
            StoreError::SchemaTooNew { .. } => "schema_too_new",
            StoreError::NotADatabase { .. } => "not_a_database",
            StoreError::BackupExists { .. } => "backup_exists",
            StoreError::BlankUniversityName => "blank_university_name",
            StoreError::InMemory => "in_memory",
            StoreError::NoDatabase { .. } => "no_database",
            StoreError::Server(e) => e.code(),
            StoreError::OnServer => "on_server",
            StoreError::Stale { .. } => "stale_write",
        }
    }

    fn message(&self) -> Text {
        match self {
            StoreError::Sqlite(e) => match self.sqlite_code() {
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Text::new(
                    "Дерекқор файлы бос емес: оған басқа импорт не басқа бағдарлама жазып жатыр. \
                     Ол аяқталғанша күтіп, қайталап көріңіз.",
                    "Файл базы данных занят: в него идёт другой импорт или пишет другая программа. \
                     Дождитесь окончания и повторите.",
                ),
                Some(ErrorCode::DiskFull) => Text::new(
                    "Дискіде орын жоқ: дерекқорға жазу мүмкін болмады.",
                    "На диске нет места: запись в базу данных не удалась.",
                ),
                Some(ErrorCode::TooBig) => Text::new(
                    "Мән дерекқорға сыймайтындай тым үлкен: ештеңе жазылмады.",
                    "Значение слишком велико для базы данных: ничего не записано.",
                ),
                Some(ErrorCode::ReadOnly) => Text::new(
                    "Дерекқор файлы тек оқуға ашық: оған жазуға рұқсат беріңіз.",
                    "Файл базы данных открыт только для чтения: разрешите запись в него.",
                ),
                Some(ErrorCode::CannotOpen) => Text::new(
                    "Дерекқор файлын ашу мүмкін болмады: жолы мен рұқсаттарын тексеріңіз.",
                    "Не удалось открыть файл базы данных: проверьте путь и права доступа.",
                ),
                // SQLite's own text is English: only its number is shown, for whoever supports
                // the secretary; the text stays in the log (Display).
                _ => {
                    let number = match e {
                        rusqlite::Error::SqliteFailure(f, _) => f.extended_code.to_string(),
                        _ => "—".to_owned(),
                    };
                    Text::new(
                        format!("Дерекқормен жұмыс кезінде қате шықты (SQLite коды {number})."),
                        format!("Ошибка при работе с базой данных (код SQLite {number})."),
                    )
                }
            },
            StoreError::Io { path, source } => {
                let reason = io_reason(source.kind()).map_or_else(
                    || Text::new("", ""),
                    |(_, r)| Text::new(format!(": {}", r.kk), format!(": {}", r.ru)),
                );
                Text::new(
                    format!(
                        "«{}» файлын не қалтасын ашу немесе жазу мүмкін болмады{}.",
                        path.display(),
                        reason.kk
                    ),
                    format!(
                        "Не удалось открыть или записать файл или папку «{}»{}.",
                        path.display(),
                        reason.ru
                    ),
                )
            }
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
            StoreError::Server(e) => e.message(),
            StoreError::OnServer => Text::new(
                "Бұл тек дерекқор файлында жасалады: тізілім серверде, оның көшірмелері мен тексерісін сервер жасайды (README, pg_dump).",
                "Это делается только в файле базы данных: реестр на сервере, его копии и проверку делает сервер (README, pg_dump).",
            ),
            StoreError::Stale { who, at, entity } => {
                let what = changed_what(entity);
                // The audit's UTC time stamp, to the minute.
                let at = format!("{} UTC", at.get(..16).unwrap_or(at).replace('T', " "));
                Text::new(
                    format!(
                        "Сіз ашқаннан кейін бұл түлектің жазбасын {who} өзгертті ({at}: {}). Ештеңе жазылмады: \
                         жаңартылған картаны қарап, қайталаңыз.",
                        what.kk
                    ),
                    format!(
                        "После того как вы открыли запись этого выпускника, её изменил(а) {who} ({at}: {}). \
                         Ничего не записано: посмотрите обновлённую карточку и повторите.",
                        what.ru
                    ),
                )
            }
            StoreError::BlankUniversityName => Text::new(
                "Университеттің атауын қазақ және орыс тілдерінде жазыңыз: ол әр құжаттың басында тұрады.",
                "Укажите название университета на казахском и русском: оно стоит в начале каждого документа.",
            ),
        }
    }
}

/// What an audit entity is, in words: the part of a graduate's records another desk changed.
fn changed_what(entity: &str) -> Text {
    use super::entity::{ARRIVAL, DECISION, END, GRADUATE, GRANT, PAPER, PAYMENT, PERIOD, STUDY_COST};
    let (kk, ru) = match entity {
        GRADUATE => ("түлектің деректері", "данные выпускника"),
        DECISION => ("шешім", "решение"),
        ARRIVAL => ("келу күні", "дата прибытия"),
        PERIOD => ("еңбек не кезең", "период работы или иной"),
        STUDY_COST => ("оқу құны", "стоимость обучения"),
        GRANT => ("грантпен оқыған жылдар", "годы обучения на гранте"),
        PAYMENT => ("өтеу төлемі", "платёж в возмещение"),
        END => ("міндеттеменің тоқтауы", "прекращение обязательства"),
        PAPER => ("құжат", "документ"),
        other => (other, other),
    };
    Text::new(kk, ru)
}
