//! Digits of other scripts: `চা ২০`, `قهوة ١٥`, `ランチ １２００円` mean tea 20, coffee 15 and
//! lunch 1200 to the people who type them, and to Tally.
//!
//! The grammar reads ASCII digits only. A message written with other decimal digits is read in
//! a copy where each of them is its ASCII digit (and the Arabic decimal and thousands marks are
//! `.` and `,`); every byte offset the reading reports is then mapped back to the message as
//! written, so a hint still points at what the user typed. Descriptions come from the copy: a
//! digit kept in one (`২ কেজি আলু` → `2 কেজি আলু`) is shown in ASCII.

use std::ops::Range;

use super::{ParseError, ParsedEntry};

/// Digit zero of each script whose ten decimal digits follow it in Unicode (all of Unicode's
/// decimal digits in common use: Arabic, Persian and Urdu, the Indian scripts, Sinhala, the
/// South-East Asian scripts, Tibetan, Mongolian, N'Ko, and the fullwidth digits of CJK input).
const ZEROS: [u32; 20] = [
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
];

/// The ASCII digit a decimal digit of another script stands for.
fn ascii_digit(c: char) -> Option<char> {
    let code = u32::from(c);
    // Accented letters, emoji and most symbols lie outside every script's digits.
    if !(ZEROS[0]..ZEROS[ZEROS.len() - 1] + 10).contains(&code) {
        return None;
    }
    let zero = ZEROS
        .iter()
        .copied()
        .find(|z| (*z..*z + 10).contains(&code))?;
    char::from_digit(code - zero, 10)
}

/// What `c` becomes in the ASCII copy: its digit, or for the separators written only inside
/// numbers (Arabic `٫` and `٬`; fullwidth `．` and `，` between two digits) `.` or `,`.
fn ascii_of(c: char, between_digits: bool) -> Option<char> {
    match c {
        '\u{066B}' => Some('.'),
        '\u{066C}' => Some(','),
        '\u{FF0E}' if between_digits => Some('.'),
        '\u{FF0C}' if between_digits => Some(','),
        _ => ascii_digit(c),
    }
}

fn is_any_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit() || ascii_digit(c).is_some())
}

/// A message with its other-script digits made ASCII, and the way back to its offsets.
pub(crate) struct AsciiDigits {
    pub text: String,
    /// For each character replaced, in order: its end in `text` and how many bytes shorter
    /// `text` is than the message up to there.
    shifts: Vec<(usize, usize)>,
}

impl AsciiDigits {
    /// `None` (the common case, decided without allocating) when the message has no digits of
    /// another script.
    pub(crate) fn of(message: &str) -> Option<AsciiDigits> {
        if message.is_ascii() || !message.chars().any(|c| ascii_of(c, false).is_some()) {
            return None;
        }
        let mut text = String::with_capacity(message.len());
        let mut shifts = Vec::new();
        let mut chars = message.chars().peekable();
        let mut before = None;
        while let Some(c) = chars.next() {
            let between = is_any_digit(before) && is_any_digit(chars.peek().copied());
            match ascii_of(c, between) {
                Some(ascii) => {
                    text.push(ascii);
                    let shift = shifts.last().map_or(0, |(_, s)| *s) + c.len_utf8() - 1;
                    shifts.push((text.len(), shift));
                }
                None => text.push(c),
            }
            before = Some(c);
        }
        Some(AsciiDigits { text, shifts })
    }

    /// The offset in the message of offset `at` in the copy (a character boundary of it).
    fn original(&self, at: usize) -> usize {
        let done = self.shifts.partition_point(|(end, _)| *end <= at);
        let shift = done.checked_sub(1).map_or(0, |k| self.shifts[k].1);
        at + shift
    }

    fn span(&self, span: Range<usize>) -> Range<usize> {
        self.original(span.start)..self.original(span.end)
    }

    /// A reading of the copy, with its spans moved back onto the message.
    pub(crate) fn restore(
        &self,
        read: Result<Vec<ParsedEntry>, ParseError>,
    ) -> Result<Vec<ParsedEntry>, ParseError> {
        match read {
            Ok(mut entries) => {
                for e in &mut entries {
                    e.span = self.span(e.span.clone());
                }
                Ok(entries)
            }
            Err(mut e) => {
                e.span = self.span(e.span.clone());
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_digitless_messages_are_read_as_they_are() {
        assert!(AsciiDigits::of("coffee 4.50").is_none());
        assert!(AsciiDigits::of("café crème 4,50 €").is_none());
        assert!(AsciiDigits::of("চা খেলাম").is_none());
    }

    #[test]
    fn every_script_maps_its_ten_digits() {
        for zero in ZEROS {
            for d in 0..10 {
                let c = char::from_u32(zero + d).unwrap();
                assert_eq!(
                    ascii_digit(c),
                    char::from_digit(d, 10),
                    "U+{:04X}",
                    zero + d
                );
            }
        }
        assert_eq!(ascii_digit('a'), None);
        assert_eq!(ascii_digit('\u{0BE5}'), None);
    }

    #[test]
    fn offsets_map_back_to_the_message() {
        let message = "চা ২০ and ১.৫";
        let copy = AsciiDigits::of(message).unwrap();
        assert_eq!(copy.text, "চা 20 and 1.5");
        // `20` in the copy is `২০` in the message.
        let at = copy.text.find("20").unwrap();
        assert_eq!(
            copy.span(at..at + 2),
            message.find('২').unwrap()..message.find(" and").unwrap()
        );
        assert_eq!(copy.original(copy.text.len()), message.len());
        assert_eq!(copy.original(0), 0);
    }

    #[test]
    fn separators_become_ascii_only_inside_numbers() {
        assert_eq!(AsciiDigits::of("قهوة ١٢٫٥").unwrap().text, "قهوة 12.5");
        assert_eq!(
            AsciiDigits::of("ランチ１，２００円").unwrap().text,
            "ランチ1,200円"
        );
        assert_eq!(
            AsciiDigits::of("コーヒー３５，ランチ").unwrap().text,
            "コーヒー35，ランチ"
        );
    }
}
