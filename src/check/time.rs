//! The validity window against the cart's moment, with time-zone care.
//!
//! Every moment is held as a *centre* instant (UTC) and an *uncertainty
//! radius*:
//!
//! - a bound with an offset (`2026-05-31T23:59:00-07:00`), or a local time
//!   whose `time_zone` the record states, is an exact instant (radius 0);
//! - a local time without zone (`2026-05-31T23:59:00`) is its wall-clock time
//!   read as UTC, ± 14 h (every offset in use lies within ±14 h);
//! - a date-only bound (with or without a stated zone) is a calendar day compared with the
//!   cart's own day: an end is valid through the end of that day in the
//!   cart's offset, a start from the start of it.
//!
//! The cart's `at` is normally zoned (radius 0); a zone-less cart time gets
//! the same ±14 h, and a date-only one its whole day ± 14 h.
//!
//! Comparing centre `c` (cart) with bound `b`, combined radius `R`: with
//! `R = 0`, an end fails when `c > b`, a start when `c < b` (both bounds are
//! valid moments); with `R > 0`, the condition is open when `|c − b| ≤ R`,
//! else settled by the sign.

use super::outcome::{Condition, Reason};
use super::zone::Zone;
use crate::record::{Validity, When};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// How far a wall-clock time without zone can lie from the same wall-clock
/// time read as UTC.
pub const LOCAL_RADIUS_HOURS: i64 = 14;

/// How close an end must be for the `expires_soon` risk.
pub const SOON_HOURS: i64 = 24;

/// The cart's moment.
#[derive(Debug, Clone, Copy)]
pub struct CartMoment {
    centre: DateTime<Utc>,
    radius: Duration,
    /// The cart's own calendar day (in its own offset).
    day: NaiveDate,
    /// The cart's own wall-clock time (in its own offset).
    wall: NaiveDateTime,
}

impl CartMoment {
    pub fn new(at: &When) -> CartMoment {
        let local = Duration::hours(LOCAL_RADIUS_HOURS);
        match at {
            When::Zoned(dt) => CartMoment {
                centre: dt.with_timezone(&Utc),
                radius: Duration::zero(),
                day: dt.date_naive(),
                wall: dt.naive_local(),
            },
            When::Local(wall) => CartMoment {
                centre: wall.and_utc(),
                radius: local,
                day: wall.date(),
                wall: *wall,
            },
            When::Date(d) => {
                let noon = d.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
                CartMoment {
                    centre: noon.and_utc(),
                    radius: local + Duration::hours(12),
                    day: *d,
                    wall: noon,
                }
            }
        }
    }
}

/// A validity bound resolved for comparison.
#[derive(Debug, Clone, Copy)]
enum Bound {
    Instant {
        centre: DateTime<Utc>,
        radius: Duration,
    },
    /// A date-only bound read in the cart's own offset.
    CartDay(NaiveDate),
}

/// Which end of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Start,
    End,
}

/// The `expired` and `not_started` conditions of a validity window, and
/// whether the voucher expires soon (not expired, ends within 24 h).
pub struct TimeJudgement {
    pub conditions: Vec<Condition>,
    pub expires_soon: bool,
}

/// Judges the window of `validity` at the cart's moment (`None`: the cart
/// gives no time, so any bound the voucher sets is open).
pub fn judge(validity: &Validity, at: Option<&When>) -> TimeJudgement {
    let zone_text = validity.time_zone.as_deref();
    let zone = zone_text.and_then(Zone::parse);
    let mut conditions = Vec::new();
    let mut expires_soon = false;
    let cart = at.map(CartMoment::new);
    for (side, when) in [(Side::End, validity.ends), (Side::Start, validity.starts)] {
        let Some(when) = when else { continue };
        let reason = match side {
            Side::End => Reason::Expired,
            Side::Start => Reason::NotStarted,
        };
        let Some(cart) = cart else {
            conditions.push(Condition::open(
                reason,
                format!("the cart gives no time; the voucher {} {when}", verb(side)),
            ));
            continue;
        };
        let bound = resolve(&when, zone, side);
        let condition = compare(&cart, bound, side, &when, reason);
        if side == Side::End && condition.outcome != super::outcome::Outcome::Failing {
            expires_soon =
                remaining(&cart, bound).is_some_and(|r| r <= Duration::hours(SOON_HOURS));
        }
        conditions.push(condition);
    }
    TimeJudgement {
        conditions,
        expires_soon,
    }
}

fn verb(side: Side) -> &'static str {
    match side {
        Side::Start => "starts",
        Side::End => "ends",
    }
}

/// The bound as an instant or a cart-day.
fn resolve(when: &When, zone: Option<Zone>, side: Side) -> Bound {
    let exact = |t: DateTime<Utc>| Bound::Instant {
        centre: t,
        radius: Duration::zero(),
    };
    let latest = side == Side::End;
    match (*when, zone) {
        (When::Zoned(dt), _) => exact(dt.with_timezone(&Utc)),
        (When::Local(wall), Some(z)) => z.instant(wall, latest).map_or_else(|| local(wall), exact),
        (When::Local(wall), None) => local(wall),
        // The contract reads a date-only bound in the cart's own offset,
        // whatever zone the record names.
        (When::Date(d), _) => Bound::CartDay(d),
    }
}

fn local(wall: NaiveDateTime) -> Bound {
    Bound::Instant {
        centre: wall.and_utc(),
        radius: Duration::hours(LOCAL_RADIUS_HOURS),
    }
}

fn compare(cart: &CartMoment, bound: Bound, side: Side, when: &When, reason: Reason) -> Condition {
    let (fail_word, ok_word) = match side {
        Side::End => ("ended", "ends"),
        Side::Start => ("starts", "started"),
    };
    match bound {
        Bound::CartDay(day) => {
            let failing = match side {
                Side::End => cart.day > day,
                Side::Start => cart.day < day,
            };
            if failing {
                Condition::failing(
                    reason,
                    format!("{fail_word} {when} (the cart's day is {})", cart.day),
                )
            } else {
                Condition::ok(
                    reason,
                    format!("{ok_word} {when} (the cart's day is {})", cart.day),
                )
            }
        }
        Bound::Instant { centre, radius } => {
            let total = radius + cart.radius;
            // Positive when the cart is on the failing side of the bound.
            let past = match side {
                Side::End => cart.centre - centre,
                Side::Start => centre - cart.centre,
            };
            if total.is_zero() {
                if past > Duration::zero() {
                    Condition::failing(reason, format!("{fail_word} {when}"))
                } else {
                    Condition::ok(reason, format!("{ok_word} {when}"))
                }
            } else if past > total {
                Condition::failing(reason, format!("{fail_word} {when} (in any time zone)"))
            } else if past < -total {
                Condition::ok(reason, format!("{ok_word} {when} (in any time zone)"))
            } else {
                Condition::open(
                    reason,
                    format!(
                        "{when} states no time zone and the cart is within {} h of it",
                        total.num_hours()
                    ),
                )
            }
        }
    }
}

/// Time left from the cart's moment to the end bound.
fn remaining(cart: &CartMoment, bound: Bound) -> Option<Duration> {
    match bound {
        Bound::Instant { centre, .. } => Some(centre - cart.centre),
        Bound::CartDay(day) => {
            let next = day.succ_opt()?.and_time(NaiveTime::MIN);
            Some(next - cart.wall)
        }
    }
}
