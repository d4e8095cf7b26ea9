"""Claims and escalations belong to a routed partner (ConcernRoute), not to the concern; notes
can be shared with the other routed partners. An existing claim moves to the route of the
claimer's partner; an existing escalation to the routes still waiting for an answer."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_claims_and_escalations(apps, schema_editor):
    Concern = apps.get_model("concerns", "Concern")
    ConcernRoute = apps.get_model("concerns", "ConcernRoute")
    for concern in Concern.objects.exclude(claimed_by=None).select_related("claimed_by"):
        ConcernRoute.objects.filter(concern=concern, partner_id=concern.claimed_by.partner_id).update(
            claimed_by=concern.claimed_by_id)
    for concern in Concern.objects.exclude(escalated_at=None):
        ConcernRoute.objects.filter(concern=concern, first_response_at=None).update(
            escalated_at=concern.escalated_at)


class Migration(migrations.Migration):

    dependencies = [
        ("concerns", "0003_landmarks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="concernroute",
            name="claimed_by",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="claimed_routes", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name="concernroute",
            name="claimed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="concernroute",
            name="escalated_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="internalnote",
            name="is_shared",
            field=models.BooleanField(default=False,
                                      help_text="Otherwise only your organisation (and moderators) see it.",
                                      verbose_name="share with the other routed partners"),
        ),
        migrations.RunPython(move_claims_and_escalations, migrations.RunPython.noop),
        migrations.RemoveField(model_name="concern", name="claimed_by"),
        migrations.AlterField(
            model_name="concern",
            name="escalated_at",
            field=models.DateTimeField(blank=True, null=True,
                                       help_text="When a partner's lead was first told it is overdue."),
        ),
    ]
