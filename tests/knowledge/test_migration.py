"""The knowledge base's data survives its move from the website app to the
knowledge app (website 0004, knowledge 0001) and the call-out rename
(website 0005): rows, tables, content types, revisions and search."""

import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from knowledge.models import (
    AgreementIndexPage,
    AgreementPage,
    AgreementParty,
    ArticlePage,
    PublicationPage,
    Service,
    Topic,
)
from knowledge.whitepaper import SECTION_TITLES, import_whitepaper
from people.permissions import EDITORS_GROUP
from tests.groups.factories import GroupPageFactory
from website.models import HomePage

from .test_agreements import make_document

# Before the move: the knowledge models in website, no knowledge app.
WEBSITE_BEFORE = ("website", "0003_agreements_social_map")
BEFORE = [WEBSITE_BEFORE, ("knowledge", None)]
DRAFT_SUMMARY = "Nog niet gepubliceerd."
OLD_TABLES = {
    "website_agreementindexpage",
    "website_agreementpage",
    "website_agreementpage_related_agreements",
    "website_agreementparty",
    "website_articlepage",
    "website_articlepage_topics",
    "website_knowledgeindexpage",
    "website_publicationpage",
    "website_publicationpage_topics",
    "website_service",
    "website_service_relevant_groups",
    "website_socialmappage",
    "website_topic",
}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # Django caches content types by id; the migrations moved them.
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection)


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def tables():
    return set(connection.introspection.table_names())


def knowledge_tables():
    """The tables the current knowledge models and their many-to-many
    relations expect."""
    names = set()
    for model in apps.get_app_config("knowledge").get_models():
        names.add(model._meta.db_table)
        names.update(
            field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many
        )
    return names


def callout_keys(raw_body):
    return [sorted(block["value"]) for block in raw_body if block["type"] == "callout"]


def content_before_the_rollback():
    publication, _changed = import_whitepaper()
    draft = ArticlePage.objects.get(slug="vrijwilligers-en-nazorg")
    draft.summary = DRAFT_SUMMARY
    draft.save_revision()
    knowledge = publication.get_parent()
    agreements = AgreementIndexPage(title="Lokale afspraken", slug="lokale-afspraken")
    knowledge.add_child(instance=agreements)
    agreements.save_revision().publish()
    document = make_document("convenant-getekend")
    agreement = AgreementPage(
        title="Convenant bewindvoering",
        kind="convenant",
        municipality="Utrecht",
        document=document,
    )
    agreement.parties = [AgreementParty(name="Gemeente Utrecht", signatory="J. de Wit")]
    agreements.add_child(instance=agreement)
    agreement.save_revision().publish()
    HomePage.objects.get().save_revision()
    editors = Group.objects.get(name=EDITORS_GROUP)
    editors.permissions.add(Permission.objects.get(codename="change_topic"))
    return {
        "agreement": agreement,
        "document": document,
        "group": GroupPageFactory(),
        "topic_type": ContentType.objects.get_for_model(Topic).pk,
        "topic": Topic.objects.latest("pk").pk,
    }


def content_in_the_old_state(old_apps, made):
    """With the historical models: the rows made above are in the website
    tables, and new rows can be added there."""
    old = lambda name: old_apps.get_model("website", name)  # noqa: E731
    old_content_type = old_apps.get_model("contenttypes", "ContentType")
    assert old("ArticlePage").objects.count() == len(SECTION_TITLES)
    assert old("PublicationPage").objects.get(slug="nazorg")
    agreement, group = made["agreement"], made["group"]
    assert old("AgreementParty").objects.get(page_id=agreement.pk).name == "Gemeente Utrecht"
    assert old("AgreementPage").objects.get(pk=agreement.pk).document_id is not None
    assert old_content_type.objects.get(app_label="website", model="topic").pk == made["topic_type"]
    home = old("HomePage").objects.get()
    assert callout_keys(home.body.raw_data) == [["heading", "text"]]
    revision = old_apps.get_model("wagtailcore", "Revision").objects.get(pk=home.latest_revision_id)
    assert callout_keys(json.loads(revision.content["body"])) == [["heading", "text"]]

    topic = old("Topic").objects.create(name="Armoede", slug="armoede")
    article = old("ArticlePage").objects.get(slug="vrijwilligers-en-nazorg")
    old("ArticlePage").topics.through.objects.create(articlepage_id=article.pk, topic_id=topic.pk)
    service = old("Service").objects.create(
        name="Huurteam Utrecht",
        helps_with="Hulp bij huurachterstanden.",
        organisation_type="welzijn",
        needs=["wonen"],
        place="Utrecht",
    )
    old("Service").relevant_groups.through.objects.create(
        service_id=service.pk, grouppage_id=group.pk
    )
    old("AgreementParty").objects.create(page_id=agreement.pk, name="Stichting Op Koers")


def check_the_moved_content(client, made):
    agreement, document, group = made["agreement"], made["document"], made["group"]
    assert OLD_TABLES.isdisjoint(tables())
    # Every old table moved; later knowledge migrations add tables of their own.
    assert {name.replace("website_", "knowledge_") for name in OLD_TABLES} <= knowledge_tables()
    assert knowledge_tables() <= tables()
    assert not ContentType.objects.filter(app_label="website", model="topic").exists()
    assert ContentType.objects.get_for_model(Topic).pk == made["topic_type"]

    publication = PublicationPage.objects.get(slug="nazorg")
    assert [page.title for page in publication.sections()] == SECTION_TITLES
    article = ArticlePage.objects.get(slug="vrijwilligers-en-nazorg")
    assert {topic.slug for topic in article.topics.all()} == {"nazorg", "armoede"}
    assert article.summary != DRAFT_SUMMARY
    assert article.get_latest_revision_as_object().summary == DRAFT_SUMMARY
    agreement = AgreementPage.objects.get(pk=agreement.pk)
    assert agreement.document == document
    assert [p.name for p in agreement.parties.all()] == ["Gemeente Utrecht", "Stichting Op Koers"]
    published = agreement.get_latest_revision().as_object()
    assert [p.name for p in published.parties.all()] == ["Gemeente Utrecht"]
    service = Service.objects.get(name="Huurteam Utrecht")
    assert service.needs == ["wonen"] and list(service.relevant_groups.all()) == [group]
    # The renamed tables keep numbering on from their old rows.
    assert Topic.objects.create(name="Nieuw", slug="nieuw").pk > made["topic"]
    editors = Group.objects.get(name=EDITORS_GROUP)
    assert editors.permissions.get(codename="change_topic").content_type_id == made["topic_type"]

    home = HomePage.objects.get()
    assert callout_keys(home.body.raw_data) == [["text", "title"]]
    revision_body = json.loads(home.get_latest_revision().content["body"])
    assert callout_keys(revision_body) == [["text", "title"]]

    for page in (publication.get_parent(), publication, article, agreement.get_parent(), agreement):
        assert client.get(page.url).status_code == 200, page.url
    assert client.get(document.url).status_code == 200
    found = client.get("/zoeken/", {"q": "Waakvlamcontacten"}).context["results"]
    assert "Palet van nazorg" in [result["title"] for result in found]


@pytest.mark.django_db(transaction=True)
def test_the_knowledge_base_keeps_its_data_when_it_moves_to_its_own_app(client, files_on_disk):
    # Transactional: commits happen, so the search index is written as usual.
    made = content_before_the_rollback()
    newest = latest()
    try:
        executor = migrate(BEFORE)
        assert tables() >= OLD_TABLES
        old_apps = executor.loader.project_state([WEBSITE_BEFORE]).apps
        content_in_the_old_state(old_apps, made)
    finally:
        # Whatever happened, the database ends where the other tests expect it.
        migrate(newest)
    check_the_moved_content(client, made)
