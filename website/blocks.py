"""Blocks of the home page and the standard pages; the call-out is the
knowledge base's, so the whole site has one."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue

from knowledge.blocks import CalloutBlock


class LinkCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("short text"), required=False)
    page = blocks.PageChooserBlock(label=_("page"))

    class Meta:
        icon = "link"
        label = _("Link card")


class LinkCardsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(LinkCardBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Link cards")
        template = "website/blocks/link_cards.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), icon="title", template="website/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        template="website/blocks/paragraph.html",
    )
    callout = CalloutBlock()
    link_cards = LinkCardsBlock()

    def value_from_datadict(self, data, files, prefix):
        try:
            return super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError, TypeError):
            # The page editor always sends the count, order and type of every
            # block; only a hand-made request lacks them. Refused in clean().
            value = StreamValue(self, [])
            value.unreadable = True
            return value

    def clean(self, value):
        if getattr(value, "unreadable", False):
            message = _("The content could not be read. Reload the page and try again.")
            raise StreamBlockValidationError(non_block_errors=[message])
        return super().clean(value)
