"""What people type into the search, against the pages they should find:
the same pages on SQLite (the embedded default, no Dutch stemmer) and on
PostgreSQL ("dutch" configuration), thanks to knowledge.dutch."""

import pytest
from wagtail.models import Site
from wagtail.rich_text import RichText

from groups.models import GroupKind
from knowledge.models import AgreementIndexPage, ArticlePage, KnowledgeIndexPage, Service
from tests.factories import OrganisationFactory
from tests.groups.factories import GroupPageFactory

from .test_agreements import make_agreement

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"

SPAARKRING = "Spaarkring Overvecht"
BUDGETCURSUS = "Budgetcursus Zuilen"
LOTGENOTEN = "Lotgenotengroep Schulden de baas"
TRAINING = "Training maatje in de nazorg"
VRIJWILLIGERS = "Vrijwilligers in de nazorg"
MAATJE = "Een maatje na de schuldhulpverlening"
TERUGVAL = "Terugvallen voorkomen"
BRIEVEN = "Brieven van schuldeisers"
CURSUSSEN = "Cursussen over geld"
GEZINNEN = "Gezinnen met geldzorgen"
GEMEENTE = "De rol van de gemeente"
CONVENANT = "Convenant bewindvoering"
VROEGSIGNALERING = "Samenwerkingsafspraak vroegsignalering"
GELDLOKET = "Geldloket Utrecht"
FORMULIEREN = "Formulierenhulp"

GROUPS = [
    (
        SPAARKRING,
        GroupKind.SAVINGS_CIRCLE,
        "Samen elke week een klein bedrag opzij zetten.",
        "<p>In de spaarkring sparen deelnemers samen voor een buffer.</p>",
    ),
    (
        BUDGETCURSUS,
        GroupKind.BUDGET_COURSE,
        "In vier ochtenden leert u uw post en brieven te ordenen en een begroting te maken.",
        "",
    ),
    (
        LOTGENOTEN,
        GroupKind.PEER_SUPPORT,
        "Praten met mensen die ook schulden hebben gehad. Voor gezinnen en alleenstaanden.",
        "",
    ),
    (TRAINING, GroupKind.TRAINING, "Voor vrijwilligers die maatje worden van een deelnemer.", ""),
]
ARTICLES = [
    (VRIJWILLIGERS, "Hoe vrijwilligers mensen na de schuldregeling blijven steunen.", ""),
    (MAATJE, "Een maatje helpt bij het openen van de post en het bellen met instanties.", ""),
    (
        TERUGVAL,
        "Wat helpt om niet opnieuw in de schulden te komen: een buffer, een vast "
        "budget en iemand om mee te praten.",
        "",
    ),
    (BRIEVEN, "Wat u doet met een aanmaning of een brief van de deurwaarder.", ""),
    (CURSUSSEN, "Een overzicht voor wie wil leren budgetteren.", ""),
    (GEZINNEN, "Kinderen merken het als er thuis geldzorgen zijn.", ""),
    (
        GEMEENTE,
        "Gemeenten bieden schuldhulp en nazorg.",
        "<p>De gemeente is verantwoordelijk voor de schuldhulpverlening in haar gebied.</p>",
    ),
]
SERVICES = [
    (GELDLOKET, "gemeente", "Hulp bij schuld, toeslagen en huurachterstanden."),
    (FORMULIEREN, "welzijn", "Vrijwilligers helpen met formulieren en brieven van instanties."),
]

# (what people type, pages that must be among the results, pages that must not)
QUERIES = [
    ("spaarkring", {SPAARKRING}, {BUDGETCURSUS}),
    ("spaarkringen", {SPAARKRING}, set()),
    ("sparen", {SPAARKRING}, set()),
    ("budgetcursus", {BUDGETCURSUS}, set()),
    ("cursus", {BUDGETCURSUS, CURSUSSEN}, set()),
    ("cursussen", {BUDGETCURSUS, CURSUSSEN}, set()),
    ("maatje", {MAATJE}, {TRAINING}),
    ("maatjes", {MAATJE}, {TRAINING}),
    ("brief", {BRIEVEN, BUDGETCURSUS, FORMULIEREN}, set()),
    ("brieven", {BRIEVEN, BUDGETCURSUS, FORMULIEREN}, set()),
    ("post", {MAATJE, BUDGETCURSUS, BRIEVEN}, set()),
    ("gezin", {GEZINNEN, LOTGENOTEN}, set()),
    ("gezinnen", {GEZINNEN, LOTGENOTEN}, set()),
    ("terugval", {TERUGVAL}, set()),
    ("terugvallen", {TERUGVAL}, set()),
    ("schuldhulp", {MAATJE, GEMEENTE}, set()),
    ("schuldhulpverlening", {MAATJE, GEMEENTE}, set()),
    ("vrijwilliger", {VRIJWILLIGERS, FORMULIEREN}, {TRAINING}),
    ("vrijwilligers", {VRIJWILLIGERS, FORMULIEREN}, {TRAINING}),
    ("VRIJWILLIGERS", {VRIJWILLIGERS, FORMULIEREN}, set()),
    ("schuld", {GELDLOKET, LOTGENOTEN, TERUGVAL}, set()),
    ("schulden", {GELDLOKET, LOTGENOTEN, TERUGVAL}, set()),
    ("schulden!!", {GELDLOKET, LOTGENOTEN, TERUGVAL}, set()),
    ("hulp bij schulden", {GELDLOKET}, {VROEGSIGNALERING}),
    ("afspraak", {CONVENANT}, set()),
    ("gemeente", {GEMEENTE, CONVENANT, VROEGSIGNALERING}, set()),
    ("gemeenten", {GEMEENTE, CONVENANT, VROEGSIGNALERING}, set()),
    ("bewindvoerder", {CONVENANT}, set()),
    ("huurachterstand", {GELDLOKET, VROEGSIGNALERING}, set()),
    ("toeslag", {GELDLOKET}, set()),
    ("nazorg", {VRIJWILLIGERS, GEMEENTE}, {TRAINING}),
    ("deurwaarder", {BRIEVEN}, set()),
    ("overvecht", {SPAARKRING}, set()),
    ("lotgenoten", {LOTGENOTEN}, set()),
]


@pytest.fixture
def content(django_capture_on_commit_callbacks):
    """Pages and services with real texts, indexed (the index is updated
    after the commit that a test never makes)."""
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(name="Op Koers Utrecht")
        for title, kind, intro, body in GROUPS:
            GroupPageFactory(
                title=title,
                kind=kind,
                intro=intro,
                body=body,
                organisation=organisation,
                place="Utrecht",
            )
        home = Site.objects.get(is_default_site=True).root_page
        knowledge = home.add_child(instance=KnowledgeIndexPage(title="Kennisbank", slug="kb"))
        for title, summary, body in ARTICLES:
            article = ArticlePage(
                title=title, summary=summary, body=[("paragraph", RichText(body))] if body else []
            )
            knowledge.add_child(instance=article)
        agreements = knowledge.add_child(instance=AgreementIndexPage(title="Afspraken"))
        make_agreement(
            agreements,
            CONVENANT,
            intro="Afspraken tussen gemeenten en bewindvoerders over betalingsachterstanden.",
        )
        make_agreement(
            agreements,
            VROEGSIGNALERING,
            intro="Woningcorporaties melden "
            "huurachterstanden bij de gemeente, zodat hulp op tijd komt.",
        )
        for name, kind, helps_with in SERVICES:
            Service.objects.create(
                name=name,
                place="Utrecht",
                organisation_type=kind,
                helps_with=helps_with,
                needs=["geld"],
            )


def test_the_table_has_at_least_25_real_queries():
    assert len(QUERIES) >= 25


def test_every_query_finds_its_pages_on_this_database(client, content):
    wrong = []
    for query, expected, unexpected in QUERIES:
        found = {result["title"] for result in client.get(SEARCH, {"q": query}).context["results"]}
        if expected - found or unexpected & found:
            wrong.append((query, sorted(expected - found), sorted(unexpected & found)))
    assert wrong == []
