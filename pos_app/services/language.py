"""Which language the screens speak (docs/languages.md).

Decision: the store's locale decides by default (TKY01 `ja_JP` → Japanese, BER01 `de_DE` →
German, anything else English); a staff member may choose another language for themselves in
Settings, kept on this till (settings.json `languages`, by staff id: a person's choice on the
till they work at, not synced). `AISLE_LANGUAGE` (en | ja | de) pins one language for the whole
app — for support, the tests and a demo in English — above both.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pos_app.services.errors import ValidationFailed

if TYPE_CHECKING:  # the app's first screen asks this module for the language, before the devices load
    from pos_app.services.settings import SettingsService

LANGUAGES: dict[str, str] = {"en": "English", "ja": "日本語", "de": "Deutsch"}  # each in its own words
DEFAULT = "en"
ENV = "AISLE_LANGUAGE"
log = logging.getLogger(__name__)


def language_of(locale: str | None) -> str:
    """The screens' language for a locale (`ja_JP`, `de-DE`, `en_US`, …): one we have, or English."""
    lang = (locale or "").replace("-", "_").split("_")[0].lower()
    return lang if lang in LANGUAGES else DEFAULT


def pinned() -> str | None:
    """The language `AISLE_LANGUAGE` pins (None when unset). An unknown value pins nothing and
    is said once in the log, naming the languages there are."""
    value = os.environ.get(ENV, "").strip().lower()
    if not value:
        return None
    if value not in LANGUAGES:
        if value not in _warned:
            _warned.add(value)
            log.warning("%s=%r is not a language of Aisle (%s): ignored", ENV, value, ", ".join(LANGUAGES))
        return None
    return value


_warned: set[str] = set()


class LanguageService:
    """The language for the store and for each staff member on this till."""

    def __init__(self, store: Any, store_id: int, settings: SettingsService) -> None:
        self.store = store
        self.store_id = store_id
        self.settings = settings

    def store_language(self) -> str:
        """The store's language (its locale), unless `AISLE_LANGUAGE` pins one."""
        fixed = pinned()
        if fixed is not None:
            return fixed
        rows = self.store.query("SELECT locale FROM locations WHERE id=?", (self.store_id,))
        return language_of(str(rows[0][0]) if rows and rows[0][0] else None)

    def chosen(self, staff_id: int) -> str | None:
        """What this staff member chose on this till (None: the store's)."""
        value = self.settings.load().extra.get("languages", {})
        lang = value.get(str(staff_id)) if isinstance(value, dict) else None
        return lang if lang in LANGUAGES else None

    def for_staff(self, staff_id: int) -> str:
        """The language of this staff member's screens: pinned, chosen, or the store's."""
        fixed = pinned()
        if fixed is not None:
            return fixed
        return self.chosen(staff_id) or self.store_language()

    def choose(self, staff_id: int, language: str | None) -> str:
        """Keep this staff member's language on this till (None: follow the store again);
        the language their screens now speak."""
        if language is not None and language not in LANGUAGES:
            raise ValidationFailed("language.unknown", value=language, choices=", ".join(LANGUAGES))
        s = self.settings.load()
        chosen = dict(s.extra.get("languages") or {})
        if language is None:
            chosen.pop(str(staff_id), None)
        else:
            chosen[str(staff_id)] = language
        self.settings.save(replace(s, extra={**s.extra, "languages": chosen}))
        return self.for_staff(staff_id)
