"""factory_boy factories for accounts. Every user's password is ``PASSWORD``."""

from __future__ import annotations

from typing import Any

import factory

from marktplatz.accounts.models import User

PASSWORD = "ein-sicheres-Passwort-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Erika"
    last_name = "Muster"

    @factory.post_generation
    def password(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
