"""Every Wagtail admin URL, with its parameters filled in from seeded data."""

import re
from itertools import product

from django.urls import URLResolver, get_resolver

PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
# Views that change state on GET or need a POST body, and the sign-in/out pages themselves.
SKIPPED_NAMES = {"wagtailadmin_logout", "wagtailadmin_login", "wagtail_bulk_action",
                 "wagtailadmin_editing_sessions:ping", "wagtailadmin_editing_sessions:release",
                 "wagtailadmin_error_test"}  # raises on purpose
SETTINGS_MODELS = [("portal", "sitesettings"), ("concerns", "concernsettings"),
                   ("moderation", "moderationsettings"), ("transparency", "transparencysettings")]
MODEL_PARAMETERS = {
    ("app_name", "model_name"): SETTINGS_MODELS,
    ("content_type_app_name", "content_type_model_name"): [("events", "eventpage")],
    ("app_label", "model_name"): [("events", "eventpage"), ("accounts", "user")],
}


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or None)
        else:
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            yield prefix + str(pattern.pattern), name


def admin_routes():
    """(route, view name) for every URL pattern under admin/, regular expressions turned into
    the same <name> placeholders."""
    for route, name in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or name in SKIPPED_NAMES:
            continue
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route).replace("^", "").replace("$", "")
        yield route.replace("\\.", "."), name


def fill(route, ids):
    """Every address `route` gives with its id parameters taken from `ids` (one value shared by
    all id parameters of the route) and model parameters from the known models. Routes with
    parameters the walk cannot fill are left out (none today but the bulk action, which needs a
    POST, and the image preview's filter spec)."""
    names = [name for _, name in PARAMETER.findall(route)]
    model_keys = [key for key in MODEL_PARAMETERS if all(part in names for part in key)]
    id_names = [n for n in names if not any(n in key for key in model_keys)]
    unknown = [n for n in id_names if n not in ID_PARAMETERS]
    if unknown:
        return []
    model_choices = [MODEL_PARAMETERS[key] for key in model_keys]
    id_choices = ids if id_names else [None]
    addresses = []
    for models, value in product(product(*model_choices), id_choices):
        values = {n: str(value) for n in id_names}
        for key, model in zip(model_keys, models, strict=True):
            values.update(dict(zip(key, model, strict=True)))
        addresses.append("/" + PARAMETER.sub(lambda m, v=values: v[m.group(2)], route))
    return addresses


ID_PARAMETERS = {
    "pk", "page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk", "image_id",
    "document_id", "doc_id", "revision_id", "revision_id_a", "revision_id_b", "object_id",
    "redirect_id", "query_id", "task_state_id", "task_id", "workflow_state_id", "collection_id",
    "workflow_pk", "uploaded_file_id", "session_id",
}
