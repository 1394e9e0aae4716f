"""Where an endless-aisle order's ship lines leave from (docs/endless-aisle.md "Sourcing").

Rules, in order:
1. Candidates are the locations of the selling store's country: its warehouses first (by id),
   then the selling store itself, then the stores it calls nearby (`location_nearby`, by rank),
   then the country's other stores (by id). That order is "closest" here: central knows no
   distances, and the nearby list is the retailer's own idea of near.
2. One source if any can: the first candidate whose available stock (on hand less reserved)
   covers every line.
3. Else, when the selling store's rule allows it (`locations.split_shipments`, on by default),
   line by line from the candidates in that order, a line's units from several if need be; one
   fulfilment per source. A line the candidates together cannot cover is not split: all of it
   stays in an "unsourced" fulfilment, nothing of it reserved.
4. Else (split forbidden) the whole order is one "unsourced" fulfilment.

An unsourced fulfilment reserves nothing: stock is never driven negative without a decision.
Sourcing runs in the op's writing transaction, so availability is read under the writer lock
and what one order reserves the next one sees.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Location, Nearby, Stock


@dataclass(frozen=True)
class Want:
    """One line to ship: `n` its number in the order (kept by every fulfilment that carries part
    of it), the variant and how many."""

    n: int
    variant_id: int
    quantity: int


@dataclass
class Plan:
    # (source location id, [(want, units from there)]) in candidate order
    sources: list[tuple[int, list[tuple[Want, int]]]] = field(default_factory=list)
    unsourced: list[tuple[Want, int]] = field(default_factory=list)


def candidates(session: Session, store: Location) -> list[Location]:
    """The selling store's possible sources, closest first (rule 1)."""
    same = list(session.scalars(select(Location).where(Location.country == store.country).order_by(Location.id)))
    warehouses = [x for x in same if x.kind == "warehouse"]
    nearby_ids = list(
        session.scalars(
            select(Nearby.nearby_id).where(Nearby.store_id == store.id).order_by(Nearby.rank, Nearby.nearby_id)
        )
    )
    by_id = {x.id: x for x in same}
    order: list[Location] = [*warehouses, store]
    order += [by_id[i] for i in nearby_ids if i in by_id and by_id[i].kind == "store"]
    order += [x for x in same if x.kind == "store"]
    seen: set[int] = set()
    out = []
    for loc in order:
        if loc.id not in seen:
            seen.add(loc.id)
            out.append(loc)
    return out


def available(session: Session, location_ids: Sequence[int], variant_ids: Sequence[int]) -> dict[tuple[int, int], int]:
    """Available units (on hand less reserved, never below 0) per (location, variant)."""
    if not location_ids or not variant_ids:
        return {}
    q = select(Stock.location_id, Stock.variant_id, Stock.on_hand, Stock.reserved).where(
        Stock.location_id.in_(location_ids), Stock.variant_id.in_(set(variant_ids))
    )
    return {(loc, var): max((on or 0) - (res or 0), 0) for loc, var, on, res in session.execute(q)}


def plan(
    session: Session,
    store: Location,
    wants: Sequence[Want],
    *,
    split: bool | None = None,
    exclude: Collection[int] = (),
) -> Plan:
    """Decide the sources of `wants` for an order sold at `store` (rules 1-4); reserves nothing.
    `exclude`: locations that may not be a source (a pickup store that just did not find them)."""
    split = bool(store.split_shipments) if split is None else split
    locs = [x.id for x in candidates(session, store) if x.id not in exclude]
    avail = available(session, locs, [w.variant_id for w in wants])
    need: dict[int, int] = {}
    for w in wants:
        need[w.variant_id] = need.get(w.variant_id, 0) + w.quantity
    for loc in locs:  # rule 2: one source for everything
        if all(avail.get((loc, v), 0) >= q for v, q in need.items()):
            return Plan(sources=[(loc, [(w, w.quantity) for w in wants])])
    if not split:  # rule 4
        return Plan(unsourced=[(w, w.quantity) for w in wants])
    taken: dict[int, list[tuple[Want, int]]] = {}
    result = Plan()
    for w in wants:  # rule 3: line by line, closest first
        left = w.quantity
        if sum(avail.get((loc, w.variant_id), 0) for loc in locs) < left:  # nowhere enough: none of it
            result.unsourced.append((w, left))
            continue
        whole = next((loc for loc in locs if avail.get((loc, w.variant_id), 0) >= left), None)
        if whole is not None:  # a line from one place when one place can
            avail[(whole, w.variant_id)] -= left
            taken.setdefault(whole, []).append((w, left))
            continue
        for loc in locs:
            have = avail.get((loc, w.variant_id), 0)
            if have <= 0:
                continue
            units = min(have, left)
            avail[(loc, w.variant_id)] = have - units
            taken.setdefault(loc, []).append((w, units))
            left -= units
            if left == 0:
                break
    result.sources = [(loc, taken[loc]) for loc in locs if loc in taken]
    return result


def can_cover(session: Session, location_id: int, wants: Sequence[Want]) -> tuple[bool, str]:
    """Whether one location has every unit available now; else the first short line in words."""
    avail = available(session, [location_id], [w.variant_id for w in wants])
    need: dict[int, int] = {}
    for w in wants:
        need[w.variant_id] = need.get(w.variant_id, 0) + w.quantity
    for v, q in need.items():
        have = avail.get((location_id, v), 0)
        if have < q:
            return False, f"{have} of the {q} needed of variant {v}"
    return True, ""
