//! The examples `/help` shows; the test-suite runs every one of them (`tests/parser_examples.rs`)
//! with the same checker as `tests/fixtures/messages.tsv`, so help can never drift from reality.

/// One help example: what to type, what it means, and what the parser must produce.
pub struct Example {
    /// The message as the user would type it; `/help` quotes it.
    pub input: &'static str,
    /// What it shows, in a few words for `/help` ("an expense of 4.50 today").
    pub meaning: &'static str,
    /// The expectation in the fixture notation (see `tests/fixtures/messages.tsv`), read with
    /// today = 2026-11-24 (a Tuesday), USD ledger, month-first dates.
    pub expect: &'static str,
}

/// Every example `/help` shows, in the order shown.
pub const EXAMPLES: &[Example] = &[
    Example {
        input: "coffee 4.50",
        meaning: "an expense of 4.50 today",
        expect: "amount=4.50 desc=coffee",
    },
    Example {
        input: "$12.30 lunch at chipotle",
        meaning: "amount before the words, with a currency",
        expect: "amount=12.30 cur=USD desc=\"lunch at chipotle\"",
    },
    Example {
        input: "taxi 12eur",
        meaning: "ISO codes and symbols before or after: 12 EUR, €12, 12€",
        expect: "amount=12 cur=EUR desc=taxi",
    },
    Example {
        input: "1,234.56 rent",
        meaning: "thousands separators; 1.234,56 and 4,50 work too",
        expect: "amount=1234.56 desc=rent",
    },
    Example {
        input: "groceries 82.10 yesterday #food",
        meaning: "a date and a tag that sets the category",
        expect: "amount=82.10 date=2026-11-23 desc=groceries tags=food cat=Groceries",
    },
    Example {
        input: "pizza 18 last fri",
        meaning: "dates: today, yesterday, mon, last fri, 3 days ago, 2026-03-14, 14 mar, 3/14",
        expect: "amount=18 date=2026-11-20 desc=pizza",
    },
    Example {
        input: "+2500 salary",
        meaning: "income: a leading + or words like salary, refund, sold, got paid",
        expect: "amount=2500 kind=income desc=salary",
    },
    Example {
        input: "uber 23.10; tip 4",
        meaning: "several entries: separate with ; or new lines",
        expect: "amount=23.10 desc=uber || amount=4 desc=tip",
    },
    Example {
        input: "2x beer 5.50",
        meaning: "quantity × unit price (11.00)",
        expect: "amount=11 desc=beer",
    },
    Example {
        input: "chicken 1kg 12.40",
        meaning: "weights and counts are not amounts",
        expect: "amount=12.40 desc=\"chicken 1kg\"",
    },
    Example {
        input: "dinner 60 split with @sam",
        meaning: "a shared expense (split 60/40, split 3 ways, for @sam)",
        expect: "amount=60 desc=dinner split=with:sam",
    },
    Example {
        input: "netflix 15.49 monthly",
        meaning: "a recurring charge (monthly, /month, every week, yearly, every monday)",
        expect: "amount=15.49 desc=netflix rec=monthly",
    },
    Example {
        input: "gym 30 every 2 weeks",
        meaning: "any interval: every other week, biweekly, every 3 months, quarterly",
        expect: "amount=30 desc=gym rec=\"every 2 weeks\"",
    },
    Example {
        input: "rent 1200 on the 1st until june",
        meaning: "monthly on a set day (the 31st is the last day in shorter months), with an end: until june, for 6 months",
        expect: "amount=1200 desc=rent rec=\"monthly on the 1st\" until=2027-06-30",
    },
    Example {
        input: "books 30 -- birthday gift for mum",
        meaning: "a note after -- or in quotes",
        expect: "amount=30 desc=books note=\"birthday gift for mum\"",
    },
];
