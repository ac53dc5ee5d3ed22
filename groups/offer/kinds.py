"""The kinds of group, apart from the pages so that forms and models can
both use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    BUDGET_COURSE = "budgetcursus", _("budget course")
    SAVINGS_CIRCLE = "spaarkring", _("savings circle")
    PEER_SUPPORT = "lotgenotengroep", _("peer-support group")
    TRAINING = "training", _("training for volunteers")


# Kinds everyone sees; trainings are listed only to volunteers and staff.
PUBLIC_KINDS = [GroupKind.BUDGET_COURSE, GroupKind.SAVINGS_CIRCLE, GroupKind.PEER_SUPPORT]
