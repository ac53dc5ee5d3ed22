"""The volunteers part of a person's data download and of anonymisation."""

from .models import CompetencyRecord, VolunteerProfile


def _iso(day):
    return day.isoformat() if day else None


def export_volunteer_data(user):
    return {
        "volunteer_profiles": [
            {
                "organisation": profile.organisation.name,
                "status": profile.status,
                "start_date": _iso(profile.start_date),
                "vog_requested_on": _iso(profile.vog_requested_on),
                "vog_received_on": _iso(profile.vog_received_on),
                "vog_valid_until": _iso(profile.vog_valid_until),
                "vog_free": profile.vog_free,
                "roles_wanted": [role.name for role in profile.roles_wanted.all()],
            }
            for profile in VolunteerProfile.objects.filter(user=user)
            .select_related("organisation")
            .prefetch_related("roles_wanted")
        ],
        "competencies": [
            {
                "competency": record.competency.name,
                "achieved_on": record.achieved_on.isoformat(),
                "valid_until": record.expires_on.isoformat() if record.expires_on else None,
                "source": record.source,
                "has_certificate": bool(record.evidence),
            }
            for record in CompetencyRecord.objects.filter(volunteer=user).select_related(
                "competency"
            )
        ],
    }


def erase_volunteer_data(user):
    """Keep which competencies were held (the overview adds up), but remove
    certificates, notes and the VOG dates."""
    for record in CompetencyRecord.objects.filter(volunteer=user).exclude(evidence=""):
        record.evidence.delete(save=False)
    CompetencyRecord.objects.filter(volunteer=user).update(evidence="", note="")
    VolunteerProfile.objects.filter(user=user).update(
        notes="",
        vog_requested_on=None,
        vog_received_on=None,
        vog_valid_until=None,
        vog_free=False,
        status="left",
    )
