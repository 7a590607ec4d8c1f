//! Splits: `split`, `split with @sam and @alex`, `split 60/40`, `for 3 people`.

use super::*;

/// Words that follow `split with sam,` without naming anyone else.
const NOT_A_NAME: &[&str] = &[
    "my", "our", "your", "ur", "his", "her", "their", "the", "i", "we",
];

impl<'a> Reader<'_, 'a> {
    /// `split`, `split with @sam and @alex`, `split 60/40 with @sam`, `split 3 ways`.
    pub(super) fn split(&mut self, i: usize) -> usize {
        let mut spec = SplitSpec::default();
        let mut j = i + 1;
        let mut naming = false;
        let mut expect_name = false;
        while let Some(lex) = self.lex(j) {
            match lex {
                Lex::Word(_, WordKind::Evenly) => j += 1,
                Lex::Word(_, WordKind::With | WordKind::Between) => {
                    naming = true;
                    expect_name = true;
                    j += 1;
                }
                Lex::Word(_, WordKind::In) if self.int_at(j + 1).is_some() => {
                    spec.ways = self.int_at(j + 1);
                    j += 2;
                    if self.word(j) == Some(WordKind::Ways) {
                        j += 1;
                    }
                }
                Lex::Word(_, WordKind::Number(n)) if self.word(j + 1) == Some(WordKind::Ways) => {
                    spec.ways = Some(n);
                    j += 2;
                }
                Lex::Num { .. }
                    if matches!(self.word(j + 1), Some(WordKind::Ways | WordKind::Measure))
                        && self.int_at(j).is_some() =>
                {
                    spec.ways = self.int_at(j);
                    j += 2;
                }
                Lex::Slash(parts, n) if spec.shares.is_none() => {
                    spec.shares = Some(parts[..usize::from(n)].to_vec());
                    j += 1;
                }
                Lex::Range(parts) if spec.shares.is_none() => {
                    spec.shares = Some(parts.to_vec());
                    j += 1;
                }
                Lex::Mention { .. } => {
                    spec.names.push(j);
                    naming = true;
                    expect_name = false;
                    j += 1;
                }
                Lex::Word(_, WordKind::And) | Lex::Sym(',' | '&') if naming => {
                    // (`split with tio, my half 120`: no one is called `my`.)
                    if !matches!(
                        self.lex(j + 1),
                        Some(Lex::Mention { .. } | Lex::Word(_, WordKind::Plain))
                    ) || self.word_in(j + 1, NOT_A_NAME)
                    {
                        break;
                    }
                    expect_name = true;
                    j += 1;
                }
                Lex::Word(_, WordKind::Plain) if expect_name && spec.names.len() < 10 => {
                    spec.names.push(j);
                    expect_name = false;
                    j += 1;
                }
                _ => break,
            }
        }
        self.push(i, j - 1, What::Split(spec));
        self.use_range(i, j - 1);
        j
    }

    /// `for @sam`: paid on someone's behalf.
    pub(super) fn for_people(&mut self, i: usize) -> usize {
        let mut spec = SplitSpec {
            on_behalf: true,
            ..SplitSpec::default()
        };
        let mut j = i + 1;
        while let Some(lex) = self.lex(j) {
            match lex {
                Lex::Mention { .. } => spec.names.push(j),
                Lex::Word(_, WordKind::And) | Lex::Sym(',' | '&')
                    if matches!(self.lex(j + 1), Some(Lex::Mention { .. })) => {}
                _ => break,
            }
            j += 1;
        }
        if spec.names.is_empty() {
            return i + 1;
        }
        self.push(i, j - 1, What::Split(spec));
        self.use_range(i, j - 1);
        j
    }
}
