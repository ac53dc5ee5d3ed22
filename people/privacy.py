"""Personal data (AVG): what a person can download, and what is wiped when
an account is deleted or anonymised.

Higher apps add their part with Wagtail hooks, so this module never imports
them:

    @hooks.register(EXPORT_PERSONAL_DATA)
    def export_group_data(user):
        return {"sign_ups": [...]}  # {section title: JSON-serialisable data}

    @hooks.register(ERASE_PERSONAL_DATA)
    def erase_group_data(user):
        ...  # remove or anonymise that app's personal data
"""

from wagtail import hooks

EXPORT_PERSONAL_DATA = "waakvlam_export_personal_data"
ERASE_PERSONAL_DATA = "waakvlam_erase_personal_data"


def personal_data(user):
    data = {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "roles": [
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "since": membership.created_at.isoformat(),
            }
            for membership in user.memberships.select_related("organisation")
        ],
    }
    for exporter in hooks.get_hooks(EXPORT_PERSONAL_DATA):
        data.update(exporter(user))
    return data


def erase_personal_data(user):
    for eraser in hooks.get_hooks(ERASE_PERSONAL_DATA):
        eraser(user)
