"""Personal data (AVG): what a person can download, and what is wiped when
an account is deleted or anonymised.

Higher apps (groups, courses, volunteers) register their part here, so this
module never imports them.
"""

_exporters = []
_erasers = []


def register_exporter(function):
    """`function(user)` returns {section title: JSON-serialisable data}."""
    _exporters.append(function)
    return function


def register_eraser(function):
    """`function(user)` removes or anonymises that app's personal data."""
    _erasers.append(function)
    return function


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
    for exporter in _exporters:
        data.update(exporter(user))
    return data


def erase_personal_data(user):
    for eraser in _erasers:
        eraser(user)
