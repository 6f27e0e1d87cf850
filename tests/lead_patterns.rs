//! The shipped pattern files: they load, every rule's examples match that
//! rule, and every language has the files a language needs.

use fineprint::lexicon::Lexicon;
use fineprint::text::fold;

#[test]
fn every_cue_example_matches_its_rule() {
    let lex = Lexicon::load(None).expect("embedded patterns load");
    let mut failures = Vec::new();
    for (id, example, lang) in &lex.examples {
        let folded = fold(example);
        let langs = lang.map(|l| vec![l]);
        let hit = lex
            .cues
            .find(&folded, langs.as_deref())
            .any(|h| &h.value.id == id);
        if !hit {
            failures.push(format!("{id}: {example:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "examples that do not match their rule:\n{}",
        failures.join("\n")
    );
    assert!(lex.examples.len() > 100);
}

#[test]
fn the_eight_languages_are_loaded_with_their_conventions() {
    let lex = Lexicon::load(None).unwrap();
    for tag in ["en", "es", "pt", "fr", "de", "it", "ru", "ar"] {
        let i = lex
            .language_index(tag)
            .unwrap_or_else(|| panic!("{tag} is loaded"));
        let l = &lex.languages[i];
        assert_eq!(l.tag, tag);
        let months = lex.months.find(&fold("x"), Some(&[i])).count();
        assert_eq!(months, 0);
    }
    assert_eq!(
        lex.languages[lex.language_index("de").unwrap()].decimal,
        ','
    );
    assert_eq!(
        lex.languages[lex.language_index("en").unwrap()].decimal,
        '.'
    );
}

/// Writes `files` (path relative to the overlay, contents) into a new folder.
fn overlay(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn a_language_added_by_files_reads_subunits_ordinals_and_connectors() {
    let dir = overlay(&[
        (
            "nl/language.toml",
            "tag = \"nl\"\nname = \"Nederlands\"\ndecimal = \",\"\ndate_order = \"dmy\"\n",
        ),
        (
            "nl/numbers.toml",
            "connectors = [\"en\"]\n[words]\n\"een\" = 1\n\"twintig\" = 20\n[ordinals]\n\"eerste\" = 1\n",
        ),
        (
            "nl/money.toml",
            "cents_connectors = [\"en\"]\n[[currency]]\ncode = \"EUR\"\nforms = [\"euro\"]\n\n[[subunit]]\nforms = [\"eurocent\"]\ncandidates = [\"EUR\"]\n",
        ),
    ]);
    let lex = Lexicon::load(Some(dir.path())).unwrap();
    let nl = [lex.language_index("nl").unwrap()];
    let text = fold("nog 50 eurocent korting, of 3 euro en 25 eurocent");
    let found = fineprint::money::find_money(&lex, &text, Some(&nl), ',', false);
    let amounts: Vec<String> = found
        .iter()
        .map(|m| format!("{} {:?}", m.amount, m.reading))
        .collect();
    assert_eq!(
        amounts,
        ["0.5 Some(Code(\"EUR\"))", "3.25 Some(Code(\"EUR\"))"]
    );
    assert_eq!(
        *lex.ordinals
            .at("de eerste dag", 3, Some(&nl))
            .unwrap()
            .value,
        1
    );
    let en = [lex.language_index("en").unwrap()];
    assert!(lex.ordinals.at("de eerste dag", 3, Some(&en)).is_none());
    assert!(lex
        .number_connectors
        .at("twintig en een", 8, Some(&nl))
        .is_some());
}

#[test]
fn bad_subunits_name_their_file_and_line() {
    for (money, line, what) in [
        (
            "[[subunit]]\nforms = [\"c\"]\ncandidates = []\n",
            3,
            "needs a candidate",
        ),
        (
            "[[subunit]]\nforms = [\"c\"]\ncandidates = [\"eur\"]\n",
            3,
            "currency code",
        ),
        (
            "[[subunit]]\nforms = [\"c\"]\nper = 1\ncandidates = [\"EUR\"]\n",
            3,
            "per must",
        ),
        ("[[subunit]]\nform = [\"c\"]\n", 2, "unknown field"),
    ] {
        let dir = overlay(&[("en/money.toml", money)]);
        let err = Lexicon::load(Some(dir.path())).unwrap_err().to_string();
        assert!(
            err.contains(&format!("en/money.toml:{line}:")) && err.contains(what),
            "{money:?} gave {err}"
        );
    }
}

#[test]
fn a_glued_separator_needs_the_word_start_after_its_conjunction() {
    let dir = overlay(&[(
        "ar/terms.toml",
        "[capture]\nseparators = [\"و\"]\nglued_separators = [\"و\"]\n",
    )]);
    let err = Lexicon::load(Some(dir.path())).unwrap_err().to_string();
    assert!(
        err.contains("ar/terms.toml:2:") || err.contains("ar/terms.toml:3:"),
        "{err}"
    );
    assert!(err.contains("glued separator"), "{err}");
}

#[test]
fn a_glued_prefix_is_one_letter() {
    let dir = overlay(&[(
        "xx/language.toml",
        "tag = \"xx\"\nname = \"X\"\ndecimal = \".\"\ndate_order = \"dmy\"\nglued_prefixes = [\"wa\"]\n",
    )]);
    let err = Lexicon::load(Some(dir.path())).unwrap_err().to_string();
    assert!(err.contains("xx/language.toml:5:"), "{err}");
    assert!(err.contains("one letter"), "{err}");
}

#[test]
fn a_percent_word_has_no_digits() {
    let dir = overlay(&[(
        "xx/language.toml",
        "tag = \"xx\"\nname = \"X\"\ndecimal = \".\"\ndate_order = \"dmy\"\npercent_words = [\"pct2\"]\n",
    )]);
    let err = Lexicon::load(Some(dir.path())).unwrap_err().to_string();
    assert!(err.contains("xx/language.toml:5:"), "{err}");
    assert!(err.contains("percent word"), "{err}");
}
