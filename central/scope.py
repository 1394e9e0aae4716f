"""What one store's devices may see: the scope values of the change log, per scope rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central.models import Location, Nearby, PriceList
from sync.protocol import STREAMS, ScopeRule

GLOBAL = 0  # the change log's scope of rows meant for every device


@dataclass(frozen=True)
class Scope:
    """One store's scope: its id, the locations whose stock it caches, its price lists."""

    store_id: int
    stock_locations: tuple[int, ...]
    price_lists: tuple[int, ...]

    def scopes(self, stream: str) -> tuple[int, ...]:
        """The change-log scope values of `stream` this store may see (its StreamSpec's rule)."""
        return SCOPE_RULES[STREAMS[stream].scope](self)


# One entry per sync.protocol.ScopeRule.
SCOPE_RULES: dict[ScopeRule, Callable[[Scope], tuple[int, ...]]] = {
    "global": lambda _scope: (GLOBAL,),
    "store": lambda scope: (scope.store_id,),
    "stock_locations": lambda scope: scope.stock_locations,
    "price_lists": lambda scope: scope.price_lists,
}


def scope_for_store(session: Session, store_id: int) -> Scope:
    store = session.get_one(Location, store_id)
    nearby = session.scalars(select(Nearby.nearby_id).where(Nearby.store_id == store_id).order_by(Nearby.rank)).all()
    lists = session.scalars(
        select(PriceList.id).where(
            PriceList.currency == store.currency,
            or_(PriceList.store_id.is_(None), PriceList.store_id == store_id),
        )
    ).all()
    return Scope(store_id, (store_id, *nearby), tuple(sorted(lists)))
