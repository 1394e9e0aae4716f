"""Roles, permissions and the sign-in lockout policy.

The PIN hash format itself is shared with central and lives in `sync.pins`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum


class Role(IntEnum):
    """Ordered: a higher role may do everything a lower one may."""

    ASSOCIATE = 1
    SUPERVISOR = 2
    MANAGER = 3

    @classmethod
    def parse(cls, name: str) -> Role:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown role {name!r}") from None


class Permission(IntEnum):
    """Each permission names the lowest role that holds it."""

    LOOKUP_STOCK = Role.ASSOCIATE
    CORRECT_STOCK = Role.ASSOCIATE
    LARGE_STOCK_CORRECTION = Role.SUPERVISOR
    RETRY_DEAD_LETTER = Role.SUPERVISOR
    CONFIGURE_DEVICE = Role.SUPERVISOR  # the till's printer and card terminal (settings screen)
    REBOOTSTRAP = Role.MANAGER
    MANAGE_SHIFT = Role.MANAGER  # a variance above the limit, deferring unsent operations at close


LARGE_CORRECTION = 10  # |delta| above this needs a supervisor


class PermissionDenied(Exception):
    pass


def may(role: Role, permission: Permission) -> bool:
    return role >= permission.value


def needed_role(permission: Permission) -> Role:
    return Role(permission.value)


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    free_attempts: int = 3
    base_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(minutes=15)

    def locked_until(self, failures: int, last_failure: datetime | None) -> datetime | None:
        """After `free_attempts` failures each further one doubles the wait (30 s, 1 min, ...)."""
        if last_failure is None or failures < self.free_attempts:
            return None
        steps = failures - self.free_attempts
        delay = min(self.base_delay * (2 ** min(steps, 20)), self.max_delay)
        until: datetime = last_failure + delay
        return until
