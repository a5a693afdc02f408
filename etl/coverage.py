"""Completeness: every quantity a document states is either loaded as a figure or excluded with a reason.

A quantity counts when it carries a measure word of one of the units (元, %, 家, 个, 人, 项...);
bare numerals are list numbering, dates, times and codes, and are not asked about. It is accounted
for when a figure or an exclusion quotes the passage it stands in and states that very number.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.curated import Curated
from etl.numbers import Quantity, find_quantities
from etl.text import squash


@dataclass(frozen=True)
class Unaccounted:
    document_id: str
    line: int
    quantity: Quantity
    context: str

    def __str__(self) -> str:
        return f"{self.document_id}:{self.line}: {self.quantity.text!r} in …{self.context}…"


def unaccounted(curated: Curated) -> list[Unaccounted]:
    """Quantities with a measure word that lie in no figure's quote and no exclusion's quote."""
    measure_words = {"%"}
    for unit in curated["units"].values():
        measure_words.update(unit.record.measure_words)
    found: list[Unaccounted] = []
    for document_id, document in curated.texts.items():
        statements = [(document.locate(row.record.quote), squash(row.record.stated)) for row in curated.figures
                      if curated.figure_document[row.record.id] == document_id]
        statements += [(document.locate(row.record.quote), squash(row.record.stated)) for row in curated.exclusions
                       if row.record.document_id == document_id]
        statements = [(span, stated) for span, stated in statements if span is not None]
        for quantity in find_quantities(document.text):
            if quantity.unit not in measure_words:
                continue
            text = squash(quantity.text)
            if any(start <= quantity.start and quantity.end <= end and (stated in text or text in stated)
                   for (start, end), stated in statements):
                continue
            context = document.text[max(0, quantity.start - 20):quantity.end + 10]
            found.append(Unaccounted(document_id, document.line_of(quantity.start), quantity, " ".join(context.split())))
    return found
