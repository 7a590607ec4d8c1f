//! The built-in model that ships with the binary: a general merchant and keyword dictionary
//! (well-known chains and everyday words across South Africa, the UK, the US and the EU).
//!
//! It is written from general knowledge of what a finance bot meets, not from any evaluation set.
//! Patterns are lower-case words of a normalized description; a pattern of several words must
//! appear as consecutive words; a trailing `*` matches any word starting with the stem.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Which kind of entry a pattern applies to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Applies {
    Any,
    Expense,
    Income,
    /// Money moved by transfer, in or out: not on a line that says a card bought something
    /// (`Contactless Payment PORTY LIGHT`, `CARD PAYMENT TO CHAPTER ARTS CENTRE`), where
    /// `payment` and `to` say nothing about a transfer.
    Moved,
}

/// Words and phrases by which a statement says a card paid a merchant.
const CARD_MARKERS: &[&[&str]] = &[
    &["contactless"],
    &["pos"],
    &["card", "payment"],
    &["card", "purchase"],
    &["card", "transaction"],
    &["visa", "purchase"],
    &["debit", "card"],
];

/// Whether the words say a card paid a merchant.
fn card_paid(words: &[&str]) -> bool {
    CARD_MARKERS
        .iter()
        .any(|marker| words.windows(marker.len()).any(|w| w == *marker))
}

mod british;
mod everyday;
mod table;

/// A group of patterns pointing at one default category with one strength.
struct Group {
    category: &'static str,
    /// How strongly a hit counts: 1 = a weak hint, 3 = a merchant name or telling word, 4 = a
    /// word that outranks merchants (income, transfers, subscriptions), 5 = a word that overrides
    /// everything (a bank fee charged on an Apple purchase is a fee).
    weight: u8,
    applies: Applies,
    patterns: &'static [&'static str],
}

/// One hit of the dictionary: the default category it points at, and how strongly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// A name from [`DEFAULT_TAXONOMY`](crate::category::DEFAULT_TAXONOMY): the caller checks
    /// that the ledger still has that category.
    pub category: &'static str,
    /// The strength of the pattern's group, from 1 (a weak hint such as `buy`) to 5 (a fee word
    /// that overrides the merchant); a hit scores ten times this, plus 3 per further word of a
    /// phrase.
    pub weight: u8,
    /// The pattern as written in the dictionary (`cash withdrawal`, a stem ending in `*`): the
    /// reason shown for a built-in decision.
    pub pattern: &'static str,
}

/// A multi-word pattern: its words, its group, and its text (for the reason).
type Phrase = (Vec<&'static str>, &'static Group, &'static str);

/// Patterns indexed by their first word, and the prefix patterns (few) on the side.
struct Index {
    by_first: HashMap<&'static str, Vec<Phrase>>,
    prefixes: Vec<(&'static str, &'static Group, &'static str)>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut by_first: HashMap<_, Vec<_>> = HashMap::new();
    let mut prefixes = Vec::new();
    for group in table::GROUPS
        .iter()
        .chain(british::GROUPS)
        .chain(everyday::GROUPS)
    {
        for &pattern in group.patterns {
            if let Some(stem) = pattern.strip_suffix('*') {
                prefixes.push((stem, group, pattern));
                continue;
            }
            let words: Vec<&'static str> = pattern.split(' ').collect();
            by_first
                .entry(words[0])
                .or_default()
                .push((words, group, pattern));
        }
    }
    Index { by_first, prefixes }
});

/// The scored default categories the dictionary sees in these words (the raw tokens of a
/// description: matching runs on them so phrases like `cash withdrawal` survive normalization),
/// best first. Ties keep taxonomy order so results are deterministic.
pub fn classify(words: &[&str], income: bool) -> Vec<(&'static str, u32, Hit)> {
    let index = &*INDEX;
    let mut scores: Vec<(&'static str, u32, Hit)> = Vec::new();
    // Asked only when a transfer's wording hit: most lines never need it.
    let card = std::cell::OnceCell::new();
    let mut add = |group: &'static Group, pattern: &'static str, words_matched: usize| {
        let ok = match group.applies {
            Applies::Any => true,
            Applies::Expense => !income,
            Applies::Income => income,
            Applies::Moved => !*card.get_or_init(|| card_paid(words)),
        };
        if !ok {
            return;
        }
        // Longer phrases are more specific: they count a little more.
        let score = u32::from(group.weight) * 10 + (words_matched as u32 - 1) * 3;
        let hit = Hit {
            category: group.category,
            weight: group.weight,
            pattern,
        };
        // A category scores its best hit plus a little for each further hit, so a pile of weak
        // words never outweighs one telling word.
        match scores.iter_mut().find(|(c, _, _)| *c == group.category) {
            Some(entry) => {
                let best = entry.1.max(score);
                if score > entry.2.weight as u32 * 10 {
                    entry.2 = hit;
                }
                entry.1 = best + 2;
            }
            None => scores.push((group.category, score, hit)),
        }
    };
    for (i, word) in words.iter().enumerate() {
        // People write what they bought in the plural (`2 pizzas`, `3 coffees`, `bus
        // tickets`); the dictionary holds the singular.
        let candidates = index
            .by_first
            .get(word)
            .or_else(|| singulars(word).find_map(|s| index.by_first.get(s)));
        if let Some(candidates) = candidates {
            // The first word is the key just looked up.
            let matches = |phrase: &&Phrase| {
                let end = i + phrase.0.len();
                end <= words.len() && phrase_matches(&words[i + 1..end], &phrase.0[1..])
            };
            // The longest phrase that starts here says what the words are: `orange juice`
            // is a drink, not the phone network `orange` stronger patterns name.
            let longest = candidates
                .iter()
                .filter(matches)
                .map(|(pattern_words, _, _)| pattern_words.len())
                .max();
            for (pattern_words, group, pattern) in candidates.iter().filter(matches) {
                if Some(pattern_words.len()) == longest {
                    add(group, pattern, pattern_words.len());
                }
            }
        }
        for (stem, group, pattern) in &index.prefixes {
            if word.len() > stem.len() && word.starts_with(stem) {
                add(group, pattern, 1);
            }
        }
    }
    scores.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| rank(a.0).cmp(&rank(b.0))));
    scores
}

/// Whether the words after a phrase's first word match the rest of it. Statements cut the
/// merchant field at a fixed width (`DAVID LLOYD LEISU`, `GLASGOW AIRP`), so the phrase's last
/// word may be cut short, to no fewer than three letters; a phrase's first word, and a pattern
/// of one word, must be whole (a cut `SQUARE` is not `squarespace`).
fn phrase_matches(words: &[&str], rest: &[&str]) -> bool {
    let Some((last, before)) = rest.split_last() else {
        return true;
    };
    let Some((cut, whole)) = words.split_last() else {
        return false;
    };
    whole == before && (cut == last || (cut.len() >= 3 && last.starts_with(cut)))
}

/// The singular forms a plural word may have, most likely first: `pizzas` → `pizza`,
/// `sandwiches` → `sandwiche`, `sandwich`. Short words and `-ss`, `-us`, `-is` endings have
/// none (`gas`, `bus`, `chips` stays `chip` only).
fn singulars(word: &str) -> impl Iterator<Item = &str> {
    let plural = word.len() >= 4
        && word.ends_with('s')
        && !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is"));
    let s = plural.then(|| &word[..word.len() - 1]);
    let es = s.and_then(|w| w.strip_suffix('e'));
    s.into_iter().chain(es)
}

/// Position of a default category in the taxonomy (for stable tie-breaking).
fn rank(category: &str) -> usize {
    crate::category::DEFAULT_TAXONOMY
        .iter()
        .position(|c| *c == category)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(text: &str, income: bool) -> Option<&'static str> {
        let words: Vec<String> = crate::categorize::normalize::tokens(text).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        classify(&words, income).first().map(|(c, _, _)| *c)
    }

    #[test]
    fn knows_common_merchants_and_words() {
        assert_eq!(top("TESCO STORES 3041", false), Some("Groceries"));
        assert_eq!(top("Pick n Pay Rosebank", false), Some("Groceries"));
        assert_eq!(top("SHELL OIL 5744", false), Some("Transport"));
        assert_eq!(top("netflix.com", false), Some("Subscriptions"));
        assert_eq!(top("Walgreens #1234", false), Some("Health"));
        assert_eq!(top("Sainsburys Local", false), Some("Groceries"));
        assert_eq!(top("lunch at chipotle", false), Some("Dining"));
    }

    #[test]
    fn knows_british_chains_and_operators() {
        assert_eq!(top("CARD PAYMENT TO JD WETHERSPOON", false), Some("Dining"));
        assert_eq!(top("DD TV LICENCE MBP", false), Some("Utilities"));
        assert_eq!(top("STAGECOACH SERVICES", false), Some("Transport"));
        assert_eq!(top("JUSTGIVING", false), Some("Gifts & Donations"));
        assert_eq!(top("HOLLAND & BARRETT", false), Some("Health"));
        assert_eq!(top("DUNELM 1123", false), Some("Housing"));
    }

    #[test]
    fn the_british_lists_are_read_and_the_longer_phrase_wins() {
        assert_eq!(top("VIS LLOYDSPHARMACY 0123", false), Some("Health"));
        assert_eq!(top("DD HOMESERVE PLC", false), Some("Housing"));
        assert_eq!(top("CARD PAYMENT TO FLIXBUS", false), Some("Transport"));
        // `tesco` alone is Groceries; the filling station and the phone network are not.
        assert_eq!(top("TESCO PFS 4410", false), Some("Transport"));
        assert_eq!(top("DD TESCO MOBILE", false), Some("Utilities"));
    }

    #[test]
    fn a_phrase_cut_at_the_field_width_still_matches() {
        assert_eq!(
            top("DEB WHSMITH GLASGOW AIRP CD 4821", false),
            Some("Travel")
        );
        assert_eq!(top("DD YORKSHIRE BUILDING SOC", false), Some("Housing"));
        // Two letters say too little, and a one-word pattern must be whole.
        assert_eq!(top("GLASGOW AI", false), None);
        assert_eq!(top("SQUARE", false), None);
    }

    #[test]
    fn a_card_payment_is_not_a_transfer_by_its_wording() {
        assert_eq!(top("Contactless Payment STYLES BY SIAN", false), None);
        assert_eq!(top("CARD PAYMENT TO CHAPTER ARTS", false), None);
        assert_eq!(top("Payment to G PRICE XMAS", false), Some("Transfers"));
        assert_eq!(top("Standing order J SMITH", false), Some("Transfers"));
    }

    #[test]
    fn plurals_find_the_singular() {
        assert_eq!(top("3 coffees", false), Some("Dining"));
        assert_eq!(top("2 pizzas", false), Some("Dining"));
        assert_eq!(top("bus tickets", false), Some("Transport"));
        assert!(singulars("gas").next().is_none());
        assert!(singulars("bus").next().is_none());
        assert_eq!(
            singulars("sandwiches").collect::<Vec<_>>(),
            ["sandwiche", "sandwich"]
        );
    }

    #[test]
    fn everyday_words_name_what_was_bought() {
        assert_eq!(top("bananas", false), Some("Groceries"));
        assert_eq!(top("paracetamol and plasters", false), Some("Health"));
        assert_eq!(top("fixed the puncture", false), Some("Transport"));
        // A merchant's name outweighs them: bananas bought at a filling station.
        assert_eq!(top("bananas shell", false), Some("Transport"));
    }

    #[test]
    fn the_longest_phrase_at_a_word_says_what_it_is() {
        // `orange` alone is the phone network, `orange juice` a drink; `apple` is the
        // subscription on a statement, and `apples` (listed) is not read as its singular.
        assert_eq!(top("ORANGE MOBILE", false), Some("Utilities"));
        assert_eq!(top("orange juice", false), Some("Groceries"));
        assert_eq!(top("APPLE.COM/BILL", false), Some("Subscriptions"));
        assert_eq!(top("apples", false), Some("Groceries"));
    }

    #[test]
    fn fees_override_the_merchant_and_income_words_need_income() {
        assert_eq!(top("Processing Fee: Apple.com/bill", false), Some("Fees"));
        assert_eq!(top("Interest received", true), Some("Income"));
        assert_eq!(top("Debit interest", false), Some("Fees"));
        assert_eq!(top("salary", false), None);
    }
}
