"""The knowledge models, which were the website app's until website 0004.

Their tables exist already (website 0004 renamed them), so the models enter
the state only; the content types move with them, so that pages,
revisions, log entries, search and reference index entries and permissions
keep pointing at the same rows.
"""

import django.db.models.deletion
import knowledge.social_map
import modelcluster.fields
import modelsearch.index
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = [
    "agreementindexpage",
    "agreementpage",
    "agreementparty",
    "articlepage",
    "knowledgeindexpage",
    "publicationpage",
    "service",
    "socialmappage",
    "topic",
]


def move_content_types(from_label, to_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        moving = ContentType.objects.using(db).filter(app_label=from_label, model__in=MOVED_MODELS)
        models = set(moving.values_list("model", flat=True))
        # `migrate` creates the content types of the models it knows after a
        # run, so a database taken back and forth may hold empty rows under
        # the new label as well; only their default permissions hang on them.
        ContentType.objects.using(db).filter(app_label=to_label, model__in=models).delete()
        moving.update(app_label=to_label)
        ContentType.objects.clear_cache()

    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('groups', '0002_attendance_savings'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('website', '0004_move_knowledge_to_own_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AgreementIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                    ],
                    options={
                        'verbose_name': 'local agreements overview',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='KnowledgeIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                    ],
                    options={
                        'verbose_name': 'knowledge base',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='SocialMapPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                    ],
                    options={
                        'verbose_name': 'social map',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='Topic',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                        ('slug', models.SlugField(max_length=100, unique=True, verbose_name='slug')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                    ],
                    options={
                        'verbose_name': 'topic',
                        'verbose_name_plural': 'topics',
                        'ordering': ['name'],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name='AgreementPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('kind', models.CharField(choices=[('convenant', 'covenant'), ('werkafspraken', 'working agreements'), ('beleidsplan', 'policy plan'), ('samenwerkingsafspraak', 'cooperation agreement'), ('module', 'module')], max_length=30, verbose_name='type')),
                        ('intro', models.TextField(blank=True, max_length=600, verbose_name='summary')),
                        ('body', wagtail.fields.RichTextField(blank=True, verbose_name='explanation')),
                        ('municipality', models.CharField(max_length=150, verbose_name='municipality or region')),
                        ('adopted_by', models.CharField(blank=True, max_length=200, verbose_name='adopted by')),
                        ('adopted_on', models.DateField(blank=True, null=True, verbose_name='adopted on')),
                        ('valid_from', models.DateField(blank=True, null=True, verbose_name='valid from')),
                        ('valid_until', models.DateField(blank=True, null=True, verbose_name='valid until')),
                        ('status_override', models.CharField(blank=True, choices=[('concept', 'draft'), ('definitief', 'final')], help_text='Leave empty once the agreement is signed: the status then follows from the dates.', max_length=20, verbose_name='stage before it takes effect')),
                        ('version', models.CharField(blank=True, max_length=30, verbose_name='version')),
                        ('legal_basis', models.CharField(blank=True, help_text='For example: Wet gemeentelijke schuldhulpverlening, article 2.', max_length=300, verbose_name='legal basis')),
                        ('review_date', models.DateField(blank=True, help_text='Municipal debt policy is renewed at least every four years.', null=True, verbose_name='review date')),
                        ('document', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document', verbose_name='document')),
                        ('related_agreements', modelcluster.fields.ParentalManyToManyField(blank=True, to='knowledge.agreementpage', verbose_name='related agreements')),
                    ],
                    options={
                        'verbose_name': 'local agreement',
                        'verbose_name_plural': 'local agreements',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='AgreementParty',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('place', models.CharField(blank=True, max_length=100, verbose_name='place')),
                        ('signatory', models.CharField(blank=True, max_length=150, verbose_name='signed by')),
                        ('capacity', models.CharField(blank=True, max_length=150, verbose_name='in the capacity of')),
                        ('joined_on', models.DateField(blank=True, null=True, verbose_name='joined on')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='parties', to='knowledge.agreementpage')),
                    ],
                    options={
                        'verbose_name': 'party',
                        'verbose_name_plural': 'parties',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Service',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('helps_with', models.TextField(verbose_name='what they help with')),
                        ('audience', models.CharField(blank=True, max_length=300, verbose_name='for whom')),
                        ('organisation_type', models.CharField(choices=[('gemeente', 'municipality'), ('wijkteam', 'neighbourhood team'), ('vrijwilligers', 'volunteer organisation'), ('welzijn', 'welfare organisation'), ('zorg', 'health care'), ('anders', 'other')], max_length=20, verbose_name='type of organisation')),
                        ('needs', knowledge.social_map.ChoiceListField(default=list, item_choices=[('geld', 'money'), ('wonen', 'housing'), ('gezondheid', 'health'), ('werk', 'work'), ('taal', 'language'), ('sociaal', 'social contact')], max_length=200, verbose_name='life areas')),
                        ('address', models.CharField(blank=True, max_length=200, verbose_name='address')),
                        ('place', models.CharField(max_length=100, verbose_name='place')),
                        ('opening_hours', models.TextField(blank=True, verbose_name='opening hours or walk-in times')),
                        ('phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('relevant_groups', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='nearby_services', to='groups.grouppage', verbose_name='relevant groups')),
                    ],
                    options={
                        'verbose_name': 'service',
                        'verbose_name_plural': 'services',
                        'ordering': ['name'],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name='PublicationPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                        ('author_name', models.CharField(help_text='Who wrote or compiled it.', max_length=255, verbose_name='author organisation')),
                        ('author_url', models.URLField(blank=True, verbose_name='author website')),
                        ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='year')),
                        ('topics', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='knowledge.topic', verbose_name='topics')),
                    ],
                    options={
                        'verbose_name': 'publication',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='ArticlePage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('summary', models.TextField(blank=True, help_text='One or two sentences shown in lists.', verbose_name='summary')),
                        ('body', wagtail.fields.StreamField([('heading', 0), ('paragraph', 1), ('quote', 4), ('callout', 7), ('table', 11), ('document', 14), ('image', 18), ('labelled_parts', 19)], blank=True, block_lookup={0: ('knowledge.blocks.HeadingBlock', (), {}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul', 'h3'], 'label': 'Paragraph', 'template': 'knowledge/blocks/paragraph.html'}), 2: ('wagtail.blocks.TextBlock', (), {'label': 'quote'}), 3: ('wagtail.blocks.CharBlock', (), {'label': 'source', 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('text', 2), ('source', 3)]], {}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'title', 'required': False}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul', 'ol'], 'label': 'text'}), 7: ('wagtail.blocks.StructBlock', [[('title', 5), ('text', 6)]], {}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'Text'}), 9: ('wagtail.blocks.DecimalBlock', (), {'label': 'Number'}), 10: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': 'Text with links'}), 11: ('wagtail.contrib.typed_table_block.blocks.TypedTableBlock', [[('text', 8), ('numeric', 9), ('rich_text', 10)]], {'label': 'Table', 'template': 'knowledge/blocks/table.html'}), 12: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'document'}), 13: ('wagtail.blocks.CharBlock', (), {'help_text': "Leave empty to use the document's title.", 'label': 'link text', 'required': False}), 14: ('wagtail.blocks.StructBlock', [[('document', 12), ('label', 13)]], {}), 15: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'image'}), 16: ('wagtail.blocks.CharBlock', (), {'help_text': 'Describe what the image shows for people who cannot see it.', 'label': 'alternative text'}), 17: ('wagtail.blocks.CharBlock', (), {'label': 'caption', 'required': False}), 18: ('wagtail.blocks.StructBlock', [[('image', 15), ('alt_text', 16), ('caption', 17)]], {}), 19: ('knowledge.blocks.LabelledPartsBlock', (), {})}, verbose_name='body')),
                        ('topics', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='articles', to='knowledge.topic', verbose_name='topics')),
                    ],
                    options={
                        'verbose_name': 'article',
                    },
                    bases=('wagtailcore.page',),
                ),
            ],
        ),
        migrations.RunPython(
            move_content_types("website", "knowledge"),
            move_content_types("knowledge", "website"),
        ),
    ]
