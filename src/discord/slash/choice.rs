//! Discord choices from the engine's [`Choice`] types: the option lists exactly the type's
//! values, by the names the console reads, so the two adapters cannot offer different words.

use crate::choice::Choice;

/// An option whose value the user picks from `T`'s list (Discord sends the index).
#[derive(Clone, Copy, Debug)]
pub(super) struct Pick<T>(pub T);

impl<T: Choice> poise::ChoiceParameter for Pick<T> {
    fn list() -> Vec<poise::CommandParameterChoice> {
        T::ALL
            .iter()
            .map(|value| poise::CommandParameterChoice {
                name: value.name().to_string(),
                localizations: Default::default(),
                __non_exhaustive: (),
            })
            .collect()
    }

    fn from_index(index: usize) -> Option<Self> {
        T::ALL.get(index).copied().map(Pick)
    }

    fn from_name(name: &str) -> Option<Self> {
        crate::choice::parse(name).map(Pick)
    }

    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn localized_name(&self, _locale: &str) -> Option<&'static str> {
        None
    }
}

/// The picked value, if the option was given.
pub(super) fn picked<T>(option: Option<Pick<T>>) -> Option<T> {
    option.map(|Pick(value)| value)
}
