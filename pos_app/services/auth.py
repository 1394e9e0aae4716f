"""Staff sign-in with a PIN, offline, against synced keyed scrypt hashes; lockout with backoff;
a supervisor's approval on the spot (DESIGN.md section 7).

Every PIN check (sign-in or approval) first counts a failure and checks the lockout in ONE
immediate transaction, and only then runs the slow hash: parallel guesses each take a count
before any of them is verified, so no more than the policy's free attempts are ever checked.
A correct PIN clears the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pos_app.core.auth import LockoutPolicy, Permission, Role, may, needed_role
from pos_app.local.store import LocalStore, now_iso, parse_ts
from pos_app.services.errors import PermissionNeeded, SignInError, human_wait
from sync.pins import verify_pin


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    role: Role

    def may(self, permission: Permission) -> bool:
        return may(self.role, permission)


@dataclass(frozen=True)
class Session:
    staff: StaffMember
    signed_in_at: datetime

    def may(self, permission: Permission) -> bool:
        return self.staff.may(permission)

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise PermissionNeeded("permission.needed", needed_role(permission))


class AuthService:
    def __init__(
        self,
        store: LocalStore,
        store_id: int,
        policy: LockoutPolicy | None = None,
        pin_key: str | None = None,
    ) -> None:
        self.store = store
        self.store_id = store_id
        self.policy = policy or LockoutPolicy()
        self.pin_key = pin_key  # the retailer's key from the keyring; None: no PIN can be checked

    def staff(self) -> list[StaffMember]:
        rows = self.store.query("SELECT id, name, role FROM staff WHERE store_id=? AND active=1", (self.store_id,))
        people = [StaffMember(i, n, Role.parse(r)) for i, n, r in rows]
        return sorted(people, key=lambda p: (-p.role, p.name))  # by rank, not by the role's spelling

    def approvers(self, permission: Permission) -> list[StaffMember]:
        """The people of this store who may approve `permission` with their PIN."""
        return [p for p in self.staff() if p.may(permission)]

    def locked_until(self, staff_id: int, now: datetime | None = None) -> datetime | None:
        now = now or datetime.now(UTC)
        row = self.store.query(
            "SELECT failures, last_failure_at FROM signin_failures WHERE staff_id=?", (staff_id,), "device"
        )
        if not row:
            return None
        until = self.policy.locked_until(int(row[0][0]), parse_ts(row[0][1]))
        return until if until and until > now else None

    def _member(self, staff_id: int) -> tuple[StaffMember, str]:
        rows = self.store.query(
            "SELECT id, name, role, pin_hash FROM staff WHERE id=? AND store_id=? AND active=1",
            (staff_id, self.store_id),
        )
        if not rows:
            raise SignInError("signin.unknown_staff", staff_id=staff_id)
        sid, name, role, pin_hash = rows[0]
        return StaffMember(sid, name, Role.parse(role)), str(pin_hash or "")

    def _check_pin(self, member: StaffMember, pin_hash: str, pin: str, now: datetime, purpose: str) -> None:
        """Count a failure and check the lockout (one immediate transaction), then verify; a
        correct PIN takes the count back. Raises SignInError."""
        if not self.pin_key:
            raise SignInError("signin.no_pin_key")
        with self.store.tx("device") as con:  # BEGIN IMMEDIATE: one checker at a time
            row = con.execute(
                "SELECT failures, last_failure_at FROM signin_failures WHERE staff_id=?", (member.id,)
            ).fetchone()
            failures, last = (int(row[0]), parse_ts(row[1])) if row else (0, None)
            until = self.policy.locked_until(failures, last)
            if until is not None and until > now:
                wait = int((until - now).total_seconds()) + 1
                raise SignInError("signin.locked", locked_until=until, wait=human_wait(wait), seconds=wait)
            failures += 1
            con.execute(
                "INSERT INTO signin_failures(staff_id, failures, last_failure_at) VALUES (?, ?, ?) "
                "ON CONFLICT(staff_id) DO UPDATE SET failures=excluded.failures, last_failure_at=excluded.last_failure_at",
                (member.id, failures, now.isoformat()),
            )
        if verify_pin(pin, pin_hash, self.pin_key):
            return
        with self.store.tx("device") as con:
            self.store.journal_append(
                con, "signin.failed", {"staff_id": member.id, "failures": failures, "purpose": purpose}
            )
        until = self.policy.locked_until(failures, now)
        if until is not None:
            wait = int((until - now).total_seconds())
            raise SignInError("signin.wrong_pin_locked", locked_until=until, wait=human_wait(wait), seconds=wait)
        left = self.policy.free_attempts - failures
        raise SignInError("signin.wrong_pin_one" if left == 1 else "signin.wrong_pin", left=left)

    def sign_in(self, staff_id: int, pin: str, now: datetime | None = None) -> Session:
        now = now or datetime.now(UTC)
        member, pin_hash = self._member(staff_id)
        self._check_pin(member, pin_hash, pin, now, "signin")
        with self.store.tx("device") as con:
            con.execute("DELETE FROM signin_failures WHERE staff_id=?", (member.id,))
            self.store.journal_append(
                con, "signin", {"staff_id": member.id, "role": member.role.name.lower(), "at": now_iso()}
            )
        return Session(member, now)

    def approve(self, staff_id: int, pin: str, permission: Permission, now: datetime | None = None) -> StaffMember:
        """A supervisor or manager approves one action on the spot with their PIN (same lockout
        as sign-in). The caller journals the action with both people."""
        now = now or datetime.now(UTC)
        member, pin_hash = self._member(staff_id)
        if not member.may(permission):
            needed = needed_role(permission)
            raise PermissionNeeded("approval.role", needed, name=member.name)
        self._check_pin(member, pin_hash, pin, now, "approval")
        with self.store.tx("device") as con:
            con.execute("DELETE FROM signin_failures WHERE staff_id=?", (member.id,))
        return member

    def sign_out(self, session: Session) -> None:
        with self.store.tx("device") as con:
            self.store.journal_append(con, "signout", {"staff_id": session.staff.id})


__all__ = ["AuthService", "Permission", "Session", "SignInError", "StaffMember"]
