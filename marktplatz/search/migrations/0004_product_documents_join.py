import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("search", "0003_shop_documents_join"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductSearchDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=20)),
                (
                    "product",
                    models.ForeignKey(
                        db_column="object_id",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="search_documents",
                        to="catalog.product",
                    ),
                ),
            ],
            options={
                "db_table": "search_document",
                "managed": False,
            },
        ),
    ]
