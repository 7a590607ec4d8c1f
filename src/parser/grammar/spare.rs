//! The reader's two working buffers (tokens and items), kept per thread between messages.
//!
//! Allocation was a fifth of the parser's time, and these two vectors were two of the five
//! allocations a typical message made. They are cleared and handed back after each message,
//! so a thread that parses keeps one of each, no larger than [`KEEP`] elements.

use std::cell::Cell;

use super::Item;
use crate::parser::lexer::Token;

/// Buffers that grew beyond this many elements (a 6,000-character message) are freed rather
/// than kept, so one long message does not pin its memory to the thread.
const KEEP: usize = 512;

thread_local! {
    static TOKENS: Cell<Vec<Token<'static>>> = const { Cell::new(Vec::new()) };
    static ITEMS: Cell<Vec<Item>> = const { Cell::new(Vec::new()) };
}

/// Empty buffers for one message: this thread's spare ones, or new ones.
pub(super) fn take<'a>() -> (Vec<Token<'a>>, Vec<Item>) {
    let toks: Vec<Token<'static>> = TOKENS.take();
    let mut items = ITEMS.take();
    if items.capacity() == 0 {
        items.reserve(8);
    }
    // A token of no message at all lives as long as any message's: the empty vector is
    // simply used at the shorter lifetime.
    (toks, items)
}

/// Hands the buffers back for the next message on this thread.
pub(super) fn give_back(mut toks: Vec<Token<'_>>, mut items: Vec<Item>) {
    if toks.capacity() <= KEEP {
        toks.clear();
        TOKENS.set(forget_lifetime(toks));
    }
    if items.capacity() <= KEEP {
        items.clear();
        ITEMS.set(items);
    }
}

/// The same (empty) allocation, typed for no message in particular. Collecting a vector's
/// own iterator into a vector of a type of the same size and alignment reuses its
/// allocation (the standard library's in-place collection), so nothing is copied or freed.
fn forget_lifetime(toks: Vec<Token<'_>>) -> Vec<Token<'static>> {
    debug_assert!(toks.is_empty());
    toks.into_iter()
        .map_while(|_| None::<Token<'static>>)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::lexer::tokenize_into;

    #[test]
    fn buffers_come_back_with_their_allocation() {
        let text = String::from("coffee 4.50 and a bagel 3");
        let (mut toks, items) = take();
        tokenize_into(&text, &mut toks, false);
        let room = toks.capacity();
        give_back(toks, items);
        drop(text);
        let (toks, items) = take();
        assert!(toks.is_empty() && items.is_empty());
        assert_eq!(toks.capacity(), room);
        give_back(toks, items);
    }

    #[test]
    fn a_huge_buffer_is_not_kept() {
        let text = "a ".repeat(4 * KEEP);
        let (mut toks, items) = take();
        tokenize_into(&text, &mut toks, false);
        give_back(toks, items);
        let (toks, _) = take();
        assert!(toks.capacity() <= KEEP);
    }
}
