"""One call-out block for the whole site: the website's pages take the
knowledge base's, whose heading is called `title`.

The stored call-outs of home and standard pages, and their revisions, are
renamed with Wagtail's stream-data migration tools, so none is lost.
"""

import wagtail.fields
from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import RenameStructChildrenOperation

PAGE_MODELS = ["HomePage", "StandardPage"]


def rename_callout_heading(model_name, old_name, new_name):
    return MigrateStreamData(
        app_name="website",
        model_name=model_name,
        field_name="body",
        operations_and_block_paths=[
            (RenameStructChildrenOperation(old_name=old_name, new_name=new_name), "callout"),
        ],
    )


def rename_back(apps, schema_editor):
    # MigrateStreamData only works forwards; going back is the opposite rename.
    for model_name in PAGE_MODELS:
        rename_callout_heading(model_name, "title", "heading").migrate_stream_data_forward(
            apps, schema_editor
        )


class Migration(migrations.Migration):

    dependencies = [
        ('website', '0004_move_knowledge_to_own_app'),
    ]

    operations = [
        migrations.AlterField(
            model_name='homepage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 0), ('paragraph', 1), ('callout', 4), ('link_cards', 5)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'icon': 'title', 'label': 'Heading', 'template': 'website/blocks/heading.html'}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul', 'h3'], 'label': 'Paragraph', 'template': 'website/blocks/paragraph.html'}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'title', 'required': False}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul', 'ol'], 'label': 'text'}), 4: ('wagtail.blocks.StructBlock', [[('title', 2), ('text', 3)]], {}), 5: ('website.blocks.LinkCardsBlock', (), {})}, verbose_name='body'),
        ),
        migrations.AlterField(
            model_name='standardpage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 0), ('paragraph', 1), ('callout', 4), ('link_cards', 5)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'icon': 'title', 'label': 'Heading', 'template': 'website/blocks/heading.html'}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul', 'h3'], 'label': 'Paragraph', 'template': 'website/blocks/paragraph.html'}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'title', 'required': False}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul', 'ol'], 'label': 'text'}), 4: ('wagtail.blocks.StructBlock', [[('title', 2), ('text', 3)]], {}), 5: ('website.blocks.LinkCardsBlock', (), {})}, verbose_name='body'),
        ),
        *(rename_callout_heading(model_name, "heading", "title") for model_name in PAGE_MODELS),
        migrations.RunPython(migrations.RunPython.noop, rename_back),
    ]
