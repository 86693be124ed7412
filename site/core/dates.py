"""Calendar arithmetic in whole years: ages and anniversaries, with one rule for
29 February.

The rule: an anniversary that does not exist in its year (29 February in a common
year) falls on 1 March. It is how Dutch practice counts a birthday (someone born on
29 February is a year older on 1 March), and the same rule serves every period
counted in years (a retention period, the 16th birthday), so that "N years after"
and "N years old" never disagree.

Periods counted in weeks, months or days under the Algemene termijnenwet are not
here: they live with the rule that needs them (complaints/deadlines.py,
inspraak.privacy for data requests).
"""

from datetime import date, timedelta


def anniversary(day: date, years: int) -> date:
    """The same day `years` later (or earlier, for a negative number); 29 February
    becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year + years, month=2, day=28) + timedelta(days=1)


def age_on(born_on: date, day: date) -> int:
    """Age in whole years on `day`: the number of birthdays reached, by the rule of
    `anniversary` (born on 29 February: a year older on 1 March in a common year)."""
    age = day.year - born_on.year
    if day < anniversary(born_on, age):
        age -= 1
    return age
