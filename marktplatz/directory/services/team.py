"""
A shop's team: owners invite people by e-mail, the invitee accepts through a signed link, owners
remove members (never the last owner).

The link carries the invitation's id and a digest of its e-mail address, signed with a salt of
its own and valid for ``INVITATION_MAX_AGE``; the invitation row must still exist (an owner may
withdraw it) and be unused. Accepting needs an account with exactly the invited address: whoever can read that
mailbox is the invitee.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marktplatz.accounts.models import User
from marktplatz.core.mail import send_mail_later
from marktplatz.directory.models import Shop, ShopMembership, StaffInvitation

INVITATION_SALT = "marktplatz.directory.team.invitation"
INVITATION_MAX_AGE = dt.timedelta(days=7)


class InvitationInvalid(Exception):
    """The link is broken, forged, expired, withdrawn or already used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired", "used"


def _email_digest(email: str) -> str:
    # Binds the link to the address without writing the address into URLs (and server logs).
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def invitation_token(*, invitation: StaffInvitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": _email_digest(invitation.email)}, salt=INVITATION_SALT)


def invitation_url(*, invitation: StaffInvitation) -> str:
    """The absolute link of the invitation e-mail."""
    path = reverse("directory:invitation_accept", kwargs={"token": invitation_token(invitation=invitation)})
    return settings.SITE_URL + path


def invitation_from_token(*, token: str) -> StaffInvitation:
    """The open invitation ``token`` stands for; raise ``InvitationInvalid`` otherwise."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        raise InvitationInvalid("expired") from None
    except signing.BadSignature:
        raise InvitationInvalid("invalid") from None
    invitation_id = data.get("i") if isinstance(data, dict) else None
    if not isinstance(invitation_id, int):
        raise InvitationInvalid("invalid")
    invitation = StaffInvitation.objects.select_related("shop", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or _email_digest(invitation.email) != data.get("e"):
        raise InvitationInvalid("invalid")
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used")
    return invitation


def _normalise_email(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def invitation_create(*, shop: Shop, email: str, role: str, invited_by: User) -> StaffInvitation:
    """
    Invite ``email`` to manage ``shop`` as ``role`` and send the link after commit. Inviting the
    same address again renews the open invitation (new role, new link, seven more days).
    """
    email = _normalise_email(email)
    if role not in ShopMembership.Role.values:
        raise ValidationError({"role": _("Please choose a role.")})
    if shop.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person already manages this shop.")})
    invitation = shop.invitations.filter(email=email, accepted_at=None).first()
    if invitation is None:
        invitation = StaffInvitation.objects.create(shop=shop, email=email, role=role, invited_by=invited_by)
    else:
        invitation.role = role
        invitation.invited_by = invited_by
        invitation.created_at = timezone.now()
        invitation.save(update_fields=["role", "invited_by", "created_at"])
    send_mail_later(
        to=[email],
        subject=_("Invitation to manage %(shop)s") % {"shop": shop.name},
        template="emails/team_invitation",
        context={
            "shop_name": shop.name,
            "inviter_name": invited_by.display_name,
            "is_owner": role == ShopMembership.Role.OWNER,
            "accept_url": invitation_url(invitation=invitation),
            "valid_days": INVITATION_MAX_AGE.days,
        },
    )
    return invitation


def invitation_withdraw(*, shop: Shop, invitation_id: int) -> None:
    """Withdraw an open invitation (its link stops working). ``DoesNotExist`` if not ``shop``'s."""
    deleted, _rows = shop.invitations.filter(pk=invitation_id, accepted_at=None).delete()
    if not deleted:
        raise StaffInvitation.DoesNotExist


def invitation_matches(*, invitation: StaffInvitation, user: User) -> bool:
    return _normalise_email(user.email) == invitation.email


@transaction.atomic
def invitation_accept(*, invitation: StaffInvitation, user: User) -> ShopMembership:
    """
    Make ``user`` a manager of the invitation's shop with the invited role (an existing owner stays
    owner). The user's address must be the invited one; the invitation is used up.
    """
    if not invitation_matches(invitation=invitation, user=user):
        raise ValidationError(_("This invitation is for another e-mail address."), code="wrong_user")
    # Mark it used first, conditionally: of two simultaneous accepts only one gets the row.
    used = StaffInvitation.objects.filter(pk=invitation.pk, accepted_at=None).update(
        accepted_at=timezone.now()
    )
    if not used:
        raise InvitationInvalid("used")
    membership, created = ShopMembership.objects.get_or_create(
        shop_id=invitation.shop_id, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == ShopMembership.Role.OWNER and membership.role != invitation.role:
        membership.role = ShopMembership.Role.OWNER
        membership.save(update_fields=["role"])
    if user.email_confirmed_at is None:
        # Following the link proved that the user reads this mailbox.
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return membership


@transaction.atomic
def invitation_accept_with_new_account(
    *, invitation: StaffInvitation, password: str, first_name: str = "", last_name: str = ""
) -> tuple[User, ShopMembership]:
    """
    Create the account for the invited address (there must be none yet) with ``password`` and accept
    the invitation with it. Raise ``ValidationError`` for a weak password or an existing account.
    """
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("There is already an account for this e-mail address. Please log in."))
    user = User(email=invitation.email, first_name=first_name.strip(), last_name=last_name.strip())
    validate_password(password, user)
    user.set_password(password)
    user.email_confirmed_at = timezone.now()
    user.save()
    return user, invitation_accept(invitation=invitation, user=user)


@transaction.atomic
def membership_remove(*, shop: Shop, membership_id: int) -> None:
    """
    Remove a manager from ``shop``. The last owner cannot be removed (the shop would be orphaned).
    Raise ``ShopMembership.DoesNotExist`` if the membership is not ``shop``'s.
    """
    # Lock the shop row so two owners removing each other at once cannot both succeed.
    Shop.objects.select_for_update().filter(pk=shop.pk).values_list("pk", flat=True).first()
    membership = shop.memberships.get(pk=membership_id)
    if membership.role == ShopMembership.Role.OWNER:
        owners = shop.memberships.filter(role=ShopMembership.Role.OWNER).count()
        if owners <= 1:
            raise ValidationError(
                _("The last owner cannot be removed. Make someone else an owner first."), code="last_owner"
            )
    membership.delete()
