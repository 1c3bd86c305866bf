#!/usr/bin/env python3
"""Regenerates the inflate fixtures: raw DEFLATE streams (wbits -15) made by zlib from
deterministic data, and for each the original's length, CRC-32 and SHA-256 (in inflate.json).

Run from anywhere: python3 make_inflate_fixtures.py. The originals are not committed: the test
compares what it inflates with the length and digests of what zlib compressed."""
import hashlib, json, os, random, zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inflate")


def kinds():
    rng = random.Random(1951)
    words = ["the", "ledger", "county", "household", "relocated", "2020-10-31", "完成", "危房改造",
             "武都区", "village", "done", "target", "进度", "通报", "0.75", "12345"]
    text = " ".join(rng.choice(words) for _ in range(1500)).encode("utf-8")
    runs = bytearray()
    while len(runs) < 16000:
        runs += bytes([rng.randrange(256)]) * rng.randrange(1, 300)
    rows = []
    for r in range(1, 700):
        rows.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{rng.randrange(4)}</v></c>'
                    f'<c r="B{r}"><v>{rng.randrange(3)}</v></c>'
                    f'<c r="C{r}" s="3"><v>4{rng.randrange(2)}</v></c></row>')
    phrases = "".join(rows).encode()
    assert len(phrases) > 64 * 1024
    # Longer than the inflater's window (288 KiB), so matches reach back across its slides.
    lines = []
    for n in range(20000):
        extra = rng.choice(words) if n % 50 == 0 else ""
        lines.append(f"{n % 512:04d} {words[n % 16]} {words[n * 7 % 16]}{extra}\n")
    long = "".join(lines).encode("utf-8")
    assert len(long) > 400 * 1024
    return {
        "empty": b"",
        "byte": b"\x2a",
        "random": bytes(rng.randrange(256) for _ in range(1024)),
        "text": text,
        "runs": bytes(runs),
        "phrases": phrases,
        "long": long,
    }


def variants(kind):
    # (name, level, memLevel, strategy). memLevel 1 makes zlib close blocks every few hundred
    # symbols, so streams hold many blocks (and level 0 many stored blocks).
    result = [(f"level{level}", level, 1 if level == 0 else 8, zlib.Z_DEFAULT_STRATEGY) for level in range(10)]
    result += [("fixed", 6, 8, zlib.Z_FIXED), ("huffman", 6, 8, zlib.Z_HUFFMAN_ONLY),
               ("rle", 6, 8, zlib.Z_RLE), ("smallblocks", 9, 1, zlib.Z_DEFAULT_STRATEGY)]
    if kind == "long":
        result = [v for v in result if v[0] in ("level1", "level9")]
    if kind == "phrases":
        # Stored or coded without matches, this one would be nearly as big as itself; the
        # other kinds cover those.
        # Every level is covered by the others; this one, past 64 KiB, keeps a few.
        result = [v for v in result if v[0] in ("level1", "level6", "level9", "fixed", "smallblocks")]
    return result


def main():
    os.makedirs(HERE, exist_ok=True)
    cases = []
    for kind, data in kinds().items():
        blob = bytearray()
        for name, level, mem, strategy in variants(kind):
            c = zlib.compressobj(level, zlib.DEFLATED, -15, mem, strategy)
            stream = c.compress(data) + c.flush()
            assert zlib.decompress(stream, -15) == data
            cases.append({"file": f"{kind}.deflate", "name": f"{kind}-{name}", "offset": len(blob),
                          "compressedLength": len(stream), "length": len(data),
                          "crc32": zlib.crc32(data), "sha256": hashlib.sha256(data).hexdigest()})
            blob += stream
        with open(os.path.join(HERE, f"{kind}.deflate"), "wb") as f:
            f.write(blob)
    with open(os.path.join(HERE, "inflate.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
