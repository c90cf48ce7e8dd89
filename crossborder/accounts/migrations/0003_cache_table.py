"""The database cache's table (settings.CACHES, when REDIS_URL is not set): made with the
migrations, so that every way of setting up a database (make demo, a deployment, the test
servers, the bench) has it. Nothing is made when no database cache is configured."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_email_language")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
