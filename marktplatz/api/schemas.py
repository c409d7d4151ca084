"""
What the API answers: the response schemas. They also make the OpenAPI document, so every field
says what it holds. The data itself is language-independent (German and English category names
side by side); only error messages follow the request's language.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from marktplatz.directory.models import ServiceKind, ShopLink


class CategoryRefOut(Schema):
    slug: str
    name: str = Field(description="Name in German.")
    name_en: str = Field(description="Name in English (empty when not translated).")


class ServiceOut(Schema):
    """One way a shop sells; the detail fields that do not apply to the kind are null."""

    kind: ServiceKind = Field(description="How the shop sells.")
    phone: str | None = Field(description="Phone number for orders (E.164), `phone_order` only.")
    hours: str | None = Field(description="When to call, as the shop wrote it.")
    delivery_radius_km: float | None = Field(description="How far the shop delivers, `delivery` only.")
    delivery_postal_codes: list[str] = Field(
        description="Postal codes the shop delivers to (besides the radius), `delivery` only."
    )
    fee: str | None = Field(description='Fee in EUR as a decimal string, e.g. `"3.50"`.')
    minimum_order: str | None = Field(description="Minimum order in EUR as a decimal string.")
    url: str | None = Field(description="Web address, e.g. of the online shop.")
    note: str | None = Field(description="Further details, as the shop wrote them.")


class OpeningHoursOut(Schema):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday.")
    opens: str = Field(description="Local time (Europe/Berlin), `HH:MM`.", examples=["09:00"])
    closes: str = Field(description="Local time (Europe/Berlin), `HH:MM`; the shop is closed from then.")


class ShopOut(Schema):
    slug: str
    name: str
    url: str = Field(description="Absolute URL of the shop's public page.")
    description: str
    street: str
    postal_code: str
    locality: str = Field(description="Town.")
    district: str = Field(description="Rural district or district-free city (may be empty).")
    lat: float
    lon: float
    categories: list[CategoryRefOut]
    services: list[ServiceOut]
    opening_hours: list[OpeningHoursOut] = Field(
        description="The regular week; a day may have several intervals, closed days have none."
    )
    open_now: bool = Field(
        description="Open at the time of the request (special days and public holidays included)."
    )
    phone: str | None = Field(description="E.164, e.g. `+493811234567`.")
    email: str | None
    website: str | None
    logo: str | None = Field(description="Absolute URL of the logo.")
    is_demo: bool = Field(description="A demonstration entry, not a real shop.")
    distance_km: float | None = Field(
        description="Distance from the place in `near` (or `lat`/`lon`), rounded to 0.1 km; null without."
    )


class SpecialDayOut(Schema):
    date: dt.date
    is_closed: bool = Field(description="Closed all day; otherwise `opens`/`closes` replace the usual hours.")
    opens: str | None = Field(description="`HH:MM`, null when closed.")
    closes: str | None = Field(description="`HH:MM`, null when closed.")
    note: str


class InitiativeRefOut(Schema):
    slug: str
    name: str
    url: str = Field(description="Absolute URL of the initiative's public page.")


class PhotoOut(Schema):
    url: str
    alt_text: str


class LinkOut(Schema):
    platform: ShopLink.Platform
    url: str


class ShopDetailOut(ShopOut):
    special_days: list[SpecialDayOut] = Field(description="Today and later dates with other hours.")
    closed_on_public_holidays: bool
    how_to_order: str
    payment_methods: list[str] = Field(
        description="Codes: cash, girocard, credit_card, bank_transfer, invoice, paypal, mobile."
    )
    photos: list[PhotoOut]
    links: list[LinkOut] = Field(description="The shop on social networks.")
    initiatives: list[InitiativeRefOut] = Field(
        description="Initiatives that confirmed the shop as a member."
    )


class OriginOut(Schema):
    label: str = Field(description="The place the distances are measured from.")
    postal_code: str | None
    lat: float
    lon: float


class ShopListOut(Schema):
    count: int = Field(description="Number of shops found (all pages).")
    page: int
    num_pages: int
    next: str | None = Field(description="Absolute URL of the next page, null on the last.")
    previous: str | None = Field(description="Absolute URL of the previous page, null on the first.")
    origin: OriginOut | None = Field(description="The resolved `near` (or `lat`/`lon`); null without.")
    results: list[ShopOut]


class CategoryOut(Schema):
    slug: str = Field(description="The value for the `category` parameter of `/shops`.")
    name: str = Field(description="Name in German.")
    name_en: str = Field(description="Name in English (empty when not translated).")
    parent: str | None = Field(description="Slug of the parent category; null for a top-level category.")


class CategoryListOut(Schema):
    count: int
    results: list[CategoryOut]


class InitiativeOut(Schema):
    slug: str
    name: str
    region: str
    website: str | None
    url: str = Field(description="Absolute URL of the initiative's public page.")
    member_count: int = Field(description="Published shops the initiative confirmed as members.")


class InitiativeDetailOut(InitiativeOut):
    description: str
    members: list[str] = Field(description="Slugs of the member shops (see `/shops/{slug}`), by name.")


class InitiativeListOut(Schema):
    count: int
    results: list[InitiativeOut]
