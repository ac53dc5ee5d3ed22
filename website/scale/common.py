"""What the builders share: how totals are divided, dates around today."""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BATCH = 2000


def spread(total, count):
    """`total` divided over `count` parts as evenly as whole numbers go."""
    base, rest = divmod(total, count)
    return [base + (1 if index < rest else 0) for index in range(count)]


def spread_capped(total, caps, what):
    """`total` divided over parts, none above its cap; the shortfall of a
    full part goes to those with room. ValueError when it cannot fit."""
    if total > sum(caps):
        raise ValueError(f"{total} {what} asked for, room for {sum(caps)}")
    shares = [0] * len(caps)
    left = total
    while left:
        open_parts = [index for index, cap in enumerate(caps) if shares[index] < cap]
        for index, extra in zip(open_parts, spread(left, len(open_parts)), strict=True):
            shares[index] += min(extra, caps[index] - shares[index])
        left = total - sum(shares)
    return shares


def sample_pairs(rng, firsts, seconds, count):
    """`count` distinct (first, second) pairs, in a fixed order."""
    picks = rng.sample(range(len(firsts) * len(seconds)), count)
    return [divmod(pick, len(seconds)) for pick in sorted(picks)]


def today():
    return timezone.localdate()


def day(offset):
    return today() + datetime.timedelta(days=offset)


def moment(offset, hour, minute=0):
    """Dutch time, `offset` days from today."""
    return datetime.datetime.combine(day(offset), datetime.time(hour, minute), tzinfo=AMSTERDAM)


def fixed_uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)
