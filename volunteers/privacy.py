"""The volunteers part of a person's data download and of anonymisation."""

from .models import CompetencyRecord, VolunteerProfile


def export_volunteer_data(user):
    return {
        "volunteer_profiles": [
            {
                "organisation": profile.organisation.name,
                "status": profile.status,
                "start_date": profile.start_date.isoformat() if profile.start_date else None,
                "vog_date": profile.vog_date.isoformat() if profile.vog_date else None,
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
    certificates, notes and the VOG date."""
    for record in CompetencyRecord.objects.filter(volunteer=user).exclude(evidence=""):
        record.evidence.delete(save=False)
    CompetencyRecord.objects.filter(volunteer=user).update(evidence="", note="")
    VolunteerProfile.objects.filter(user=user).update(notes="", vog_date=None, status="left")
