"""A competency's or VOG's state as the admin shows it: a symbol and words,
so it reads without colour."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..qualification import State, vog_state
from .labels import day

STATE_SYMBOLS = {
    # Shapes as well as colours: readable in black and white and for the
    # colour-blind; the words next to them say it in full.
    State.VALID: "✓",
    State.EXPIRING: "!",
    State.EXPIRED: "✗",
    State.MISSING: "–",
}


class StateTexts:
    """The words for each state, translated once per screen: the overview
    shows thousands of cells."""

    def __init__(self):
        self.valid_until = gettext("Valid until %(date)s")
        self.valid = gettext("Valid")
        self.expires = gettext("Expires %(date)s")
        self.expired = gettext("Expired")
        self.missing = gettext("Missing")

    def __call__(self, state, expires_on):
        if state == State.VALID:
            return self.valid_until % {"date": day(expires_on)} if expires_on else self.valid
        if state == State.EXPIRING:
            return self.expires % {"date": day(expires_on)}
        if state == State.EXPIRED:
            return self.expired
        return self.missing


class StateCell:
    __slots__ = ("state", "symbol", "text")

    def __init__(self, state, text):
        self.state, self.symbol, self.text = state, STATE_SYMBOLS[state], text


def legend():
    texts = StateTexts()
    return [
        (STATE_SYMBOLS[State.VALID], texts.valid, _("valid; the date is when it expires")),
        (
            STATE_SYMBOLS[State.EXPIRING],
            gettext("Expires"),
            _("expires soon: time for a refresher"),
        ),
        (STATE_SYMBOLS[State.EXPIRED], texts.expired, _("no longer valid")),
        (STATE_SYMBOLS[State.MISSING], texts.missing, _("not recorded")),
    ]


def competency_cell(cell, texts):
    """The StateCell of a qualification.Cell."""
    expires_on = cell.record.expires_on if cell.record else None
    return StateCell(cell.state, texts(cell.state, expires_on))


def vog_cell(profile, texts, today):
    state = vog_state(profile, today)
    return StateCell(state, texts(state, profile.vog_expires_on))
