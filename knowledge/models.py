"""Where Django finds the knowledge models; each sub-domain has its module."""

from .agreements import (
    AgreementIndexPage,
    AgreementKind,
    AgreementPage,
    AgreementParty,
    AgreementStatus,
)
from .articles import ArticlePage, KnowledgeIndexPage, PublicationPage, Topic
from .reminders import AgreementReviewNotice, ServiceCheckNotice
from .social_map import LifeArea, Service, SocialMapPage

__all__ = [
    "AgreementIndexPage",
    "AgreementKind",
    "AgreementPage",
    "AgreementParty",
    "AgreementReviewNotice",
    "AgreementStatus",
    "ArticlePage",
    "KnowledgeIndexPage",
    "LifeArea",
    "PublicationPage",
    "Service",
    "ServiceCheckNotice",
    "SocialMapPage",
    "Topic",
]
