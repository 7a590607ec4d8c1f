//! Forms: several fields filled in at once (a modal on Discord), as typed values.
//!
//! A form is described here, beside the handler that reads it back, so its wording and the ids
//! of its fields live in one place: an adapter shows a [`Form`] and returns what was typed in
//! each field by id, and [`FormId`] names the form the way [`ButtonId`](super::ButtonId) names a
//! button. A submit carries everything the engine needs (the form's id and every field), so it
//! is handled statelessly: a restart between showing the form and its submit loses nothing.
//!
//! Nothing here is trusted: ids and values come back from Discord, where a client may send any
//! text, and each field is validated by the handler with a friendly sentence.

use std::fmt;
use std::str::FromStr;

use super::buttons::Expired;

/// A form's meaning, written into its id (Discord's modal `custom_id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormId {
    /// `/add` as a form: `form:add` (see [`AddForm`]).
    Add,
}

impl fmt::Display for FormId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormId::Add => f.write_str("form:add"),
        }
    }
}

impl FromStr for FormId {
    type Err = Expired;

    /// An id that does not read is an expired form (an older release's), never an error of ours.
    fn from_str(id: &str) -> Result<FormId, Expired> {
        match id {
            "form:add" => Ok(FormId::Add),
            _ => Err(Expired),
        }
    }
}

/// Discord's limits on a modal, as its API documents them.
pub mod limits {
    /// Characters of a modal's title.
    pub const TITLE: usize = 45;
    /// Text inputs in one modal, each in its own action row.
    pub const FIELDS: usize = 5;
    /// Characters of a text input's label.
    pub const LABEL: usize = 45;
    /// Characters of a text input's placeholder.
    pub const PLACEHOLDER: usize = 100;
    /// Characters a text input may hold.
    pub const VALUE: u16 = 4000;
}

/// A form to show: a title and up to [`limits::FIELDS`] one-line text fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// A [`FormId`] as text; it comes back with the submit.
    pub id: String,
    /// What the form is for; at most [`limits::TITLE`] characters.
    pub title: &'static str,
    /// The fields, in order.
    pub fields: Vec<FormField>,
}

/// One text field of a [`Form`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormField {
    /// Comes back with what was typed in it.
    pub id: &'static str,
    /// What the field asks; at most [`limits::LABEL`] characters.
    pub label: &'static str,
    /// An example, shown greyed in an empty field; at most [`limits::PLACEHOLDER`] characters.
    pub placeholder: &'static str,
    /// The form cannot be sent without it.
    pub required: bool,
    /// At most this many characters may be typed (at most [`limits::VALUE`]).
    pub max_length: u16,
}

/// `/add` as a form: one entry, field by field, for whoever prefers that to the quick-message
/// language (nothing in a field is read as a date or a tag).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddForm {
    /// `12.50`, `$12.50`, `12 EUR`; a leading `+` makes it income.
    pub amount: String,
    /// What it was; required.
    pub description: String,
    /// `today` (the default), `yesterday` or `2026-03-14`.
    pub date: Option<String>,
    /// One of the ledger's categories or aliases; without it, the categorizer decides.
    pub category: Option<String>,
}

impl AddForm {
    /// The amount field's id, as the form shows it and a submit returns it.
    pub const AMOUNT: &'static str = "amount";
    /// The description field's id.
    pub const DESCRIPTION: &'static str = "description";
    /// The date field's id.
    pub const DATE: &'static str = "date";
    /// The category field's id.
    pub const CATEGORY: &'static str = "category";

    /// The form to show.
    pub fn form() -> Form {
        let field = |id, label, placeholder, required, max_length| FormField {
            id,
            label,
            placeholder,
            required,
            max_length,
        };
        Form {
            id: FormId::Add.to_string(),
            title: "Record an expense or income",
            fields: vec![
                field(
                    Self::AMOUNT,
                    "Amount",
                    "12.50, 12 EUR, or +2500 for income",
                    true,
                    40,
                ),
                field(
                    Self::DESCRIPTION,
                    "Description",
                    "lunch at the office",
                    true,
                    crate::bounds::MAX_DESCRIPTION as u16,
                ),
                field(
                    Self::DATE,
                    "Date (optional)",
                    "today, yesterday or 2026-03-14",
                    false,
                    20,
                ),
                field(
                    Self::CATEGORY,
                    "Category (optional)",
                    "Groceries; empty to let Tally decide",
                    false,
                    crate::category::Category::MAX_CHARS as u16,
                ),
            ],
        }
    }

    /// The form as submitted: `(field id, value)` pairs in any order. Unknown fields are
    /// ignored, a field sent twice counts once (its first value), and an empty optional field
    /// is no value; whether the values make sense is the handler's to say.
    pub fn from_fields(fields: &[(String, String)]) -> AddForm {
        let value = |id: &str| {
            fields
                .iter()
                .find(|(field, _)| field == id)
                .map(|(_, value)| value.trim().to_string())
        };
        let optional = |id: &str| value(id).filter(|v| !v.is_empty());
        AddForm {
            amount: value(Self::AMOUNT).unwrap_or_default(),
            description: value(Self::DESCRIPTION).unwrap_or_default(),
            date: optional(Self::DATE),
            category: optional(Self::CATEGORY),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_ids_read_back_and_others_are_expired() {
        assert_eq!(FormId::Add.to_string().parse(), Ok(FormId::Add));
        assert_eq!("form:nope".parse::<FormId>(), Err(Expired));
        assert_eq!("".parse::<FormId>(), Err(Expired));
    }

    #[test]
    fn the_add_form_fits_discords_limits() {
        let form = AddForm::form();
        assert!(form.title.chars().count() <= limits::TITLE);
        assert!(form.fields.len() <= limits::FIELDS);
        for field in &form.fields {
            assert!(
                field.label.chars().count() <= limits::LABEL,
                "{}",
                field.label
            );
            assert!(field.placeholder.chars().count() <= limits::PLACEHOLDER);
            assert!(field.max_length <= limits::VALUE);
        }
    }

    #[test]
    fn fields_are_read_by_id_and_empty_optional_ones_are_none() {
        let sent = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        let form = AddForm::from_fields(&sent(&[
            ("description", " lunch "),
            ("amount", "12.50"),
            ("date", "  "),
            ("category", "Dining"),
            ("amount", "99"),
            ("other", "x"),
        ]));
        assert_eq!(
            form,
            AddForm {
                amount: "12.50".into(),
                description: "lunch".into(),
                date: None,
                category: Some("Dining".into()),
            }
        );
    }
}
