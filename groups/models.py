"""The groups app's models, gathered from its sub-packages so that Django
finds them and `from groups.models import Meeting` works everywhere."""

from .attendance.models import (
    ATTENDED,
    AbsenceChannel,
    AbsenceNotice,
    Attendance,
    AttendanceStatus,
    AttentionSignal,
    SignalKind,
    SignalOutcome,
)
from .offer.kinds import PUBLIC_KINDS, GroupKind
from .offer.models import (
    ACTIVE,
    HOLDING_PLACE,
    CalendarToken,
    Enrolment,
    EnrolmentInvitation,
    EnrolmentStatus,
    InvitationAnswer,
    Meeting,
    MeetingReminder,
    MeetingStatus,
)
from .offer.pages import GroupIndexPage, GroupPage, OrganisationOfferPage
from .savings.models import (
    MAX_DEPOSIT,
    EntryKind,
    LedgerSummary,
    MoneyKeeping,
    SavingsCircle,
    SavingsEntry,
    SavingsGoal,
)

__all__ = [
    "ACTIVE",
    "ATTENDED",
    "HOLDING_PLACE",
    "MAX_DEPOSIT",
    "PUBLIC_KINDS",
    "AbsenceChannel",
    "AbsenceNotice",
    "Attendance",
    "AttendanceStatus",
    "AttentionSignal",
    "CalendarToken",
    "Enrolment",
    "EnrolmentInvitation",
    "EnrolmentStatus",
    "InvitationAnswer",
    "EntryKind",
    "GroupIndexPage",
    "GroupKind",
    "GroupPage",
    "LedgerSummary",
    "Meeting",
    "MeetingReminder",
    "MeetingStatus",
    "MoneyKeeping",
    "OrganisationOfferPage",
    "SavingsCircle",
    "SavingsEntry",
    "SavingsGoal",
    "SignalKind",
    "SignalOutcome",
]
