//! Table-driven tests of the date parser per language, through the public
//! API the extractor uses (`find_dates`): what must be found (values in
//! order, in the contract's notation) and what must not be a date.

use chrono::NaiveDate;
use fineprint::date::find_dates;
use fineprint::lexicon::Lexicon;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::load(None).expect("embedded patterns load"))
}

/// Every date mention of `text` on a page in `lang`, as of `as_of`.
fn dates(lang: &str, as_of: &str, text: &str) -> Vec<String> {
    let lex = lex();
    let li = lex.language_index(lang).expect("known language");
    let order = lex.languages[li].date_order;
    let folded = fineprint::text::fold(text);
    let as_of = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("date");
    find_dates(lex, &folded, as_of, order, Some(&[li]))
        .into_iter()
        .map(|d| d.value.to_string())
        .collect()
}

fn check(lang: &str, as_of: &str, cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = dates(lang, as_of, text);
        if got != *want {
            failures.push(format!(
                "{lang}: {text:?}\n   want {want:?}\n   got  {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn english() {
    check(
        "en",
        "2026-05-20",
        &[
            ("Valid until May 31, 2026", &["2026-05-31"]),
            (
                "Expires 06/30/2026 11:59 PM PT",
                &["2026-06-30T23:59:00-07:00"],
            ),
            ("ends 11:59 PM PT on May 31", &["2026-05-31T23:59:00-07:00"]),
            ("Offer ends 31st of December 2026", &["2026-12-31"]),
            ("from 20 to 31 May 2026", &["2026-05-20", "2026-05-31"]),
            ("05-Aug-2026", &["2026-08-05"]),
            ("2026/sep/01", &["2026-09-01"]),
            ("Sep-23-2026", &["2026-09-23"]),
            ("23/Sep/2026", &["2026-09-23"]),
            ("Oct-2", &["2026-10-02"]),
            ("October, 1st", &["2026-10-01"]),
            ("the twenty second of June", &["2026-06-22"]),
            ("Jan first", &["2027-01-01"]),
            ("May twenty-first", &["2026-05-21"]),
            ("January twenty five nineteen eighty six", &["1986-01-25"]),
            ("on the tenth of September, two thousand", &["2000-09-10"]),
            ("15 April of 87", &["1987-04-15"]),
            ("05/05/89", &["1989-05-05"]),
            ("2026-7-6", &["2026-07-06"]),
            ("sales_report-2002-10-09.xlsx", &["2002-10-09"]),
            ("We met on 5 December 1391", &["1391-12-05"]),
            ("I paid $12 December 27", &["2026-12-27"]),
            // Not dates.
            ("You may not combine this offer. Save $5.", &[]),
            ("No one may use it twice", &[]),
            ("Price $3.99 and 10.05 each", &[]),
            ("I'll go back on 4.22", &[]),
            ("Ages 4-12 welcome", &[]),
            ("Sizes 10 12 14", &[]),
            ("Call 06 12 34 56 78", &[]),
            ("Valid in May. 3 per customer", &[]),
            ("Valid in May, 3 per customer", &[]),
            ("May 5 pm sharp", &[]),
        ],
    );
}

#[test]
fn spanish() {
    check(
        "es",
        "2026-05-20",
        &[
            ("válido hasta el 31 de mayo de 2026", &["2026-05-31"]),
            ("del 1 al 15 de junio", &["2026-06-01", "2026-06-15"]),
            ("31-dic-2026", &["2026-12-31"]),
            ("el primero de Ene", &["2027-01-01"]),
            ("el veintiuno de Mayo", &["2026-05-21"]),
            ("diez de octubre de dos mil dieciocho", &["2018-10-10"]),
            (
                "veintiocho de marzo de mil novecientos noventa y dos",
                &["1992-03-28"],
            ),
            ("el 1.º de julio, 17.", &["2017-07-01"]),
            ("volveré el 4.22", &["2027-04-22"]),
            ("en 12-5", &["2027-05-12"]),
            ("31/05 a las 23:59 h", &["2026-05-31T23:59:00"]),
            // Not dates.
            ("cuesta 3,99 €", &[]),
            ("tallas 4-12", &[]),
            ("un mayo", &[]),
        ],
    );
}

#[test]
fn portuguese() {
    check(
        "pt",
        "2026-05-20",
        &[
            ("válido até 31/05/2026 às 23h59", &["2026-05-31T23:59:00"]),
            (
                "até 31/05 (encerra às 12:00, GMT-3)",
                &["2026-05-31T12:00:00-03:00"],
            ),
            (
                "Válido das 10h de 10/06 até as 23h59 de 20/06 (horário de Brasília).",
                &["2026-06-10T10:00:00-03:00", "2026-06-20T23:59:00-03:00"],
            ),
            ("de 20/05 a 02/06", &["2026-05-20", "2026-06-02"]),
            ("vinte e um de Maio", &["2026-05-21"]),
            ("2 de outubro de dois mil e vinte", &["2020-10-02"]),
            ("23 de novembro 82", &["1982-11-23"]),
            ("set-23-2026", &["2026-09-23"]),
            // Not dates.
            ("R$ 74,90 em 10x", &[]),
        ],
    );
}

#[test]
fn french() {
    check(
        "fr",
        "2026-05-20",
        &[
            ("jusqu'au 31 mai à 23 h 59", &["2026-05-31T23:59:00"]),
            ("du 1er au 15 juin 2026", &["2026-06-01", "2026-06-15"]),
            ("le 4e jour de juillet de 1995", &["1995-07-04"]),
            ("Mai vingt et un", &["2026-05-21"]),
            ("1er avril 78", &["1978-04-01"]),
            ("15.05.99", &["1999-05-15"]),
            ("Je retournerai 02 04 2009 à la maison.", &["2009-04-02"]),
            ("12/08, 2015", &["2015-08-12"]),
            ("23 h 59 le 31 mai", &["2026-05-31T23:59:00"]),
            // Not dates.
            ("Appelez le 01 23 45 67 89", &[]),
        ],
    );
}

#[test]
fn german() {
    check(
        "de",
        "2026-05-20",
        &[
            ("gültig bis 31.05.2026", &["2026-05-31"]),
            ("vom 20.05. bis 31.05.2026", &["2026-05-20", "2026-05-31"]),
            ("Ich komme am 15.1. zurück.", &["2027-01-15"]),
            ("am 22.04 zurück", &["2027-04-22"]),
            ("Das Treffen ist am 27. 11.", &["2026-11-27"]),
            ("am ersten Januar 2027", &["2027-01-01"]),
            ("am neunundzwanzigsten Mai", &["2026-05-29"]),
            ("05/05/89", &["1989-05-05"]),
            (
                "Nur am 12. Juni von 18:00 bis 22:00 Uhr (MESZ)",
                &["2026-06-12T18:00:00+02:00", "2026-06-12T22:00:00+02:00"],
            ),
            (
                "Gültig bis 31.10.2026, 23.59 Uhr (Schweizer Zeit).",
                &["2026-10-31T23:59:00+01:00"],
            ),
            // Not dates.
            ("um 10.30 Uhr", &[]),
            ("ab 8.30 geöffnet", &[]),
            ("Preis 19,99 €", &[]),
            ("Version 2.1.3", &[]),
        ],
    );
}

#[test]
fn italian() {
    check(
        "it",
        "2026-05-20",
        &[
            ("valido fino al 31 maggio 2026", &["2026-05-31"]),
            ("dal 1 al 15 giugno", &["2026-06-01", "2026-06-15"]),
            ("il ventidue di Giugno", &["2026-06-22"]),
            ("Lunedì, ventidue Gen, 2018", &["2018-01-22"]),
            ("il primo Gen", &["2027-01-01"]),
            ("il dieci di Settembre, duemila", &["2000-09-10"]),
            ("entro le 23:59 del 31/05", &["2026-05-31T23:59:00"]),
            ("Tornerò il 4.22", &["2027-04-22"]),
            ("dalle ore 8.30", &[]),
            // Not dates.
            ("un maggio", &[]),
        ],
    );
}

#[test]
fn russian() {
    check(
        "ru",
        "2026-05-20",
        &[
            (
                "Срок действия: с 00:00 1 июня до 23:59 14 июня 2026 г. по московскому времени.",
                &["2026-06-01T00:00:00+03:00", "2026-06-14T23:59:00+03:00"],
            ),
            ("с 1 по 15 июня", &["2026-06-01", "2026-06-15"]),
            (
                "30 ноября, до 23:59 по Москве",
                &["2026-11-30T23:59:00+03:00"],
            ),
            ("до 31.05.2026", &["2026-05-31"]),
            // Not dates.
            ("скидка 25%", &[]),
        ],
    );
}

#[test]
fn arabic() {
    check(
        "ar",
        "2026-05-20",
        &[
            ("حتى 31 مايو الساعة 11:59 مساءً", &["2026-05-31T23:59:00"]),
            ("سأعود  22-4", &["2027-04-22"]),
            ("في العاشر من سبتمبر ، ألفين", &["2000-09-10"]),
            ("الاثنين، يناير الثاني والعشرين، 2018", &["2018-01-22"]),
            ("في سبتمبر10, ألف وتسعمائة وواحد", &["1901-09-10"]),
            ("عقدنا اجتماعا في 5 ديسمبر 1391", &["1391-12-05"]),
            // Not dates.
            ("خصم 20%", &[]),
        ],
    );
}

/// A yearless range already running on the reading day keeps its start in
/// the same year as its end.
#[test]
fn yearless_ranges_that_are_already_running() {
    check(
        "es",
        "2026-06-12",
        &[("Del 8 al 14 de junio", &["2026-06-08", "2026-06-14"])],
    );
    check(
        "pt",
        "2026-08-25",
        &[("De 21/08 a 27/08", &["2026-08-21", "2026-08-27"])],
    );
    // Across the new year: the start falls in the end's previous year.
    check(
        "en",
        "2026-12-20",
        &[(
            "from December 26 to January 4",
            &["2026-12-26", "2027-01-04"],
        )],
    );
}

#[test]
fn the_end_of_a_month_is_its_last_day() {
    check(
        "en",
        "2026-08-20",
        &[
            ("valid through the end of September", &["2026-09-30"]),
            // The nearest such month ahead; February's last day by its year.
            ("ends at the end of June", &["2027-06-30"]),
            ("until the end of February 2028", &["2028-02-29"]),
        ],
    );
    for (lang, as_of, text, want) in [
        ("ru", "2026-08-20", "до конца сентября", "2026-09-30"),
        ("de", "2026-01-10", "gültig bis Ende Februar", "2026-02-28"),
        (
            "es",
            "2026-08-20",
            "hasta finales de noviembre",
            "2026-11-30",
        ),
        ("fr", "2026-08-20", "jusqu'à fin octobre", "2026-10-31"),
        ("it", "2026-08-20", "fino a fine ottobre", "2026-10-31"),
        ("pt", "2026-08-20", "até ao final de outubro", "2026-10-31"),
    ] {
        check(lang, as_of, &[(text, &[want])]);
    }
}
