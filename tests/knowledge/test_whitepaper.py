import pytest
from django.core.management import call_command

from knowledge.models import ArticlePage, KnowledgeIndexPage, PublicationPage, Topic
from knowledge.whitepaper import SECTION_TITLES, SOURCE, parse
from tests.website.test_seed_demo import table_counts

pytestmark = pytest.mark.django_db


def run_import():
    call_command("import_whitepaper", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_project_holds_its_own_copy_of_the_white_paper():
    assert SOURCE.is_relative_to(SOURCE.parents[2])
    assert "Waarom is nazorg belangrijk?" in SOURCE.read_text(encoding="utf-8")


def test_parse_finds_the_nine_sections_in_order_without_page_headers():
    sections = parse(SOURCE.read_text(encoding="utf-8"))
    assert [section.title for section in sections] == SECTION_TITLES
    for section in sections:
        text = str(section.blocks)
        # The header repeats only as a page title, never inside the text.
        assert section.title not in text
        assert "•" not in text


def test_bullets_become_lists_and_wrapped_items_stay_whole():
    sections = {s.title: s for s in parse(SOURCE.read_text(encoding="utf-8"))}
    palette = sections["Palet van nazorg"].blocks[0]["value"]
    assert palette.count("<ul>") == 1
    assert palette.count("<li>") == 10
    # An item broken by a blank line in the PDF is one item.
    assert "<li>Budgetbeheer, budgetcoaching of bewindvoering als (langdurige) nazorg.</li>" in (
        palette
    )
    # Hyphenated line ends are joined.
    assert "app-contact" in palette


def test_the_abc_is_one_labelled_parts_block_with_three_parts():
    sections = {s.title: s for s in parse(SOURCE.read_text(encoding="utf-8"))}
    blocks = sections["Inzichten uit het LSTA webinar van 2022"].blocks
    parts_blocks = [block for block in blocks if block["type"] == "labelled_parts"]
    assert len(parts_blocks) == 1
    parts = [item["value"] for item in parts_blocks[0]["value"]]
    assert [(p["label"], p["title"]) for p in parts] == [
        ("A", "Autonomie"),
        ("B", "Betrokkenheid"),
        ("C", "Competentie"),
    ]
    assert all(p["text"].count("<li>") == 3 for p in parts)
    assert (
        "continuïteit in contact en zet niet opeens iemand anders in voor de nazorg."
        in (parts[1]["text"])
    )


def test_import_creates_the_publication_with_nine_sections_in_order():
    run_import()
    index = KnowledgeIndexPage.objects.get()
    assert index.show_in_menus and index.live and index.slug == "kennisbank"
    publication = PublicationPage.objects.get()
    assert publication.get_parent().specific == index
    assert (publication.title, publication.author_url, publication.year) == (
        "Nazorg",
        "https://www.lsta.nl",
        2024,
    )
    assert "LSTA" in publication.author_name
    sections = list(publication.sections())
    assert [s.title for s in sections] == SECTION_TITLES
    assert all(s.live and s.last_published_at for s in sections)
    nazorg = Topic.objects.get(slug="nazorg")
    assert all(nazorg in s.topics.all() for s in sections)
    assert set(Topic.objects.values_list("slug", flat=True)) == {
        "nazorg",
        "vrijwilligers",
        "schuldhulpverlening",
        "samenwerking",
        "privacy",
    }
    webinar = sections[4]
    assert [block.block_type for block in webinar.body].count("labelled_parts") == 1


def test_import_twice_changes_nothing():
    run_import()
    before = table_counts()
    run_import()
    assert table_counts() == before


def test_import_restores_a_section_an_editor_changed_and_keeps_the_rest():
    run_import()
    article = ArticlePage.objects.get(slug="palet-van-nazorg")
    article.body = [{"type": "paragraph", "value": "<p>Anders</p>"}]
    article.save_revision().publish()
    revisions = {page.pk: page.revisions.count() for page in ArticlePage.objects.all()}
    run_import()
    article.refresh_from_db()
    assert "Waakvlamcontacten" in str(article.body)
    for page in ArticlePage.objects.exclude(pk=article.pk):
        assert page.revisions.count() == revisions[page.pk]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("BKR Schuldenmonitor", "waarom-is-nazorg-belangrijk"),
        ("Madern", "inzichten-uit-het-lsta-webinar-van-2022"),
        ("Waakvlamcontacten", "palet-van-nazorg"),
        ("Betrokkenheid", "inzichten-uit-het-lsta-webinar-van-2022"),
    ],
)
def test_facts_from_the_white_paper_are_found_by_search(query, slug):
    run_import()
    results = ArticlePage.objects.live().search(query)
    assert slug in [page.slug for page in results]


def test_seed_demo_fills_the_knowledge_base(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ArticlePage.objects.child_of(PublicationPage.objects.get()).count() == 9


def test_every_imported_section_renders_with_one_h1_and_the_abc(client):
    run_import()
    publication = PublicationPage.objects.get()
    assert client.get(publication.get_parent().url).status_code == 200
    html = client.get(publication.url).content.decode()
    assert html.count("<h1") == 1 and 'href="https://www.lsta.nl"' in html
    for section in publication.sections():
        response = client.get(section.url)
        assert response.status_code == 200
        text = response.content.decode()
        assert text.count("<h1") == 1
        assert "<h3" not in text and "<h4" not in text
    webinar = client.get(
        ArticlePage.objects.get(slug="inzichten-uit-het-lsta-webinar-van-2022").url
    ).content.decode()
    assert webinar.count('class="waakvlam-parts__label"') == 3
    assert "<strong>Autonomie</strong>" in webinar


def test_readers_see_the_dutch_word_publicatie_not_white_paper():
    run_import()
    publication = PublicationPage.objects.get(slug="nazorg")
    article_texts = [str(a.body.raw_data) for a in ArticlePage.objects.child_of(publication)]
    shown = [publication.seo_title, publication.intro, *article_texts]
    assert not [text for text in shown if "white paper" in text.lower()]
    assert "Deze publicatie is samengesteld door:" in "".join(article_texts)


def test_an_earlier_import_that_said_white_paper_is_brought_up_to_date():
    run_import()
    PublicationPage.objects.filter(slug="nazorg").update(seo_title="Nazorg: white paper")
    run_import()
    assert "white paper" not in PublicationPage.objects.get(slug="nazorg").seo_title
