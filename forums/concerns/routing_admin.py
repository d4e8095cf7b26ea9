"""The routing rules' admin listing and its "try the rules" form (asks routing.py, the one place
that decides where a concern goes)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext, gettext_lazy

from portal.taxonomy.models import Neighbourhood, Topic

from .routing import matching_rules, partners_for


def partner_names(rule):
    """The listing's "Partners" column; the listing prefetches partners."""
    return ", ".join(sorted(partner.name for partner in rule.partners.all())) or "—"


class TryRoutingForm(forms.Form):
    topic = forms.ModelChoiceField(Topic.objects.order_by("name"), label=gettext_lazy("Concerns about"))
    neighbourhood = forms.ModelChoiceField(Neighbourhood.objects.order_by("name"), label=gettext_lazy("In"))


def try_routing(request):
    """GET form: "concerns about <topic> in <neighbourhood> go to ..."."""
    if not request.user.has_perm("concerns.change_routingrule"):
        raise PermissionDenied
    form = TryRoutingForm(request.GET if "topic" in request.GET else None)
    answer = None
    if form.is_valid():
        topic, neighbourhood = form.cleaned_data["topic"], form.cleaned_data["neighbourhood"]
        partners, matched = partners_for(topic.pk, neighbourhood.pk)
        answer = {"topic": topic, "neighbourhood": neighbourhood, "partners": partners,
                  "matched": matched,
                  "rules": list(matching_rules(topic.pk, neighbourhood.pk)
                                .select_related("topic", "neighbourhood"))}
    return TemplateResponse(request, "concerns/admin/try_routing.html",
                            {"form": form, "answer": answer, "page_title": gettext("Try the routing rules")})
