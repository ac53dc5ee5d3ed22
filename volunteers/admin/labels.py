"""How the volunteer screens write dates and people."""

DATE_FORMAT = "%d-%m-%Y"


def day(value):
    """Dates as Dutch people write them on forms: 12-03-2027."""
    return value.strftime(DATE_FORMAT) if value else ""


def person_label(user):
    # Two volunteers can share a name; the e-mail address tells them apart.
    return f"{user.full_name} ({user.email})" if user.full_name else user.email
