"""Facets as people see them: labelled values with counts and links that add or remove a filter
while keeping the query and every other filter in the URL."""

from urllib.parse import urlencode

from . import sources


def url_with(params, **changes):
    """This search's URL with some parameters changed; None removes one."""
    merged = {key: params.get(key) for key in params}
    for key, value in changes.items():
        if value is None or value == "":
            merged.pop(key, None)
        else:
            merged[key] = value
    merged = {key: value for key, value in merged.items() if value not in (None, "")}
    return "?" + urlencode(merged) if merged else "?"


def _labels(facets):
    from portal.partners.models import Partner
    from portal.taxonomy.models import Neighbourhood, Topic

    labels = {"kind": sources.kind_labels()}
    for name, model in (("topic", Topic), ("neighbourhood", Neighbourhood), ("partner", Partner)):
        slugs = [value.value for value in facets.get(name, [])]
        objects = model.objects.filter(slug__in=slugs) if slugs else []
        # Topics and neighbourhoods in the page's language (their Spanish names); partners as named
        labels[name] = {obj.slug: getattr(obj, "display_name", obj.name) for obj in objects}
    return labels


def facet_groups(facets, params, titles):
    labels = _labels(facets)
    groups = []
    for name, values in facets.items():
        if not values:
            continue
        for value in values:
            value.label = labels.get(name, {}).get(value.value, value.value)
            value.url = url_with(params, page=None, **{name: None if value.selected else value.value})
        if name == "year":
            values.sort(key=lambda value: value.value, reverse=True)
        groups.append({"name": name, "title": titles[name], "values": values})
    return groups
