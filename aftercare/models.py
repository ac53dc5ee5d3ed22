"""The aftercare app's models, gathered from its sub-packages so that Django
finds them and `from aftercare.models import AftercarePlan` works."""

from .helpcard.models import HelpCardPerson, HelpCardService
from .moments.models import ContactMoment, ContactMomentQuerySet, LifeEvent, Outcome, Purpose
from .plans.models import (
    NO_CONTACT,
    WAY_CHOICES,
    AftercarePlan,
    AftercareSettings,
    ConsentWay,
    HistoryKind,
    Phase,
    PlanHistory,
    Rhythm,
    Way,
    default_aftercare_until,
)
from .referrals.models import Referral, ReferralOutcome
from .successes.models import Success, SuccessKind

__all__ = [
    "NO_CONTACT",
    "WAY_CHOICES",
    "AftercarePlan",
    "AftercareSettings",
    "ConsentWay",
    "ContactMoment",
    "ContactMomentQuerySet",
    "HelpCardPerson",
    "HelpCardService",
    "HistoryKind",
    "LifeEvent",
    "Outcome",
    "Phase",
    "PlanHistory",
    "Purpose",
    "Referral",
    "ReferralOutcome",
    "Rhythm",
    "Success",
    "SuccessKind",
    "Way",
    "default_aftercare_until",
]
