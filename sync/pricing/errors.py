"""The one error the pricing engine raises: a code a screen can word, and an English sentence."""

from __future__ import annotations

from typing import Any


class PricingError(ValueError):
    """Input the engine refuses (a quantity of 0, a discount above 100 %, an unknown tax class …).

    `code` names the rule (``line.quantity_zero``), `params` fill a translated sentence, `str(e)`
    is the English one. Callers (services, central, the CLI) show or map it; they never parse it.
    """

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params: dict[str, Any] = params

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "params": {k: str(v) for k, v in self.params.items()}}
