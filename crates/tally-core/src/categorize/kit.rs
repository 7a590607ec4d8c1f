//! A ledger's filing kit: what [`decide`] needs to know about one ledger, kept together so it
//! can be cached and handed to a blocking thread as one value.

use rust_decimal::Decimal;

use super::{Decision, LedgerModel, Rule, decide};
use crate::category::Category;
use crate::model::EntryKind;

/// The category named by a `#tag`, among the ledger's categories and aliases.
fn tagged(
    tags: &[String],
    explicit: Option<&Category>,
    categories: &[Category],
    aliases: &[(String, Category)],
) -> Option<Category> {
    let known = |name: &str| categories.iter().find(|c| c.same_as(name)).cloned();
    explicit
        .and_then(|c| known(c.as_str()))
        .or_else(|| tags.iter().find_map(|t| known(t)))
        .or_else(|| {
            tags.iter().find_map(|t| {
                aliases
                    .iter()
                    .find(|(alias, _)| alias.eq_ignore_ascii_case(t))
                    .map(|(_, c)| c.clone())
            })
        })
}

/// Everything a ledger's categorization needs: its categories and aliases, its rules and what
/// it learned. The engine caches one per ledger (in its snapshot), so filing a message reads
/// nothing from the database.
#[derive(Debug)]
pub struct FilingKit {
    /// The ledger's categories (the default taxonomy until it changes them): a `#tag` must name
    /// one of them (or an alias), and built-in or learned guesses naming any other are skipped.
    pub categories: Vec<Category>,
    /// `(alias, category)`: a `#alias` tag files under the category. Aliases are stored
    /// lower-case without `#` and compared case-insensitively.
    pub aliases: Vec<(String, Category)>,
    /// The ledger's rules, newest first, so a newer rule wins a tie in word count.
    pub rules: Vec<Rule>,
    /// What the ledger learned, rebuilt by replaying its corrections oldest first.
    pub model: LedgerModel,
}

impl FilingKit {
    /// Decides the category of one entry (tag → rules → learned → built-in → Other).
    pub fn decide(
        &self,
        description: &str,
        amount: Decimal,
        kind: EntryKind,
        tags: &[String],
        explicit: Option<&Category>,
    ) -> Decision {
        let tag = tagged(tags, explicit, &self.categories, &self.aliases);
        decide(
            description,
            amount,
            kind,
            tag.as_ref(),
            &self.rules,
            &self.model,
            &self.categories,
        )
    }
}
