//! The words the grammar knows: dates, currencies, units, markers.
//!
//! Every word is classified once, by the lexer, through one `match` on its lower-cased ASCII
//! bytes: no allocation and no table scans on the hot path.

use chrono::Weekday;

use crate::money::Currency;

/// A unit of calendar time in `3 days ago` or `every week`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimeUnit {
    Day,
    Week,
    Month,
    Year,
}

/// How a currency written as a symbol or word resolves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Money {
    /// A code or an unambiguous symbol/name.
    Fixed(Currency),
    /// `$`, `dollars`: the ledger's own dollar if it uses one, else USD.
    Dollar,
    /// `¥`: CNY for a CNY ledger, else JPY.
    Yen,
    /// `kr`: the ledger's Nordic krone/krona, else SEK.
    Krona,
    /// `bucks`: money in the ledger's currency (no currency is recorded as written).
    Bucks,
    /// `cents`, `c`: hundredths of the ledger's currency.
    Cents,
    /// `pounds`: sterling, unless another amount is present (then a weight).
    Pounds,
}

/// What a word means to the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordKind {
    Plain,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Weekday(Weekday, bool),
    Month(u32),
    Last,
    Ago,
    Night,
    Unit(TimeUnit),
    Every,
    Article,
    /// `monthly`, `biweekly`, `quarterly`: a unit and an interval.
    Recurring(TimeUnit, u32),
    /// `until june`: the end of a recurring charge.
    Until,
    Currency(Money),
    Measure,
    Meridiem,
    Percent,
    Identifier,
    Income,
    Paid,
    Got,
    Me,
    Question,
    Split,
    Ways,
    Evenly,
    With,
    For,
    And,
    On,
    At,
    The,
    Of,
    In,
    Between,
    Times,
    Number(u32),
    /// `tenner`, `fiver`, `toonie`, `loonie`: a note or coin named for its value, in the
    /// ledger's currency.
    Banknote(u32),
    Stop,
}

impl WordKind {
    /// Words that carry no meaning at the edges of a description (`lunch on` → `lunch`).
    pub(crate) fn is_edge_filler(self) -> bool {
        matches!(
            self,
            WordKind::With
                | WordKind::For
                | WordKind::And
                | WordKind::On
                | WordKind::At
                | WordKind::The
                | WordKind::Of
                | WordKind::In
                | WordKind::Article
                | WordKind::Stop
                | WordKind::Between
        )
    }
}

/// Classifies one word (letters only; the lexer has split off digits and symbols).
pub(crate) fn classify(word: &str) -> WordKind {
    let bytes = word.as_bytes();
    // `what’s`: the typographic apostrophe phone keyboards put in is the ASCII one to the
    // word lists.
    if !bytes.is_ascii()
        && let Some((head, tail)) = word.split_once('’')
        && head.is_ascii()
        && tail.is_ascii()
        && head.len() + tail.len() < 14
    {
        let mut buf = [0u8; 14];
        buf[..head.len()].copy_from_slice(head.as_bytes());
        buf[head.len()] = b'\'';
        let n = head.len() + 1 + tail.len();
        buf[head.len() + 1..n].copy_from_slice(tail.as_bytes());
        return std::str::from_utf8(&buf[..n]).map_or(WordKind::Plain, classify);
    }
    if bytes.len() > 14 || !bytes.is_ascii() {
        // Currency and unit words written outside ASCII: the złoty's own spelling, the won's
        // `원`, and the rupee, taka and everyday units in the Indian scripts whose digits
        // `digits.rs` reads (`আলু ২ কেজি ৬০ টাকা`, `दूध २ लीटर १२० रुपये`).
        return match word {
            "zł" | "Zł" | "ZŁ" => fixed(b"PLN"),
            // The Czech crown as it is written (`nájem 22 500 Kč`, `pivo 45 kč`).
            "Kč" | "kč" | "KČ" => fixed(b"CZK"),
            "원" => fixed(b"KRW"),
            "円" => fixed(b"JPY"),
            "रुपये" | "रुपए" | "रुपया" | "रु" | "ரூ" | "ரூபாய்" => {
                fixed(b"INR")
            }
            "টাকা" => fixed(b"BDT"),
            // Spanish "I got paid" (`cobré 450 del trabajito`); `me cobraron` is a charge.
            "cobré" | "Cobré" => WordKind::Income,
            "কেজি"
            | "গ্রাম"
            | "লিটার"
            | "ডজন"
            | "প্যাকেট"
            | "টা"
            | "টি"
            | "किलो"
            | "ग्राम"
            | "लीटर"
            | "दर्जन"
            | "पैकेट"
            | "கிலோ"
            | "லிட்டர்"
            // Vietnamese counters (`rau thơm 3 bó 4.50`, `cà phê 2 ly 11`) and Chinese
            // measure words (`橙 6個 20`, `菜心1斤 14蚊`).
            | "bó"
            | "hộp"
            | "chục"
            | "cái"
            | "gói"
            | "thùng"
            | "túi"
            | "ký"
            | "kí"
            | "hũ"
            | "個"
            | "个"
            | "隻"
            | "只"
            | "斤"
            | "磅"
            | "條"
            | "条"
            | "包"
            | "盒"
            | "籠"
            | "位"
            | "杯"
            | "瓶"
            | "罐"
            | "份"
            | "磚"
            | "梳"
            // Russian weights, volumes and pieces (`Яблоки 1,5 кг по 120`, `Икра 140 г 990`, `WB 3 шт
            // по 399`).
            | "кг"
            | "г"
            | "гр"
            | "л"
            | "мл"
            | "шт"
            | "штук"
            | "штуки"
            // German pieces (`moving boxes 10 stück 19,90`).
            | "stück"
            | "Stück"
            // Turkish people, age, steps (`120 kişiyiz`, `29 yaşında`, `12 bin adım`).
            | "kişi"
            | "kişiyiz"
            | "yaşında"
            | "adım" => WordKind::Measure,
            // Portuguese salary, Spanish sold (`caiu o salário 4.850,00`, `vendí la bici 300`).
            // French received (`salaire reçu`, `bourse reçue`).
            "salário" | "Salário" | "vendí" | "reçu" | "reçue" | "reçus" => WordKind::Income,
            // Czech pay and refunds (`výplata came in`, `daňová vratka`, `přeplatek`),
            // Icelandic payday (`útborgun`).
            "výplata" | "Výplata" | "přeplatek" | "Přeplatek" | "útborgun"
            | "Útborgun" => WordKind::Income,
            // Russian pay, pension, grant, bonus, cashback (`Пенсия пришла 23 400`).
            "зарплата" | "Зарплата" | "зарплату" | "зп" | "ЗП" | "пенсия" | "Пенсия" | "стипендия"
            | "Стипендия" | "премия" | "Премия" | "премию" | "Премию" | "кэшбэк" | "Кэшбэк" => {
                WordKind::Income
            }
            "mié" | "Mié" | "miércoles" | "Miércoles" => WordKind::Weekday(chrono::Weekday::Wed, true),
            "sáb" | "Sáb" | "sábado" | "Sábado" => WordKind::Weekday(chrono::Weekday::Sat, true),
            // The Hong Kong dollar as it is said (`42蚊`).
            "蚊" => fixed(b"HKD"),
            // The rouble as Russians write it (`347р`, `412 руб`, `1 200 ₽` is the symbol).
            "р" | "р." | "руб" | "Руб" | "рублей" | "рубля" | "рубль" => fixed(b"RUB"),
            // Toman in Persian script (`۴۲۰ هزار تومن`): the ledger's money, as `toman` is.
            "تومان" | "تومن" => WordKind::Currency(Money::Bucks),
            _ => WordKind::Plain,
        };
    }
    // The forint is `Ft` (`1 290 Ft`); lower-case `ft` stays feet (`6 ft fence`).
    if word == "Ft" {
        return fixed(b"HUF");
    }
    let mut buf = [0u8; 14];
    for (slot, b) in buf.iter_mut().zip(bytes) {
        *slot = b.to_ascii_lowercase();
    }
    let lower = &buf[..bytes.len()];
    if let Some(kind) = classify_lower(lower) {
        return kind;
    }
    // `twenty-five`: tens and units joined as they are written.
    if lower.len() >= 9
        && let Some(dash) = lower.iter().position(|b| *b == b'-')
        && let (Some(WordKind::Number(tens @ 20..=90)), Some(WordKind::Number(units @ 1..=9))) = (
            classify_lower(&lower[..dash]),
            classify_lower(&lower[dash + 1..]),
        )
        && tens % 10 == 0
    {
        return WordKind::Number(tens + units);
    }
    // Words that are also English verbs only count as currency codes in capitals.
    if bytes.len() == 3 && !matches!(lower, b"try" | b"rub" | b"all" | b"php") {
        if let Some(c) = Currency::known(word) {
            return WordKind::Currency(Money::Fixed(c));
        }
    } else if matches!(word, "TRY" | "RUB" | "PHP")
        && let Some(c) = Currency::known(word)
    {
        return WordKind::Currency(Money::Fixed(c));
    }
    WordKind::Plain
}

/// The weekday a Spanish name or abbreviation (lower case, without accents) starts with.
fn spanish_weekday(w: &[u8]) -> chrono::Weekday {
    use chrono::Weekday as D;
    match w.get(..2) {
        Some(b"lu") => D::Mon,
        Some(b"ma") => D::Tue,
        Some(b"mi") => D::Wed,
        Some(b"ju") => D::Thu,
        Some(b"vi") => D::Fri,
        Some(b"sa") => D::Sat,
        _ => D::Sun,
    }
}

fn fixed(code: &[u8; 3]) -> WordKind {
    let code = std::str::from_utf8(code).unwrap_or("XXX");
    match Currency::parse(code) {
        Ok(c) => WordKind::Currency(Money::Fixed(c)),
        Err(_) => WordKind::Plain,
    }
}

fn classify_lower(w: &[u8]) -> Option<WordKind> {
    use WordKind as K;
    use chrono::Weekday as D;
    Some(match w {
        // Spanish and Portuguese too: `ayer`, `ontem`, `hoje` (not `hoy`: romanised Bengali
        // says it for "is", `mone hoy`).
        b"today" | b"tod" | b"hoje" => K::Today,
        b"yesterday" | b"yday" | b"yest" | b"ystd" | b"ayer" | b"ontem" => K::Yesterday,
        b"tomorrow" | b"tmrw" | b"tmr" => K::Tomorrow,
        b"tonight" => K::Tonight,
        b"night" => K::Night,
        b"monday" | b"mon" => K::Weekday(D::Mon, false),
        b"tuesday" | b"tue" | b"tues" => K::Weekday(D::Tue, false),
        b"wednesday" => K::Weekday(D::Wed, false),
        b"wed" => K::Weekday(D::Wed, true),
        b"thursday" | b"thu" | b"thur" | b"thurs" => K::Weekday(D::Thu, false),
        b"friday" | b"fri" => K::Weekday(D::Fri, false),
        b"saturday" => K::Weekday(D::Sat, false),
        b"sat" => K::Weekday(D::Sat, true),
        b"sunday" => K::Weekday(D::Sun, false),
        b"sun" => K::Weekday(D::Sun, true),
        // Spanish: `lun 4: café 2.000`, `el viernes`; dates only in context, as `sat` is
        // (`lunes 3 pan 2.000 / martes 4 pan 2.000` counts bread by the day).
        b"lunes" | b"martes" | b"miercoles" | b"jueves" | b"viernes" | b"sabado" | b"domingo"
        | b"lun" | b"mie" | b"jue" | b"vie" | b"sab" | b"dom" => {
            K::Weekday(spanish_weekday(w), true)
        }
        b"enero" | b"ene" => K::Month(1),
        b"febrero" => K::Month(2),
        b"marzo" => K::Month(3),
        b"abril" | b"abr" => K::Month(4),
        b"junio" => K::Month(6),
        b"julio" => K::Month(7),
        b"agosto" => K::Month(8),
        b"septiembre" | b"setiembre" => K::Month(9),
        b"octubre" => K::Month(10),
        b"noviembre" => K::Month(11),
        b"diciembre" | b"dic" => K::Month(12),
        b"january" | b"jan" => K::Month(1),
        b"february" | b"feb" => K::Month(2),
        b"march" | b"mar" => K::Month(3),
        b"april" | b"apr" => K::Month(4),
        b"may" => K::Month(5),
        b"june" | b"jun" => K::Month(6),
        b"july" | b"jul" => K::Month(7),
        b"august" | b"aug" => K::Month(8),
        b"september" | b"sep" | b"sept" => K::Month(9),
        b"october" | b"oct" => K::Month(10),
        b"november" | b"nov" => K::Month(11),
        b"december" | b"dec" => K::Month(12),
        b"last" | b"past" | b"previous" => K::Last,
        b"ago" => K::Ago,
        b"day" | b"days" => K::Unit(TimeUnit::Day),
        b"week" | b"weeks" | b"wk" | b"wks" => K::Unit(TimeUnit::Week),
        b"month" | b"months" | b"mo" | b"mos" | b"mth" | b"mths" => K::Unit(TimeUnit::Month),
        b"year" | b"years" | b"yr" | b"yrs" => K::Unit(TimeUnit::Year),
        b"every" | b"each" | b"per" => K::Every,
        b"a" | b"an" => K::Article,
        b"daily" => K::Recurring(TimeUnit::Day, 1),
        b"weekly" => K::Recurring(TimeUnit::Week, 1),
        b"biweekly" | b"fortnightly" => K::Recurring(TimeUnit::Week, 2),
        b"monthly" => K::Recurring(TimeUnit::Month, 1),
        b"quarterly" => K::Recurring(TimeUnit::Month, 3),
        b"yearly" | b"annually" | b"annual" => K::Recurring(TimeUnit::Year, 1),
        b"until" => K::Until,
        // French `balles` and Italian `euri`, as euros are said.
        b"euro" | b"euros" | b"eur" | b"balles" | b"euri" => fixed(b"EUR"),
        b"usd" | b"dollar" | b"dollars" | b"dlls" | b"dls" => {
            if w == b"usd" {
                fixed(b"USD")
            } else {
                K::Currency(Money::Dollar)
            }
        }
        // The local money, whatever the ledger's: `bucks`, Philippine or Latin American
        // `pesos` (not Kenyan `bob`: Bob is a name people split bills with).
        // Brazilian slang for reais: `45 conto`, `40 pila`.
        // Argentine slang for pesos: `15 mil mangos`; Québécois for dollars: `35 piasses`.
        b"buck" | b"bucks" | b"peso" | b"pesos" | b"conto" | b"contos" | b"pila" | b"pilas"
        | b"mangos" | b"piasse" | b"piasses" | b"piastres" => K::Currency(Money::Bucks),
        // Iranians count in toman (ten rials) whatever the banknotes say: the ledger's money.
        b"toman" | b"tomans" | b"tomn" | b"tomen" | b"tomani" => K::Currency(Money::Bucks),
        b"forint" | b"huf" => fixed(b"HUF"),
        b"reais" | b"brl" => fixed(b"BRL"),
        b"quid" | b"gbp" => fixed(b"GBP"),
        b"pound" | b"pounds" => K::Currency(Money::Pounds),
        b"yen" | b"jpy" => fixed(b"JPY"),
        b"yuan" | b"rmb" | b"cny" => fixed(b"CNY"),
        b"rupee" | b"rupees" | b"rs" | b"inr" => fixed(b"INR"),
        b"cedi" | b"cedis" | b"ghc" => fixed(b"GHS"),
        b"taka" | b"tk" => fixed(b"BDT"),
        b"naira" => fixed(b"NGN"),
        b"rand" | b"rands" | b"zar" => fixed(b"ZAR"),
        b"dh" | b"dhs" | b"dirham" | b"dirhams" => fixed(b"AED"),
        b"ksh" | b"kshs" | b"shilling" | b"shillings" => fixed(b"KES"),
        b"ringgit" => fixed(b"MYR"),
        b"zl" | b"zloty" | b"zlotys" | b"zlote" | b"zlotych" => fixed(b"PLN"),
        b"tl" | b"lira" | b"liras" => fixed(b"TRY"),
        // The Egyptian pound as it is said and written in Latin letters (`15 ginih`, `20gneh`).
        b"ginih" | b"gineh" | b"geneh" | b"gneh" | b"gnih" | b"ginieh" | b"egp" => fixed(b"EGP"),
        // The Hong Kong dollar as it is said (`42 mun`).
        b"mun" => fixed(b"HKD"),
        b"rp" | b"rupiah" | b"idr" => fixed(b"IDR"),
        b"kr" => K::Currency(Money::Krona),
        b"cent" | b"cents" | b"c" | b"ct" | b"cts" => K::Currency(Money::Cents),
        b"kg" | b"kgs" | b"kilo" | b"kilos" | b"g" | b"gr" | b"gram" | b"grams" | b"lb"
        | b"lbs" | b"oz" | b"l" | b"lt" | b"ltr" | b"liter" | b"liters" | b"litre" | b"litres"
        | b"ml" | b"cl" | b"gal" | b"gallon" | b"gallons" | b"km" | b"mi" | b"mile" | b"miles"
        | b"m" | b"cm" | b"mm" | b"pc" | b"pcs" | b"piece" | b"pieces" | b"pack" | b"packs"
        | b"box" | b"boxes" | b"bottle" | b"bottles" | b"can" | b"cans" | b"bag" | b"bags"
        | b"loaf" | b"loaves" | b"dozen" | b"doz" | b"item" | b"items" | b"ticket" | b"tickets"
        | b"cup" | b"cups" | b"slice" | b"slices" | b"pair" | b"pairs" | b"roll" | b"rolls"
        | b"unit" | b"units" | b"people" | b"person" | b"persons" | b"guest" | b"guests" | b"nights"
        | b"hour" | b"hours" | b"hr" | b"hrs" | b"uur" | b"h" | b"min" | b"mins" | b"minute"
        | b"minutes" | b"sec" | b"secs" | b"gb" | b"mb" | b"tb" | b"kids" | b"adults"
        | b"times" | b"sqft" | b"sqm" | b"ft" | b"inch" | b"inches" | b"servings" | b"portions"
        | b"beers" | b"eggs" | b"pints" | b"pint" | b"tix" => K::Measure,
        // Units of household notes (`Dahi 3 packets 30`, `2.5 Lit Petrol 250`, `Eggs 30 count`).
        b"packet" | b"packets" | b"pkt" | b"pkts" | b"lit" | b"lits" | b"ltrs" | b"gm" | b"gms"
        // Dutch (`24 rollen`, `2 flessen`, `8 stuks`) and Egyptian Arabic in Latin letters
        // (`3 3elab`, `10 7etat`, `7 2et3a`).
        | b"rollen" | b"rol" | b"flessen" | b"fles" | b"flesjes" | b"pakken" | b"pak" | b"pakjes"
        | b"stuks" | b"zakken" | b"zak" | b"blikken" | b"blik" | b"3elab" | b"3elba"
        | b"7etat" | b"7eta" | b"2et3a" | b"nos" | b"nang" | b"nag" | b"kapde" | b"kapre" | b"kapray" | b"judi" | b"juddi"
        | b"jhudi" | b"gaddi" | b"dz" | b"bunch" | b"bunches" | b"plate" | b"plates" | b"glass"
        | b"glasses" | b"strip" | b"strips" | b"tablet" | b"tablets" | b"sachet" | b"sachets"
        | b"pouch" | b"pouches" | b"jar" | b"jars" | b"tin" | b"tins" | b"count" | b"copies"
        | b"pages" | b"sheets" | b"steps" | b"reps" | b"pax" | b"kms" | b"mtr" | b"mtrs"
        | b"meter" | b"meters" | b"metre" | b"metres" | b"loads" | b"dozens" | b"bowl"
        | b"bowls" | b"tab" | b"tabs" | b"caps" | b"capsule" | b"capsules" | b"tray" | b"trays"
        | b"crate" | b"crates" | b"cases" | b"mg" | b"mcg" | b"iu" | b"patta" | b"patte" | b"ta" | b"pgs"
        | b"szt" | b"hora" | b"horas" | b"litro" | b"litros" | b"litri" | b"pg" | b"pk"
        | b"pks" | b"pkg" | b"pkgs" | b"rack" | b"pts" | b"tonne" | b"tonnes" | b"und"
        | b"unds" | b"unid" | b"uds" | b"galon" | b"galones" | b"ppl" | b"lts" | b"ly" | b"lon"
        | b"goi" | b"stueck"
        // Sizes of appliances and batteries (`8000 btu AC $279`, `20000 mah power bank`), and
        // the quintal of grain (`2 quintal gehu 5,600`).
        | b"bu" | b"bushel" | b"bushels" | b"cwt" | b"ton" | b"tons" | b"btu" | b"mah" | b"watt" | b"watts" | b"volt" | b"volts" | b"kwh" | b"quintal" | b"quintals"
        // Turkish minutes, hours, seconds, degrees (`45 dk`, `1,5 saat`, `31 derece`) and
        // Swahili hours, people, pages, litres (`masaa 6`, `watu 120`, `kurasa 40`, `lita 20`).
        | b"dk" | b"dakika" | b"saat" | b"saniye" | b"derece" | b"masaa" | b"watu" | b"kurasa"
        | b"lita"
        // Hindi, Urdu and Bengali hours (`3 ghante`, `2 ghonta`).
        | b"ghanta" | b"ghante" | b"ghanton" | b"ghantay" | b"ghonta" | b"ghontay"
        // Tagalog bottles, bundles, pieces (`4 bote`, `2 tali`, `3 piraso`), Russian pieces
        // (`2 shtuki`), instalments (`12 cuotas`, `10 parcelas`).
        | b"bote" | b"tali" | b"piraso" | b"pirasong" | b"sht" | b"shtuk" | b"shtuki"
        | b"shtuka" | b"cuotas" | b"parcelas" | b"installments" | b"instalments"
        // Nepali pieces, pages, times (`3 ota`, `40 pana`, `2 choti`).
        | b"ota" | b"pana" | b"choti"
        // German degrees, hours, pages, square metres, rooms, steps, fever (`30 Grad`, `16 Std`,
        // `50 Seiten`, `78 qm`, `3 Zi`, `8.000 Schritte`, `39,2 Fieber`).
        | b"grad" | b"stunden" | b"stunde" | b"seiten" | b"qm" | b"zi" | b"schritte"
        | b"fieber" => K::Measure,
        b"am" | b"pm" | b"oclock" | b"o'clock" => K::Meridiem,
        b"percent" | b"pct" | b"percentage" => K::Percent,
        b"room" | b"gate" | b"table" | b"platform" | b"seat" | b"flight" | b"page" | b"chapter"
        | b"apt" | b"floor" | b"level" | b"no" | b"nr" | b"number" | b"episode" | b"ep"
        | b"season" | b"order" | b"invoice" | b"route" | b"line" | b"version" | b"v" | b"ref"
        | b"id" | b"pin" | b"code" | b"exit" | b"lane" | b"bay" | b"size" | b"sz" | b"stl"
        | b"talla" | b"lgh" | b"term" | b"semester" | b"sem" | b"grade" | b"std" | b"paybill"
        | b"acc" | b"acct" | b"rank" | b"sector" | b"blk" | b"spf" | b"factor" | b"gpa" | b"ph"
        | b"folio" | b"aula" | b"hwy" | b"cty" | b"rt" | b"rte" | b"section" | b"row" | b"aisle" | b"branch"
        // A door or phone code (`passcode 776201`).
        | b"passcode"
        // A child's clothing size (`youth 12`).
        | b"youth"
        // Postal codes (`our postcode's 4670`, `zip is 57078`).
        | b"postcode" | b"postcode's" | b"postcodes" | b"zip" | b"zipcode" | b"eircode"
        // German platform, room, page, exercise (`Gleis 14`, `Zimmer 214`, `Aufgabe 3`).
        | b"gleis" | b"zimmer" | b"raum" | b"seite" | b"aufgabe" => K::Identifier,
        b"salary" | b"salaries" | b"paycheck" | b"paycheque" | b"payday" | b"income" | b"wage"
        | b"wages" | b"sold" | b"refund" | b"refunded" | b"reimbursement" | b"reimbursed"
        | b"cashback" | b"dividend" | b"dividends" | b"bonus" | b"earned" | b"received"
        | b"payout" | b"payroll" | b"stipend" | b"recd" | b"rcvd" | b"credited" | b"ontvangen"
        | b"salaris" | b"loon" | b"teruggave" | b"winnings" | b"vendu" | b"vendue" | b"vendus"
        | b"remboursement" | b"sueldo" | b"salario" | b"reembolso" | b"earnings" | b"salaire"
        | b"stipendio" | b"ricevuto" | b"ricevuta" | b"vendi" | b"reintegro"
        | b"vratka" | b"vyplata"
        // Sitting someone's children, dog or house is work the writer is paid for
        // (`babysat for the kellys, got 60`).
        | b"babysat" | b"dogsat" | b"housesat" | b"petsat"
        // Bengali "I got" (`bhara 8500 pelam`); Hindi and Punjabi "sold" (`cooler 2,200 me
        // bech diya`, `majh vech ditti`).
        | b"pelam" | b"pelum" | b"bech" | b"becha" | b"bechi" | b"vech" | b"vechi" | b"vecheya"
        | b"vendido" | b"vendida" => K::Income,
        b"paid" => K::Paid,
        b"got" | b"get" | b"getting" => K::Got,
        b"me" | b"us" => K::Me,
        b"how" | b"what" | b"whats" | b"what's" | b"how's" | b"where's" | b"who's" | b"when's"
        | b"when" | b"where" | b"why" | b"who" | b"which" | b"did" | b"do" | b"does" | b"is"
        | b"are" | b"could" | b"should" | b"would" | b"will" | b"was" | b"were" | b"have"
        | b"has" | b"any" => K::Question,
        b"split" | b"splitting" | b"share" | b"shared" => K::Split,
        b"ways" | b"way" => K::Ways,
        b"evenly" | b"equally" | b"even" | b"equal" => K::Evenly,
        b"with" | b"w" => K::With,
        // Spanish and Portuguese `por` (`aguacates 3 por 2,99`), `para` and `pra`; Caribbean
        // Creole `fuh` (`two hundred fuh de bus`).
        b"for" | b"por" | b"para" | b"pra" | b"fuh" => K::For,
        b"and" | b"n" | b"aur" | b"y" | b"ra" | b"ve" | b"ar" => K::And,
        b"on" => K::On,
        b"at" => K::At,
        b"the" => K::The,
        // Scots and Irish `a bag o onions`, `the 4 o us`.
        b"of" | b"o" => K::Of,
        b"in" | b"into" | b"by" => K::In,
        b"between" | b"among" => K::Between,
        b"x" => K::Times,
        b"one" | b"ek" => K::Number(1),
        b"two" => K::Number(2),
        b"three" => K::Number(3),
        b"four" => K::Number(4),
        b"five" => K::Number(5),
        b"six" => K::Number(6),
        b"seven" => K::Number(7),
        b"eight" => K::Number(8),
        b"nine" => K::Number(9),
        b"ten" => K::Number(10),
        b"eleven" => K::Number(11),
        b"twelve" => K::Number(12),
        b"thirteen" => K::Number(13),
        b"fourteen" => K::Number(14),
        b"fifteen" => K::Number(15),
        b"sixteen" => K::Number(16),
        b"seventeen" => K::Number(17),
        b"eighteen" => K::Number(18),
        b"nineteen" => K::Number(19),
        b"twenty" => K::Number(20),
        b"thirty" => K::Number(30),
        b"forty" | b"fourty" => K::Number(40),
        b"fifty" => K::Number(50),
        b"sixty" => K::Number(60),
        b"seventy" => K::Number(70),
        b"eighty" => K::Number(80),
        b"ninety" => K::Number(90),
        b"tenner" | b"tenners" => K::Banknote(10),
        b"fiver" | b"fivers" => K::Banknote(5),
        b"hundo" | b"hundos" => K::Banknote(100),
        b"toonie" | b"toonies" | b"twoonie" => K::Banknote(2),
        b"loonie" | b"loonies" => K::Banknote(1),
        b"from" | b"to" | b"via" => K::Stop,
        _ => return None,
    })
}

/// Classifies the letters glued to the end of a number (`12eur`, `1kg`, `3rd`, `2x`, `1.5k`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Suffix {
    None,
    /// `12k`, `25rb` (Indonesian *ribu*).
    Thousand,
    /// `1,8jt` (Indonesian *juta*).
    Million,
    Currency(Money),
    Measure,
    Ordinal,
    Times,
    Meridiem,
    Other,
}

pub(crate) fn classify_suffix(suffix: &str) -> Suffix {
    if suffix.is_empty() {
        return Suffix::None;
    }
    if suffix.eq_ignore_ascii_case("k")
        || suffix.eq_ignore_ascii_case("rb")
        || suffix.eq_ignore_ascii_case("mil")
    {
        return Suffix::Thousand;
    }
    // `2jt` (Indonesian juta), `2tr` (Vietnamese triệu).
    if suffix.eq_ignore_ascii_case("jt") || suffix.eq_ignore_ascii_case("tr") {
        return Suffix::Million;
    }
    if suffix.eq_ignore_ascii_case("x") {
        return Suffix::Times;
    }
    // `28C`, `14F`: degrees (a capital C is Celsius, not cents).
    if matches!(suffix, "C" | "F") {
        return Suffix::Measure;
    }
    // `urea 10t @ 780/t`: tonnes, glued and in lower case (`2T` is a toddler's size, and a
    // spaced `t` is a word in several languages).
    if suffix == "t" {
        return Suffix::Measure;
    }
    // `95p`: pence (the grammar keeps it to prices under a pound; `1080p` is a screen).
    if suffix == "p" {
        return Suffix::Currency(Money::Cents);
    }
    if ["st", "nd", "rd", "th"]
        .iter()
        .any(|o| suffix.eq_ignore_ascii_case(o))
    {
        return Suffix::Ordinal;
    }
    match classify(suffix) {
        WordKind::Currency(m) => Suffix::Currency(m),
        WordKind::Measure | WordKind::Unit(_) => Suffix::Measure,
        WordKind::Meridiem => Suffix::Meridiem,
        _ => Suffix::Other,
    }
}

/// Whether `w` is a form of `come`, which leads to a total in `came to 69.55` and `came out
/// to 40`.
pub(crate) fn is_came(w: &str) -> bool {
    ["came", "comes", "come", "coming"]
        .iter()
        .any(|c| w.eq_ignore_ascii_case(c))
}

/// `w` with its ASCII letters lower-cased, copied into `buf` when it fits: a word list then
/// matches one string, where a chain of case-blind comparisons costs more than the rule.
pub(crate) fn lower_in<'b>(w: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let lower = buf.get_mut(..w.len())?;
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok()
}

/// Whether the currency's writers group thousands by spaces and write it after the number
/// (`4 215 kr`, `1 200 zł`, `12 500 Kč`): there, `2 150` before it is one number, where `milk 2
/// 100 rs` is a count and a price.
pub(crate) fn grouped_by_spaces(m: Money) -> bool {
    match m {
        Money::Krona => true,
        Money::Fixed(c) => matches!(
            c.code_bytes(),
            b"SEK" | b"NOK" | b"DKK" | b"ISK" | b"PLN" | b"CZK" | b"HUF" | b"RUB" | b"UAH"
        ),
        _ => false,
    }
}

/// Whether a currency symbol starts here: returns the symbol's byte length and meaning.
pub(crate) fn currency_symbol(s: &str) -> Option<(usize, Money)> {
    const PREFIXED: &[(&str, &str)] = &[
        ("US$", "USD"),
        ("CA$", "CAD"),
        ("C$", "CAD"),
        ("AU$", "AUD"),
        ("A$", "AUD"),
        ("NZ$", "NZD"),
        ("HK$", "HKD"),
        ("S$", "SGD"),
        ("R$", "BRL"),
    ];
    let first = s.chars().next()?;
    if first.is_ascii_uppercase() {
        let b = s.as_bytes();
        // `R450`, `R1,287.35`, `R6k`: the rand, written before the number with no space (not
        // `R2D2`).
        if first == 'R' && b.get(1).is_some_and(u8::is_ascii_digit) {
            let run = b[1..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || matches!(c, b',' | b'.'))
                .count();
            let end = match b.get(1 + run) {
                Some(b'k' | b'K') => 2 + run,
                _ => 1 + run,
            };
            if !b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                return Currency::parse("ZAR").ok().map(|c| (1, Money::Fixed(c)));
            }
        }
        // Every prefixed dollar has its `$` second or third: most capitalised words stop here.
        if !b.iter().skip(1).take(2).any(|b| *b == b'$') {
            return None;
        }
        for (p, code) in PREFIXED {
            if s.starts_with(p) {
                return Currency::parse(code)
                    .ok()
                    .map(|c| (p.len(), Money::Fixed(c)));
            }
        }
        return None;
    }
    let code = match first {
        '$' => return Some((1, Money::Dollar)),
        '¥' | '￥' => return Some((first.len_utf8(), Money::Yen)),
        '€' => "EUR",
        '£' => "GBP",
        '₹' => "INR",
        '₩' => "KRW",
        '₽' => "RUB",
        '₺' => "TRY",
        '₴' => "UAH",
        '₪' => "ILS",
        '₦' => "NGN",
        '₱' => "PHP",
        '₫' => "VND",
        '฿' => "THB",
        '₿' => "BTC",
        '円' => "JPY",
        '元' => "CNY",
        '¢' => return Some((first.len_utf8(), Money::Cents)),
        _ => return None,
    };
    Currency::parse(code)
        .ok()
        .map(|c| (first.len_utf8(), Money::Fixed(c)))
}

/// Resolves a written currency against the ledger's default currency.
pub(crate) fn resolve(money: Money, default: Currency) -> Option<Currency> {
    let code = default.code();
    match money {
        Money::Fixed(c) => Some(c),
        Money::Dollar => Some(
            if matches!(code, "USD" | "CAD" | "AUD" | "NZD" | "SGD" | "HKD") {
                default
            } else {
                Currency::USD
            },
        ),
        Money::Yen => Currency::parse(if code == "CNY" { "CNY" } else { "JPY" }).ok(),
        Money::Krona => Currency::parse(if matches!(code, "SEK" | "NOK" | "DKK" | "ISK") {
            code
        } else {
            "SEK"
        })
        .ok(),
        Money::Pounds => Some(Currency::GBP),
        Money::Bucks | Money::Cents => None,
    }
}
