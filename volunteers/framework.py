"""The field's competency framework and volunteer roles, as every new
installation starts with them; coordinators edit them in the admin. Also
used by the data migration, so the values live here once."""

COMPETENCIES = [
    (
        "stress-sensitief-werken",
        "Stress-sensitief werken",
        "Houding",
        24,
        "Begrijpen wat geldstress met mensen doet, en daar in gesprek en afspraken rekening "
        "mee houden.",
    ),
    (
        "cultuursensitief-werken",
        "Cultuursensitief werken",
        "Houding",
        36,
        "Oog hebben voor verschillen in taal, gewoonten en opvattingen over geld.",
    ),
    (
        "gespreksvoering",
        "Gespreksvoering",
        "Vaardigheden",
        None,
        "Gesprekken voeren over veel onderwerpen: luisteren, doorvragen, samenvatten, "
        "afspraken maken.",
    ),
    (
        "doorverwijzen-sociale-kaart",
        "Doorverwijzen en de sociale kaart",
        "Kennis",
        24,
        "Weten welke instanties en voorzieningen er lokaal zijn, en hoe u iemand goed "
        "doorverwijst.",
    ),
    (
        "privacy-avg",
        "Privacy en AVG",
        "Kennis",
        24,
        "Zorgvuldig omgaan met persoonsgegevens en documenten van deelnemers.",
    ),
    (
        "financiele-basiskennis",
        "Financiële basiskennis",
        "Kennis",
        36,
        "Inkomsten, uitgaven, toeslagen, vaste lasten en de basis van schulden en "
        "schuldhulpverlening.",
    ),
    (
        "nazorg-terugvalpreventie",
        "Nazorg en terugvalpreventie",
        "Vaardigheden",
        24,
        "Mensen na schuldhulp ondersteunen bij zelfredzaamheid, zonder de regie over te nemen.",
    ),
]

ROLES = [
    (
        "thuisadministratie-vrijwilliger",
        "Thuisadministratie-vrijwilliger",
        "Helpt mensen thuis hun administratie op orde te krijgen en te houden.",
        ["gespreksvoering", "privacy-avg", "financiele-basiskennis", "stress-sensitief-werken"],
    ),
    (
        "nazorgvrijwilliger",
        "Nazorgvrijwilliger",
        "Blijft betrokken bij mensen na de schuldhulp.",
        [
            "gespreksvoering",
            "nazorg-terugvalpreventie",
            "doorverwijzen-sociale-kaart",
            "stress-sensitief-werken",
        ],
    ),
    (
        "trainer-budgetcursus",
        "Trainer budgetcursus",
        "Geeft de budgetcursus aan een groep.",
        ["gespreksvoering", "financiele-basiskennis", "cultuursensitief-werken", "privacy-avg"],
    ),
    (
        "begeleider-lotgenotengroep",
        "Begeleider lotgenotengroep",
        "Begeleidt de gesprekken in een lotgenotengroep.",
        [
            "gespreksvoering",
            "stress-sensitief-werken",
            "cultuursensitief-werken",
            "nazorg-terugvalpreventie",
        ],
    ),
    (
        "spaarkringbegeleider",
        "Spaarkringbegeleider",
        "Begeleidt een spaarkring en houdt de inleg bij.",
        ["gespreksvoering", "financiele-basiskennis", "privacy-avg"],
    ),
]


def ensure_framework(competency_model, role_model):
    """Create what is missing; never change what coordinators edited."""
    by_slug = {}
    for slug, name, category, months, description in COMPETENCIES:
        by_slug[slug], _ = competency_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "category": category,
                "validity_months": months,
                "description": description,
            },
        )
    for slug, name, description, required in ROLES:
        role, created = role_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            role.competencies.set([by_slug[s] for s in required])
