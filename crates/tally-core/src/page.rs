//! A page of a paged list, as people count pages.
//!
//! Discord's page option, the console and the paging buttons all say "page 1" for the first
//! page, while the store skips `index × size` rows. Keeping the two apart by type is what stops
//! the off-by-one that once opened `/list` on its second page: a [`Page`] is 1-based by
//! construction (0 cannot be made), bounded by [`MAX_PAGE`], and only [`Page::index`] turns it
//! into the 0-based offset the store wants.

use std::fmt;
use std::num::NonZeroU32;
use std::str::FromStr;

use crate::bounds::{MAX_PAGE, OutOfRange};

/// A page number from 1 to [`MAX_PAGE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Page(NonZeroU32);

impl Page {
    /// The first page, the one a list opens on.
    pub const FIRST: Page = Page(NonZeroU32::MIN);

    /// The page numbered `number` (1 is the first), or the friendly refusal.
    pub fn new(number: u32) -> Result<Page, OutOfRange> {
        NonZeroU32::new(number)
            .filter(|n| n.get() <= MAX_PAGE)
            .map(Page)
            .ok_or_else(|| OutOfRange(format!("Pages go from 1 to {MAX_PAGE}.")))
    }

    /// The page whose 0-based position is `index` (how a paging button writes it).
    pub fn from_index(index: u32) -> Result<Page, OutOfRange> {
        Page::new(index.saturating_add(1))
    }

    /// The number people see: 1 for the first page.
    pub fn number(self) -> u32 {
        self.0.get()
    }

    /// The 0-based position, for the store's offset (`index × page size`).
    pub fn index(self) -> u32 {
        self.0.get() - 1
    }

    /// Whether this is the first page.
    pub fn is_first(self) -> bool {
        self == Page::FIRST
    }

    /// The page after this one, unless this is the last there can be.
    pub fn next(self) -> Option<Page> {
        Page::new(self.number().saturating_add(1)).ok()
    }

    /// The page before this one, unless this is the first.
    pub fn previous(self) -> Option<Page> {
        Page::new(self.number() - 1).ok()
    }
}

impl Default for Page {
    fn default() -> Self {
        Page::FIRST
    }
}

impl fmt::Display for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

impl FromStr for Page {
    type Err = OutOfRange;

    /// Reads a page number as typed (`2`, ` 2 `); anything else gets the same refusal as an
    /// out-of-range number.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.trim()
            .parse::<u32>()
            .map_err(|_| OutOfRange(format!("Pages go from 1 to {MAX_PAGE}.")))
            .and_then(Page::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_count_from_one_and_index_from_zero() {
        assert_eq!(Page::FIRST.number(), 1);
        assert_eq!(Page::FIRST.index(), 0);
        assert_eq!(Page::default(), Page::FIRST);
        assert!(Page::new(0).is_err());
        assert!(Page::new(MAX_PAGE + 1).is_err());
        assert_eq!(Page::new(MAX_PAGE).map(Page::index), Ok(MAX_PAGE - 1));
        assert_eq!(Page::from_index(0), Ok(Page::FIRST));
        assert!(Page::from_index(u32::MAX).is_err());
    }

    #[test]
    fn neighbours_stay_in_range() {
        assert_eq!(Page::FIRST.previous(), None);
        assert_eq!(Page::FIRST.next().map(Page::number), Some(2));
        assert_eq!(Page::new(MAX_PAGE).ok().and_then(Page::next), None);
    }

    #[test]
    fn typed_pages_read_and_print_alike() {
        assert_eq!("3".parse::<Page>().map(|p| p.to_string()), Ok("3".into()));
        assert!("0".parse::<Page>().is_err());
        assert!("-1".parse::<Page>().is_err());
        assert!("two".parse::<Page>().is_err());
    }
}
