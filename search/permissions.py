"""Who may do what in search. Searching is open to everyone; everything indexed is public."""


def can_see_search_report(user):
    """Editors and administrators see what people search for and what found nothing."""
    return bool(user.is_authenticated and user.has_perm("search.view_noresultquery"))


def can_promote_results(user):
    return bool(user.is_authenticated and user.has_perm("wagtailsearchpromotions.add_searchpromotion"))


def can_edit_synonyms(user):
    """Editors and administrators keep the search synonyms (Settings → Search synonyms)."""
    return bool(user.is_authenticated and user.has_perm("search.change_searchsynonym"))
