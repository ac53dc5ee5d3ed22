"""The roles of the access matrix and the one way a test logs in as one.

Every login goes through `login_as`: when staff must pass a second factor,
only this helper changes."""

ROLES = (
    "anonymous",
    "participant",
    "second_participant",
    "volunteer",
    "trainer",
    "other_trainer",
    "co_trainer",
    "coordinator",
    "other_coordinator",
    "editor",
    "superuser",
)


def login_as(client, user):
    """Log `client` in as `user` (None: stay anonymous)."""
    if user is not None:
        client.force_login(user)
    return client
