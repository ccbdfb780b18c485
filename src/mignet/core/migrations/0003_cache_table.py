from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    """The database cache table (settings.CACHES["default"]) comes with `migrate`, so no extra setup step."""

    dependencies = [("core", "0002_load_refdata")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
