"""A request path for each URL pattern, filled with ids and tokens that
belong to nobody: a role that may not use the URL is refused before the
object is looked up, and one that may gets a 404, never a 500."""

import re

NOBODYS_ID = "987654"
NOBODYS_TOKEN = "geen-bestaand-token"

# Patterns written as regular expressions: an example path for each.
REGEX_SAMPLES = {
    "^((?:[\\w\\-]+/)*)$": "/bestaat-niet/",
    "^(?P<page_path>(?:[\\w\\-]+/)+)agenda\\.ics$": "/bestaat-niet/agenda.ics",
    "documenten/^(\\d+)/(.*)$": f"/documenten/{NOBODYS_ID}/bewijs.pdf",
    "account/^confirm-email/(?P<key>[-:\\w]+)/$": f"/account/confirm-email/{NOBODYS_TOKEN}/",
    "account/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        f"/account/password/reset/key/zz-{NOBODYS_TOKEN}/"
    ),
}

_VALUES = {
    "int": NOBODYS_ID,
    "token": NOBODYS_TOKEN,
    "uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
}


def _converter(match):
    return _VALUES.get(match.group(1) or "str", "x")


def sample_path(route):
    if route in REGEX_SAMPLES:
        return REGEX_SAMPLES[route]
    if "^" in route or "(?" in route:
        # A regex route from Wagtail's admin (its own patterns): the plain
        # text before the first group is enough to reach the view's guard.
        route = re.sub(r"\^|\$", "", route)
        route = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", NOBODYS_ID, route)
        route = route.replace(".*", "x").replace("\\", "")
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", _converter, route)


# Which victim an id parameter names (see tests.access.victims), and for a
# `pk` the victim by the route's prefix.
PARAM_VICTIMS = {
    "group_id": "group",
    "meeting_id": "meeting",
    "enrolment_id": "enrolment",
    "entry_id": "entry",
    "person_id": "person",
    # A savings round is named by its number within the group (see fill()).
    "number": "cycle",
    "page_id": "page",
    "page_pk": "page",
    "page_to_move_id": "page",
    "destination_id": "offer_part",
    "parent_page_id": "offer_part",
    "revision_id": "revision",
    "signal_id": "signal",
    "plan_id": "plan",
    "moment_id": "moment",
    "referral_id": "referral",
}
PK_VICTIMS = (
    ("admin/aftercare_plans/", "plan"),
    ("admin/aftercare_settings/", "aftercare_settings"),
    ("admin/api/main/^pages/", "page"),
    ("admin/attention_signals/", "signal"),
    ("admin/closures/", "closure"),
    ("admin/completion_rules/", "completion_rule"),
    ("admin/completions/", "completion"),
    ("admin/emails/", "outbox"),
    ("admin/enrolments/", "enrolment"),
    ("admin/group_pauses/", "group_pause"),
    ("admin/lessons/", "lesson"),
    ("admin/meetings/", "meeting"),
    ("admin/memberships/", "membership"),
    ("admin/organisations/", "organisation"),
    ("admin/role_invitations/", "role_invitation"),
    ("admin/savings_circles/", "savings_circle"),
    ("admin/users/", "person"),
    ("admin/volunteers/evidence/", "record"),
    ("admin/volunteers/profiles/", "profile"),
    ("admin/volunteers/records/", "record"),
    ("admin/volunteers/training-competencies/", "training_competency"),
)
# Slugs that name the victim's kind of object, so the view gets as far as
# its permission check.
SLUG_VALUES = {
    "content_type_app_name": "groups",
    "content_type_model_name": "grouppage",
    "app_label": "groups",
    "model_name": "grouppage",
}


def _victim_kind(route, param):
    if param == "group_id" and route.startswith("vrijwilligers/"):
        return "training"
    if param == "pk":
        return next((kind for prefix, kind in PK_VICTIMS if route.startswith(prefix)), None)
    return PARAM_VICTIMS.get(param)


def victim_path(route, victims):
    """(path, whether it names a victim): `route` filled with the ids of
    `victims` where a parameter names one of their objects, else as
    `sample_path` fills it. A bulk action gets the victim page as its id."""
    if route.startswith("admin/bulk/"):
        return f"/admin/bulk/wagtailcore/page/unpublish/?id={victims['page'].pk}", True
    named = False

    def fill(match):
        nonlocal named
        converter, param = match.group(1) or "str", match.group(2)
        kind = _victim_kind(route, param)
        if kind is not None:
            named = True
            victim = victims[kind]
            return str(victim.number if param == "number" else victim.pk)
        if param in SLUG_VALUES:
            return SLUG_VALUES[param]
        return _VALUES.get(converter, "x")

    if route.startswith("admin/pages/^(?P<pk>"):
        return f"/admin/pages/{victims['page'].pk}/revisions/compare/earliest...latest/", True
    if route in REGEX_SAMPLES or "(?" in route:
        return sample_path(route), False
    path = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, re.sub(r"\^|\$", "", route))
    return path, named
