"""Staff sign-in with a PIN, offline, against synced scrypt hashes; lockout with backoff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pos_app.core.auth import LockoutPolicy, Permission, Role, require
from pos_app.local.store import LocalStore, now_iso, parse_ts
from sync.pins import verify_pin


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    role: Role


@dataclass(frozen=True)
class Session:
    staff: StaffMember
    signed_in_at: datetime

    def require(self, permission: Permission) -> None:
        require(self.staff.role, permission)


class SignInError(Exception):
    def __init__(self, message: str, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until


class AuthService:
    def __init__(self, store: LocalStore, store_id: int, policy: LockoutPolicy | None = None) -> None:
        self.store = store
        self.store_id = store_id
        self.policy = policy or LockoutPolicy()

    def staff(self) -> list[StaffMember]:
        rows = self.store.query(
            "SELECT id, name, role FROM staff WHERE store_id=? AND active=1 ORDER BY role DESC, name",
            (self.store_id,),
        )
        return [StaffMember(i, n, Role.parse(r)) for i, n, r in rows]

    def locked_until(self, staff_id: int, now: datetime | None = None) -> datetime | None:
        now = now or datetime.now(UTC)
        row = self.store.query(
            "SELECT failures, last_failure_at FROM signin_failures WHERE staff_id=?", (staff_id,), "device"
        )
        if not row:
            return None
        until = self.policy.locked_until(int(row[0][0]), parse_ts(row[0][1]))
        return until if until and until > now else None

    def sign_in(self, staff_id: int, pin: str, now: datetime | None = None) -> Session:
        now = now or datetime.now(UTC)
        rows = self.store.query(
            "SELECT id, name, role, pin_hash FROM staff WHERE id=? AND store_id=? AND active=1",
            (staff_id, self.store_id),
        )
        if not rows:
            raise SignInError("This person cannot sign in on this store's devices.")
        sid, name, role, pin_hash = rows[0]
        until = self.locked_until(sid, now)
        if until is not None:
            wait = int((until - now).total_seconds()) + 1
            raise SignInError(f"Too many wrong PINs. Try again in {_human(wait)}.", until)
        if not verify_pin(pin, pin_hash):
            with self.store.tx("device") as con:
                con.execute(
                    "INSERT INTO signin_failures(staff_id, failures, last_failure_at) VALUES (?, 1, ?) "
                    "ON CONFLICT(staff_id) DO UPDATE SET failures=failures+1, last_failure_at=excluded.last_failure_at",
                    (sid, now.isoformat()),
                )
                (failures,) = con.execute("SELECT failures FROM signin_failures WHERE staff_id=?", (sid,)).fetchone()
                self.store.journal_append(con, "signin.failed", {"staff_id": sid, "failures": failures})
            until = self.policy.locked_until(int(failures), now)
            if until is not None:
                raise SignInError(f"Wrong PIN. Locked for {_human(int((until - now).total_seconds()))}.", until)
            left = self.policy.free_attempts - int(failures)
            raise SignInError(f"Wrong PIN. {left} more {'try' if left == 1 else 'tries'} before a pause.")
        with self.store.tx("device") as con:
            con.execute("DELETE FROM signin_failures WHERE staff_id=?", (sid,))
            self.store.journal_append(con, "signin", {"staff_id": sid, "role": role, "at": now_iso()})
        return Session(StaffMember(sid, name, Role.parse(role)), now)

    def sign_out(self, session: Session) -> None:
        with self.store.tx("device") as con:
            self.store.journal_append(con, "signout", {"staff_id": session.staff.id})


def _human(seconds: int) -> str:
    if seconds < 90:
        return f"{max(1, seconds)} seconds"
    return f"{round(seconds / 60)} minutes"


__all__ = ["AuthService", "Permission", "Session", "SignInError", "StaffMember"]
