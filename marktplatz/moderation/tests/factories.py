"""factory_boy factories for the moderation."""

from __future__ import annotations

import factory

from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.moderation.models import Report


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    shop = factory.SubFactory(ShopFactory)
    reason = Report.Reason.WRONG_INFORMATION
    message = "Die Öffnungszeiten stimmen nicht."
