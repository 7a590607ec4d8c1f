//! Options whose values are a short, fixed list (a scope, a date format, a cadence).
//!
//! Each such type lists its values once, here through [`Choice`]: the Discord adapter turns the
//! list into the option's choices (so Discord's client offers exactly these and nothing else
//! can arrive), and the console reads the same names with [`parse`]. A value added to the type
//! is offered everywhere at once.

/// A type whose values a user picks from a list.
pub trait Choice: Copy + Sized + 'static {
    /// Every value, in the order the list shows them.
    const ALL: &'static [Self];

    /// The name a user picks or types; unique among [`Self::ALL`], at most 100 characters
    /// (Discord's limit for a choice's name).
    fn name(self) -> &'static str;

    /// Other words the console accepts for this value (`me` for `personal`).
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
}

/// The value named `text` (its name or an alias, any case, spaces around ignored).
pub fn parse<T: Choice>(text: &str) -> Option<T> {
    let wanted = text.trim().to_lowercase();
    T::ALL.iter().copied().find(|value| {
        value.name().eq_ignore_ascii_case(&wanted)
            || value
                .aliases()
                .iter()
                .any(|alias| alias.eq_ignore_ascii_case(&wanted))
    })
}

/// The names of every value, as a refusal lists them: `personal or household`.
pub fn names<T: Choice>() -> String {
    let names: Vec<&str> = T::ALL.iter().map(|value| value.name()).collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Size {
        Small,
        Large,
    }

    impl Choice for Size {
        const ALL: &'static [Self] = &[Size::Small, Size::Large];
        fn name(self) -> &'static str {
            match self {
                Size::Small => "small",
                Size::Large => "large",
            }
        }
        fn aliases(self) -> &'static [&'static str] {
            match self {
                Size::Small => &["s"],
                Size::Large => &[],
            }
        }
    }

    #[test]
    fn names_and_aliases_read_in_any_case() {
        assert_eq!(parse::<Size>(" Large "), Some(Size::Large));
        assert_eq!(parse::<Size>("S"), Some(Size::Small));
        assert_eq!(parse::<Size>("medium"), None);
        assert_eq!(names::<Size>(), "small or large");
    }
}
