"""Authentication backends: Django's and allauth's, loading the signed-in account with what
nearly every page asks of it (its role names, whether it has a verified email address) in the
same query, instead of one query for each later in the request."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.account.models import EmailAddress
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import Exists, OuterRef, StringAgg, Subquery, Value

from .models import User

SEPARATOR = "\x1f"  # between role names; never part of a group name people can type
_annotations = {}  # name -> function returning an expression on the account (apps register them)


def annotate_account(name, expression):
    """Have every signed-in account loaded with `name` = `expression()` in the same query (an
    app above portal registers its own, e.g. forums' unread notification count for the header)."""
    _annotations[name] = expression


def load_account(user_id):
    """The active or inactive account `user_id`, with `role_names` and `has_verified_email`
    already answered; None if there is no such account."""
    role_names = (User.groups.through.objects.filter(user=OuterRef("pk")).values("user")
                  .annotate(names=StringAgg("group__name", Value(SEPARATOR))).values("names"))
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    extra = {name: expression() for name, expression in _annotations.items()}
    user = (User._default_manager.annotate(loaded_role_names=Subquery(role_names),
                                           loaded_verified=Exists(verified), **extra)
            .filter(pk=user_id).first())
    if user is not None:
        user._role_names = frozenset(filter(None, (user.loaded_role_names or "").split(SEPARATOR)))
        user._has_verified_email = user.loaded_verified
    return user


class SignedInAccountMixin:
    def get_user(self, user_id):
        user = load_account(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(SignedInAccountMixin, DjangoModelBackend):
    pass


class AuthenticationBackend(SignedInAccountMixin, AllauthBackend):
    pass
