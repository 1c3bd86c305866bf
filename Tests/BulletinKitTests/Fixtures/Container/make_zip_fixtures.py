#!/usr/bin/env python3
"""Regenerates the ZIP fixtures in zip/ and zip/expected.json (each archive's entries, in
central-directory order, with the length, CRC-32 and SHA-256 of the bytes put in).

Most archives are written by Python's zipfile; the few shapes zipfile never writes (ZIP64 fields
in the central directory of a small archive, unflagged CP437 or UTF-8 names, another method, an
encrypted flag) by `raw_zip` below, field by field after PKWARE's APPNOTE 6.3.10 §4.3."""
import hashlib, io, json, os, struct, zipfile, zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "zip")
SHEET = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>{r % 7}</v></c></row>' for r in range(1, 300)).encode()
expected = {}


def record(name, entries):
    expected[name] = [{"path": path, "method": method, "length": len(data), "crc32": zlib.crc32(data),
                       "sha256": hashlib.sha256(data).hexdigest()} for path, method, data in entries]


def with_zipfile(name, entries, comment=b"", seekable=True, force_zip64=False):
    buffer = io.BytesIO()
    target = buffer if seekable else Unseekable(buffer)
    with zipfile.ZipFile(target, "w") as archive:
        for path, method, data in entries:
            info = zipfile.ZipInfo(path, date_time=(2020, 10, 31, 12, 0, 0))
            info.compress_type = method
            with archive.open(info, "w", force_zip64=force_zip64) as member:
                member.write(data)
        archive.comment = comment
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(buffer.getvalue())
    record(name, entries)


class Unseekable(io.RawIOBase):
    """A write-only stream zipfile cannot seek back in, so it writes data descriptors."""
    def __init__(self, inner): self.inner = inner
    def writable(self): return True
    def write(self, b): return self.inner.write(b)
    def flush(self): pass


def raw_zip(name, entries, zip64=False):
    """entries: (name bytes, path as read, method, flags, data, compressed)."""
    out = bytearray()
    central = bytearray()
    for raw_name, _, method, flags, data, compressed in entries:
        offset = len(out)
        crc = zlib.crc32(data)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x5121, crc,
                           len(compressed), len(data), len(raw_name), 0) + raw_name + compressed
        if zip64:
            # Sizes and offset saturated, their values in the ZIP64 extra field, in this order.
            extra = struct.pack("<HHQQQ", 0x0001, 24, len(data), len(compressed), offset)
            sizes = (0xFFFFFFFF, 0xFFFFFFFF)
            local = 0xFFFFFFFF
        else:
            extra, sizes, local = b"", (len(compressed), len(data)), offset
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, flags, method, 0, 0x5121, crc,
                               sizes[0], sizes[1], len(raw_name), len(extra), 0, 0, 0, 0, local) + raw_name + extra
    start = len(out)
    out += central
    count = len(entries)
    if zip64:
        record64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(central), start)
        out += struct.pack("<IIQI", 0x07064B50, 0, record64, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(out)
    readable = [(path, method, data) for _, path, method, _, data, _ in entries]
    record(name, readable)


def deflate(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def main():
    os.makedirs(HERE, exist_ok=True)
    stored, deflated = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
    basic = [("[Content_Types].xml", deflated, b'<?xml version="1.0"?><Types/>'),
             ("mimetype", stored, b"application/vnd.openxmlformats"),
             ("xl/", stored, b""),
             ("xl/worksheets/sheet1.xml", deflated, SHEET),
             ("empty.txt", deflated, b""),
             ("中文/台账.xml", deflated, "<t>危房改造</t>".encode()),
             ("/xl/styles.xml", deflated, b"<styleSheet/>"),
             ("XL/SharedStrings.XML", stored, b"<sst/>")]
    with_zipfile("basic.zip", basic, comment=b"made by make_zip_fixtures.py; the EOCD is not last")
    with_zipfile("descriptors.zip", basic[:4], seekable=False)
    with_zipfile("local-zip64.zip", basic[:4], force_zip64=True)
    raw_zip("central-zip64.zip", [(b"a.xml", "a.xml", 8, 0, SHEET, deflate(SHEET)),
                                  (b"b.txt", "b.txt", 0, 0, b"stored", b"stored")], zip64=True)
    raw_zip("names.zip", [(b"\x8e.txt", "Ä.txt", 0, 0, b"cp437", b"cp437"),
                          ("台账.xml".encode(), "台账.xml", 0, 0, b"utf8", b"utf8"),
                          ("台账.xml".encode(), "台账.xml", 0, 0x800, b"dup", b"dup"),
                          # Deflated, yet no bytes at all: not even an empty final block.
                          (b"empty.xml", "empty.xml", 8, 0, b"", b"")])
    raw_zip("refused.zip", [(b"bzip2.xml", "bzip2.xml", 12, 0, b"x", b"BZh9"),
                            (b"secret.xml", "secret.xml", 8, 1, b"y", b"\x00" * 12)])
    zeros = bytes(16 * 1024 * 1024)
    with_zipfile("bomb.zip", [("xl/worksheets/sheet1.xml", deflated, zeros)])
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")
    # The generator's own check: zipfile reads back what was put in (refused.zip aside).
    for name, entries in expected.items():
        if name == "refused.zip":
            continue
        with zipfile.ZipFile(os.path.join(HERE, name)) as archive:
            for info, entry in zip(archive.infolist(), entries):
                data = archive.read(info)
                assert hashlib.sha256(data).hexdigest() == entry["sha256"], (name, entry["path"])


if __name__ == "__main__":
    main()
