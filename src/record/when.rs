//! A validity bound with the precision the text supports: a date, a local
//! date-time without zone, or a date-time with a UTC offset.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `2026-05-31`
    Date(NaiveDate),
    /// `2026-05-31T23:59:00`
    Local(NaiveDateTime),
    /// `2026-05-31T23:59:00-07:00`
    Zoned(DateTime<FixedOffset>),
}

impl When {
    /// The calendar date of the bound, as written.
    pub fn date(&self) -> NaiveDate {
        match self {
            When::Date(d) => *d,
            When::Local(dt) => dt.date(),
            When::Zoned(dt) => dt.date_naive(),
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            When::Local(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S")),
            When::Zoned(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S%:z")),
        }
    }
}

/// The text is not one of the three date-time forms of the contract.
#[derive(Debug, thiserror::Error)]
#[error("not a date, local date-time or zoned date-time: {0:?}")]
pub struct WhenParseError(String);

impl FromStr for When {
    type Err = WhenParseError;
    fn from_str(s: &str) -> Result<When, WhenParseError> {
        let s = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(When::Date(d));
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Ok(When::Zoned(dt));
        }
        for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
                return Ok(When::Local(dt));
            }
        }
        Err(WhenParseError(s.to_string()))
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<When, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_three_forms() {
        for s in [
            "2026-05-31",
            "2026-05-31T23:59:00",
            "2026-05-31T23:59:00-07:00",
            "2026-05-31T15:59:59+00:00",
        ] {
            let w: When = s.parse().unwrap();
            assert_eq!(w.to_string(), s);
        }
        assert!("31/05/2026".parse::<When>().is_err());
    }
}
