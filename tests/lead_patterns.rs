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
