"""Issuing and finding one-time links: the token goes to the person, its hash stays here."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings

from .models import OneTimeLink

MAX_TOKEN_LENGTH = 100


def hash_token(token: str) -> str:
    """Return the stored form of a token: its SHA-256 in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def link_lifetime() -> timedelta:
    """Return how long a new link stays valid (ONE_TIME_LINK_HOURS, 72 by default)."""
    return timedelta(hours=getattr(settings, "ONE_TIME_LINK_HOURS", 72))


def withdraw_links(user, now) -> int:
    """End every unused link of this user now; return how many were open."""
    return OneTimeLink.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )


def issue_link(user, purpose: str, *, created_by, now) -> str:
    """Withdraw the user's open links, store a new one and return its token (shown once, never stored)."""
    withdraw_links(user, now)
    token = secrets.token_urlsafe(32)
    OneTimeLink.objects.create(
        purpose=purpose,
        user=user,
        token_hash=hash_token(token),
        created_by=created_by,
        created_at=now,
        expires_at=now + link_lifetime(),
    )
    return token


def find_link(token: str, *, for_update: bool = False) -> OneTimeLink | None:
    """Return the link with this token, used or not, or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    links = OneTimeLink.objects.select_related("user")
    if for_update:
        links = links.select_for_update()
    return links.filter(token_hash=hash_token(token)).first()
