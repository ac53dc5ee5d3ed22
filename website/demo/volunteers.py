"""Demo volunteers in mixed states (qualified, expiring, expired, missing)
and trainings that award competencies."""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from groups.models import GroupPage
from people.models import Membership, Role, User
from volunteers import services as volunteer_services
from volunteers.models import (
    Competency,
    RecordSource,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
)

from .people import demo_person

# (number, name, status, months since VOG, {competency slug: days since achieved})
VOLUNTEERS = [
    (
        1,
        "Anouk Verbeek",
        "active",
        6,
        {
            "gespreksvoering": 200,
            "privacy-avg": 100,
            "financiele-basiskennis": 300,
            "stress-sensitief-werken": 150,
        },
    ),
    (
        2,
        "Bram de Wit",
        "active",
        12,
        {"gespreksvoering": 400, "privacy-avg": 700, "financiele-basiskennis": 500},
    ),
    (
        3,
        "Chantal Meijer",
        "active",
        35,
        {
            "gespreksvoering": 90,
            "nazorg-terugvalpreventie": 60,
            "doorverwijzen-sociale-kaart": 30,
            "stress-sensitief-werken": 20,
        },
    ),
    (4, "Dennis Koster", "active", 40, {"gespreksvoering": 800, "financiele-basiskennis": 1200}),
    # VOG requested (free VOG scheme) and not in yet: see seed_volunteers.
    (5, "Esra Kaya", "applying", None, {}),
    (
        6,
        "Frank Peters",
        "active",
        2,
        {"gespreksvoering": 30, "cultuursensitief-werken": 1000, "privacy-avg": 690},
    ),
    (7, "Greet Smits", "leaving", 20, {"gespreksvoering": 1500, "privacy-avg": 800}),
    (
        8,
        "Hamid Rachidi",
        "active",
        8,
        {
            "gespreksvoering": 50,
            "stress-sensitief-werken": 300,
            "cultuursensitief-werken": 40,
            "nazorg-terugvalpreventie": 100,
        },
    ),
]


AWARDS = {
    "basistraining-vrijwilligers-utrecht": [
        "gespreksvoering",
        "privacy-avg",
        "financiele-basiskennis",
    ],
    "training-nazorg-amersfoort": ["nazorg-terugvalpreventie", "stress-sensitief-werken"],
}


def _volunteer(user, organisation, status, vog_months, records, wanted, by):
    today = timezone.localdate()
    profile, created = VolunteerProfile.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={
            "status": status,
            "start_date": today - datetime.timedelta(days=400),
            "vog_received_on": today - relativedelta(months=vog_months) if vog_months else None,
        },
    )
    if not created:
        return profile
    profile.roles_wanted.set(VolunteerRole.objects.filter(slug__in=wanted))
    for slug, days in records.items():
        competency = Competency.objects.get(slug=slug)
        volunteer_services.competency_record(
            volunteer=user,
            competency=competency,
            achieved_on=today - datetime.timedelta(days=days),
            source=RecordSource.OBSERVATION,
            note="Demo: waargenomen tijdens de begeleiding.",
            by=by,
        )
    return profile


def seed_volunteers(organisations, users):
    """Ten volunteers in mixed states (qualified, expiring, expired,
    missing), trainings that award competencies, and vrijwilliger@example.org
    with one competency that expires soon."""
    utrecht = organisations["op-koers-utrecht"]
    coordinator = users["coordinator@example.org"]
    for slug, competencies in AWARDS.items():
        training = GroupPage.objects.get(slug=slug)
        for competency_slug in competencies:
            TrainingCompetency.objects.get_or_create(
                training=training, competency=Competency.objects.get(slug=competency_slug)
            )
    # The demo trainer is qualified for the two groups they lead.
    _volunteer(
        users["trainer@example.org"],
        utrecht,
        "active",
        10,
        {
            "gespreksvoering": 300,
            "financiele-basiskennis": 200,
            "cultuursensitief-werken": 250,
            "privacy-avg": 100,
        },
        ["trainer-budgetcursus", "spaarkringbegeleider"],
        coordinator,
    )
    # One competency expires within weeks: stress-sensitive work lasts two
    # years, recorded almost two years ago.
    _volunteer(
        users["vrijwilliger@example.org"],
        utrecht,
        "active",
        14,
        {
            "gespreksvoering": 500,
            "privacy-avg": 120,
            "stress-sensitief-werken": 700,
            # A steady aftercare contact (website.demo.aftercare).
            "nazorg-terugvalpreventie": 80,
        },
        ["thuisadministratie-vrijwilliger"],
        coordinator,
    )
    for number, name, status, vog_months, records in VOLUNTEERS:
        user = demo_person(f"lid{40 + number}@example.org", name)
        Membership.objects.get_or_create(user=user, organisation=utrecht, role=Role.VOLUNTEER)
        wanted = ["thuisadministratie-vrijwilliger"] if number % 2 else ["nazorgvrijwilliger"]
        _volunteer(user, utrecht, status, vog_months, records, wanted, coordinator)
    VolunteerProfile.objects.filter(user__email="lid45@example.org", vog_requested_on=None).update(
        vog_requested_on=timezone.localdate() - datetime.timedelta(weeks=3), vog_free=True
    )


# Amersfoort's own trainers: (number, name, {competency: days since}, roles wanted).
AMERSFOORT_TRAINERS = [
    (
        51,
        "Joke van Dam",
        {
            "gespreksvoering": 100,
            "financiele-basiskennis": 200,
            # Two years valid: expires within 14 days while she leads groups.
            "privacy-avg": 720,
            "cultuursensitief-werken": 300,
        },
        ["trainer-budgetcursus", "spaarkringbegeleider"],
    ),
    (
        52,
        "Rachid Bouali",
        {
            "gespreksvoering": 120,
            "stress-sensitief-werken": 200,
            "cultuursensitief-werken": 90,
            "nazorg-terugvalpreventie": 150,
        },
        ["begeleider-lotgenotengroep"],
    ),
]

# Every group has a trainer who is qualified for its kind (the demo's own
# test checks it): group slug -> e-mail address of its trainer.
TRAINERS = {
    "budgetcursus-utrecht-overvecht": "trainer@example.org",
    "spaarkring-kanaleneiland": "trainer@example.org",
    "lotgenotengroep-utrecht": "lid48@example.org",  # Hamid Rachidi
    "basistraining-vrijwilligers-utrecht": "lid41@example.org",  # Anouk Verbeek
    "budgetcursus-amersfoort": "lid51@example.org",
    "spaarkring-amersfoort": "lid51@example.org",
    "lotgenotengroep-amersfoort": "lid52@example.org",
    "training-nazorg-amersfoort": "lid52@example.org",
}


CO_TRAINED_GROUP, CO_TRAINER = "budgetcursus-utrecht-overvecht", "lid46@example.org"


def seed_trainers(organisations, users):
    """Amersfoort's trainers, a qualified trainer for every group and one
    co-trainer."""
    amersfoort = organisations["geldmaatjes-amersfoort"]
    for number, name, records, wanted in AMERSFOORT_TRAINERS:
        user = demo_person(f"lid{number}@example.org", name)
        for role in (Role.VOLUNTEER, Role.TRAINER):
            Membership.objects.get_or_create(user=user, organisation=amersfoort, role=role)
        _volunteer(user, amersfoort, "active", 6, records, wanted, None)
    for slug, email in TRAINERS.items():
        group = GroupPage.objects.get(slug=slug)
        trainer = User.objects.get(email=email)
        Membership.objects.get_or_create(
            user=trainer, organisation=group.organisation, role=Role.TRAINER
        )
        if not group.trainers.filter(pk=trainer.pk).exists():
            group.trainers.add(trainer)
            group.save_revision().publish()
    # Learning by doing: Frank Peters joins the Overvecht budget course
    # beside its qualified trainer (a meeloper).
    group = GroupPage.objects.get(slug=CO_TRAINED_GROUP)
    learner = User.objects.get(email=CO_TRAINER)
    if not group.co_trainers.filter(pk=learner.pk).exists():
        group.co_trainers.add(learner)
        group.save_revision().publish()
