from django.db import migrations


def load(apps, schema_editor):
    from mignet.core import refdata

    refdata.load(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
