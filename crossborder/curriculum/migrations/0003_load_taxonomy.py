from django.db import migrations


def load(apps, schema_editor):
    from crossborder.curriculum.taxonomy import load_taxonomy

    load_taxonomy(apps.get_model("curriculum", "Tag"))


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0002_longer_names")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
