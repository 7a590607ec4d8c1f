//! Bank-description cleaning: statements wrap a merchant name in card numbers, dates, references,
//! payment-processor prefixes and city names. Learning and matching work on what is left, so the
//! same shop on two statements (or typed by hand) lands on the same words.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Words banks put around the merchant name; they say nothing about what was bought.
const NOISE: &[&str] = &[
    "pos",
    "purchase",
    "purchases",
    "card",
    "cards",
    "no",
    "nr",
    "effec",
    "recurring",
    "online",
    "magtape",
    "debit",
    "credit",
    "order",
    "eft",
    "naedo",
    "debicheck",
    "internal",
    "pty",
    "ltd",
    "limited",
    "inc",
    "llc",
    "gmbh",
    "plc",
    "bv",
    "pmt",
    "ref",
    "reference",
    "visa",
    "mastercard",
    "maestro",
    "contactless",
    "chip",
    "pin",
    "tap",
    "txn",
    "trx",
    "transaction",
    "auth",
    "the",
    "www",
    "http",
    "https",
    "com",
    "co",
    "net",
    "org",
    "html",
    "help",
    "bill",
    "and",
    "of",
    "at",
    "on",
    "in",
    "for",
    "a",
    "an",
];

/// UK statement wording around the payee: how the money moved, not what for. Dropped from the
/// name the categorizer learns a merchant under (so `CARD PAYMENT TO TESCO` and `TESCO` are one
/// merchant) and kept as context features (a direct debit is rarely a coffee). Not part of
/// [`normalize_merchant`]: import fingerprints are built on that, and must not change.
const MOVEMENT: &[&str] = &[
    "payment", "payments", "pymt", "to", "from", "faster", "fps", "fpo", "fpi", "direct", "dd",
    "ddr", "standing", "so", "sto", "bgc", "bacs", "chaps", "deb", "via", "mobile", "ecom",
    "ecomm", "internet", "int", "cd", "clp", "bcc", "cpm",
];

/// Payment processors that prefix the real merchant (`YOCO *BAGEL SHOP`); dropped when a name follows.
const PROCESSORS: &[&str] = &[
    "yoco", "zapper", "snapscan", "payfast", "sq", "sumup", "izettle", "zettle", "tst", "paypal",
    "pp", "ikh", "ikhokha", "payd", "stripe", "klarna", "google", "gpay", "applepay", "c",
];

/// Month and weekday names: statements print transaction dates as `07 Oct` or `Mon`.
const DATE_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Cities, regions and country codes banks append to the merchant name. A general list of large
/// places (South Africa, UK, US, EU), not a list of the places found in any one data set.
const PLACES: &[&str] = &[
    // South Africa
    "johannesburg",
    "jhb",
    "joburg",
    "pretoria",
    "pta",
    "durban",
    "dbn",
    "cape",
    "town",
    "ct",
    "sandton",
    "midrand",
    "centurion",
    "soweto",
    "benoni",
    "boksburg",
    "springs",
    "germiston",
    "randburg",
    "roodepoort",
    "kempton",
    "rosebank",
    "stellenbosch",
    "paarl",
    "bloemfontein",
    "kimberley",
    "polokwane",
    "nelspruit",
    "mbombela",
    "rustenburg",
    "pietermaritzburg",
    "umhlanga",
    "ballito",
    "gqeberha",
    "port",
    "elizabeth",
    "east",
    "london",
    "braamfontein",
    "gauteng",
    "kwazulu",
    "natal",
    "kzn",
    "gp",
    "wc",
    "gtza",
    "za",
    "zaf",
    "rsa",
    "sa",
    // United Kingdom and Ireland
    "manchester",
    "birmingham",
    "leeds",
    "glasgow",
    "edinburgh",
    "liverpool",
    "bristol",
    "sheffield",
    "cardiff",
    "belfast",
    "dublin",
    "uk",
    "gb",
    "gbr",
    "ie",
    // United States
    "new",
    "york",
    "nyc",
    "ny",
    "los",
    "angeles",
    "san",
    "francisco",
    "chicago",
    "seattle",
    "boston",
    "austin",
    "houston",
    "dallas",
    "miami",
    "atlanta",
    "denver",
    "sunnyvale",
    "cupertino",
    "usa",
    "us",
    "ca",
    "tx",
    "wa",
    "fl",
    "il",
    // Europe
    "amsterdam",
    "berlin",
    "munich",
    "paris",
    "madrid",
    "barcelona",
    "lisbon",
    "rome",
    "milan",
    "vienna",
    "brussels",
    "luxembourg",
    "zurich",
    "geneva",
    "stockholm",
    "copenhagen",
    "oslo",
    "helsinki",
    "warsaw",
    "prague",
    "nl",
    "de",
    "fr",
    "es",
    "lu",
    "eu",
];

/// More towns, for the learning key only: [`normalize_merchant`] (import fingerprints) keeps
/// using [`PLACES`] alone, so stored fingerprints do not change.
const KEY_PLACES: &[&str] = &[
    "london",
    "leicester",
    "nottingham",
    "derby",
    "coventry",
    "wolverhampton",
    "stoke",
    "oxford",
    "cambridge",
    "brighton",
    "hove",
    "southampton",
    "portsmouth",
    "plymouth",
    "exeter",
    "gloucester",
    "cheltenham",
    "swindon",
    "bournemouth",
    "poole",
    "norwich",
    "ipswich",
    "colchester",
    "chelmsford",
    "luton",
    "watford",
    "croydon",
    "bromley",
    "kingston",
    "richmond",
    "wimbledon",
    "stratford",
    "camden",
    "islington",
    "hackney",
    "brixton",
    "peckham",
    "clapham",
    "ealing",
    "harrow",
    "enfield",
    "romford",
    "ilford",
    "guildford",
    "woking",
    "crawley",
    "maidstone",
    "canterbury",
    "dover",
    "margate",
    "hastings",
    "eastbourne",
    "worthing",
    "chichester",
    "winchester",
    "salisbury",
    "taunton",
    "truro",
    "falmouth",
    "newquay",
    "penzance",
    "torquay",
    "barnstaple",
    "hereford",
    "worcester",
    "shrewsbury",
    "telford",
    "stafford",
    "lichfield",
    "walsall",
    "dudley",
    "solihull",
    "warwick",
    "leamington",
    "northampton",
    "kettering",
    "peterborough",
    "bedford",
    "keynes",
    "aylesbury",
    "wycombe",
    "slough",
    "maidenhead",
    "basingstoke",
    "newbury",
    "lincoln",
    "grimsby",
    "hull",
    "york",
    "harrogate",
    "scarborough",
    "whitby",
    "wakefield",
    "huddersfield",
    "bradford",
    "doncaster",
    "rotherham",
    "barnsley",
    "chesterfield",
    "mansfield",
    "stockport",
    "salford",
    "bolton",
    "wigan",
    "oldham",
    "rochdale",
    "warrington",
    "chester",
    "crewe",
    "preston",
    "blackpool",
    "lancaster",
    "kendal",
    "carlisle",
    "durham",
    "sunderland",
    "newcastle",
    "gateshead",
    "middlesbrough",
    "darlington",
    "aberdeen",
    "dundee",
    "perth",
    "stirling",
    "inverness",
    "paisley",
    "falkirk",
    "livingston",
    "ayr",
    "kilmarnock",
    "swansea",
    "newport",
    "wrexham",
    "aberystwyth",
    "carmarthen",
    "llandudno",
    "derry",
    "lisburn",
    "newry",
    "armagh",
];

/// The word lists as sets, built once: every categorization looks each token up in them.
static NOISE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NOISE.iter().chain(DATE_WORDS).copied().collect());
static MOVEMENT_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| MOVEMENT.iter().copied().collect());
static PLACE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| PLACES.iter().copied().collect());
static KEY_PLACE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| PLACES.iter().chain(KEY_PLACES).copied().collect());

/// Whether a token looks like a number, card number, date or reference (`470010`, `I6522327`, `(53)`)
/// rather than a word. Short ordinals such as `4th` are kept.
fn is_reference(token: &str) -> bool {
    let digits = token.bytes().filter(u8::is_ascii_digit).count();
    digits > 0 && (token.len() >= 5 || digits * 2 >= token.len())
}

/// Splits a description into lower-case alphanumeric tokens (`Dis-Chem` → `dis`, `chem`).
pub fn tokens(description: &str) -> impl Iterator<Item = String> + '_ {
    description
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
}

/// The words of a description that can name a merchant or a purchase: bank noise, references,
/// dates and place names removed, payment-processor prefixes dropped.
pub fn merchant_words(description: &str) -> Vec<String> {
    words_without(tokens(description), false)
}

/// [`merchant_words`] without the UK money-movement words or the longer list of towns either:
/// the name the categorizer learns a merchant under.
pub fn key_words(description: &str) -> Vec<String> {
    words_without(tokens(description), true)
}

/// [`key_words`] of a description already cut into [`tokens`] (the categorizer has them).
pub fn key_words_of(tokens: &[&str]) -> Vec<String> {
    words_without(tokens.iter().copied(), true)
}

/// The words left of `tokens`; `learning_key` also drops money-movement words and
/// [`KEY_PLACES`], which the import fingerprint keeps.
fn words_without<T: AsRef<str> + Into<String>>(
    tokens: impl Iterator<Item = T>,
    learning_key: bool,
) -> Vec<String> {
    let mut words: Vec<String> = tokens
        .filter(|t| {
            let t = t.as_ref();
            let movement_word = learning_key && MOVEMENT_SET.contains(t);
            !(is_reference(t) || NOISE_SET.contains(t) || movement_word)
        })
        .map(Into::into)
        .collect();
    // Drop processor prefixes only while a name remains after them.
    while words.len() > 1 && PROCESSORS.contains(&words[0].as_str()) {
        words.remove(0);
    }
    let without_places: Vec<String> = words
        .iter()
        .filter(|t| {
            let places = if learning_key {
                &KEY_PLACE_SET
            } else {
                &PLACE_SET
            };
            !places.contains(t.as_str())
        })
        .cloned()
        .collect();
    // A description made only of place names ("Cape Town") keeps them rather than vanishing.
    if without_places.is_empty() {
        words
    } else {
        without_places
    }
}

/// The bank's own words around the merchant (`card`, `direct debit`, `faster payment`, a
/// processor prefix): dropped from the merchant name, but they say how money moved, which
/// hints at what for, so the classifier sees them as context.
pub fn context_words(raw: &[&str]) -> Vec<String> {
    raw.iter()
        .filter(|t| !is_reference(t))
        .filter(|t| {
            (NOISE_SET.contains(*t) && !DATE_WORDS.contains(*t))
                || MOVEMENT_SET.contains(*t)
                || PROCESSORS.contains(*t)
        })
        .map(|t| (*t).to_string())
        .collect()
}

/// The merchant a bank description names, with the bank's noise removed:
/// `POS Purchase Engen Mitchell Park * 07 Oct` → `engen mitchell park`.
/// Empty when nothing but noise is left.
pub fn normalize_merchant(description: &str) -> String {
    merchant_words(description).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_bank_noise() {
        assert_eq!(
            normalize_merchant("POS Purchase Engen Mitchell Park  * 07 Oct"),
            "engen mitchell park"
        );
        assert_eq!(
            normalize_merchant("POS PURCHASE (EFFEC ) C*Dischem Glen Marais KEMPT CARD NO. 1234"),
            "dischem glen marais kempt"
        );
        assert_eq!(
            normalize_merchant("Recurring Card Purchase: Netflix.com Amsterdam (Card )"),
            "netflix"
        );
        assert_eq!(normalize_merchant("YOCO *Bagel Shop 12/03"), "bagel shop");
        assert_eq!(normalize_merchant("4th Avenue Coffee"), "4th avenue coffee");
        assert_eq!(normalize_merchant("Cape Town"), "cape town");
        assert_eq!(normalize_merchant("  "), "");
    }

    #[test]
    fn the_learning_key_also_drops_how_money_moved() {
        let key = |d: &str| key_words(d).join(" ");
        assert_eq!(
            key("CARD PAYMENT TO TESCO STORES 3297 ON 12/03"),
            "tesco stores"
        );
        assert_eq!(key("TESCO STORES 3297 LONDON"), "tesco stores");
        assert_eq!(key("CARD PAYMENT TO PAYPAL *AX PARIS"), "ax");
        // The learning key drops the longer list of towns too, so one chain in two towns is
        // one merchant.
        assert_eq!(key("TESCO STORES 6412 LEICESTER"), "tesco stores");
        // Import fingerprints rest on normalize_merchant: it keeps these words and towns.
        assert_eq!(
            normalize_merchant("CARD PAYMENT TO TESCO STORES 3297"),
            "payment to tesco stores"
        );
        assert_eq!(
            normalize_merchant("TESCO STORES 6412 LEICESTER"),
            "tesco stores leicester"
        );
        let raw = ["direct", "debit", "council", "tax", "1234567"];
        assert_eq!(context_words(&raw), ["direct", "debit"]);
    }
}
