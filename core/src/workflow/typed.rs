//! What a person types (a member's name, a meeting's place, a reason, a request entered by
//! hand) meets the rules of a list's cell: trimmed, nothing blank where it is required, no
//! hidden characters, nothing overlong. Such a text is printed on papers and shown in a
//! terminal as it is.

use super::WorkflowError;
use crate::i18n::Text;
use crate::import::text_fault;

/// The trimmed text, `None` when blank; refused when blank yet `required`, or when
/// [`text_fault`] finds fault with it. `label` names the field in the message.
pub(crate) fn typed(label: Text, value: Option<&str>, required: bool) -> Result<Option<&str>, WorkflowError> {
    let value = value.map(str::trim).filter(|v| !v.is_empty());
    match value {
        None if required => Err(WorkflowError::Text {
            code: "missing_field",
            message: Text::new(
                format!("«{}» толтырылмаған", label.kk),
                format!("Не заполнено поле «{}»", label.ru),
            ),
        }),
        Some(text) => match text_fault(&label, text) {
            Some((code, message)) => Err(WorkflowError::Text { code, message }),
            None => Ok(Some(text)),
        },
        None => Ok(None),
    }
}
