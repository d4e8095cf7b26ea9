"""Create the role groups and give them their permissions. Idempotent; runs after migrate."""

from django.contrib.auth.models import Group, Permission

from .roles import Role

ADMIN_ACCESS = "wagtailadmin.access_admin"
SEARCH_REPORT_AND_PROMOTIONS = [  # search app
    "search.view_noresultquery",
    "wagtailsearchpromotions.add_searchpromotion", "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
    "search.add_searchsynonym", "search.change_searchsynonym", "search.delete_searchsynonym",
    "search.view_searchsynonym",
]
IMAGES_AND_DOCUMENTS = [
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
    "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
]

# Wagtail's site history lists a log entry to those who hold a permission on its model. These
# models have no admin views of their own that a permission opens (posts, threads, notices) or
# views that ask for the Moderator role as well (sanctions).
MODERATION_AUDIT_LOG = ["forums.view_post", "forums.view_thread", "moderation.view_sanction",
                        "moderation.view_notice"]

# Model permissions per role ("app_label.codename"). Apps add theirs here: one table decides.
ROLE_PERMISSIONS = {
    Role.RESIDENT: [],
    Role.MODERATOR: [
        ADMIN_ACCESS,
        # moderation: the review queue is read through the snippet listing and changed only
        # through moderation's own views and bulk actions (no generic edit form).
        "moderation.view_reviewitem",
        *MODERATION_AUDIT_LOG,
        "moderation.add_watchedword", "moderation.change_watchedword",
        "moderation.delete_watchedword", "moderation.view_watchedword",
        "moderation.change_moderationsettings",
        "concerns.view_concern", "concerns.reroute_concern",
    ],
    Role.LIAISON: [ADMIN_ACCESS, "concerns.view_concern"],
    Role.EDITOR: [ADMIN_ACCESS, *IMAGES_AND_DOCUMENTS, *SEARCH_REPORT_AND_PROMOTIONS,
                  "taxonomy.add_landmark", "taxonomy.change_landmark", "taxonomy.delete_landmark"],
    Role.ADMINISTRATOR: [
        ADMIN_ACCESS,
        *IMAGES_AND_DOCUMENTS,
        *SEARCH_REPORT_AND_PROMOTIONS,
        "accounts.add_user", "accounts.change_user", "accounts.view_user",
        "auth.view_group",
        "partners.add_partner", "partners.change_partner", "partners.delete_partner",
        "taxonomy.add_topic", "taxonomy.change_topic", "taxonomy.delete_topic",
        "taxonomy.add_neighbourhood", "taxonomy.change_neighbourhood",
        "taxonomy.delete_neighbourhood",
        "taxonomy.add_landmark", "taxonomy.change_landmark", "taxonomy.delete_landmark",
        "portal.change_sitesettings",
        "portal.change_outboxemail",  # Settings → Outgoing email: retry now, give up
        "concerns.change_concernsettings",
        "concerns.add_routingrule", "concerns.change_routingrule", "concerns.delete_routingrule",
        "concerns.add_responsetemplate", "concerns.change_responsetemplate",
        "concerns.delete_responsetemplate", "concerns.view_concern",
        "moderation.change_moderationsettings",
        # Moderation's entries in the site history (the review queue and the sanctions list
        # stay moderators' own: their permission policies also ask for the Moderator role).
        "moderation.view_reviewitem", *MODERATION_AUDIT_LOG,
        "transparency.change_transparencysettings",
        "wagtailredirects.add_redirect", "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "wagtailsearchpromotions.add_query", "wagtailsearchpromotions.change_query",
        "wagtailsearchpromotions.delete_query",
    ],
}
# Wagtail page permissions on the whole tree. Editors publish through the approval workflow
# ("Editors' approval", stories/migrations/0002): they have no direct publish permission.
ROLE_PAGE_PERMISSIONS = {
    Role.EDITOR: ["add_page", "change_page", "lock_page"],  # publishing needs a second editor
    Role.ADMINISTRATOR: ["add_page", "change_page", "publish_page", "lock_page",
                         "unlock_page", "bulk_delete_page"],
}
ROLE_COLLECTION_PERMISSIONS = {
    Role.EDITOR: IMAGES_AND_DOCUMENTS,
    Role.ADMINISTRATOR: IMAGES_AND_DOCUMENTS,
}


def _permissions(names):
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def ensure_role_groups(**_kwargs):
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.add(*_permissions(ROLE_PERMISSIONS[role]))
        if root_page:
            for codename in ROLE_PAGE_PERMISSIONS.get(role, []):
                permission = Permission.objects.filter(
                    content_type__app_label="wagtailcore", codename=codename
                ).first()
                if permission:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=root_page, permission=permission
                    )
        if root_collection:
            for permission in _permissions(ROLE_COLLECTION_PERMISSIONS.get(role, [])):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
