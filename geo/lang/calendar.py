"""The Solar Hijri calendar of Iranian and Afghan news ("۱۱ آبان ۱۴۰۵", "۱۲ عقرب"): a day
of a solar month to the Gregorian date, with the arithmetic (33-year cycle) rule that
Iranian software uses; exact for the years news is written in. Pure, no data."""

from __future__ import annotations

import datetime as dt

__all__ = ["solar_to_gregorian", "solar_year_of"]

_GREGORIAN_EPOCH_OFFSET = 1595
_DAYS_BEFORE = -355668  # the cycle's day count at the start of year 1595 + jy


def solar_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of ``day`` of solar ``month`` (1 = Farvardin / Hamal) of ``year``.

    >>> solar_to_gregorian(1405, 8, 11)
    datetime.date(2026, 11, 2)
    >>> solar_to_gregorian(1403, 1, 1)
    datetime.date(2024, 3, 20)
    """
    if not (1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30)):
        raise ValueError(f"no day {day} in solar month {month}")
    jy = year + _GREGORIAN_EPOCH_OFFSET
    days = _DAYS_BEFORE + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    return dt.date(gy, 1, 1) + dt.timedelta(days=days)


def solar_year_of(date: dt.date) -> int:
    """The solar year ``date`` falls in (it begins at Nowruz, about 21 March)."""
    year = date.year - 621
    return year if date >= solar_to_gregorian(year, 1, 1) else year - 1
