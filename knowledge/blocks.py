"""StreamField blocks of the knowledge base, and the one call-out block the
website's pages use as well."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Lists are allowed because the white paper leans on bullet lists; h2 is left
# out so that every section heading is a heading block and reaches the table
# of contents.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3"]


def heading_anchor(text):
    """The id of a heading, shared by the heading block and the table of
    contents so that the links always land."""
    return slugify(text) or "kop"


class HeadingBlock(blocks.CharBlock):
    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = heading_anchor(value)
        return context

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "knowledge/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(label=_("source"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "knowledge/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "knowledge/blocks/callout.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"),
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "knowledge/blocks/document_link.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    # Required: an image without a text alternative fails WCAG 1.1.1.
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "knowledge/blocks/figure.html"


class LabelledPartBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=8, help_text=_("For example A, B or 1."))
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Part")


class LabelledPartsBlock(blocks.ListBlock):
    """Parts with a short label, such as the A-B-C of the basic psychological
    needs (Autonomie, Betrokkenheid, Competentie)."""

    def __init__(self, **kwargs):
        super().__init__(LabelledPartBlock(), **kwargs)

    class Meta:
        icon = "list-ol"
        label = _("Labelled parts")
        template = "knowledge/blocks/labelled_parts.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        template="knowledge/blocks/paragraph.html",
    )
    quote = QuoteBlock()
    callout = CalloutBlock()
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"))),
            ("numeric", blocks.DecimalBlock(label=_("Number"))),
            (
                "rich_text",
                blocks.RichTextBlock(
                    label=_("Text with links"), features=["bold", "italic", "link"]
                ),
            ),
        ],
        label=_("Table"),
        template="knowledge/blocks/table.html",
    )
    document = DocumentLinkBlock()
    image = FigureBlock()
    labelled_parts = LabelledPartsBlock()
