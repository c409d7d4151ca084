"""
Open an uploaded CSV file as a stream of rows, whatever wrote it.

- Encoding: UTF-8 with or without BOM, UTF-16 with BOM ("Unicode text" from Excel), else
  Windows-1252 (what most German till systems and older Excel write). The file is scanned once
  in chunks to decide, never read into memory as a whole.
- Delimiter: ``;`` (German Excel), ``,`` or tab, by counting them in the header line; an Excel
  ``sep=;`` first line is honoured.
- Rows are numbered as in a spreadsheet: the header is row 1.

Only the current row is held in memory: the rows come from ``csv.reader`` over a text wrapper
around the binary file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .format import COLUMNS_BY_KEY, column_for_header

SNIFF_CHUNK = 1 << 20
DELIMITERS = (";", ",", "\t")
# Some descriptions are long; a cell may hold up to 1 MB (csv's default limit is 128 kB).
csv.field_size_limit(1 << 20)


class FileError(ValueError):
    """The file as a whole cannot be imported; the message says why, in the user's language."""


@dataclass(frozen=True)
class RawRow:
    number: int  # spreadsheet row number, the header being row 1
    cells: list[str]


@dataclass
class CsvSource:
    """An opened CSV file: how it is written, what its columns mean, and its rows (an iterator)."""

    encoding: str
    delimiter: str
    header: list[str]
    columns: dict[str, int]  # column key → index
    ignored: list[str]  # header cells the import does not know
    rows: Iterator[RawRow] = field(repr=False)
    text: io.TextIOWrapper = field(repr=False)

    def release(self) -> None:
        """Let go of the binary file without closing it (the caller opened it, the caller closes it)."""
        with contextlib.suppress(ValueError):  # already detached
            self.text.detach()

    def has(self, key: str) -> bool:
        return key in self.columns

    def header_of(self, key: str) -> str:
        """The column's name as the file writes it (for messages), else its German/English name."""
        if key in self.columns:
            return self.header[self.columns[key]]
        return COLUMNS_BY_KEY[key].header(get_language() or "de")


def sniff_encoding(binary: IO[bytes]) -> str:
    """``utf-8-sig``, ``utf-16``, ``utf-8`` or ``cp1252``; leaves the file at its start."""
    binary.seek(0)
    start = binary.read(4)
    binary.seek(0)
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := binary.read(SNIFF_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    finally:
        binary.seek(0)
    return "utf-8"


def sniff_delimiter(header_line: str) -> str:
    """The most frequent of ``;``, ``,`` and tab outside quotes in the header line (``;`` on a tie)."""
    outside_quotes = "".join(part for index, part in enumerate(header_line.split('"')) if index % 2 == 0)
    counts = {delimiter: outside_quotes.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def open_csv(binary: IO[bytes]) -> CsvSource:
    """
    Sniff ``binary`` (a file opened for reading bytes, seekable) and return its header and rows.
    Raise ``FileError`` for a file that is not a product CSV. The caller keeps ``binary`` open while
    it reads the rows.
    """
    binary.seek(0)
    start = binary.read(8)
    binary.seek(0)
    if not start.strip():
        raise FileError(_("The file is empty."))
    if start.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise FileError(
            _(
                "This is an Excel workbook, not a CSV file. In Excel choose “Save as” → "
                "“CSV (semicolon separated)”."
            )
        )
    encoding = sniff_encoding(binary)
    if encoding != "utf-16" and b"\x00" in binary.read(4096):
        raise FileError(_("This is not a text file. Please upload a CSV file."))
    binary.seek(0)

    # Read the first line(s) with a throw-away wrapper to find the delimiter, then start again.
    probe = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
    first_line = probe.readline()
    # Excel understands a first line "sep=;" naming the delimiter; so do we.
    skip_sep_line = first_line.strip().casefold().startswith("sep=") and len(first_line.strip()) == 5
    delimiter = first_line.strip()[4] if skip_sep_line else sniff_delimiter(first_line)
    probe.detach()
    binary.seek(0)

    text = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
    try:
        return _open(text, encoding=encoding, delimiter=delimiter, skip_sep_line=skip_sep_line)
    except FileError:
        text.detach()
        raise


def _open(text: io.TextIOWrapper, *, encoding: str, delimiter: str, skip_sep_line: bool) -> CsvSource:
    reader = csv.reader(text, delimiter=delimiter)
    number = 0
    try:
        if skip_sep_line:
            next(reader, None)
            number += 1
        header = next(reader, None)
    except csv.Error as error:
        raise FileError(_("The header line cannot be read: %(error)s") % {"error": error}) from error
    number += 1
    if not header or not any(cell.strip() for cell in header):
        raise FileError(_("The first line must name the columns (e.g. Name;Preis;Artikelnummer)."))
    header = [cell.replace("\ufeff", "").strip() for cell in header]

    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        key = column_for_header(name)
        if key is None:
            if name:
                ignored.append(name)
            continue
        if key in columns:
            raise FileError(
                _("The columns “%(first)s” and “%(second)s” mean the same; please keep only one.")
                % {"first": header[columns[key]], "second": name}
            )
        columns[key] = index
    can_create = "name" in columns and "price" in columns
    can_find = bool({"sku", "gtin", "product_id"} & set(columns))
    if not can_create and not can_find:
        raise FileError(
            _(
                "No usable columns found. The file needs the columns “Name” and “Preis” for new products, "
                "or “Artikelnummer” or “GTIN” to update existing ones. Found: %(found)s"
            )
            % {"found": ", ".join(f"„{name}“" for name in header if name) or "–"}
        )

    return CsvSource(
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        columns=columns,
        ignored=ignored,
        rows=_rows(reader, first_number=number + 1),
        text=text,
    )


def _rows(reader: Iterator[list[str]], *, first_number: int) -> Iterator[RawRow]:
    number = first_number
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield RawRow(number=number, cells=cells)
            number += 1
    except csv.Error as error:
        raise FileError(
            _("Row %(row)s cannot be read (%(error)s); the import stopped there.")
            % {"row": number, "error": error}
        ) from error
