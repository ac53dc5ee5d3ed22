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
)
from .offer.closures.models import (
    Closure,
    ClosureKind,
    GroupPause,
    NoticeEvent,
    ParticipantNotice,
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
    "AbsenceChannel",
    "AbsenceNotice",
    "Attendance",
    "AttendanceStatus",
    "AttentionSignal",
    "CalendarToken",
    "Closure",
    "ClosureKind",
    "Enrolment",
    "EnrolmentInvitation",
    "EnrolmentStatus",
    "InvitationAnswer",
    "EntryKind",
    "GroupIndexPage",
    "GroupKind",
    "GroupPage",
    "GroupPause",
    "LedgerSummary",
    "Meeting",
    "MeetingReminder",
    "MeetingStatus",
    "MoneyKeeping",
    "NoticeEvent",
    "OrganisationOfferPage",
    "ParticipantNotice",
    "SavingsCircle",
    "SavingsCycle",
    "SavingsEntry",
    "SavingsGoal",
    "SavingsSuccess",
    "SignalKind",
]
