//! Categories: the default taxonomy every ledger starts with, and the validated name type.

use std::fmt;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// The taxonomy every new ledger starts with (see PRODUCT.md); ledgers may rename and extend it.
pub const DEFAULT_TAXONOMY: &[&str] = &[
    "Groceries",
    "Dining",
    "Transport",
    "Housing",
    "Utilities",
    "Health",
    "Entertainment",
    "Shopping",
    "Travel",
    "Subscriptions",
    "Education",
    "Gifts & Donations",
    "Personal care",
    "Fees",
    "Income",
    "Transfers",
    "Other",
];

/// Common words people use as `#tags` for a default category.
const ALIASES: &[(&str, &str)] = &[
    ("food", "Groceries"),
    ("grocery", "Groceries"),
    ("supermarket", "Groceries"),
    ("restaurant", "Dining"),
    ("restaurants", "Dining"),
    ("eatingout", "Dining"),
    ("takeout", "Dining"),
    ("coffee", "Dining"),
    ("transportation", "Transport"),
    ("car", "Transport"),
    ("fuel", "Transport"),
    ("gas", "Transport"),
    ("taxi", "Transport"),
    ("rent", "Housing"),
    ("home", "Housing"),
    ("mortgage", "Housing"),
    ("bills", "Utilities"),
    ("utility", "Utilities"),
    ("medical", "Health"),
    ("pharmacy", "Health"),
    ("fun", "Entertainment"),
    ("games", "Entertainment"),
    ("clothes", "Shopping"),
    ("trip", "Travel"),
    ("holiday", "Travel"),
    ("vacation", "Travel"),
    ("subscription", "Subscriptions"),
    ("subs", "Subscriptions"),
    ("school", "Education"),
    ("books", "Education"),
    ("gift", "Gifts & Donations"),
    ("gifts", "Gifts & Donations"),
    ("donation", "Gifts & Donations"),
    ("charity", "Gifts & Donations"),
    ("personalcare", "Personal care"),
    ("beauty", "Personal care"),
    ("haircut", "Personal care"),
    ("fee", "Fees"),
    ("bank", "Fees"),
    ("salary", "Income"),
    ("transfer", "Transfers"),
    ("misc", "Other"),
];

/// Why a category name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CategoryError {
    /// Nothing left once control characters and whitespace are dropped.
    #[error("a category needs a name")]
    Empty,
    /// More than [`Category::MAX_CHARS`] characters (not bytes) once cleaned.
    #[error("category names are at most {} characters", Category::MAX_CHARS)]
    TooLong,
}

/// A category name: trimmed, non-empty, short, without control characters.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Category(String);

impl Category {
    /// The longest name accepted, in characters (not bytes), counted once cleaned.
    pub const MAX_CHARS: usize = 40;

    /// Cleans the name (control characters dropped, ends trimmed, each run of whitespace made
    /// one space) and checks it; the case is kept as written.
    pub fn new(name: &str) -> Result<Self, CategoryError> {
        let cleaned: String = name
            .chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if cleaned.is_empty() {
            return Err(CategoryError::Empty);
        }
        if cleaned.chars().count() > Self::MAX_CHARS {
            return Err(CategoryError::TooLong);
        }
        Ok(Category(cleaned))
    }

    /// `Other`: where an entry goes when nothing matched, and where a removed category's entries
    /// move (so it cannot be removed itself).
    pub fn other() -> Self {
        Category("Other".into())
    }

    /// `Income`: the default taxonomy's category for money in.
    pub fn income() -> Self {
        Category("Income".into())
    }

    /// The cleaned name, as stored and shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The default category a name or common alias refers to (`food` → Groceries), if any.
    pub fn default_named(name: &str) -> Option<Self> {
        let key = comparable(name);
        DEFAULT_KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| c)
            .or_else(|| ALIASES.iter().find(|(a, _)| *a == key).map(|(_, c)| c))
            .map(|c| Category((*c).to_string()))
    }

    /// Whether two names denote the same category (case, spaces, `&`/`and` ignored).
    pub fn same_as(&self, other: &str) -> bool {
        comparable(&self.0) == comparable(other)
    }
}

/// Lower-cased letters and digits only, with `and` for `&`: `Gifts & Donations` = `gifts-and-donations`.
/// One pass and one allocation: `tally categorize` reads a category on every line it learns.
fn comparable(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars() {
        if c == '&' {
            key.push_str("and");
        } else {
            key.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
        }
    }
    key
}

/// The default taxonomy's names in [`comparable`] form, made once.
static DEFAULT_KEYS: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    DEFAULT_TAXONOMY
        .iter()
        .map(|c| (comparable(c), *c))
        .collect()
});

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Category({:?})", self.0)
    }
}

impl TryFrom<String> for Category {
    type Error = CategoryError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Category::new(&s)
    }
}

impl From<Category> for String {
    fn from(c: Category) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_and_bounded() {
        assert_eq!(Category::new("  Pet   food ").unwrap().as_str(), "Pet food");
        assert_eq!(Category::new(" \n"), Err(CategoryError::Empty));
        assert_eq!(Category::new(&"x".repeat(41)), Err(CategoryError::TooLong));
    }

    #[test]
    fn default_names_and_aliases_resolve() {
        assert_eq!(
            Category::default_named("food").unwrap().as_str(),
            "Groceries"
        );
        assert_eq!(
            Category::default_named("gifts-and-donations")
                .unwrap()
                .as_str(),
            "Gifts & Donations"
        );
        assert_eq!(
            Category::default_named("personal care").unwrap().as_str(),
            "Personal care"
        );
        assert!(Category::default_named("pizza").is_none());
    }
}
