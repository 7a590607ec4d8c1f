//! CSV import and export: layout detection, idempotent fingerprints, malformed files, round-trip.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tally::categorize::{LedgerModel, default_categories};
use tally::category::Category;
use tally::csvio::export::{self, ExportRow};
use tally::csvio::import::{self, AmountLayout, ImportError};
use tally::model::{CategorySource, DateFormat, EntryKind};
use tally::money::Currency;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const SIGNED: &str = "\
Date,Description,Amount,Balance
2026-03-01,TESCO STORES 3041,-23.10,976.90
2026-03-02,SALARY ACME LTD,\"2,500.00\",\"3,476.90\"
2026-03-02,TESCO STORES 3041,-23.10,\"3,453.80\"
";

#[test]
fn signed_amount_with_header() {
    let s = import::analyze(SIGNED.as_bytes(), DateFormat::Mdy).unwrap();
    assert_eq!(s.delimiter, b',');
    assert!(s.has_header);
    assert_eq!(s.date_format, "%Y-%m-%d");
    assert_eq!(s.layout, AmountLayout::Signed { column: 2 });
    assert_eq!(s.rows.len(), 3);
    assert!(s.rejected.is_empty());
    assert_eq!(s.rows[0].line, 2);
    assert_eq!(s.rows[0].amount, dec("-23.10"));
    assert_eq!(s.rows[1].amount, dec("2500.00"));
    assert_eq!(s.rows[1].kind(), EntryKind::Income);
    assert_eq!(s.rows[0].description, "TESCO STORES 3041");
}

#[test]
fn semicolons_decimal_comma_day_first_and_debit_credit_columns() {
    let file = "\
Buchungstag;Verwendungszweck;Soll;Haben;Saldo
03.04.2026;REWE Markt Berlin;12,50;;1.000,00
05.04.2026;Gehalt;;2.100,00;3.100,00
28.04.2026;Miete April;850,00;;2.250,00
";
    let s = import::analyze(file.as_bytes(), DateFormat::Mdy).unwrap();
    assert_eq!(s.delimiter, b';');
    assert_eq!(s.date_format, "%d.%m.%Y");
    assert_eq!(
        s.layout,
        AmountLayout::DebitCredit {
            debit: 2,
            credit: 3
        }
    );
    let amounts: Vec<Decimal> = s.rows.iter().map(|r| r.amount).collect();
    assert_eq!(amounts, vec![dec("-12.50"), dec("2100.00"), dec("-850.00")]);
    assert_eq!(s.rows[0].date, day(2026, 4, 3));
    assert_eq!(s.rows[1].description, "Gehalt");
}

#[test]
fn no_header_tabs_and_ambiguous_dates_follow_the_setting() {
    let file = "03/04/2026\tCOFFEE SHOP\t-4.50\n05/04/2026\tBOOKS ETC\t-20.00\n";
    let mdy = import::analyze(file.as_bytes(), DateFormat::Mdy).unwrap();
    assert_eq!(mdy.delimiter, b'\t');
    assert!(!mdy.has_header);
    assert_eq!(mdy.rows[0].date, day(2026, 3, 4));
    let dmy = import::analyze(file.as_bytes(), DateFormat::Dmy).unwrap();
    assert_eq!(dmy.rows[0].date, day(2026, 4, 3));
    assert_eq!(dmy.rows[1].description, "BOOKS ETC");
}

#[test]
fn bank_preamble_lines_are_skipped_and_bad_rows_are_reported() {
    let file = "\
Account,12345678
Statement,March 2026
Date,Details,Money out,Money in,Balance
01 Mar 2026,Card purchase Shell 123,45.00,,100.00
02 Mar 2026,Refund,,10.00,110.00
yesterday,Mystery,5.00,,105.00
03 Mar 2026,Broken,abc,,105.00
04 Mar 2026,Nothing,,,105.00
";
    let s = import::analyze(file.as_bytes(), DateFormat::Mdy).unwrap();
    assert_eq!(
        s.layout,
        AmountLayout::DebitCredit {
            debit: 2,
            credit: 3
        }
    );
    assert_eq!(s.rows.len(), 2);
    assert_eq!(s.rows[0].amount, dec("-45.00"));
    assert_eq!(s.rows[0].line, 4);
    let lines: Vec<usize> = s.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![6, 7, 8]);
    assert!(
        s.rejected[0].reason.contains("not a date"),
        "{:?}",
        s.rejected
    );
    assert!(s.rejected[1].reason.contains("not an amount"));
}

#[test]
fn reimporting_or_overlapping_statements_gives_the_same_fingerprints() {
    let march = import::analyze(SIGNED.as_bytes(), DateFormat::Mdy).unwrap();
    let again = import::analyze(SIGNED.as_bytes(), DateFormat::Mdy).unwrap();
    let prints = |s: &import::Statement| {
        s.rows
            .iter()
            .map(|r| r.fingerprint.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(prints(&march), prints(&again));
    // Distinct rows, distinct fingerprints (even the same purchase twice on one day).
    let mut unique = prints(&march);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3);

    // An overlapping statement from another export: other column order, delimiter, noise.
    let overlap = "\
Amount;Date;Description
-23,10;2026-03-02;POS Purchase TESCO STORES 3041 * 02 Mar
-5,00;2026-03-03;Coffee
";
    let next = import::analyze(overlap.as_bytes(), DateFormat::Mdy).unwrap();
    // The overlapping row is March's 2026-03-02 TESCO purchase (not the 03-01 one).
    assert_eq!(next.rows[0].fingerprint, march.rows[2].fingerprint);
    assert!(!prints(&march).contains(&next.rows[1].fingerprint));
}

#[test]
fn malformed_or_oversized_files_import_nothing() {
    let err = |bytes: &[u8]| import::analyze(bytes, DateFormat::Mdy).unwrap_err();
    assert_eq!(err(b""), ImportError::Empty);
    assert_eq!(err(b"\x89PNG\r\n\x1a\n\x00\x00"), ImportError::NotText);
    assert_eq!(
        err(b"name,colour\nsam,blue\nalex,red\n"),
        ImportError::NoDateColumn
    );
    assert_eq!(
        err(b"date,who\n2026-03-01,sam\n2026-03-02,alex\n"),
        ImportError::NoAmountColumn
    );
    assert!(matches!(
        err(b"date,amount,description\n"),
        ImportError::NoDateColumn | ImportError::NoRows { .. }
    ));
    let big = vec![b'a'; import::MAX_BYTES + 1];
    assert!(matches!(err(&big), ImportError::TooLarge { .. }));
    let mut many = String::from("date,description,amount\n");
    for i in 0..=import::MAX_ROWS {
        many.push_str(&format!("2026-01-01,x{i},-1\n"));
    }
    assert_eq!(err(many.as_bytes()), ImportError::TooManyRows);
    // Every row unreadable → an error naming the first problem, not an empty import.
    match err(b"date,description,amount\n2026-03-01,a,zero\n2026-03-02,b,nope\n") {
        ImportError::NoRows { line, reason } => {
            assert_eq!(line, 2);
            assert!(reason.contains("not an amount"));
        }
        other => panic!("{other:?}"),
    }
}

/// Date detection is linear in a cell's length: a long cell is not a date and is not scanned
/// (on main a cell of spaces with a ':' at its end was searched from every space).
#[test]
fn long_cells_are_not_dates_and_wide_rows_are_refused() {
    use tally::csvio::cells::{MAX_DATE_CELL, parse_date};
    let long = format!("2026-03-14 {}:", "x ".repeat(100));
    assert!(long.len() > MAX_DATE_CELL);
    assert_eq!(parse_date(&long, "%Y-%m-%d"), None);
    assert_eq!(
        parse_date("2026-03-14 10:30:00", "%Y-%m-%d"),
        Some(day(2026, 3, 14))
    );
    assert_eq!(
        parse_date("2026-03-14T10:30", "%Y-%m-%d"),
        Some(day(2026, 3, 14))
    );
    // Years the calendar does not hold are not dates either.
    assert_eq!(parse_date("0001-01-01", "%Y-%m-%d"), None);
    let wide = format!(
        "Date,Description,Amount\n2026-03-01,x,1{}\n",
        ",9".repeat(100)
    );
    assert!(matches!(
        import::analyze(wide.as_bytes(), DateFormat::Mdy),
        Err(ImportError::TooWide { .. })
    ));
    // A huge description is kept, cut to the description limit.
    let big = format!(
        "Date,Description,Amount\n2026-03-01,{},-1\n",
        "y".repeat(100_000)
    );
    let s = import::analyze(big.as_bytes(), DateFormat::Mdy).unwrap();
    assert_eq!(s.rows[0].description.chars().count(), 200);
}

#[test]
fn export_round_trips_through_import() {
    let rows = vec![
        ExportRow {
            date: day(2026, 3, 14),
            kind: EntryKind::Expense,
            amount: dec("82.10"),
            currency: Currency::EUR,
            category: Category::new("Groceries").unwrap(),
            description: "groceries, \"bio\" market".into(),
            paid_by: "sam".into(),
            author: "alex".into(),
            tags: vec!["food".into(), "weekly".into()],
            note: Some("=SUM(A1:A9) not a formula\nsecond line".into()),
            id: "e1".into(),
        },
        ExportRow {
            date: day(2026, 3, 15),
            kind: EntryKind::Income,
            amount: dec("2500"),
            currency: Currency::USD,
            category: Category::new("Income").unwrap(),
            description: "-salary".into(),
            paid_by: "sam".into(),
            author: "sam".into(),
            tags: vec![],
            note: None,
            id: "e2".into(),
        },
    ];
    let bytes = export::write(&rows);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with(
        "date,kind,amount,currency,category,description,paid_by,author,tags,note,id\r\n"
    ));
    assert!(text.contains("'=SUM"), "formulas are defused: {text}");

    let s = import::analyze(&bytes, DateFormat::Dmy).unwrap();
    assert!(s.tally_format);
    assert_eq!(s.layout, AmountLayout::KindAndAmount { amount: 2, kind: 1 });
    assert_eq!(s.rows.len(), 2);
    let (a, b) = (&s.rows[0], &s.rows[1]);
    assert_eq!(
        (a.date, a.amount, a.currency),
        (day(2026, 3, 14), dec("-82.10"), Some(Currency::EUR))
    );
    assert_eq!(a.description, "groceries, \"bio\" market");
    assert_eq!(a.category.as_ref().unwrap().as_str(), "Groceries");
    assert_eq!(a.tags, vec!["food", "weekly"]);
    assert_eq!(
        a.note.as_deref(),
        Some("=SUM(A1:A9) not a formula\nsecond line")
    );
    assert_eq!((b.amount, b.kind()), (dec("2500"), EntryKind::Income));
    assert_eq!(b.description, "-salary");

    // The file's categories are kept; rows without one are auto-categorized.
    let decisions = import::categorize(&s, &[], &LedgerModel::default(), &default_categories());
    assert_eq!(decisions[0].source, CategorySource::Manual);
    assert_eq!(decisions[1].category.as_str(), "Income");
}

#[test]
fn imported_rows_are_auto_categorized() {
    let s = import::analyze(SIGNED.as_bytes(), DateFormat::Mdy).unwrap();
    let decisions = import::categorize(&s, &[], &LedgerModel::default(), &default_categories());
    let names: Vec<&str> = decisions.iter().map(|d| d.category.as_str()).collect();
    assert_eq!(names, vec!["Groceries", "Income", "Groceries"]);
}

proptest::proptest! {
    #[test]
    fn analyze_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
        let _ = import::analyze(&bytes, DateFormat::Mdy);
    }

    #[test]
    fn analyze_never_panics_on_csvish_text(text in "([0-9a-z ,;.\"/-]{0,12}[\n]){0,12}") {
        let _ = import::analyze(text.as_bytes(), DateFormat::Dmy);
    }
}
