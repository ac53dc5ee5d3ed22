"""A competency's or VOG's state as the admin shows it: a symbol and words,
so it reads without colour."""

from django.conf import settings
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
    State.REQUESTED: "…",
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
        self.requested = gettext("VOG requested on %(date)s, not in yet")
        self.overdue = gettext("more than %(weeks)s weeks ago")

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
        (
            STATE_SYMBOLS[State.REQUESTED],
            gettext("VOG requested"),
            _("the VOG has been requested and is not in yet"),
        ),
    ]


def competency_cell(cell, texts):
    """The StateCell of a qualification.Cell."""
    expires_on = cell.record.expires_on if cell.record else None
    return StateCell(cell.state, texts(cell.state, expires_on))


def vog_cell(profile, texts, today):
    state = vog_state(profile, today)
    if state == State.REQUESTED:
        return StateCell(state, vog_requested_text(profile, texts, today))
    cell = StateCell(state, texts(state, profile.vog_valid_until))
    if profile.vog_pending:
        # A renewal on its way beside a VOG that still counts.
        cell.text = f"{cell.text}; {vog_requested_text(profile, texts, today)}"
    return cell


def vog_requested_text(profile, texts, today):
    """ "VOG requested on 03-11-2026, not in yet", with how long ago once
    that is more than VOG_REQUEST_OVERDUE_WEEKS."""
    text = texts.requested % {"date": day(profile.vog_requested_on)}
    if profile.vog_request_overdue(today):
        text = f"{text} ({texts.overdue % {'weeks': settings.VOG_REQUEST_OVERDUE_WEEKS}})"
    return text
