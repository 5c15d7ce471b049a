# The closed-date index also orders open and closed cases by date received, for the case list.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0013_case_list_search'),
        ('configuration', '0008_council_public_pages'),
        ('procedures', '0003_adult_risk_defaults'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='representation',
            name='cases_repre_closed_34b381_idx',
        ),
        migrations.AddIndex(
            model_name='representation',
            index=models.Index(fields=['closed', 'received', 'id'], name='case_closed_received'),
        ),
    ]
