"""The knowledge base leaves the website app for its own app, `knowledge`,
and keeps its rows.

In the database the tables are renamed to the names the knowledge models
expect; AlterModelTable also renames the tables of their many-to-many
relations (website_articlepage_topics becomes knowledge_articlepage_topics).
In the migration state the models are deleted here and created again in
knowledge 0001_initial, which also moves their content types.
"""

from django.db import migrations

# Models that point at another moved model come before it: a model may
# leave the state only when nothing in it refers to that model any more.
MOVED_MODELS = [
    "agreementparty",
    "agreementpage",
    "agreementindexpage",
    "articlepage",
    "publicationpage",
    "knowledgeindexpage",
    "topic",
    "service",
    "socialmappage",
]


class Migration(migrations.Migration):

    dependencies = [
        ("website", "0003_agreements_social_map"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=model, table=f"knowledge_{model}")
                for model in MOVED_MODELS
            ],
            state_operations=[migrations.DeleteModel(name=model) for model in MOVED_MODELS],
        ),
    ]
