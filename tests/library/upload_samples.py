"""Real files, good and bad, each built with its own library (WeasyPrint and pypdf, python-docx, openpyxl,
python-pptx, Pillow, zipfile), for the upload checks and text extraction tests."""

from __future__ import annotations

import functools
import io
import struct
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

BANGLA = "জাতীয় অভিবাসন নীতি: শ্রম অভিবাসীদের অধিকার সুরক্ষা"
MB = 1024 * 1024


def upload(content: bytes, name: str, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """What Django hands a view; the name and the browser's content type are deliberately not trusted."""
    return SimpleUploadedFile(name, content, content_type=content_type)


@functools.cache
def pdf(*pages: str) -> bytes:
    """A PDF made by WeasyPrint, one page per argument."""
    import weasyprint

    pages = pages or ("Remittance corridors and labour migration from Bangladesh",)
    body = "".join(f'<section style="break-after: page"><p>{text}</p></section>' for text in pages)
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def blank_pdf(pages: int = 1) -> bytes:
    """A PDF with pages but no text at all (a scan without OCR looks like this), by pypdf's writer."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf())))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs or ("Safe migration policy brief",):
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(sheets: dict[str, list[list]] | None = None) -> bytes:
    import openpyxl

    sheets = sheets or {"Returnees": [["District", "Returnees"], ["Sylhet", 1200]]}
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pptx(*slides: str, notes: str = "") -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    for text in slides or ("Training on the Global Compact for Migration",):
        slide = presentation.slides.add_slide(presentation.slide_layouts[5])  # title only
        slide.shapes.title.text = text
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
        box.text_frame.text = f"Body: {text}"
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def png(size=(64, 48)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(out, "PNG")
    return out.getvalue()


def jpeg(size=(320, 240)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


def windows_exe() -> bytes:
    """A minimal PE image: DOS header (MZ, e_lfanew at 0x3C), DOS stub, then the PE signature."""
    dos = bytearray(64)
    dos[0:2] = b"MZ"
    dos[0x3C:0x40] = struct.pack("<I", 0x80)
    stub = b"This program cannot be run in DOS mode.\r\r\n$".ljust(64, b"\x00")
    return bytes(dos) + stub + b"PE\x00\x00" + b"\x4c\x01" + bytes(300)


def elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(200)


def with_entries(office: bytes, entries: dict[str, bytes]) -> bytes:
    """A copy of a ZIP-based Office file with extra entries added."""
    out = io.BytesIO(office)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def flagged_encrypted(content: bytes, name: str) -> bytes:
    """The same ZIP with one entry marked encrypted (general-purpose flag bit 0), in its local header and in
    the central directory, as a password-protecting tool would mark it."""
    data = bytearray(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        local = archive.getinfo(name).header_offset
    data[local + 6] |= 0x01
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + length] == name.encode():
            data[at + 8] |= 0x01
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


@functools.cache
def zip_bomb_docx() -> bytes:
    """A real DOCX plus a part of 200 MB of zeros: about 200 KB on disk, written in chunks."""
    out = io.BytesIO(docx())
    zeros = bytes(MB)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.bin", "w") as part,
    ):
        for _ in range(200):
            part.write(zeros)
    return out.getvalue()


def macro_docx() -> bytes:
    return with_entries(docx(), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)})


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("readme.txt", "Minutes of the March meeting")
        archive.writestr("data/figures.csv", "year,returnees\n2024,1200\n")
    return out.getvalue()


HTML = (
    b"<!DOCTYPE html>\n<html><head><title>Report</title></head><body><script>alert(1)</script></body></html>"
)
CSV = b"district,returnees,note\nSylhet,1200,remittance corridor\n"
