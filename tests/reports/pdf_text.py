"""Helpers to read a rendered PDF back: all text, and the same with whitespace removed for wrapped lines."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in pdf_reader(data).pages)
    return text.replace("\x00", "")  # pypdf leaves NULs when a fallback font uses two-byte codes


def squashed(text: str) -> str:
    """Text without any whitespace, so a sentence wrapped across lines (or a broken long word) still matches."""
    return re.sub(r"\s+", "", text)


def has_embedded_files(data: bytes) -> bool:
    reader = pdf_reader(data)
    names = reader.trailer["/Root"].get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        return True
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                return True
    return False
