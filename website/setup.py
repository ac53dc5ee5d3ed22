"""The site structure every installation needs, created idempotently.

Runs after every `migrate` (and after the database flushes of transactional
tests, which emit post_migrate too), so a fresh database always has a home
page, the two statements, a Site and the admin groups with their rights.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.core.management import call_command
from django.db import connections
from django_q.models import Schedule
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)

from groups.offer.structure import offer_structure_ensure
from people.permissions import COORDINATORS_GROUP, EDITORS_GROUP
from volunteers.framework import ensure_framework
from volunteers.models import Competency, VolunteerRole

from . import content
from .models import FooterSettings, HomePage, StandardPage

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
# The social map is part of the knowledge base that editors keep.
EDITOR_PERMISSIONS = {
    "knowledge": [f"{action}_service" for action in ("add", "change", "delete", "view")],
}
COORDINATOR_PERMISSIONS = {
    "people": [
        # Which mails to their people failed, and send one again.
        "view_outboxmessage",
        "change_outboxmessage",
        "view_organisation",
        "change_organisation",
        *[f"{action}_membership" for action in ("add", "change", "delete", "view")],
        # Invite someone to a role, and withdraw an open invitation.
        *[f"{action}_roleinvitation" for action in ("add", "change", "view")],
    ],
    # Meetings and sign-ups are cancelled, never deleted: no delete rights.
    "groups": [
        "view_meeting",
        "add_meeting",
        "change_meeting",
        "view_enrolment",
        "change_enrolment",
        # Reports only read attendance; trainers register it outside the admin.
        "view_attendance",
        # The attention list: look, and write down what happened.
        "view_attentionsignal",
        "change_attentionsignal",
        # A savings circle's ledger hangs on it: set up and changed, not deleted.
        "view_savingscircle",
        "add_savingscircle",
        "change_savingscircle",
        # Closures are planning, freely changed; pauses are history, resumed only.
        *[f"{action}_closure" for action in ("add", "change", "delete", "view")],
        *[f"{action}_grouppause" for action in ("add", "change", "view")],
    ],
    # Completions are computed from attendance: coordinators only look.
    "courses": [
        *[f"{action}_lesson" for action in ("add", "change", "view")],
        *[f"{action}_completionrule" for action in ("add", "change", "view")],
        "view_completion",
    ],
    # The competency framework is shared; records are never changed or
    # deleted (a renewal is a new record), profiles are kept as "left".
    "volunteers": [
        *[f"{action}_volunteerprofile" for action in ("add", "change", "view")],
        *[f"{action}_competency" for action in ("add", "change", "view")],
        *[f"{action}_volunteerrole" for action in ("add", "change", "view")],
        "view_competencyrecord",
        "add_competencyrecord",
        *[f"{action}_trainingcompetency" for action in ("add", "delete", "view")],
    ],
    # Plans close, never are deleted; moments are only read in the admin (the
    # steady contact records them); the settings say what a contact needs.
    "aftercare": [
        *[f"{action}_aftercareplan" for action in ("add", "change", "view")],
        "view_contactmoment",
        *[f"{action}_aftercaresettings" for action in ("add", "change", "view")],
    ],
}


def ensure_site_structure(*, using="default", **kwargs):
    tables = connections[using].introspection.table_names()
    if HomePage._meta.db_table not in tables or Site._meta.db_table not in tables:
        return
    # The cache table first: saving a Site clears Wagtail's cache of site
    # root paths, and without Redis the cache lives in the database.
    call_command("createcachetable", database=using, verbosity=0)
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))

    home = HomePage.objects.first()
    if home is None:
        # Wagtail's own "welcome" page takes the slug a real home page needs.
        for page in root.get_children().filter(slug="home"):
            page.delete()
        home = root.add_child(instance=HomePage(**content.HOME_PAGE, locale=locale))
        privacy = home.add_child(instance=StandardPage(**content.PRIVACY_PAGE, locale=locale))
        accessibility = home.add_child(
            instance=StandardPage(**content.ACCESSIBILITY_PAGE, locale=locale)
        )
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname = "localhost"
        site.port = 80
        site.site_name = "Waakvlam"
        site.root_page = home
        site.save()
        footer = FooterSettings.for_site(site)
        footer.privacy_page = privacy
        footer.accessibility_page = accessibility
        footer.save()

    ensure_admin_groups(root)
    ensure_schedules()
    ensure_framework(Competency, VolunteerRole)


# (task function, schedule type, name[, more Schedule fields]); each one
# exists exactly once.
SCHEDULES = [
    ("people.tasks.anonymise_inactive_users", Schedule.DAILY, "Inactieve accounts anonimiseren"),
    ("people.tasks.prune_audit_entries", Schedule.DAILY, "Oude audit-regels opruimen"),
    (
        "aftercare.tasks.anonymise_closed_plans",
        Schedule.DAILY,
        "Afgesloten nazorgtrajecten anonimiseren",
    ),
    (
        "people.tasks.prune_role_invitations",
        Schedule.DAILY,
        "Oude uitnodigingen voor rollen opruimen",
    ),
    ("groups.tasks.prune_invitations", Schedule.DAILY, "Oude uitnodigingen voor groepen opruimen"),
    ("groups.tasks.send_meeting_reminders", Schedule.HOURLY, "Herinneringen bijeenkomsten"),
    (
        "groups.tasks.escalate_attention_signals",
        Schedule.HOURLY,
        "Aandachtssignalen doorgeven aan coördinatoren",
    ),
    ("groups.tasks.expire_offers", Schedule.MINUTES, "Verlopen plekken doorgeven", {"minutes": 15}),
    (
        "groups.tasks.tell_waiting_lists_of_finished_groups",
        Schedule.DAILY,
        "Wachtlijsten van afgelopen groepen bericht sturen",
    ),
    (
        "knowledge.tasks.remind_agreement_reviews",
        Schedule.DAILY,
        "Herinneringen herziening lokale afspraken",
    ),
    (
        "knowledge.tasks.remind_unchecked_services",
        Schedule.DAILY,
        "Herinneringen controle sociale kaart",
    ),
    ("volunteers.tasks.notify_expiring", Schedule.DAILY, "Herinneringen verlopen bekwaamheden"),
    (
        "aftercare.tasks.remind_contact_moments",
        Schedule.DAILY,
        "Herinneringen contactmomenten nazorg",
    ),
    (
        "volunteers.tasks.notify_lapsed_trainers",
        Schedule.DAILY,
        "Trainers die niet meer bevoegd zijn melden",
    ),
    ("people.tasks.send_weekly_digest", Schedule.WEEKLY, "Weekoverzicht"),
    ("aftercare.tasks.record_steady_successes", Schedule.DAILY, "Nazorg: maanden zonder zorgen"),
    # The outbox's retries; run every minute, so its results are not kept
    # (they would push every other task's result out of the list).
    (
        "people.tasks.send_due_mail",
        Schedule.MINUTES,
        "E-mail opnieuw proberen",
        {"minutes": 1, "kwargs": "q_options={'save': False}"},
    ),
]


def ensure_schedules():
    for func, schedule_type, name, *extra in SCHEDULES:
        options = extra[0] if extra else {}
        Schedule.objects.get_or_create(
            func=func,
            defaults={"schedule_type": schedule_type, "name": name, "repeats": -1, **options},
        )


def _permissions(app_label, codenames):
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def ensure_admin_groups(root):
    access_admin = _permissions("wagtailadmin", ["access_admin"])

    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(*access_admin)
    for app_label, codenames in EDITOR_PERMISSIONS.items():
        editors.permissions.add(*_permissions(app_label, codenames))
    for permission in _permissions("wagtailcore", PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=permission)
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for permission in _permissions(app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=collection, permission=permission
            )

    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    coordinators.permissions.add(*access_admin)
    for app_label, codenames in COORDINATOR_PERMISSIONS.items():
        coordinators.permissions.add(*_permissions(app_label, codenames))
    # Page permissions come per organisation, on its own part of the offer
    # (earlier versions gave this group rights on the whole offer).
    GroupPagePermission.objects.filter(group=coordinators).delete()
    offer_structure_ensure()
