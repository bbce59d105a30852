"""``ArticleEntity`` moves from newsroom to linking, which writes and administers it.

The rows stay: the model is added to linking's state over the existing table, which is then
renamed to linking's name; newsroom drops the model from its state only (its 0002).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0001_initial'),
        ('linking', '0001_initial'),
        ('newsroom', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ArticleEntity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', models.CharField(choices=[('auto', 'Found by the linker'), ('confirmed', 'Confirmed by an editor'), ('rejected', 'Rejected by an editor')], db_index=True, default='auto', max_length=10)),
                        ('confidence', models.FloatField(blank=True, null=True)),
                        ('mentions', models.JSONField(blank=True, default=list, help_text='Spans [{"start", "end", "text"}] in the linked text: the title, standfirst and body joined by blank lines.')),
                        ('first_offset', models.PositiveIntegerField(default=0)),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entities', to='newsroom.article')),
                        ('character', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='article_links', to='catalog.character')),
                        ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='article_links', to='catalog.person')),
                        ('title', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='article_links', to='catalog.title')),
                    ],
                    options={
                        'db_table': 'newsroom_articleentity',
                        'verbose_name_plural': 'article entities',
                        'ordering': ['article', 'first_offset', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('character__isnull', True), ('person__isnull', False), ('title__isnull', True)), models.Q(('character__isnull', True), ('person__isnull', True), ('title__isnull', False)), models.Q(('character__isnull', False), ('person__isnull', True), ('title__isnull', True)), _connector='OR'), name='article_entity_exactly_one_target'), models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('article', 'person'), name='unique_article_person'), models.UniqueConstraint(condition=models.Q(('title__isnull', False)), fields=('article', 'title'), name='unique_article_title'), models.UniqueConstraint(condition=models.Q(('character__isnull', False)), fields=('article', 'character'), name='unique_article_character')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='articleentity', table=None),
    ]
