"""Pages are published through an editors' approval workflow: a second editor approves.

Wagtail ships a "Moderators approval" workflow on the root page; in this portal the Moderators
group moderates the forum, not pages. This replaces it, and takes the direct "publish" page
permission away from Editors so they cannot bypass the workflow (see role_setup.py).
"""

from django.db import migrations

WORKFLOW_NAME = "Editors' approval"
TASK_NAME = "A second editor approves"


def use_editors_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Task = apps.get_model("stories.SecondEditorApprovalTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    editors, _ = Group.objects.get_or_create(name="Editors")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="stories", model="secondeditorapprovaltask"
    )
    task, _ = Task.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": content_type, "active": True}
    )
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    Workflow.objects.filter(name="Moderators approval").update(active=False)
    GroupApprovalTask.objects.filter(name="Moderators approval").update(active=False)
    WorkflowPage.objects.exclude(workflow=workflow).delete()
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    GroupPagePermission.objects.filter(
        group=editors, permission__codename="publish_page"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("accounts", "0003_reset_wagtail_default_groups"),
    ]

    operations = [migrations.RunPython(use_editors_workflow, migrations.RunPython.noop)]
