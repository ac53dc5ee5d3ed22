"""The groups app's models, gathered from its sub-packages so that Django
finds them and `from groups.models import Meeting` works everywhere."""

from .attendance.models import ATTENDED, Attendance, AttendanceStatus, AttentionSignal
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
    SavingsCycle,
    SavingsEntry,
    SavingsGoal,
    SavingsSuccess,
)

__all__ = [
    "ACTIVE",
    "ATTENDED",
    "HOLDING_PLACE",
    "MAX_DEPOSIT",
    "PUBLIC_KINDS",
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
    "SavingsCycle",
    "SavingsEntry",
    "SavingsGoal",
    "SavingsSuccess",
]
