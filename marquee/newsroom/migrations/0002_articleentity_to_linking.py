"""``ArticleEntity`` now belongs to linking (see linking 0002): dropped from newsroom's state
only, its table and rows are linking's."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('linking', '0002_articleentity_from_newsroom'),
        ('newsroom', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ArticleEntity')],
            database_operations=[],
        ),
    ]
