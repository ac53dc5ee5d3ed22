"""The pieces the groups app shows on screens it shares: its sections of
Mijn Waakvlam and its own parts of a group page (registered in
groups.wagtail_hooks)."""

from django.urls import reverse
from django.utils import timezone

from people.models import Role
from people.permissions import has_role, may_enrol_self, may_see_participants
from people.sections import Section

from .attendance import selectors as attendance_selectors
from .attendance.forms import SignalOutcomeForm
from .hooks import trainer_flags
from .offer import selectors as offer_selectors
from .offer.pages import GroupIndexPage
from .offer.services import calendar_token_for
from .savings.forms import OwnGoalForm, SuccessStoryForm
from .savings.mine import my_savings

# ------------------------------------------------------------ Mijn Waakvlam


def _care(user):
    """For trainers and coordinators: the groups in their care with today's
    meetings first, meetings that ended without attendance, and open
    attention signals."""
    groups = offer_selectors.led_groups(user)
    if not groups:
        return {"led_groups": [], "unregistered": [], "attention": [], "coordinates": False}
    in_care = offer_selectors.groups_in_care(user).values("pk")
    today_start = offer_selectors.day_start(timezone.localdate())
    # How many said they cannot come to each group's next meeting.
    next_meetings = [group.upcoming[0] for group in groups if group.upcoming]
    counts = attendance_selectors.announced_counts([meeting.pk for meeting in next_meetings])
    for meeting in next_meetings:
        meeting.announced = counts.get(meeting.pk, 0)
    _own_flags(user, groups)
    # A co-trainer registers attendance; who needs attention stays with
    # the trainers and coordinators.
    led = offer_selectors.groups_in_care(user, co_trained=False).values("pk")
    attention = attendance_selectors.open_signals(led)
    for signal in attention:
        signal.outcome_form = SignalOutcomeForm(prefix=f"signal-{signal.pk}")
    return {
        "led_groups": groups,
        "unregistered": attendance_selectors.unregistered_meetings(in_care, today_start),
        "attention": attention,
        "coordinates": user.is_superuser or has_role(user, Role.COORDINATOR),
    }


def _own_flags(user, groups):
    """`group.own_lapse`: what of the user's own qualification lapsed while
    they lead the group (groups.hooks.TRAINER_FLAGS)."""
    flags = trainer_flags([group for group in groups if not group.co_trained])
    for group in groups:
        group.own_lapse = [
            name
            for trainer, lacking in flags.get(group.pk, [])
            if trainer.pk == user.pk
            for name in lacking
        ]


def my_groups(request):
    user = request.user
    enrolments = offer_selectors.my_enrolments(user)
    token = calendar_token_for(user=user)
    offer = GroupIndexPage.objects.live().first()
    return Section(
        "groups/my_groups.html",
        {
            "offer_url": offer.get_url(request) if offer else None,
            "enrolments": enrolments,
            "announced": attendance_selectors.my_announced(user) if enrolments else set(),
            "now": timezone.now(),
            **_care(user),
            **_feed_links(request, token),
        },
    )


def _feed_links(request, token):
    """The personal calendar as a web address (to copy into a calendar) and
    as a webcal: link, which phones and Outlook open as a subscription."""
    feed_url = request.build_absolute_uri(
        reverse("groups:personal_feed", kwargs={"token": token.token})
    )
    return {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[1]}


def my_invitations(request):
    """Invitations to the person's own address that are still open."""
    invitations = offer_selectors.open_invitations_to(request.user)
    if not invitations:
        return None
    return Section(
        "groups/my_invitations.html",
        {
            "invitations": [
                {
                    "invitation": invitation,
                    "url": reverse("groups:invitation", kwargs={"token": invitation.token()}),
                }
                for invitation in invitations
            ]
        },
    )


def my_savings_section(request):
    context = my_savings(request.user)
    if context is None:
        return None
    for card in context["cards"]:
        # Without a goal yet, the member sets one right here.
        card["goal_form"] = None if card["goal"] else OwnGoalForm(prefix=f"goal-{card['group'].pk}")
        for success in card["successes"]:
            success.story_form = SuccessStoryForm(instance=success, prefix=f"success-{success.pk}")
    return Section("groups/savings/my_savings.html", context)


# --------------------------------------------------------------- group page


def sign_up(request, page):
    return Section(
        "groups/group_page/sign_up.html",
        {
            "enrolment": page.enrolment_of(request.user),
            "enrolment_open": page.enrolment_window_open(),
            "finished": page.is_finished(),
            # Accounts that only edit pages do not sign up (DESIGN.md matrix).
            "may_enrol": not request.user.is_authenticated or may_enrol_self(request.user),
            "places_left": page.places_left(),
            "may_see_participants": may_see_participants(request.user, page),
            "pause": page.open_pause(),
        },
    )


def meetings(request, page):
    return Section("groups/group_page/meetings.html", {"meetings": list(page.meetings.upcoming())})


def about(request, page):
    return Section("groups/group_page/about.html") if page.body else None


def facts(request, page):
    return Section("groups/group_page/facts.html")
