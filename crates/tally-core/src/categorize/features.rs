//! Hashed text features for the online classifier: word unigrams and bigrams plus character
//! 3–5-grams of each word, so a truncated or misspelt merchant (`woolwort`, `checkers hyper`)
//! still shares most features with the one a correction taught.

use std::hash::{BuildHasherDefault, Hasher};

/// Feature buckets: 2^18 keeps collisions rare for a ledger's vocabulary at a tiny memory cost.
pub const BUCKETS: u32 = 1 << 18;

/// How much a whole-word feature counts against one character n-gram.
pub const WORD_WEIGHT: f32 = 3.0;
const BIGRAM_WEIGHT: f32 = 2.0;
const CHAR_WEIGHT: f32 = 1.0;
const CONTEXT_WEIGHT: f32 = 1.0;

/// One feature: its bucket and weight (a feature may appear several times).
pub type Feature = (u32, f32);

/// FNV-1a over a tag byte and the bytes given: fast, stable across runs and platforms.
fn fnv(tag: u8, parts: &[&[u8]]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(tag);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            eat(b' ');
        }
        part.iter().copied().for_each(&mut eat);
    }
    // Fold the high bits in so the mask keeps entropy from the whole hash.
    ((h ^ (h >> 29)) as u32) & (BUCKETS - 1)
}

/// The features of a description's merchant words, the bank's context words around them
/// (`direct debit`, `card`), and its amount.
pub fn extract(
    words: &[String],
    context: &[String],
    amount_bucket: u8,
    hint: Option<&str>,
) -> Vec<Feature> {
    let mut out = Vec::with_capacity(words.len() * 16 + context.len() + 4);
    for w in context {
        out.push((fnv(b'r', &[w.as_bytes()]), CONTEXT_WEIGHT));
    }
    for (i, w) in words.iter().enumerate() {
        out.push((fnv(b'w', &[w.as_bytes()]), WORD_WEIGHT));
        if let Some(next) = words.get(i + 1) {
            out.push((fnv(b'b', &[w.as_bytes(), next.as_bytes()]), BIGRAM_WEIGHT));
        }
        char_grams(w, &mut out);
    }
    out.push((fnv(b'a', &[&[amount_bucket]]), CHAR_WEIGHT));
    if let Some(hint) = hint {
        out.push((fnv(b'h', &[hint.as_bytes()]), WORD_WEIGHT));
    }
    out
}

/// The buckets of the whole-word features (unigrams), which say a correction shared a real word
/// with this description rather than a few letters.
pub fn word_buckets(words: &[String]) -> Vec<u32> {
    words.iter().map(|w| fnv(b'w', &[w.as_bytes()])).collect()
}

/// Character 3–5-grams of ` word ` (padded so prefixes and suffixes are features of their own).
fn char_grams(word: &str, out: &mut Vec<Feature>) {
    if word.is_ascii() && word.len() <= 62 {
        // Fast path without allocation: bytes are characters.
        let mut buf = [b' '; 64];
        buf[1..=word.len()].copy_from_slice(word.as_bytes());
        let padded = &buf[..word.len() + 2];
        for n in 3..=5 {
            for gram in padded.windows(n) {
                out.push((fnv(b'c', &[gram]), CHAR_WEIGHT));
            }
        }
        return;
    }
    let padded = format!(" {word} ");
    let bounds: Vec<usize> = padded
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(padded.len()))
        .collect();
    let chars = bounds.len() - 1;
    for n in 3..=5 {
        if chars < n {
            break;
        }
        for start in 0..=chars - n {
            let gram = &padded.as_bytes()[bounds[start]..bounds[start + n]];
            out.push((fnv(b'c', &[gram]), CHAR_WEIGHT));
        }
    }
}

/// Amount magnitude on a rough log scale, with the sign: small bank fees, coffees, groceries and
/// rent sit in different buckets.
pub fn amount_bucket(amount_units: f64, money_in: bool) -> u8 {
    let magnitude = amount_units.abs();
    let step = match magnitude {
        m if m < 2.0 => 0,
        m if m < 10.0 => 1,
        m if m < 50.0 => 2,
        m if m < 200.0 => 3,
        m if m < 1_000.0 => 4,
        m if m < 5_000.0 => 5,
        _ => 6,
    };
    step + if money_in { 10 } else { 0 }
}

/// A hasher for keys that are already hashes (feature buckets): passes the value through.
#[derive(Default, Clone, Copy)]
pub struct BucketHasher(u64);

impl Hasher for BucketHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Spread the bucket over the high bits too: hashbrown uses the top 7 bits as a tag.
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Builds [`BucketHasher`]s for [`LedgerModel`](super::LedgerModel)'s table of what the learners
/// keep per feature bucket, whose keys are hashes already.
pub type BuildBucketHasher = BuildHasherDefault<BucketHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_deterministic_and_in_range() {
        let words = vec!["woolworths".to_string(), "food".to_string()];
        let a = extract(&words, &[], 3, Some("Groceries"));
        let b = extract(&words, &[], 3, Some("Groceries"));
        assert_eq!(a, b);
        assert!(a.iter().all(|(f, _)| *f < BUCKETS));
        assert!(a.len() > 20);
    }

    #[test]
    fn ascii_fast_path_matches_the_general_path() {
        let mut fast = Vec::new();
        char_grams("woolworths", &mut fast);
        // Same grams through the general path: a non-ASCII word of ASCII grams plus one more.
        let mut slow = Vec::new();
        char_grams("woolworthsé", &mut slow);
        assert!(fast.iter().take(8).all(|f| slow.contains(f)));
    }

    #[test]
    fn unicode_words_do_not_split_characters() {
        let words = vec!["café".to_string(), "€".to_string()];
        assert!(!extract(&words, &[], 0, None).is_empty());
    }
}
