//! What can go wrong with the register on a server, told to a secretary in Kazakh and Russian.
//! The server's own texts are English: they stay in the log (Display); a person reads the
//! SQLSTATE at most.

use postgres::error::SqlState;

use crate::i18n::{Text, UserFacing};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The server's address could not be read as `postgresql://person@host:port/database`.
    #[error("server address: {0}")]
    Address(String),
    /// A step on the server was asked for without its address.
    #[error("no server address")]
    NoAddress,
    /// The server did not answer, or the TLS handshake failed.
    #[error("connecting: {0}")]
    Unreachable(#[source] postgres::Error),
    /// No TLS connection to a server elsewhere: the platform's TLS failed, or the server's
    /// certificate or name did not check.
    #[error("TLS: {0}")]
    Tls(String),
    /// The name or the password was refused.
    #[error("sign-in refused: {0}")]
    SignIn(#[source] postgres::Error),
    /// The server has no database of the address's name.
    #[error("no such database: {0}")]
    NoDatabase(#[source] postgres::Error),
    /// Anything else the server refused or failed, by its SQLSTATE.
    #[error("server: {0}")]
    Server(#[from] postgres::Error),
    /// The server's register was made by a newer Joldama.
    #[error("server schema {found} is newer than {supported}")]
    SchemaTooNew { found: u32, supported: u32 },
    /// The server's database holds no register and this person may not create one.
    #[error("no register on the server")]
    NoRegister,
    /// Moving in goes into an empty register only: never over another desk's records.
    #[error("the server's register is not empty ({table})")]
    NotEmpty { table: String },
    /// A table read back from the server differs from the file's: nothing was kept.
    #[error("{table}: {file_rows} rows in the file, {server_rows} on the server, checksums differ")]
    Mismatch { table: String, file_rows: u64, server_rows: u64 },
    /// The file's tables are not the register's (another program's file, or one changed by
    /// hand): nothing is copied.
    #[error("{table}: not the register's table")]
    NotTheRegister { table: String },
    /// The server answered a value of another kind than the statement reads.
    #[error("unexpected value: {what}")]
    Unexpected { what: String },
    /// The file's value cannot go into the server's column (SQLite stores any value anywhere).
    #[error("{table}.{column}, row {row}: a value of another kind")]
    OddValue { table: String, column: String, row: u64 },
    /// A person's name the server cannot keep as it is (blank, spaces around, over 63 bytes).
    #[error("person name {name:?}")]
    PersonName { name: String },
    #[error("password shorter than {min}")]
    ShortPassword { min: usize },
    /// Someone with this name may already sign in.
    #[error("person exists")]
    PersonExists,
    /// Nobody of this name may sign in to the register.
    #[error("no person {name:?}")]
    NoSuchPerson { name: String },
    /// A person's own role and sign-in are changed by another administrator.
    #[error("one's own role")]
    Yourself,
    /// Reading the desk's file.
    #[error(transparent)]
    Store(StoreError),
}

impl ServerError {
    fn state(&self) -> Option<&SqlState> {
        match self {
            ServerError::Server(e) => e.code(),
            _ => None,
        }
    }

    /// The code a lock's trigger raised (the same as the file's triggers raise).
    fn lock(&self) -> Option<&'static str> {
        let ServerError::Server(e) = self else { return None };
        let db = e.as_db_error().filter(|d| *d.code() == SqlState::RAISE_EXCEPTION)?;
        [
            "meeting_finalised",
            "paper_never_deleted",
            "register_append_only",
            "university_key_kept",
            "audit_append_only",
            "places_below_referrals",
        ]
        .into_iter()
        .find(|code| db.message() == *code)
    }

    /// Sorts a failed connection: refused credentials or no server at all.
    pub(super) fn connecting(e: postgres::Error) -> ServerError {
        if let Some(tls) = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<native_tls::Error>()) {
            return ServerError::Tls(tls.to_string());
        }
        match e.code() {
            Some(s)
                if *s == SqlState::INVALID_PASSWORD
                    || *s == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
            {
                ServerError::SignIn(e)
            }
            Some(s) if *s == SqlState::INVALID_CATALOG_NAME => ServerError::NoDatabase(e),
            _ => ServerError::Unreachable(e),
        }
    }
}

/// The server refused a transaction for another desk's (serialisation, deadlock): running it
/// again may succeed.
pub(crate) fn another_desk(e: &postgres::Error) -> bool {
    let state = e.code();
    state == Some(&SqlState::T_R_SERIALIZATION_FAILURE) || state == Some(&SqlState::T_R_DEADLOCK_DETECTED)
}

impl From<StoreError> for ServerError {
    fn from(e: StoreError) -> ServerError {
        match e {
            StoreError::Server(e) => *e,
            e => ServerError::Store(e),
        }
    }
}

impl UserFacing for ServerError {
    /// Stable codes: `server_address`, `no_server_address`, `server_unreachable`, `server_tls`, `sign_in_refused`,
    /// `server_no_database`, `server_forbidden`, `server_busy`, a lock's code
    /// (`meeting_finalised`, …), `server`, `schema_too_new`, `no_register`,
    /// `register_not_empty`, `move_in_mismatch`, `move_in_odd_value`, `move_in_not_register`,
    /// `server_unexpected`, `person_name`, `password_too_short`, `person_exists`,
    /// `no_such_person`, `own_role`, and the file's codes.
    fn code(&self) -> &'static str {
        if let Some(code) = self.lock() {
            return code;
        }
        match self {
            ServerError::Address(_) => "server_address",
            ServerError::NoAddress => "no_server_address",
            ServerError::Unreachable(_) => "server_unreachable",
            ServerError::Tls(_) => "server_tls",
            ServerError::SignIn(_) => "sign_in_refused",
            ServerError::NoDatabase(_) => "server_no_database",
            ServerError::Server(e) if another_desk(e) => "server_busy",
            ServerError::Server(_) => match self.state() {
                Some(s) if *s == SqlState::INSUFFICIENT_PRIVILEGE => "server_forbidden",
                _ => "server",
            },
            ServerError::SchemaTooNew { .. } => "schema_too_new",
            ServerError::NoRegister => "no_register",
            ServerError::NotEmpty { .. } => "register_not_empty",
            ServerError::Mismatch { .. } => "move_in_mismatch",
            ServerError::OddValue { .. } => "move_in_odd_value",
            ServerError::NotTheRegister { .. } => "move_in_not_register",
            ServerError::Unexpected { .. } => "server_unexpected",
            ServerError::PersonName { .. } => "person_name",
            ServerError::ShortPassword { .. } => "password_too_short",
            ServerError::PersonExists => "person_exists",
            ServerError::NoSuchPerson { .. } => "no_such_person",
            ServerError::Yourself => "own_role",
            ServerError::Store(e) => e.code(),
        }
    }

    fn message(&self) -> Text {
        match self.code() {
            "meeting_finalised" => {
                return Text::new(
                    "Отырыс қорытындыланған: оның шешімдері, қатысушылары мен құжаттары енді өзгермейді.",
                    "Заседание завершено: его решения, присутствовавшие и документы больше не меняются.",
                );
            }
            "paper_never_deleted" => {
                return Text::new(
                    "Берілген құжаттың нөмірі мен шешімі өзгермейді және ол жойылмайды: тек күшін жоюға болады.",
                    "Номер и решение выданного документа не меняются, и он не удаляется: его можно только отменить.",
                );
            }
            "register_append_only" | "audit_append_only" | "university_key_kept" => {
                return Text::new(
                    "Тізілімнің бұл жазбасы тек толықтырылады: оны өзгертуге не жоюға болмайды.",
                    "Эта запись реестра только дополняется: её нельзя изменить или удалить.",
                );
            }
            "places_below_referrals" => {
                return Text::new(
                    "Бос орынның саны оған жолданған түлектерден аз бола алмайды.",
                    "Число мест вакансии не может быть меньше числа направленных на неё выпускников.",
                );
            }
            _ => {}
        }
        match self {
            ServerError::Address(address) => Text::new(
                format!(
                    "Сервердің мекенжайы оқылмады: «{address}». Үлгі: postgresql://аты@сервер:5432/joldama."
                ),
                format!(
                    "Не удалось прочитать адрес сервера: «{address}». Образец: postgresql://имя@сервер:5432/joldama."
                ),
            ),
            ServerError::NoAddress => Text::new(
                "Сервердің мекенжайын --server арқылы не JOLDAMA_SERVER айнымалысында көрсетіңіз. Үлгі: postgresql://аты@сервер:5432/joldama.",
                "Укажите адрес сервера через --server или в переменной JOLDAMA_SERVER. Образец: postgresql://имя@сервер:5432/joldama.",
            ),
            ServerError::Unreachable(_) => Text::new(
                "Серверге қосылу мүмкін болмады: мекенжайын, желіні және сервердің қосулы екенін тексеріңіз.",
                "Не удалось подключиться к серверу: проверьте адрес, сеть и что сервер запущен.",
            ),
            ServerError::Tls(_) => Text::new(
                "Сервермен қорғалған байланыс (TLS) орнатылмады: сервердің сертификатын және мекенжайдағы атауын тексеріңіз.",
                "Не удалось установить защищённое соединение (TLS) с сервером: проверьте его сертификат и имя в адресе.",
            ),
            ServerError::SignIn(_) => Text::new(
                "Сервер кіруге рұқсат бермеді: аты не құпиясөзі қате.",
                "Сервер не пустил: неверное имя или пароль.",
            ),
            ServerError::NoDatabase(_) => Text::new(
                "Серверде мекенжайда аталған дерекқор жоқ: оның атауын тексеріңіз (мекенжайдың соңғы бөлігі).",
                "На сервере нет базы данных, названной в адресе: проверьте её имя (последняя часть адреса).",
            ),
            ServerError::Server(_) if self.code() == "server_forbidden" => Text::new(
                "Сіздің рөліңіз бұған рұқсат бермейді: сервер ештеңе жазбады. Рөлді әкімші береді.",
                "Ваша роль этого не позволяет: сервер ничего не записал. Роль назначает администратор.",
            ),
            ServerError::Server(_) if self.code() == "server_busy" => Text::new(
                "Бұл жазбаны дәл қазір басқа үстел өзгертті: ештеңе жазылмады, қайталап көріңіз.",
                "Эту запись только что изменил другой стол: ничего не записано, повторите.",
            ),
            ServerError::Server(_) => {
                let state = self.state().map_or("—", SqlState::code);
                Text::new(
                    format!("Сервермен жұмыс кезінде қате шықты (PostgreSQL коды {state})."),
                    format!("Ошибка при работе с сервером (код PostgreSQL {state})."),
                )
            }
            ServerError::SchemaTooNew { found, supported } => Text::new(
                format!(
                    "Сервердегі тізілімді Joldama-ның жаңарақ нұсқасы жасаған (схема {found}, бұл нұсқа \
                     {supported}-ге дейін біледі). Ештеңе өзгертілмеді: бағдарламаны жаңартыңыз."
                ),
                format!(
                    "Реестр на сервере создан более новой версией Joldama (схема {found}, эта версия \
                     знает до {supported}). Ничего не изменено: обновите программу."
                ),
            ),
            ServerError::NoRegister => Text::new(
                "Сервердің дерекқорында тізілім әлі жоқ: оны әкімші жасайды (тізілімді көшіріп әкелу).",
                "В базе данных сервера ещё нет реестра: его создаёт администратор (перенос реестра).",
            ),
            ServerError::NotEmpty { table } => Text::new(
                format!(
                    "Сервердегі тізілім бос емес («{table}» кестесінде жазбалар бар): файл тек бос \
                     тізілімге көшіріледі, ештеңе өзгертілмеді."
                ),
                format!(
                    "Реестр на сервере не пуст (в таблице «{table}» есть записи): файл переносится \
                     только в пустой реестр, ничего не изменено."
                ),
            ),
            ServerError::Mismatch { table, file_rows, server_rows } => Text::new(
                format!(
                    "«{table}» кестесі серверде файлдағыдай емес (файлда {file_rows} жол, серверде \
                     {server_rows}): көшіру болдырылмады, сервер бұрынғыдай бос."
                ),
                format!(
                    "Таблица «{table}» на сервере не совпала с файлом (в файле {file_rows} строк, на \
                     сервере {server_rows}): перенос отменён, сервер остался пустым."
                ),
            ),
            ServerError::OddValue { table, column, row } => Text::new(
                format!(
                    "Файлдағы «{table}» кестесінің {row}-жолындағы «{column}» мәні бағанның түріне \
                     сәйкес емес: көшіру болдырылмады."
                ),
                format!(
                    "Значение «{column}» в строке {row} таблицы «{table}» файла не того типа, что \
                     столбец: перенос отменён."
                ),
            ),
            ServerError::NotTheRegister { table } => Text::new(
                format!(
                    "Файлдағы «{table}» кестесі серверлік тізілімдегідей емес: файл Joldama тізілімі емес \
                     не қолмен өзгертілген. Ештеңе көшірілмеді."
                ),
                format!(
                    "Таблица «{table}» файла не такая, как в реестре на сервере: файл не реестр Joldama \
                     или изменён вручную. Ничего не перенесено."
                ),
            ),
            ServerError::Unexpected { what } => Text::new(
                format!("Сервер күтілмеген мән қайтарды ({what}): ештеңе өзгертілмеді."),
                format!("Сервер вернул неожиданное значение ({what}): ничего не изменено."),
            ),
            ServerError::PersonName { name } => Text::new(
                format!(
                    "«{name}» атауы жарамайды: ол бос болмауы, басы мен соңында бос орын болмауы және 63 байттан аспауы керек."
                ),
                format!(
                    "Имя «{name}» не подходит: оно не пустое, без пробелов по краям и не длиннее 63 байт."
                ),
            ),
            ServerError::ShortPassword { min } => Text::new(
                format!("Құпиясөз кемінде {min} таңбадан тұруы керек."),
                format!("Пароль должен быть не короче {min} символов."),
            ),
            ServerError::PersonExists => Text::new(
                "Бұл атпен серверге біреу кіре алады: басқа атау таңдаңыз.",
                "С этим именем на сервер уже кто-то входит: выберите другое имя.",
            ),
            ServerError::NoSuchPerson { name } => Text::new(
                format!("«{name}» атымен тізілімге ешкім кірмейді."),
                format!("Под именем «{name}» в реестр никто не входит."),
            ),
            ServerError::Yourself => Text::new(
                "Өз рөліңізді өзгертуге не өзіңізді жоюға болмайды: оны басқа әкімші жасайды.",
                "Свою роль нельзя изменить и себя нельзя удалить: это делает другой администратор.",
            ),
            ServerError::Store(e) => e.message(),
        }
    }
}
