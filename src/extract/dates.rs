//! Dates as legal texts write them: "2019 жылғы 11 сәуірдегі", "2026 жылғы 1 қаңтардан",
//! "20.10.2025", "от 11 апреля 2019 года", "05.09.95г.".
//!
//! Works on flat (whitespace-collapsed) text and returns flat offsets. Not here: what a date
//! means (signing, registration, entry into force): the callers decide from context.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Date;

/// A date found in flat text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub date: Date,
}

use crate::lang::{KAZAKH_MONTHS, RUSSIAN_MONTHS};

static KAZAKH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d{4}) ?(?:жылғы|жылы|ж\.) ?(\d{1,2}) ?([\p{L}]+)").expect("valid regex")
});
static RUSSIAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d{1,2}) ?([\p{L}]+) ?(\d{4}) ?(?:года|г\.)?").expect("valid regex")
});
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s?(?:ж\.|жылғы|г\.|года))?").expect("valid regex"));

/// Every date in `flat`, in text order, without overlaps.
pub fn find_dates(flat: &str) -> Vec<DateMatch> {
    let mut found = Vec::new();
    for caps in KAZAKH.captures_iter(flat) {
        let (Some(all), Some(y), Some(d), Some(m)) = (caps.get(0), caps.get(1), caps.get(2), caps.get(3)) else { continue };
        let Some(month) = kazakh_month(m.as_str()) else { continue };
        if let Some(date) = ymd(y.as_str(), month, d.as_str()) {
            found.push(DateMatch { start: all.start(), end: all.end(), date });
        }
    }
    for caps in RUSSIAN.captures_iter(flat) {
        let (Some(all), Some(d), Some(m), Some(y)) = (caps.get(0), caps.get(1), caps.get(2), caps.get(3)) else { continue };
        let lower = m.as_str().to_lowercase();
        let Some(month) = RUSSIAN_MONTHS.iter().position(|&name| name == lower) else { continue };
        if let Some(date) = ymd(y.as_str(), month as i8 + 1, d.as_str()) {
            found.push(DateMatch { start: all.start(), end: all.end().min(flat.len()), date });
        }
    }
    for caps in NUMERIC.captures_iter(flat) {
        let (Some(all), Some(d), Some(m), Some(y)) = (caps.get(0), caps.get(1), caps.get(2), caps.get(3)) else { continue };
        let year = match y.as_str().len() {
            2 => y.as_str().parse::<i16>().ok().map(|yy| if yy > 30 { 1900 + yy } else { 2000 + yy }),
            _ => y.as_str().parse::<i16>().ok(),
        };
        let (Some(year), Ok(month)) = (year, m.as_str().parse::<i8>()) else { continue };
        if let Some(date) = ymd(&year.to_string(), month, d.as_str()) {
            found.push(DateMatch { start: all.start(), end: all.end(), date });
        }
    }
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<DateMatch> = Vec::with_capacity(found.len());
    for m in found {
        if kept.last().is_none_or(|last| m.start >= last.end) {
            kept.push(m);
        }
    }
    kept
}

/// The date written exactly at the start of `flat` (after optional spaces), if any.
pub fn date_at(flat: &str) -> Option<DateMatch> {
    let trimmed = flat.trim_start();
    let offset = flat.len() - trimmed.len();
    let head = &trimmed[..crate::extract::flat::floor_boundary(trimmed, 60)];
    find_dates(head).into_iter().find(|m| m.start == 0).map(|m| DateMatch { start: m.start + offset, end: m.end + offset, ..m })
}

fn kazakh_month(word: &str) -> Option<i8> {
    // Kazakh texts of the 1990s often carry a Latin "i" for "і".
    let lower: String = word.to_lowercase().chars().map(|c| if c == 'i' { 'і' } else { c }).collect();
    KAZAKH_MONTHS.iter().position(|stem| lower.starts_with(stem)).map(|i| i as i8 + 1)
}

fn ymd(year: &str, month: i8, day: &str) -> Option<Date> {
    let year: i16 = year.parse().ok()?;
    let day: i8 = day.parse().ok()?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    Date::from_ymd(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str) -> Vec<String> {
        find_dates(s).into_iter().map(|m| m.date.to_string()).collect()
    }

    #[test]
    fn kazakh_forms() {
        assert_eq!(dates("2019 жылғы 11 сәуірдегі № 37/НҚ"), ["2019-04-11"]);
        assert_eq!(dates("Осы бұйрық 2026 жылғы 1 қаңтардан бастап"), ["2026-01-01"]);
        assert_eq!(dates("2025 жылғы 21 қазанда № 37182"), ["2025-10-21"]);
        assert_eq!(dates("1995 жылғы 5 қыркүйектегi N 1230"), ["1995-09-05"]);
    }

    #[test]
    fn russian_and_numeric_forms() {
        assert_eq!(dates("от 11 апреля 2019 года № 37/НҚ"), ["2019-04-11"]);
        assert_eq!(dates("министрінің 20.10.2025 (№ 521/НҚ 01.01.2026 бастап"), ["2025-10-20", "2026-01-01"]);
        assert_eq!(dates("Осы бұйрық 01.01.2026 ж. бастап"), ["2026-01-01"]);
        assert_eq!(dates("N 1230 от 05.09.95г."), ["1995-09-05"]);
    }

    #[test]
    fn rejects_impossible_dates_and_plain_numbers() {
        assert!(dates("2025 жылғы 31 ақпандағы").is_empty());
        assert!(dates("1.2.3 тармақ, 15408-3-2017").is_empty());
        assert!(dates("2025 жылғы № бұйрығына").is_empty());
    }
}
