"""Today's date, fixed by SOURCE_DATE_EPOCH when set, so runs and tests are reproducible."""

from __future__ import annotations

import datetime as dt
import os

from hawkama.errors import UsageProblem


def today(explicit: dt.date | None = None) -> dt.date:
    """The date given, else SOURCE_DATE_EPOCH's (UTC), else the local date."""
    if explicit is not None:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageProblem(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970"
            ) from None
    return dt.date.today()


def parse_date(text: str, what: str) -> dt.date:
    """A YYYY-MM-DD date, or a usage error naming the option it came from."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageProblem(f"{what}: {text!r} is not a date; write YYYY-MM-DD") from None
