//! The lexicon: the pattern dictionaries of `patterns/`, loaded, validated
//! and compiled once per process.
//!
//! `patterns/base/` holds what all languages share (currency symbols and
//! codes, time-zone abbreviations, payment brands); `patterns/<lang>/` holds
//! one language (its number and date conventions, currency names, month
//! names, term cue phrases, country names). The defaults are embedded in the
//! binary; [`Lexicon::load`] with a directory overlays it: a file there
//! replaces the embedded file of the same relative path, a new file adds to
//! them. Every problem is reported as `file:line: what is wrong`.
//!
//! ```
//! let lexicon = fineprint::lexicon::Lexicon::load(None).unwrap();
//! assert!(lexicon.language_index("en").is_some());
//! ```

pub mod anchored;
pub mod compile;
mod files;
mod phrases;

pub use anchored::{AnchoredSet, Subunit};
pub use compile::{
    Capture, Cue, CueKind, CurrencyReading, DateOrder, DateWord, Language, Side, ZoneSpec,
};
pub use phrases::{Hit, PhraseSet};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The embedded default pattern files: `(path relative to patterns/, contents)`.
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_patterns.rs"));

/// A pattern file that cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}:{line}: {message}")]
    Invalid {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}

/// The compiled dictionaries of every loaded language.
#[derive(Debug)]
pub struct Lexicon {
    pub languages: Vec<Language>,
    /// Currency symbols, ISO codes and names, with what they can mean.
    pub currencies: PhraseSet<CurrencyReading>,
    /// Country code → its currency (for resolving `$` by region).
    pub country_currency: BTreeMap<String, String>,
    /// Currency code → digits of its minor unit, where not 2 (`KWD` → 3).
    pub currency_decimals: BTreeMap<String, u32>,
    /// Number words (`one`, `once`, `cinco`) → value.
    pub number_words: PhraseSet<u64>,
    /// Multiplier words after a number (`k`, `mil`, `million`) → factor.
    pub multipliers: PhraseSet<u64>,
    /// Month names and abbreviations → month number.
    pub months: PhraseSet<u32>,
    /// The small words of dates (joiners, ordinals, am/pm, range words).
    pub date_words: PhraseSet<DateWord>,
    /// Time-zone names and abbreviations.
    pub zones: PhraseSet<ZoneSpec>,
    /// Term cue phrases.
    pub cues: PhraseSet<Cue>,
    /// Country names → ISO 3166-1 alpha-2.
    pub countries: PhraseSet<String>,
    /// Payment method names.
    pub payments: PhraseSet<()>,
    /// Written ordinals (`first`, `ersten`) → value.
    pub ordinals: AnchoredSet<u64>,
    /// Words joining the parts of a written number; `true`: written glued.
    pub number_connectors: AnchoredSet<bool>,
    /// Words between a multiplier and its currency (`millones de dólares`).
    pub multiplier_joiners: AnchoredSet<()>,
    /// Words between an amount and its cents; `true`: written glued.
    pub cents_connectors: AnchoredSet<bool>,
    /// Currency subunit forms (`cents`, `копеек`).
    pub subunits: AnchoredSet<Subunit>,
    /// Per language: how names are captured after a scope cue.
    pub captures: Vec<Capture>,
    /// `(rule id, example, language)` for every example given with a cue.
    pub examples: Vec<(String, String, Option<usize>)>,
}

impl Lexicon {
    /// Loads the embedded patterns, overlaid with the files of `dir` if given.
    pub fn load(dir: Option<&Path>) -> Result<Lexicon, LexiconError> {
        let mut files: BTreeMap<String, (String, String)> = EMBEDDED
            .iter()
            .map(|(rel, text)| {
                (
                    rel.to_string(),
                    (format!("patterns/{rel}"), text.to_string()),
                )
            })
            .collect();
        if let Some(dir) = dir {
            read_overlay(dir, dir, &mut files)?;
        }
        compile::compile(
            files
                .into_iter()
                .map(|(rel, (shown, text))| (rel, shown, text)),
        )
    }

    /// The index of a language by tag (`en`, `pt`, ...; a region suffix is ignored).
    pub fn language_index(&self, tag: &str) -> Option<usize> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or(tag)
            .to_ascii_lowercase();
        self.languages.iter().position(|l| l.tag == primary)
    }
}

fn read_overlay(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, (String, String)>,
) -> Result<(), LexiconError> {
    let entries = std::fs::read_dir(dir).map_err(|source| LexiconError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            read_overlay(root, &path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).map_err(|source| LexiconError::Io {
                path: path.clone(),
                source,
            })?;
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, (path.display().to_string(), text));
        }
    }
    Ok(())
}
