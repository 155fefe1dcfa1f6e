//! Why an obligation's figures cannot be formed from what was entered.

use chrono::NaiveDate;

use super::Years;
use crate::i18n::{self, Text, UserFacing};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ObligationError {
    #[error("period ends {to} before it starts {from}")]
    EndsBeforeStart { from: NaiveDate, to: NaiveDate },
    #[error("the term is zero years")]
    ZeroTerm,
    /// The term's end falls outside the calendar the program handles.
    #[error("{start} + {years} years is out of range")]
    OutOfRange { start: NaiveDate, years: u8 },
    #[error("{value} is not a number of years")]
    BadYears { value: String },
    #[error("{on_grant} years on the grant, longer than the programme's {normative}")]
    GrantLongerThanProgramme { on_grant: Years, normative: Years },
}

impl UserFacing for ObligationError {
    /// Stable codes: `period_ends_before_start`, `term_zero`, `term_out_of_range`,
    /// `years_invalid`, `grant_longer_than_programme`.
    fn code(&self) -> &'static str {
        match self {
            ObligationError::EndsBeforeStart { .. } => "period_ends_before_start",
            ObligationError::ZeroTerm => "term_zero",
            ObligationError::OutOfRange { .. } => "term_out_of_range",
            ObligationError::BadYears { .. } => "years_invalid",
            ObligationError::GrantLongerThanProgramme { .. } => "grant_longer_than_programme",
        }
    }

    fn message(&self) -> Text {
        match self {
            ObligationError::EndsBeforeStart { from, to } => Text::new(
                format!(
                    "Кезең басталмай тұрып аяқталады: басталуы {}, аяқталуы {}.",
                    i18n::date(*from),
                    i18n::date(*to)
                ),
                format!(
                    "Период заканчивается раньше, чем начинается: начало {}, окончание {}.",
                    i18n::date(*from),
                    i18n::date(*to)
                ),
            ),
            ObligationError::ZeroTerm => Text::new(
                "Жұмыспен өтеу мерзімі нөл жыл болмайды: ережелер кестесін тексеріңіз.",
                "Срок отработки не может быть равен нулю лет: проверьте таблицу правил.",
            ),
            ObligationError::OutOfRange { start, years } => Text::new(
                format!("{} күнінен {years} жыл кейінгі күнді есептеу мүмкін емес.", i18n::date(*start)),
                format!("Невозможно вычислить дату через {years} лет после {}.", i18n::date(*start)),
            ),
            ObligationError::BadYears { value } => Text::new(
                format!(
                    "«{value}» оқу жылдарының саны емес: 0,1-ден 15-ке дейінгі сан жазыңыз (мысалы, 2,5)."
                ),
                format!("«{value}» не число лет обучения: укажите число от 0,1 до 15 (например, 2,5)."),
            ),
            ObligationError::GrantLongerThanProgramme { on_grant, normative } => Text::new(
                format!(
                    "Грантпен оқыған жылдар ({on_grant}) бағдарламаның нормативтік мерзімінен ({normative}) ұзақ болмайды."
                ),
                format!(
                    "Лет обучения по гранту ({on_grant}) не может быть больше нормативного срока программы ({normative})."
                ),
            ),
        }
    }
}
