"""A copy of data/ whose texts carry HTML, script and markdown, to prove the app shows them as text."""

from __future__ import annotations

import hashlib

from tests.conftest import PRESS, DataCopy

SCRIPT_QUOTE = "<script>window.__pwned=1</script>**粗体** [链接](javascript:alert(1)) 恶意企业7家"
IMG_NAME = "<img src=x onerror=\"window.__pwned=2\">指标"


def make_hostile(data: DataCopy) -> DataCopy:
    """Add a sentence with a script tag and markdown to a document, a figure quoting it, and an HTML indicator name."""
    raw = data.raw / "sd-workwear-press-2026.txt"
    raw.write_text(raw.read_text(encoding="utf-8") + "\n" + SCRIPT_QUOTE + "\n", encoding="utf-8")
    meta = data.raw / "sd-workwear-press-2026.meta.yml"
    content = raw.read_bytes()
    lines = [
        f"sha256: {hashlib.sha256(content).hexdigest()}" if line.startswith("sha256:")
        else f"bytes: {len(content)}" if line.startswith("bytes:") else line
        for line in meta.read_text(encoding="utf-8").splitlines()
    ]
    meta.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = data.rows(PRESS)
    hostile = dict(rows[2], id="p26-hostile", stated="7家", value="7", qualifier="exact", quote=SCRIPT_QUOTE,
                   indicator_id="enterprises_above_scale")
    data.write_rows(PRESS, [*rows, hostile])
    data.edit("indicators.csv", data.find("indicators.csv", id="enterprises_above_scale"), name_zh=IMG_NAME)
    return data
