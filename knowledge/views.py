"""Full-text search over the offer and the knowledge base: group pages,
articles, local agreements and the services of the social map."""

import re

from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from groups.models import GroupIndexPage, GroupPage

from . import dutch
from .agreements import AgreementIndexPage, AgreementPage
from .articles import ArticlePage, KnowledgeIndexPage, Topic
from .search import excerpt, highlighter, query_for
from .social_map import Service, SocialMapPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 20
# PostgreSQL refuses NUL in a string and control characters only make noise.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
WORD = re.compile(r"\w+")


def clean_query(raw):
    """What people type, cut to a sane length; a pasted page of text or an
    injection attempt becomes a plain, short query."""
    text = CONTROL_CHARACTERS.sub(" ", raw or "")[:MAX_QUERY_LENGTH]
    return " ".join(text.split())


def search_terms(query):
    """Only the words: quotes, brackets and operators mean syntax to SQLite's
    FTS5 and a stray one is an error there; lower case so that a typed "OR"
    or "NOT" is a word, not an operator."""
    return " ".join(WORD.findall(query.lower()))


def _page_results(request, queryset, search_query, pattern, kind_of, topic_of):
    queryset = queryset.live().public()
    model = queryset.model
    if any(f.name == "topic" and f.many_to_one for f in model._meta.get_fields()):
        queryset = queryset.select_related("topic")
    if any(f.name == "topics" and f.many_to_many for f in model._meta.get_fields()):
        queryset = queryset.prefetch_related("topics")
    results = []
    for page in queryset.search(search_query)[:RESULTS_PER_KIND]:
        results.append(
            {
                "title": page.title,
                "url": page.get_url(request),
                "kind": kind_of(page),
                "snippet": excerpt(
                    pattern,
                    page.search_description,
                    getattr(page, "intro", ""),
                    getattr(page, "summary", ""),
                    getattr(page, "body", ""),
                ),
                "topic": topic_of(page),
            }
        )
    return results


def _article_topic(page):
    topic = getattr(page, "topic", None)
    if topic is not None:
        return str(topic)
    topics = getattr(page, "topics", None)
    if topics is not None and hasattr(topics, "all"):
        return ", ".join(str(t) for t in topics.all())
    return ""


def _service_results(search_query, pattern):
    results = []
    for service in Service.objects.search(search_query)[:RESULTS_PER_KIND]:
        results.append(
            {
                "title": service.name,
                "url": None,
                "kind": _("Help nearby"),
                "snippet": excerpt(pattern, service.helps_with, service.audience),
                "topic": ", ".join(str(label) for label in service.get_needs_display()),
                "service": service,
            }
        )
    return results


def find(request, query):
    """What the search finds for `query`: the offer first (what someone
    can join), then articles, local agreements and services."""
    words = dutch.words(search_terms(query))
    search_query = query_for(words)
    if search_query is None:
        return []
    pattern = highlighter(words)
    groups = GroupPage.objects.visible_to(request.user).select_related("organisation")
    return [
        *_page_results(
            request,
            groups,
            search_query,
            pattern,
            lambda page: page.get_kind_display().capitalize(),
            lambda page: page.place,
        ),
        *_page_results(
            request,
            ArticlePage.objects.all(),
            search_query,
            pattern,
            lambda page: _("Article"),
            _article_topic,
        ),
        *_page_results(
            request,
            AgreementPage.objects.all(),
            search_query,
            pattern,
            lambda page: _("Local agreement"),
            lambda page: str(page.get_kind_display()),
        ),
        *_service_results(search_query, pattern),
    ]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = find(request, query)

    # Where to go when nothing (or nothing yet) was found.
    suggestions = []
    if not results:
        suggestions = [str(topic) for topic in Topic.objects.all()[:8]]
    links = list(
        Page.objects.live()
        .public()
        .type(GroupIndexPage, KnowledgeIndexPage, AgreementIndexPage, SocialMapPage)
        .order_by("path")[:5]
    )
    offer = next((link for link in links if link.specific_class is GroupIndexPage), None)
    return render(
        request,
        "knowledge/search.html",
        {
            "query": query,
            "results": results,
            "suggested_topics": suggestions,
            "links": links,
            "offer_url": offer.get_url(request) if offer else None,
        },
    )
