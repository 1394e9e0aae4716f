"""The sentences the sync package makes for people, by code (issue 12, docs/languages.md).

`str()` of each is its English (the CLI's, the log's, what `pos-app doctor` prints); a `Said`
keeps the code and params, and the screens word it in their language (pos_app/ui/messages.py),
as they do the services' codes. Params are values, never sentences of their own, except
`detail` where it is another `Said` (a link problem inside a download's): the screens word
that one too. A `stream` param is a stream's name; the screens say it in their words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

SYNC_MESSAGES: dict[str, str] = {
    # the link to central (sync/client.py)
    "link.central_problem": "Central had a problem ({status}); will retry",
    "link.timeout": "Central did not answer in time",
    "link.bad_compression": "Central sent an answer that cannot be decoded (bad compression)",
    "link.unreachable": "Cannot reach central at {url} ({kind})",
    "link.malformed": "Central sent a malformed {what} ({why})",
    "link.page_mismatch": "Central sent a page that does not fit the request ({stream})",
    "link.push_mismatch": "Central's answer to a push does not list the ops sent, in order",
    "link.receipt_not_json": "Central's answer to a receipt e-mail is not JSON",
    "link.receipt_no_id": "Central's answer to a receipt e-mail has no message id",
    "link.refused": "Central refused the request ({status})",
    "link.too_big": "Central sent {size} bytes; the limit is {limit}",
    "link.too_much": "Central sent more than {limit} bytes",
    "link.broke": "Connection to central broke ({kind})",
    "link.line_too_long": "Central sent a snapshot line longer than 1 MiB",
    "link.not_gzip": "Central sent a snapshot that is not valid gzip",
    "link.download_broke": "Connection to central broke during download ({kind})",
    "link.events_bad_compression": "Central sent live events that cannot be decoded (bad compression)",
    "link.live_broke": "Live connection to central broke ({kind})",
    # the engine (sync/engine.py)
    "sync.enrol_again": "Central refused this device's token ({detail}); enrol the device again.",
    "sync.stopped": "Sync stopped",
    "sync.downloading": "Downloading {stream}…",
    "sync.malformed_kept": "Central sent malformed {stream} data; kept the cache as it was ({detail})",
    "sync.download_refused": "Central refused the {stream} download ({status}: {detail}); sync will try again",
    "sync.op_refused": "Central refused it ({code})",
    "sync.op_failed": "Central could not apply it ({code})",
    "sync.op_unsendable": "this operation cannot be sent: {why}",
    "sync.op_skipped": "not tried: an earlier operation failed",
    "sync.stopped_early": "The {stream} download stopped early; it will resume",
    "sync.lost_rows": "The {stream} download lost rows ({received} of {rows}); starting over",
    "sync.checksum_download": "The {stream} download did not match central's checksum; starting over",
    "sync.bad_row": "Central sent a malformed {stream} snapshot row; download stopped ({detail})",
    "sync.row_per_line": "Central sent a malformed {stream} snapshot (one row per line expected)",
    "sync.no_header": "Central sent a {stream} snapshot without a valid header",
    "sync.other_columns": "Central's {stream} snapshot has other columns than this app knows",
    "sync.bad_trailer": "Central's {stream} snapshot ended with a malformed trailer",
    "sync.older_copy": (
        "The {stream} data on this device is an older copy; a new one is downloading and replaces it when complete"
    ),
    "sync.cache_differed": (
        "The {stream} cache differed from central ({here} rows here, {there} there); it was downloaded again"
    ),
    "sync.unexpected_retry": "Sync hit an unexpected problem ({kind}); it will retry",
    "sync.unexpected": "Sync hit an unexpected problem",
}


class Said(str):
    """A sentence for people: the English `str`, with the `code` and `params` a screen words
    it by. `TABLE` is where its codes live (the services' subclass uses theirs)."""

    TABLE: ClassVar[Mapping[str, str]] = SYNC_MESSAGES
    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Said:
        template = cls.TABLE.get(code, code)
        try:
            text = template.format(**params)
        except (KeyError, IndexError):
            text = template
        said = super().__new__(cls, text)
        said.code, said.params = code, params
        return said


def said_of(error: BaseException | str) -> str:
    """The sentence of an error as it was made: its `Said` when it has one, else `str()`."""
    if isinstance(error, str):
        return error
    first = error.args[0] if error.args else None
    return first if isinstance(first, Said) else str(error)


def to_json(params: Mapping[str, Any]) -> dict[str, Any]:
    """Params as JSON values; a param that is a `Said` of its own keeps its code and params."""
    return {k: {"said": v.code, "params": to_json(v.params)} if isinstance(v, Said) else v for k, v in params.items()}


def stored(message: str, code: str | None, params: Mapping[str, Any] | None) -> str:
    """A sentence read back from where it was kept with its code and params (`sync_errors`):
    the `Said` again when its code is known and makes the same English, else the text."""
    if code is None or code not in SYNC_MESSAGES:
        return message
    again = Said(code, **_from_json(params or {}))
    return again if again == message else message


def _from_json(params: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in params.items():
        if isinstance(v, dict) and isinstance(v.get("said"), str) and isinstance(v.get("params"), dict):
            v = Said(v["said"], **_from_json(v["params"]))
        out[k] = v
    return out


__all__ = ["SYNC_MESSAGES", "Said", "said_of", "stored", "to_json"]
