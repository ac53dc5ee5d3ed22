"""Demo local agreements and a social map for Utrecht; called from the demo
seed after the knowledge base exists. Idempotent: a second run changes
nothing."""

import datetime

from django.utils import timezone

from groups.models import GroupPage
from knowledge.models import (
    AgreementIndexPage,
    AgreementKind,
    AgreementPage,
    AgreementParty,
    KnowledgeIndexPage,
    LifeArea,
    Service,
    SocialMapPage,
)

EXAMPLE = "Voorbeeld"

AGREEMENTS = [
    {
        "slug": "voorbeeld-convenant-bewindvoering-utrecht",
        "title": f"{EXAMPLE}: Convenant beschermingsbewind Utrecht",
        "kind": AgreementKind.COVENANT,
        "municipality": "Utrecht",
        "intro": (
            f"{EXAMPLE} van een convenant. Gemeente, bewindvoerders en vrijwilligers"
            " spreken af hoe zij samenwerken als iemand onder bewind staat, en hoe het"
            " bewind op tijd en met nazorg wordt afgesloten."
        ),
        "adopted_by": "College van burgemeester en wethouders",
        "adopted_on": datetime.date(2024, 1, 16),
        "valid_from": datetime.date(2024, 2, 1),
        "valid_until": datetime.date(2027, 12, 31),
        "review_date": datetime.date(2026, 6, 1),
        "version": "1.0",
        "legal_basis": (
            "Burgerlijk Wetboek, boek 1, titel 19; Wet gemeentelijke schuldhulpverlening"
        ),
        "parties": [
            ("Gemeente Utrecht", "Utrecht", "J. de Wit", "wethouder Werk en Inkomen"),
            ("Vereniging van bewindvoerders (regio)", "Utrecht", "M. Bakker", "voorzitter"),
            ("Stichting Op Koers Utrecht", "Utrecht", "A. Yilmaz", "coördinator"),
        ],
    },
    {
        "slug": "voorbeeld-werkafspraken-nazorg-utrecht",
        "title": f"{EXAMPLE}: Werkafspraken nazorg na schuldhulpverlening",
        "kind": AgreementKind.WORKING_AGREEMENTS,
        "municipality": "Utrecht",
        "intro": (
            f"{EXAMPLE} van werkafspraken tussen de gemeente en vrijwilligersorganisaties"
            " over nazorg: wie belt na afloop van de schuldregeling, hoe een warme"
            " overdracht naar een maatje of budgetcursus gaat, en wat er gebeurt als"
            " nieuwe schulden ontstaan."
        ),
        "adopted_by": "Afdeling schuldhulpverlening",
        "adopted_on": datetime.date(2025, 3, 10),
        "valid_from": datetime.date(2025, 4, 1),
        "valid_until": None,
        "review_date": datetime.date(2027, 4, 1),
        "version": "2.1",
        "legal_basis": "Beleidsplan schuldhulpverlening 2025-2028",
        "parties": [
            ("Gemeente Utrecht", "Utrecht", "R. Jansen", "teamleider schuldhulpverlening"),
            ("Stichting Op Koers Utrecht", "Utrecht", "A. Yilmaz", "coördinator"),
        ],
    },
    {
        "slug": "voorbeeld-samenwerking-vrijwilligersorganisaties",
        "title": f"{EXAMPLE}: Samenwerkingsafspraak vrijwilligersorganisaties Utrecht-Amersfoort",
        "kind": AgreementKind.COOPERATION,
        "municipality": "Regio Utrecht en Amersfoort",
        "intro": (
            f"{EXAMPLE} van een samenwerkingsafspraak tussen vrijwilligersorganisaties:"
            " zij verwijzen naar elkaars groepen, delen trainingen voor vrijwilligers en"
            " houden samen een wachtlijst bij."
        ),
        "adopted_by": "Besturen van de deelnemende organisaties",
        "adopted_on": None,
        "valid_from": None,
        "valid_until": None,
        "review_date": None,
        "version": "0.3",
        "status_override": "concept",
        "legal_basis": "",
        "parties": [
            ("Stichting Op Koers Utrecht", "Utrecht", "", ""),
            ("Geldmaatjes Amersfoort", "Amersfoort", "", ""),
        ],
    },
]

# (name, helps with, for whom, address, opening hours, phone, type, needs)
SERVICES = [
    (
        "Geldloket Utrecht",
        "Vragen over rekeningen, toeslagen en betalingsachterstanden; hulp bij formulieren.",
        "Iedereen in Utrecht",
        "Voorbeeldstraat 1",
        "Inloop dinsdag en donderdag 9.30–12.00 uur",
        "030 000 00 01",
        "gemeente",
        [LifeArea.MONEY],
    ),
    (
        "Formulierenbrigade Noordoost",
        "Vrijwilligers helpen met formulieren van de Belastingdienst en de gemeente.",
        "Bewoners van Noordoost",
        "Wijkcentrum De Voorbeeldhof",
        "Maandag 13.00–16.00 uur, zonder afspraak",
        "030 000 00 02",
        "vrijwilligers",
        [LifeArea.MONEY, LifeArea.LANGUAGE],
    ),
    (
        "Buurtteam Utrecht-Zuid",
        "Hulp bij wonen, opvoeden, geldzaken en gezondheid, thuis of in de wijk.",
        "Alle inwoners van Zuid",
        "Proeflaan 20",
        "Werkdagen 9.00–17.00 uur",
        "030 000 00 03",
        "wijkteam",
        [LifeArea.HOUSING, LifeArea.HEALTH, LifeArea.MONEY],
    ),
    (
        "Huurteam Utrecht",
        "Advies bij huurachterstand, huurverhoging en gebreken aan de woning.",
        "Huurders",
        "Voorbeeldplein 5",
        "Woensdag 10.00–14.00 uur",
        "030 000 00 04",
        "welzijn",
        [LifeArea.HOUSING],
    ),
    (
        "Huisartsenpraktijk De Voorbeeldhoek (praktijkondersteuner GGZ)",
        "Een gesprek over stress en slapeloosheid door geldzorgen.",
        "Patiënten van de praktijk",
        "Voorbeeldhoek 7",
        "Op afspraak",
        "030 000 00 05",
        "zorg",
        [LifeArea.HEALTH],
    ),
    (
        "Werkpunt Utrecht",
        "Hulp bij het vinden van werk, vrijwilligerswerk of een opleiding.",
        "Werkzoekenden",
        "Proefstraat 30",
        "Inloop vrijdag 10.00–12.00 uur",
        "030 000 00 06",
        "gemeente",
        [LifeArea.WORK],
    ),
    (
        "Taalcafé Voorbeeldwijk",
        "Nederlands oefenen in een ontspannen groep; hulp bij brieven lezen.",
        "Iedereen die Nederlands wil leren",
        "Bibliotheek Voorbeeldwijk",
        "Zaterdag 10.00–12.00 uur",
        "030 000 00 07",
        "vrijwilligers",
        [LifeArea.LANGUAGE],
    ),
    (
        "Maatjesproject Samen Verder",
        "Een vrijwilliger die regelmatig langskomt voor een praatje of een wandeling.",
        "Mensen die zich alleen voelen",
        "",
        "Op afspraak",
        "030 000 00 08",
        "welzijn",
        [LifeArea.SOCIAL],
    ),
    (
        "Buurtkamer De Voorbeeldhof",
        "Samen koffie drinken en eten voor een klein bedrag; ook een weggeefkast.",
        "Buurtbewoners",
        "Wijkcentrum De Voorbeeldhof",
        "Maandag tot en met vrijdag 10.00–15.00 uur",
        "030 000 00 09",
        "welzijn",
        [LifeArea.SOCIAL, LifeArea.MONEY],
    ),
]


# Days since someone checked a service; two of them are overdue, so the
# editors' reminder and the admin's "longest unchecked first" have work.
CHECKED_DAYS_AGO = {"Huurteam Utrecht": 400, "Taalcafé Voorbeeldwijk": 380}


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_knowledge_extras(knowledge_index=None):
    """Local agreements and the social map under the knowledge base."""
    knowledge_index = knowledge_index or KnowledgeIndexPage.objects.first()
    if knowledge_index is None:
        return
    agreement_index = _child(
        knowledge_index,
        AgreementIndexPage,
        "lokale-afspraken",
        title="Lokale afspraken",
        intro=(
            "<p>Convenanten, werkafspraken en beleidsplannen over schuldhulp en nazorg."
            " De afspraken hieronder zijn voorbeelden.</p>"
        ),
    )
    for data in AGREEMENTS:
        data = dict(data)
        parties = data.pop("parties")
        slug = data.pop("slug")
        if AgreementPage.objects.child_of(agreement_index).filter(slug=slug).exists():
            continue
        page = AgreementPage(slug=slug, **data)
        page.parties = [
            AgreementParty(name=name, place=place, signatory=signatory, capacity=capacity)
            for name, place, signatory, capacity in parties
        ]
        agreement_index.add_child(instance=page)
        page.save_revision().publish()
    _child(
        knowledge_index,
        SocialMapPage,
        "sociale-kaart",
        title="Sociale kaart",
        intro="<p>Hulp in de buurt bij geld, wonen, gezondheid, werk, taal en contact.</p>",
    )
    utrecht_groups = list(GroupPage.objects.live().filter(place="Utrecht"))
    for name, helps, audience, address, hours, phone, kind, needs in SERVICES:
        if Service.objects.filter(name=name).exists():
            continue
        service = Service.objects.create(
            name=name,
            helps_with=helps,
            audience=audience,
            address=address,
            place="Utrecht",
            opening_hours=hours,
            phone=phone,
            organisation_type=kind,
            needs=[str(need) for need in needs],
            last_checked_on=timezone.localdate()
            - datetime.timedelta(days=CHECKED_DAYS_AGO.get(name, 45)),
        )
        # Money help is what every group in Utrecht should point to.
        if LifeArea.MONEY in needs:
            service.relevant_groups.set(utrecht_groups)
            service.save()
