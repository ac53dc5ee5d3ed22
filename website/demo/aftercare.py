"""Demo aftercare (Nazorg): both organisations ask for "Nazorg en
terugvalpreventie"; plans in every phase, kept by one steady contact each,
made through the aftercare services. Dates count back from today, so the
demo looks the same whenever it is loaded: moments this week for
vrijwilliger@example.org, one overdue, one person not reached twice in a
row (on the attention list), concerns in Amersfoort, a referral taken
along, successes (the course and the savings pay-out arrive through the
receivers when the seeding commits), a closed plan with its help card, someone who chose
"liever geen contact" and someone without an e-mail address."""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from aftercare.helpcard.models import HelpCardPerson, HelpCardService
from aftercare.models import (
    NO_CONTACT,
    AftercarePlan,
    AftercareSettings,
    ConsentWay,
    Outcome,
    Phase,
    Purpose,
    Referral,
    ReferralOutcome,
    Rhythm,
    SuccessKind,
)
from aftercare.moments.services import moment_add, moment_record
from aftercare.plans.services import (
    plan_choices_record,
    plan_close,
    plan_open,
    plan_phase_change,
)
from aftercare.successes.services import success_record
from groups.models import AttentionSignal
from knowledge.models import Service
from people.models import NO_EMAIL_DOMAIN, User
from volunteers.models import Competency

from .people import demo_person

COMPETENCY = "nazorg-terugvalpreventie"
UTRECHT, AMERSFOORT = "op-koers-utrecht", "geldmaatjes-amersfoort"
VOLUNTEER = "vrijwilliger@example.org"
NO_EMAIL = f"zonder-email-demo-sevda@{NO_EMAIL_DOMAIN}"

# (organisation, person e-mail, name, contact e-mail, months since the debt
# trajectory ended, phases to move through, the person's choices)
PLANS = [
    (
        UTRECHT,
        "deelnemer@example.org",
        "Fatima de Vries",
        VOLUNTEER,
        # Three months ago in three days: the 3-month moment falls this week.
        (3, -3),
        [Phase.DEVELOPMENT, Phase.AFTERCARE],
        {
            "preferred_way": "whatsapp",
            "wants_to_prevent": "Dat de post weer ongeopend blijft liggen.",
            "watch_out_for": "Aan het eind van de maand geen geld meer voor boodschappen.",
        },
    ),
    (
        UTRECHT,
        "lid70@example.org",
        "Kees Brouwer",
        VOLUNTEER,
        (5, 0),
        [Phase.DEVELOPMENT],
        {"preferred_way": "phone", "rhythm": Rhythm.TWO_MONTHLY},
    ),
    (
        UTRECHT,
        "lid71@example.org",
        "Anja Kok",
        VOLUNTEER,
        (4, 0),
        [Phase.DEVELOPMENT, Phase.AFTERCARE],
        {"preferred_way": "visit", "watch_out_for": "Nieuwe abonnementen aan de deur."},
    ),
    (
        UTRECHT,
        NO_EMAIL,
        "Sevda Yılmaz",
        VOLUNTEER,
        (3, -5),
        [],
        {"preferred_way": "phone", "wants_to_prevent": "Opnieuw een huurachterstand."},
    ),
    (
        UTRECHT,
        "lid72@example.org",
        "Ronald Vermeulen",
        "lid43@example.org",
        (2, 0),
        [Phase.DEVELOPMENT],
        {"preferred_way": "phone", "rhythm": Rhythm.TWO_MONTHLY},
    ),
    (
        UTRECHT,
        "lid73@example.org",
        "Petra de Graaf",
        "lid48@example.org",
        (11, 0),
        # Closed by its story, once the help card is filled in.
        [Phase.DEVELOPMENT, Phase.AFTERCARE],
        {"preferred_way": "phone"},
    ),
    (
        UTRECHT,
        "lid74@example.org",
        "Gerrit Hoekstra",
        "lid48@example.org",
        (6, 0),
        [Phase.DEVELOPMENT, Phase.AFTERCARE],
        {"preferred_way": NO_CONTACT, "rhythm": Rhythm.NONE},
    ),
    (
        AMERSFOORT,
        "lid75@example.org",
        "Wilma Jansen",
        "lid52@example.org",
        (3, 0),
        [Phase.DEVELOPMENT],
        {"preferred_way": "phone", "rhythm": Rhythm.TWO_MONTHLY},
    ),
    (
        AMERSFOORT,
        "lid76@example.org",
        "Johan Mulder",
        "lid52@example.org",
        (1, 0),
        [],
        {"preferred_way": "email", "wants_to_prevent": "Weer rood staan."},
    ),
]


def _person(email, name):
    if email == NO_EMAIL:
        person, created = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "phone": "06 12 34 56 78"}
        )
        if created:
            person.set_unusable_password()
            person.save()
        return person
    person = demo_person(email, name)
    if not person.phone:
        # The steady contact calls or apps them: a made-up number of their own.
        person.phone = f"06 2{person.pk:07d}"
        person.save(update_fields=["phone"])
    return person


def _open(organisation, person, contact, by, ended, phases, choices):
    months, days = ended
    today = timezone.localdate()
    debt_ended_on = today - relativedelta(months=months) - datetime.timedelta(days=days)
    plan = plan_open(
        organisation=organisation,
        person=person,
        contact=contact,
        by=by,
        debt_ended_on=debt_ended_on,
    )
    # The plan was opened a week after the debt trajectory ended.
    AftercarePlan.objects.filter(pk=plan.pk).update(
        opened_on=min(today, debt_ended_on + datetime.timedelta(days=7))
    )
    plan.refresh_from_db()
    plan_choices_record(
        plan=plan,
        by=by,
        consent_on=plan.opened_on,
        consent_way=ConsentWay.SPOKEN,
        **{"rhythm": Rhythm.AFTER_3_6_12, **choices},
    )
    for phase in phases:
        plan_phase_change(plan=plan, phase=phase, by=by, reason="Besproken met de deelnemer.")
    return plan


def _done(plan, days_ago, outcome, note="", **kwargs):
    """A moment that took place `days_ago`, with its outcome."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    moment = moment_add(plan=plan, due_on=day, by=plan.contact, purpose=Purpose.RHYTHM)
    moment_record(moment=moment, by=plan.contact, outcome=outcome, note=note, done_on=day, **kwargs)
    return moment


def _in_days(plan, days, purpose=Purpose.EXTRA):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return moment_add(plan=plan, due_on=day, by=plan.contact, purpose=purpose)


def _fatima(plan):
    _done(plan, 40, Outcome.WELL, "Gaat goed. De post wordt elke week geopend.")
    success_record(
        plan=plan,
        kind=SuccessKind.OWN,
        title="Eerste maand alles op tijd betaald",
        by=plan.contact,
        source="demo:first-month",
    )


def _kees(plan):
    _done(plan, 60, Outcome.WELL, "Werk gevonden bij de bakker, blij mee.")
    _done(plan, 20, Outcome.UNREACHED, "Voicemail ingesproken.")
    _done(plan, 3, Outcome.UNREACHED, "Weer niet opgenomen, sms gestuurd.")
    # Raised on the day of the second try, not when the demo was loaded.
    raised = timezone.now() - datetime.timedelta(days=3)
    AttentionSignal.objects.open().filter(person=plan.person).update(raised_at=raised)


def _anja(plan):
    _done(plan, 70, Outcome.WELL, "Rustig. Vaste lasten op een rij gezet.")
    # Overdue: it should have happened last week.
    _in_days(plan, -6, Purpose.RHYTHM)


def _ronald(plan):
    service = Service.objects.filter(name="Geldloket Utrecht").first()
    if service is None:
        return
    day = timezone.localdate() - datetime.timedelta(days=3)
    follow_up = _in_days(plan, 4, Purpose.FOLLOW_UP)
    referral = Referral(
        plan=plan,
        service=service,
        referred_on=day,
        accompanied=True,
        outcome=ReferralOutcome.IN_PROGRESS,
        note="Samen naar het inloopspreekuur geweest voor de toeslagen.",
        follow_up=follow_up,
        recorded_by=plan.contact,
    )
    referral.full_clean()
    referral.save()


def _petra(plan):
    _done(plan, 150, Outcome.WELL, "Alles betaald, spaart een beetje.")
    _done(plan, 30, Outcome.WELL, "Wil graag afsluiten, voelt zich sterk.")
    card = {
        "Buurtteam Utrecht-Zuid": "Hulp bij wonen en opvoeden",
        "Geldloket Utrecht": "Vragen over rekeningen",
    }
    for service in Service.objects.filter(name__in=card):
        HelpCardService.objects.create(plan=plan, service=service, for_what=card[service.name])
    HelpCardPerson.objects.create(
        plan=plan, name="Marja (zus)", helps_with="Samen de post openen", phone="06 98 76 54 32"
    )
    plan_close(plan=plan, by=plan.contact, reason="Het gaat goed; de hulpkaart is mee.")


def _wilma(plan):
    _done(plan, 5, Outcome.CONCERNS, "Baan kwijt, maakt zich zorgen over de huur.")


STORIES = {
    "deelnemer@example.org": _fatima,
    "lid70@example.org": _kees,
    "lid71@example.org": _anja,
    "lid72@example.org": _ronald,
    "lid73@example.org": _petra,
    "lid75@example.org": _wilma,
}


def seed_aftercare(organisations, users):
    """Aftercare settings and the demo plans, once: a person who has a plan
    in the organisation is left as they are."""
    competency = Competency.objects.get(slug=COMPETENCY)
    for organisation in organisations.values():
        AftercareSettings.objects.get_or_create(
            organisation=organisation, defaults={"competency": competency}
        )
    coordinator = users["coordinator@example.org"]
    for slug, email, name, contact_email, ended, phases, choices in PLANS:
        organisation = organisations[slug]
        person = _person(email, name)
        if AftercarePlan.objects.filter(organisation=organisation, person=person).exists():
            continue
        by = coordinator if slug == UTRECHT else None
        contact = User.objects.get(email=contact_email)
        plan = _open(organisation, person, contact, by, ended, phases, choices)
        story = STORIES.get(email)
        if story is not None:
            story(plan)
