//! Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) and their CLDR formatting per locale.
//!
//! Briefings often know only a month or a year; a partial date prints only what is known
//! ("septembre 2024", "2023") and sorts as the start of its period (2024 < 2024-09 <
//! 2024-09-02), so nothing is invented. Only this module knows icu_datetime and icu_decimal:
//! it also writes the counts shown beside years (archive, timelines) in the locale's digits.

use icu_calendar::{Date, Gregorian};
use icu_datetime::{FixedCalendarDateTimeFormatter, fieldsets};
use icu_locale_core::Locale;
use serde::{Deserialize, Deserializer};
use std::fmt;

/// A calendar date of which the month and day may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and checks that the date exists.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let text = text.trim();
        let expected = || {
            format!("`{text}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-09)")
        };
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let ok_shape = match parts.len() {
            1 => digits(parts[0], 4),
            2 => digits(parts[0], 4) && digits(parts[1], 2),
            3 => digits(parts[0], 4) && digits(parts[1], 2) && digits(parts[2], 2),
            _ => false,
        };
        if !ok_shape {
            return Err(expected());
        }
        let year: i32 = parts[0].parse().map_err(|_| expected())?;
        let month: Option<u8> = parts.get(1).and_then(|m| m.parse().ok());
        let day: Option<u8> = parts.get(2).and_then(|d| d.parse().ok());
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!(
                "`{text}` has no month {m}: months run from 01 to 12"
            ));
        }
        if let (Some(m), Some(d)) = (month, day)
            && Date::try_new_gregorian(year, m, d).is_err()
        {
            return Err(format!("`{text}` is not a day of the calendar"));
        }
        Ok(PartialDate { year, month, day })
    }

    /// The ISO 8601 form, as valid in HTML's `<time datetime>` (`2024`, `2024-09`, `2024-09-05`).
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Today's date in UTC, from the system clock (`marsad new` and `init` date what they
    /// write with it; a clock before 1970 gives 1970-01-01).
    pub fn today() -> PartialDate {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        PartialDate::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// The full date `days` days before `date` (a full date: year, month and day).
    pub fn days_before(date: PartialDate, days: i64) -> PartialDate {
        PartialDate::from_days_since_epoch(date.days_since_epoch() - days)
    }

    /// Days from 1970-01-01 to this date's first day (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(&self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month.unwrap_or(1)),
            i64::from(self.day.unwrap_or(1)),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`: exact
    /// for the proleptic Gregorian calendar, no table, no dependency).
    pub fn from_days_since_epoch(days: i64) -> PartialDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// A full RFC 3339 timestamp at the start of the known period, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    /// YAML reads `date: 2024` as a number and `date: 2024-09` as a string: both are accepted,
    /// and a bad value fails inside the deserializer so serde_yaml reports its line.
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
        }
        de.deserialize_any(Visitor)
    }
}

/// Formats dates the way one locale writes them, with CLDR data: "20 July 2023",
/// "septembre 2024", "20 يوليوز 2023" for `ar-MA`.
pub struct DateFormatter {
    day: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YM>,
    year: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::Y>,
    month_name: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::M>,
    number: icu_decimal::DecimalFormatter,
}

impl DateFormatter {
    pub fn new(locale: &Locale) -> Result<DateFormatter, String> {
        let prefs = || locale.clone().into();
        let err = |e: icu_datetime::DateTimeFormatterLoadError| {
            format!("no CLDR date formats for locale `{locale}`: {e}")
        };
        Ok(DateFormatter {
            day: FixedCalendarDateTimeFormatter::try_new(prefs(), fieldsets::YMD::long())
                .map_err(err)?,
            month: FixedCalendarDateTimeFormatter::try_new(prefs(), fieldsets::YM::long())
                .map_err(err)?,
            year: FixedCalendarDateTimeFormatter::try_new(prefs(), fieldsets::Y::long())
                .map_err(err)?,
            month_name: FixedCalendarDateTimeFormatter::try_new(prefs(), fieldsets::M::long())
                .map_err(err)?,
            number: icu_decimal::DecimalFormatter::try_new(
                locale.clone().into(),
                Default::default(),
            )
            .map_err(|e| format!("no CLDR number formats for locale `{locale}`: {e}"))?,
        })
    }

    /// Prints only what is known of the date.
    pub fn format(&self, date: &PartialDate) -> String {
        let full =
            Date::try_new_gregorian(date.year, date.month.unwrap_or(1), date.day.unwrap_or(1));
        let Ok(full) = full else {
            // PartialDate::parse only lets real dates through; keep a readable fallback anyway.
            return date.iso();
        };
        match (date.month, date.day) {
            (Some(_), Some(_)) => self.day.format(&full).to_string(),
            (Some(_), None) => self.month.format(&full).to_string(),
            _ => self.year.format(&full).to_string(),
        }
    }

    /// A month's name standing alone, as an archive heading ("July", "juillet", "يوليوز").
    pub fn month_name(&self, month: u8) -> String {
        match Date::try_new_gregorian(2000, month, 1) {
            Ok(d) => self.month_name.format(&d).to_string(),
            Err(_) => month.to_string(),
        }
    }

    /// A whole number in the locale's digits and grouping ("1,234", "1 234").
    pub fn number(&self, n: usize) -> String {
        self.number
            .format(&icu_decimal::input::Decimal::from(n as u64))
            .to_string()
    }

    /// A year as the locale writes it (its numbering system), for labels outside a date.
    pub fn year(&self, year: i32) -> String {
        match Date::try_new_gregorian(year, 1, 1) {
            Ok(d) => self.year.format(&d).to_string(),
            Err(_) => year.to_string(),
        }
    }
}

thread_local! {
    /// Formatters are not `Sync` (icu keeps data behind `Rc`): each rendering thread keeps
    /// its own, made once per locale.
    static FORMATTERS: std::cell::RefCell<std::collections::HashMap<String, std::rc::Rc<DateFormatter>>> =
        Default::default();
}

/// Runs `f` with this thread's formatter for `locale`.
pub fn with_formatter<R>(
    locale: &Locale,
    f: impl FnOnce(&DateFormatter) -> R,
) -> Result<R, String> {
    let key = locale.to_string();
    let cached = FORMATTERS.with(|m| m.borrow().get(&key).cloned());
    let formatter = match cached {
        Some(fm) => fm,
        None => {
            let fm = std::rc::Rc::new(DateFormatter::new(locale)?);
            FORMATTERS.with(|m| m.borrow_mut().insert(key, fm.clone()));
            fm
        }
    };
    Ok(f(&formatter))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(locale: &str, date: &str) -> String {
        let f = DateFormatter::new(&locale.parse().unwrap()).unwrap();
        f.format(&PartialDate::parse(date).unwrap())
    }

    #[test]
    fn parses_the_three_precisions() {
        assert_eq!(PartialDate::parse("2024").unwrap().iso(), "2024");
        assert_eq!(PartialDate::parse("2024-09").unwrap().iso(), "2024-09");
        assert_eq!(
            PartialDate::parse("2023-07-20").unwrap().iso(),
            "2023-07-20"
        );
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "2023-02-30",
            "2023-13",
            "23-01-01",
            "2023/01/01",
            "",
            "July 2023",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_partial_dates_per_locale() {
        assert_eq!(fmt("en-GB", "2023-07-20"), "20 July 2023");
        assert_eq!(fmt("fr-MA", "2024-09"), "septembre 2024");
        assert_eq!(fmt("fr-MA", "2023"), "2023");
        // Moroccan Arabic month names and Western digits, as readers in Morocco write them.
        assert_eq!(fmt("ar-MA", "2023-07-20"), "20 يوليوز 2023");
        assert_eq!(fmt("ar-MA", "2024-09"), "شتنبر 2024");
    }

    #[test]
    fn month_names_stand_alone_per_locale() {
        let f = |l: &str| DateFormatter::new(&l.parse().unwrap()).unwrap();
        assert_eq!(f("en-GB").month_name(7), "July");
        assert_eq!(f("fr-MA").month_name(9), "septembre");
        assert_eq!(f("ar-MA").month_name(9), "شتنبر");
        assert_eq!(f("ar-MA").year(2023), "2023");
        assert_eq!(f("en-GB").number(1234), "1,234");
        // Where the locale's digits are Arabic-Indic, counts are too.
        assert_eq!(f("ar-EG").number(12), "١٢");
    }

    #[test]
    fn days_count_both_ways() {
        for days in [-1000, 0, 1, 59, 60, 365, 10_957, 19_723, 20_454] {
            let d = PartialDate::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days, "{}", d.iso());
        }
        let d = PartialDate::from_days_since_epoch(19_723);
        assert_eq!(PartialDate::days_before(d, 1).days_since_epoch(), 19_722);
    }

    #[test]
    fn days_since_epoch_become_calendar_dates() {
        let iso = |d: i64| PartialDate::from_days_since_epoch(d).iso();
        assert_eq!(iso(0), "1970-01-01");
        assert_eq!(iso(59), "1970-03-01");
        // 2000 and 2024 are leap years, 2100 is not.
        assert_eq!(iso(11_016), "2000-02-29");
        assert_eq!(iso(19_782), "2024-02-29");
        assert_eq!(iso(20_415), "2025-11-23");
        assert_eq!(iso(47_541), "2100-03-01");
        assert_eq!(iso(47_540), "2100-02-28");
    }

    #[test]
    fn partial_dates_sort_by_period_start() {
        let y = PartialDate::parse("2024").unwrap();
        let m = PartialDate::parse("2024-09").unwrap();
        let d = PartialDate::parse("2024-09-02").unwrap();
        assert!(y < m && m < d);
    }
}
