"""Full-text search over the knowledge base: articles, local agreements and
the services of the social map."""

import re

from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from .agreements import AgreementIndexPage, AgreementPage
from .articles import ArticlePage, KnowledgeIndexPage, Topic
from .social_map import Service, SocialMapPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 20
SNIPPET_WORDS = 30
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


def _snippet(*texts):
    for text in texts:
        plain = " ".join(strip_tags(str(text or "")).split())
        if plain:
            return Truncator(plain).words(SNIPPET_WORDS)
    return ""


def _page_results(request, model, query, kind_label, topic_of):
    queryset = model.objects.live().public()
    for relation in ("topic",):
        if any(f.name == relation and f.many_to_one for f in model._meta.get_fields()):
            queryset = queryset.select_related(relation)
    if any(f.name == "topics" and f.many_to_many for f in model._meta.get_fields()):
        queryset = queryset.prefetch_related("topics")
    results = []
    for page in queryset.search(query)[:RESULTS_PER_KIND]:
        results.append(
            {
                "title": page.title,
                "url": page.get_url(request),
                "kind": kind_label,
                "snippet": _snippet(
                    page.search_description,
                    getattr(page, "intro", ""),
                    getattr(page, "summary", ""),
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


def _service_results(query):
    results = []
    for service in Service.objects.search(query)[:RESULTS_PER_KIND]:
        results.append(
            {
                "title": service.name,
                "url": None,
                "kind": _("Help nearby"),
                "snippet": _snippet(service.helps_with),
                "topic": ", ".join(str(label) for label in service.get_needs_display()),
                "service": service,
            }
        )
    return results


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = []
    terms = search_terms(query)
    if terms:
        results += _page_results(request, ArticlePage, terms, _("Article"), _article_topic)
        results += _page_results(
            request,
            AgreementPage,
            terms,
            _("Local agreement"),
            lambda page: str(page.get_kind_display()),
        )
        results += _service_results(terms)

    # Where to go when nothing (or nothing yet) was found.
    suggestions = []
    if not results:
        suggestions = [str(topic) for topic in Topic.objects.all()[:8]]
    links = list(
        Page.objects.live()
        .public()
        .type(KnowledgeIndexPage, AgreementIndexPage, SocialMapPage)
        .order_by("path")[:5]
    )
    return render(
        request,
        "knowledge/search.html",
        {
            "query": query,
            "results": results,
            "suggested_topics": suggestions,
            "links": links,
        },
    )
