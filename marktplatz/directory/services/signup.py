"""
Sign-up of a shop: ``shop_register`` creates the pending entry and sends the confirmation e-mail;
``shop_confirm_email`` publishes it when its owner opens the link.

Nobody gets a shop attached to an existing account, and nobody is logged in, without proving
they own the e-mail address: a new account gets its OWNER membership at once (the account exists
only because of this sign-up), an existing account gets it only on confirmation.

The confirmation link carries a signed token ``{"s": shop id, "u": user id, "l": login state}``.
It expires after ``settings.LOGIN_LINK_MAX_AGE_SECONDS``. Publishing is idempotent (confirming
twice is harmless); the login it allows is single-use: the login state is a digest of the user's
``last_login``, which every login changes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marktplatz.accounts.models import User
from marktplatz.accounts.services import user_get_or_create_by_email, user_mark_email_confirmed
from marktplatz.core.mail import send_mail_later
from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.models import Category, ServiceKind, Shop, ShopMembership, ShopService
from marktplatz.geo.gazetteer import Place, localities_for_postal_code, lookup_postal_code, lookup_town
from marktplatz.geo.names import core_name, fold
from marktplatz.search.services import reindex_shops

SIGNUP_SALT = "marktplatz.directory.signup"
SLUG_FALLBACK = "geschaeft"
_SLUG_MAX_LENGTH = 140
_SLUG_ATTEMPTS = 5
_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


class SignupLinkInvalid(Exception):
    """The confirmation link is broken or forged, or its shop or account is gone."""


class SignupLinkExpired(SignupLinkInvalid):
    """The confirmation link is authentic but too old; a new one can be sent."""

    def __init__(self, shop_id: int, user_id: int) -> None:
        super().__init__("expired")
        self.shop_id = shop_id
        self.user_id = user_id


@dataclass(frozen=True)
class SignupToken:
    shop_id: int
    user_id: int
    login_state: str


# --- Address ----------------------------------------------------------------------------------


def locality_match(*, postal_code: str, locality: str) -> str | None:
    """
    The gazetteer's spelling of ``locality`` if it is one of the towns of ``postal_code``
    ("waren" → "Waren (Müritz)"), else ``None``.
    """
    wanted = {fold(locality), fold(core_name(locality))} - {""}
    for candidate in localities_for_postal_code(postal_code):
        if wanted & {fold(candidate), fold(core_name(candidate))}:
            return candidate
    return None


def place_for_address(*, postal_code: str, locality: str) -> Place:
    """The gazetteer place of ``locality`` under ``postal_code``; ``ValueError`` for unknown codes."""
    main = lookup_postal_code(postal_code)
    if main is None:
        raise ValueError(f"{postal_code!r} is not a postal code of the region")
    place = lookup_town(f"{main.postal_code} {locality}") if locality else None
    return place if place is not None and place.postal_code == main.postal_code else main


# --- Slug -------------------------------------------------------------------------------------


def slug_base(name: str) -> str:
    """The web address a shop called ``name`` would like: "Bäckerei Müller" → "baeckerei-mueller"."""
    slug = slugify(name.translate(_TRANSLITERATION))[: _SLUG_MAX_LENGTH - 6].strip("-")
    return slug or SLUG_FALLBACK


def shop_slug_available(*, name: str) -> str:
    """``slug_base(name)``, or with the first free numeric suffix ("-2", "-3", …) if it is taken."""
    base = slug_base(name)
    taken = set(Shop.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    suffix_re = re.compile(rf"^{re.escape(base)}-(\d+)$")
    numbers = {int(m[1]) for slug in taken if (m := suffix_re.match(slug))}
    number = 2
    while number in numbers:
        number += 1
    return f"{base}-{number}"


# --- Token ------------------------------------------------------------------------------------


def _login_state(user: User) -> str:
    last_login = user.last_login.replace(microsecond=0).isoformat() if user.last_login else ""
    return hashlib.sha256(f"{user.pk}:{last_login}".encode()).hexdigest()[:16]


def signup_token_make(*, shop: Shop, user: User) -> str:
    return signing.dumps({"s": shop.pk, "u": user.pk, "l": _login_state(user)}, salt=SIGNUP_SALT)


def signup_token_read(*, token: str) -> SignupToken:
    """
    The content of a confirmation token. Raise ``SignupLinkExpired`` for an authentic but old
    token, ``SignupLinkInvalid`` for anything else that is not a valid token.
    """
    try:
        data = signing.loads(token, salt=SIGNUP_SALT, max_age=settings.LOGIN_LINK_MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        old = _token_payload(signing.loads(token, salt=SIGNUP_SALT))
        raise SignupLinkExpired(shop_id=old.shop_id, user_id=old.user_id) from None
    except signing.BadSignature:
        raise SignupLinkInvalid("invalid") from None
    return _token_payload(data)


def signup_token_ids(*, token: str) -> tuple[int, int] | None:
    """``(shop id, user id)`` of an authentic token, expired or not (to send a new link); else ``None``."""
    try:
        data = signup_token_read(token=token)
    except SignupLinkExpired as expired:
        return expired.shop_id, expired.user_id
    except SignupLinkInvalid:
        return None
    return data.shop_id, data.user_id


def _token_payload(data: object) -> SignupToken:
    if not isinstance(data, dict) or not isinstance(data.get("s"), int) or not isinstance(data.get("u"), int):
        raise SignupLinkInvalid("invalid")
    return SignupToken(shop_id=data["s"], user_id=data["u"], login_state=str(data.get("l", "")))


def signup_confirm_url(*, shop: Shop, user: User) -> str:
    path = reverse("directory:signup_confirm", kwargs={"token": signup_token_make(shop=shop, user=user)})
    return settings.SITE_URL + path


# --- Sign-up ----------------------------------------------------------------------------------


def shop_send_confirmation(*, shop: Shop, user: User, language: str | None = None) -> None:
    """(Re)send the confirmation e-mail of the pending ``shop`` to ``user``."""
    send_mail_later(
        to=[user.email],
        subject=_("Please confirm your entry on the Marktplatz"),
        template="emails/signup_confirm",
        context={
            "shop_name": shop.name,
            "confirm_url": signup_confirm_url(shop=shop, user=user),
            "max_age_minutes": settings.LOGIN_LINK_MAX_AGE_SECONDS // 60,
            "email": user.email,
        },
        language=language,
    )


def _shop_create(**fields: object) -> Shop:
    """Create the shop under a free slug; retry if a concurrent sign-up took the same one."""
    name = str(fields["name"])
    for _attempt in range(_SLUG_ATTEMPTS):
        try:
            with transaction.atomic():
                return Shop.objects.create(slug=shop_slug_available(name=name), **fields)
        except IntegrityError:
            continue
    raise IntegrityError(f"No free web address for {name!r} after {_SLUG_ATTEMPTS} attempts")


@transaction.atomic
def shop_register(
    *,
    name: str,
    email: str,
    street: str,
    postal_code: str,
    locality: str,
    category: Category,
    services: Iterable[str],
    language: str | None = None,
) -> Shop:
    """
    Create a pending shop with its category and services, the owner's account (or find the
    existing one with ``email``) and send the confirmation e-mail (after commit).

    Coordinates and district come from the gazetteer; ``locality`` must be one of the towns of
    ``postal_code`` (the form checks both; an unknown postal code raises ``ValueError``).
    """
    kinds = list(dict.fromkeys(services))
    if not kinds or any(kind not in ServiceKind.values for kind in kinds):
        raise ValueError(f"Invalid services {kinds!r}")
    place = place_for_address(postal_code=postal_code.strip(), locality=locality)
    shop = _shop_create(
        name=name.strip(),
        status=Shop.Status.PENDING,
        street=street.strip(),
        postal_code=place.postal_code,
        locality=place.locality,
        district=place.district,
        lat=place.lat,
        lon=place.lon,
        location_source=Shop.LocationSource.GAZETTEER,
    )
    shop.categories.set([category])
    ShopService.objects.bulk_create([ShopService(shop=shop, kind=kind) for kind in kinds])
    user, created = user_get_or_create_by_email(email=email)
    if created:
        ShopMembership.objects.create(shop=shop, user=user, role=ShopMembership.Role.OWNER)
    shop_send_confirmation(shop=shop, user=user, language=language)
    return shop


def shop_resend_confirmation(*, shop_id: int, user_id: int, language: str | None = None) -> User | None:
    """
    Send a new confirmation link for a shop that is still pending and return the account it went
    to; ``None`` (nothing sent) if the shop is gone or no longer pending, or the account is gone.
    """
    shop = Shop.objects.filter(pk=shop_id, status=Shop.Status.PENDING).first()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if shop is None or user is None:
        return None
    shop_send_confirmation(shop=shop, user=user, language=language)
    return user


@transaction.atomic
def shop_confirm_email(*, token: str) -> Shop:
    """
    Confirm the sign-up behind ``token``: mark the owner's address as confirmed, make them an
    owner (if they were not yet) and publish the shop if it is still pending (a shop the operator
    hid stays hidden). Confirming twice changes nothing. Raise ``SignupLinkExpired`` /
    ``SignupLinkInvalid`` for old or broken links.
    """
    data = signup_token_read(token=token)
    shop = Shop.objects.filter(pk=data.shop_id).first()
    user = User.objects.filter(pk=data.user_id, is_active=True).first()
    if shop is None or user is None:
        raise SignupLinkInvalid("gone")
    user_mark_email_confirmed(user=user)
    ShopMembership.objects.get_or_create(shop=shop, user=user, defaults={"role": ShopMembership.Role.OWNER})
    now = timezone.now()
    published = Shop.objects.filter(pk=shop.pk, status=Shop.Status.PENDING).update(
        status=Shop.Status.PUBLISHED, published_at=now, updated_at=now
    )
    if published:
        shop.refresh_from_db()
        shop_id = shop.pk
        transaction.on_commit(lambda: reindex_shops(shop_ids=[shop_id]))
        content_changed()
    return shop


def signup_login_user(*, token: str) -> User | None:
    """
    The account a valid confirmation link may log in, or ``None`` once that login happened (or
    the account logged in any other way since the link was made).
    """
    try:
        data = signup_token_read(token=token)
    except SignupLinkInvalid:
        return None
    user = User.objects.filter(pk=data.user_id, is_active=True).first()
    if user is None or _login_state(user) != data.login_state:
        return None
    return user
