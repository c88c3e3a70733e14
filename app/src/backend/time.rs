//! Dates are stored in UTC and shown in Europe/Paris, in French.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

pub fn date_fr(date: NaiveDate) -> String {
    use chrono::Datelike;
    let day = date.day();
    let day = if day == 1 {
        "1er".to_string()
    } else {
        day.to_string()
    };
    format!("{day} {} {}", MONTHS[date.month0() as usize], date.year())
}

pub fn datetime_fr(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Paris);
    format!(
        "{} à {}",
        date_fr(local.date_naive()),
        local.format("%H:%M")
    )
}

/// Today's date in Paris (deadlines are Paris dates).
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&Paris).date_naive()
}

/// The first instant of the current month in Paris, and the first day of
/// the next one (monthly limits count calendar months, in Paris).
pub fn this_month() -> (DateTime<Utc>, NaiveDate) {
    use chrono::{Datelike, TimeZone};
    let today = today();
    let first = today.with_day(1).unwrap_or(today);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    let start = Paris
        .from_local_datetime(&first.and_hms_opt(0, 0, 0).unwrap_or_default())
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(Utc::now);
    (start, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn french_dates_in_paris_time() {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(datetime_fr(at), "1er janvier 2027 à 00:30");
        let summer = Utc.with_ymd_and_hms(2026, 7, 14, 10, 5, 0).unwrap();
        assert_eq!(datetime_fr(summer), "14 juillet 2026 à 12:05");
    }
}
