"""How tests/data/nexo/vectors.json was made: read, as data, the nexo message-protection test
material of Adyen's MIT-licensed client libraries from local git mirrors of them (made with
`git clone` of github.com/Adyen/<repo>), and write it with repository, commit and path.

    python tests/data/nexo/extract_vectors.py /path/to/mirrors > tests/data/nexo/vectors.json

where /path/to/mirrors holds Adyen+<repo>/repo git directories. Only strings and JSON files are
taken (test data); no library code is copied. Not run by the test suite.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

MIT = (
    "The messages, passphrases and expected values below are test data from Adyen's client "
    "libraries, each under the MIT License (Copyright (c) 2017-2022 Adyen): Permission is hereby "
    "granted, free of charge, to any person obtaining a copy of this software and associated "
    "documentation files (the \"Software\"), to deal in the Software without restriction, including "
    "without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, "
    "and/or sell copies of the Software, and to permit persons to whom the Software is furnished to "
    "do so, subject to the following conditions: The above copyright notice and this permission "
    "notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE "
    "IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED "
    "TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO "
    "EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, "
    "WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH "
    "THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."
)


def git(mirrors: Path, repo: str, *args: str) -> str:
    d = mirrors / repo.replace("/", "+") / "repo"
    return subprocess.run(["git", "-C", str(d), *args], check=True, capture_output=True, text=True).stdout


def head(mirrors: Path, repo: str) -> str:
    return git(mirrors, repo, "rev-parse", "HEAD").strip()


def show(mirrors: Path, repo: str, path: str) -> str:
    return git(mirrors, repo, "show", f"HEAD:{path}")


def src(mirrors: Path, repo: str, path: str, note: str | None = None) -> dict[str, str]:
    s = {"repo": repo, "commit": head(mirrors, repo), "path": path}
    if note:
        s["note"] = note
    return s


def cs_verbatim(text: str, name: str) -> str:
    """The value of a C# verbatim string `name = @"..."` or `name => @"..."` ("" is a quote)."""
    m = re.search(re.escape(name) + r'\s*(?:=>|=)\s*@"((?:[^"]|"")*)"', text)
    if not m:
        raise SystemExit(f"{name} not found")
    return m.group(1).replace('""', '"')


def main(mirrors: Path) -> dict[str, Any]:
    java, dotnet, ios = "Adyen/adyen-java-api-library", "Adyen/adyen-dotnet-api-library", "Adyen/adyen-terminal-api-ios"
    node = "Adyen/adyen-node-api-library"
    key1 = {"passphrase": "p@ssw0rd123456", "key_identifier": "CryptoKeyIdentifier12345", "key_version": 1}
    vectors: list[dict[str, Any]] = []

    p = "src/test/resources/mocks/terminal-api/payment-local-success.json"
    vectors.append({
        "id": "java-local-payment-success", "kind": "message",
        "sources": [
            src(mirrors, java, p, "TerminalLocalAPITest: key CryptoKeyIdentifier12345 / p@ssw0rd123456"),
            src(mirrors, node, "src/__mocks__/terminalApi/local.ts", "localEncRes carries the same NexoBlob, Nonce and Hmac"),
        ],
        **key1, "message": json.loads(show(mirrors, java, p)),
    })
    p = "src/test/resources/mocks/clouddevice/payment-sync-encrypted-success.json"
    dn = "Adyen.Test/mocks/terminalapi/pospayment-encrypted-success.json"
    m = json.loads(show(mirrors, java, p))
    same = json.loads(show(mirrors, dotnet, dn)) == m
    vectors.append({
        "id": "java-payment-sync-encrypted-success", "kind": "message",
        "sources": [src(mirrors, java, p, "EncryptedCloudDeviceApiTest: CryptoKeyIdentifier12345 / p@ssw0rd123456")]
        + ([src(mirrors, dotnet, dn, "the same message")] if same else []),
        **key1, "message": m,
    })
    p = "src/test/resources/mocks/clouddevice/encrypted-event-notification.json"
    vectors.append({
        "id": "java-encrypted-event-notification", "kind": "message",
        "sources": [src(mirrors, java, p, "EncryptedCloudDeviceApiTest: Key123456789crypt / P@ssw0rd123456")],
        "passphrase": "P@ssw0rd123456", "key_identifier": "Key123456789crypt", "key_version": 1,
        "message": json.loads(show(mirrors, java, p)),
    })
    p = "Adyen.Test/TerminalApi/NotificationDecryptionTest.cs"
    t = show(mirrors, dotnet, p)
    vectors.append({
        "id": "dotnet-notification-decryption", "kind": "message",
        "sources": [src(mirrors, dotnet, p, "TestNotificationDecryption: encryptedNotification -> expectedDecryption")],
        "passphrase": "ncrpass", "key_identifier": "ncrkey", "key_version": 1,
        "message": json.loads(cs_verbatim(t, "encryptedNotification")),
        "expected_plaintext": cs_verbatim(t, "expectedDecryption"),
    })
    p = "Adyen.Test/TerminalApi/TerminalApiSerializerTest.cs"
    t = show(mirrors, dotnet, p)
    secured = json.loads(cs_verbatim(t, "ExpectedSaleToPoiMessageSecuredJson"))
    vectors.append({
        "id": "dotnet-serializer-hmac", "kind": "hmac",
        "sources": [src(mirrors, dotnet, p, "ExpectedSaleToPoiMessageJson is protected; ExpectedSaleToPoiMessageSecuredJson keeps its Hmac")],
        **key1,
        "plaintext": cs_verbatim(t, "ExpectedSaleToPoiMessageJson"),
        "expected_hmac": secured["SaleToPOIRequest"]["SecurityTrailer"]["Hmac"],
    })
    p = "Tests/TerminalAPIKitTests/CryptoTests/AESTests.swift"
    t = show(mirrors, ios, p)
    b64 = re.findall(r'base64Encoded: "([^"]+)"', t)
    vectors.append({
        "id": "ios-aes-256-cbc", "kind": "aes", "sources": [src(mirrors, ios, p, "testAES")],
        "plaintext": "Hello World", "key_b64": b64[0], "iv_b64": b64[1],
        "expected_ciphertext_b64": re.search(r'base64EncodedString\(\), "([^"]+)"', t).group(1),  # type: ignore[union-attr]
    })
    p = "Tests/TerminalAPIKitTests/CryptoTests/HMACTests.swift"
    t = show(mirrors, ios, p)
    vectors.append({
        "id": "ios-hmac-sha256", "kind": "raw-hmac", "sources": [src(mirrors, ios, p, "testHMAC")],
        "input": "Hello World", "key": "SampleKey",
        "expected_hmac_b64": re.search(r'base64EncodedString\(\), "([^"]+)"', t).group(1),  # type: ignore[union-attr]
    })
    return {"about": "nexo Terminal API local message protection vectors (NexoBlob + SecurityTrailer), "
            "taken as data from Adyen's client-library test suites; made by extract_vectors.py.",
            "license": MIT, "vectors": vectors}


if __name__ == "__main__":
    json.dump(main(Path(sys.argv[1])), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
