"""What the account itself holds besides its details: the e-mail addresses
allauth keeps and the admin's preferences (AVG data download)."""

from allauth.account.models import EmailAddress
from wagtail.users.models import UserProfile


def export_email_addresses(user):
    return {
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ]
    }


def export_admin_preferences(user):
    """The settings a staff member chose in Wagtail's admin (language,
    time zone, notifications); nothing when they never opened it."""
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return {"admin_preferences": None}
    return {
        "admin_preferences": {
            "preferred_language": profile.preferred_language,
            "time_zone": profile.current_time_zone,
            "has_avatar": bool(profile.avatar),
            "theme": profile.theme,
            "notifications": {
                "submitted": profile.submitted_notifications,
                "approved": profile.approved_notifications,
                "rejected": profile.rejected_notifications,
                "comments": profile.updated_comments_notifications,
            },
        }
    }
