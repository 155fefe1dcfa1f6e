//! What can go wrong recording a follow-up or writing its lists, in Kazakh and Russian.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::i18n::{self, Text, UserFacing};
use crate::ident::Bin;
use crate::obligation::{ObligationError, State};
use crate::vocabulary::Termed;

#[derive(Debug, thiserror::Error)]
pub enum FollowUpError {
    #[error(transparent)]
    Obligation(#[from] ObligationError),
    /// A work period names an employer by a BIN the database does not have, and no name.
    #[error("no employer with BIN {bin}")]
    UnknownEmployer { bin: Bin },
    /// An arrival, a payment, an end must say what confirms it.
    #[error("no confirming document")]
    NoDocument,
    /// A work period needs its employer: a stored one (BIN) or a name.
    #[error("work period without an employer")]
    EmployerNeeded,
    /// Only work has an employer.
    #[error("an employer for a period that is not work")]
    EmployerOnlyForWork,
    /// Work needs where it is, for the rules to check it.
    #[error("work period without its place")]
    PlaceNeeded,
    /// More than SQLite's integers hold; no study costs that much.
    #[error("amount {amount} too large")]
    AmountTooLarge { amount: u64 },
    #[error("amount is zero")]
    ZeroAmount,
    /// An arrival needs a referral to arrive on.
    #[error("no referral")]
    NotReferred,
    /// A payment is recorded only against a refund owed on its date.
    #[error("nothing owed on {on}: {state:?}")]
    NothingOwed { on: NaiveDate, state: State },
    #[error("payment {amount} above the balance {balance}")]
    AboveBalance { amount: u64, balance: u64 },
    #[error("a refund is owed but the cost is not recorded")]
    CostUnknown,
    #[error("arrival {on} before the decision of {decided}")]
    ArrivalBeforeDecision { on: NaiveDate, decided: NaiveDate },
    #[error("arrival {on} is after today")]
    ArrivalAhead { on: NaiveDate },
    /// A period counts toward an obligation only from the graduate's first decision.
    #[error("period from {from} before the decision of {decided}")]
    PeriodBeforeDecision { from: NaiveDate, decided: NaiveDate },
    #[error("payment {on} is after today")]
    PaymentAhead { on: NaiveDate },
}

impl UserFacing for FollowUpError {
    fn code(&self) -> &'static str {
        match self {
            FollowUpError::Obligation(e) => e.code(),
            FollowUpError::UnknownEmployer { .. } => "unknown_employer",
            FollowUpError::NoDocument => "no_document",
            FollowUpError::EmployerNeeded => "period_no_employer",
            FollowUpError::EmployerOnlyForWork => "employer_only_for_work",
            FollowUpError::PlaceNeeded => "period_no_place",
            FollowUpError::AmountTooLarge { .. } => "amount_too_large",
            FollowUpError::ZeroAmount => "amount_zero",
            FollowUpError::NotReferred => "not_referred",
            FollowUpError::NothingOwed { .. } => "nothing_owed",
            FollowUpError::AboveBalance { .. } => "payment_above_balance",
            FollowUpError::CostUnknown => "cost_unknown",
            FollowUpError::ArrivalBeforeDecision { .. } => "arrival_before_decision",
            FollowUpError::ArrivalAhead { .. } => "arrival_ahead",
            FollowUpError::PeriodBeforeDecision { .. } => "period_before_decision",
            FollowUpError::PaymentAhead { .. } => "payment_ahead",
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            FollowUpError::Obligation(e) => e.params(),
            FollowUpError::AboveBalance { balance, .. } => vec![("count", balance.to_string())],
            _ => Vec::new(),
        }
    }

    fn message(&self) -> Text {
        match self {
            FollowUpError::Obligation(e) => e.message(),
            FollowUpError::UnknownEmployer { bin } => Text::new(
                format!(
                    "БСН {bin} жұмыс беруші дерекқорда жоқ. Оны жұмыс берушілер тізімімен енгізіңіз \
                     немесе атауын жазыңыз."
                ),
                format!(
                    "Работодателя с БИН {bin} нет в базе данных. Внесите его через список \
                     работодателей или укажите название."
                ),
            ),
            FollowUpError::NoDocument => Text::new(
                "Растайтын құжатты көрсетіңіз (жұмыс берушінің хаты, түбіртек, бұйрық, …).",
                "Укажите подтверждающий документ (письмо работодателя, квитанция, приказ, …).",
            ),
            FollowUpError::EmployerNeeded => Text::new(
                "Жұмыс кезеңі үшін жұмыс берушіні көрсетіңіз: БСН немесе атауы.",
                "Для периода работы укажите работодателя: БИН или название.",
            ),
            FollowUpError::EmployerOnlyForWork => Text::new(
                "Жұмыс беруші тек жұмыс кезеңіне көрсетіледі.",
                "Работодатель указывается только для периода работы.",
            ),
            FollowUpError::PlaceNeeded => Text::new(
                "Жұмыс орнының түрін, өңірін және ауыл ма екенін көрсетіңіз: ережелер соны тексереді.",
                "Укажите вид организации, регион и сельский ли это населённый пункт: правила проверяют их.",
            ),
            FollowUpError::AmountTooLarge { amount } => Text::new(
                format!("{amount} теңге сомасы тым үлкен: соманы тексеріңіз."),
                format!("Сумма {amount} тенге слишком велика: проверьте сумму."),
            ),
            FollowUpError::ZeroAmount => {
                Text::new("Сома нөлден үлкен болуы керек.", "Сумма должна быть больше нуля.")
            }
            FollowUpError::NotReferred => Text::new(
                "Түлекке жолдама берілмеген: келуді тек жолдамамен (бос орынға немесе орталыққа) тіркеуге болады.",
                "Выпускник не направлен: прибытие отмечается только по направлению (на вакансию или в центр).",
            ),
            FollowUpError::NothingOwed { on, state } => {
                let state = state.text();
                Text::new(
                    format!(
                        "{} күні өтелетін сома жоқ (жағдайы: {}): төлем тек міндеттеме бұзылғанда тіркеледі.",
                        i18n::date(*on),
                        state.kk
                    ),
                    format!(
                        "На {} возмещение не причитается (состояние: {}): платёж отмечается только при нарушении обязательства.",
                        i18n::date(*on),
                        state.ru
                    ),
                )
            }
            FollowUpError::AboveBalance { amount, balance } => Text::new(
                format!("{amount} теңге төлем қалған қарыздан ({balance} теңге) көп."),
                format!("Платёж {amount} тенге больше остатка долга ({balance} тенге)."),
            ),
            FollowUpError::CostUnknown => Text::new(
                "Міндеттеме бұзылған, бірақ оқу құны енгізілмеген: алдымен құнын енгізіңіз, сонда өтелетін сома есептеледі.",
                "Обязательство нарушено, но стоимость обучения не внесена: сначала внесите её, тогда сумма возмещения будет рассчитана.",
            ),
            FollowUpError::ArrivalBeforeDecision { on, decided } => Text::new(
                format!(
                    "Келу күні ({}) жолдама туралы шешімнен ({}) бұрын болмайды.",
                    i18n::date(*on),
                    i18n::date(*decided)
                ),
                format!(
                    "Дата прибытия ({}) не может быть раньше решения о направлении ({}).",
                    i18n::date(*on),
                    i18n::date(*decided)
                ),
            ),
            FollowUpError::ArrivalAhead { on } => Text::new(
                format!(
                    "Келу күні ({}) әлі келмеген: келгені расталғаннан кейін белгіленеді.",
                    i18n::date(*on)
                ),
                format!(
                    "Дата прибытия ({}) ещё не наступила: прибытие отмечается после подтверждения.",
                    i18n::date(*on)
                ),
            ),
            FollowUpError::PeriodBeforeDecision { from, decided } => Text::new(
                format!(
                    "Кезең ({}) түлек туралы алғашқы шешімнен ({}) бұрын басталмайды: күнін тексеріңіз.",
                    i18n::date(*from),
                    i18n::date(*decided)
                ),
                format!(
                    "Период ({}) не может начинаться раньше первого решения о выпускнике ({}): проверьте дату.",
                    i18n::date(*from),
                    i18n::date(*decided)
                ),
            ),
            FollowUpError::PaymentAhead { on } => Text::new(
                format!("Төлем күні ({}) әлі келмеген: төлем жасалғаннан кейін тіркеледі.", i18n::date(*on)),
                format!(
                    "Дата платежа ({}) ещё не наступила: платёж отмечается после оплаты.",
                    i18n::date(*on)
                ),
            ),
        }
    }
}

/// Writing an .xlsx file failed.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot write: {source}")]
pub struct ExportError {
    pub path: PathBuf,
    #[source]
    pub source: rust_xlsxwriter::XlsxError,
}

impl UserFacing for ExportError {
    /// Stable code: `export_write_failed`.
    fn code(&self) -> &'static str {
        "export_write_failed"
    }

    fn message(&self) -> Text {
        let (path, source) = (self.path.display(), &self.source);
        Text::new(
            format!("«{path}» файлын жазу мүмкін болмады: ол Excel-де ашық емес пе? ({source})"),
            format!("Не удалось записать файл «{path}»: не открыт ли он в Excel? ({source})"),
        )
    }
}
