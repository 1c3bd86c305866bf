#!/usr/bin/env python3
# Times DuckDB and Polars on the group-by Bulletin does (SPEC §10), over the ledgers of one dataset:
# per county (the first 6 characters of the village code) and per ledger, the number of rows, the
# sum of people where the ledger has that column, and for each stage date column the rows (and
# people) whose date is non-empty and on or before the bulletin date. Best of 3 runs, wall clock,
# files in the page cache, each engine with its default threads (all cores).
#
# Install (once; needs PyPI):
#   python3 -m venv /tmp/engines-venv && /tmp/engines-venv/bin/pip install duckdb polars
# Run, on a dataset written by NationalDataset.write (the `national` benchmark of
# `swift run -c release BulletinBenchmarks`) or any dataset folder with UTF-8 ledgers:
#   /tmp/engines-venv/bin/python Benchmarks/compare-engines.py DATASET [--runs 3]
#
# The ledgers, their village-code and stage date columns, the sum columns and the bulletin date
# are read from DATASET/bulletin.json. Columns are read as strings, sum columns as integers.
import argparse
import json
import os
import sys
import time

import duckdb
import polars as pl


def ledgers_of(configuration):
    """Per ledger file, in configuration order: region column, stage date columns, sum columns."""
    ledgers = {}
    for indicator in configuration["indicators"]:
        ledger = ledgers.setdefault(
            indicator["ledger"], {"region": indicator["region"], "dates": [], "sums": []}
        )
        for stage in indicator["stages"]:
            if stage["date"] not in ledger["dates"]:
                ledger["dates"].append(stage["date"])
        measure = indicator.get("measure", "count")
        if isinstance(measure, dict) and measure["sum"] not in ledger["sums"]:
            ledger["sums"].append(measure["sum"])
    return ledgers


def header_of(path):
    with open(path, encoding="utf-8-sig") as file:
        return file.readline().rstrip("\r\n").split(",")


def output_columns(ledger):
    """The aggregate columns, in the same order for both engines."""
    columns = ["rows"] + list(ledger["sums"])
    for date in ledger["dates"]:
        columns.append(f"{date}:rows")
        columns += [f"{date}:{s}" for s in ledger["sums"]]
    return columns


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def duckdb_group_by(connection, path, ledger, header, as_of):
    types = {column: ("BIGINT" if column in ledger["sums"] else "VARCHAR") for column in header}
    columns = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
    region = quoted(ledger["region"])
    aggregates = ["count(*)"] + [f"sum({quoted(s)})" for s in ledger["sums"]]
    for date in ledger["dates"]:
        done = f"{quoted(date)} <> '' AND {quoted(date)} <= '{as_of}'"
        aggregates.append(f"count(*) FILTER (WHERE {done})")
        aggregates += [f"sum({quoted(s)}) FILTER (WHERE {done})" for s in ledger["sums"]]
    query = (
        f"SELECT substr({region}, 1, 6) AS county, {', '.join(aggregates)} "
        f"FROM read_csv('{path}', header = true, auto_detect = false, columns = {columns}) "
        f"GROUP BY county"
    )
    return {row[0]: tuple(value or 0 for value in row[1:]) for row in connection.execute(query).fetchall()}


def polars_group_by(path, ledger, header, as_of):
    schema = {column: (pl.Int64 if column in ledger["sums"] else pl.String) for column in header}
    aggregates = [pl.len().alias("rows")] + [pl.col(s).sum() for s in ledger["sums"]]
    for date in ledger["dates"]:
        done = (pl.col(date).is_not_null() & (pl.col(date) != "") & (pl.col(date) <= as_of)).fill_null(False)
        aggregates.append(done.sum().alias(f"{date}:rows"))
        aggregates += [pl.col(s).filter(done).sum().alias(f"{date}:{s}") for s in ledger["sums"]]
    frame = (
        pl.scan_csv(path, schema=schema)
        .group_by(pl.col(ledger["region"]).str.slice(0, 6).alias("county"))
        .agg(aggregates)
        .collect()
    )
    return {row[0]: tuple(value or 0 for value in row[1:]) for row in frame.iter_rows()}


def timed(ledgers, run):
    """One run over every ledger: its results and its wall time per ledger."""
    results, seconds = {}, {}
    for name in ledgers:
        start = time.perf_counter()
        results[name] = run(name)
        seconds[name] = time.perf_counter() - start
    return results, seconds


def main():
    parser = argparse.ArgumentParser(description="Time DuckDB and Polars on Bulletin's group-by.")
    parser.add_argument("dataset", help="a dataset folder with bulletin.json and the ledgers")
    parser.add_argument("--runs", type=int, default=3, help="runs per engine, the best is printed (3)")
    options = parser.parse_args()

    with open(os.path.join(options.dataset, "bulletin.json"), encoding="utf-8") as file:
        configuration = json.load(file)
    as_of = configuration["as_of"]
    ledgers = ledgers_of(configuration)
    paths = {name: os.path.join(options.dataset, name) for name in ledgers}
    headers = {name: header_of(path) for name, path in paths.items()}
    size = sum(os.path.getsize(path) for path in paths.values())

    connection = duckdb.connect()
    threads = connection.execute("SELECT current_setting('threads')").fetchone()[0]
    engines = [
        (
            f"DuckDB {duckdb.__version__} ({threads} threads)",
            lambda name: duckdb_group_by(connection, paths[name], ledgers[name], headers[name], as_of),
        ),
        (
            f"Polars {pl.__version__} ({pl.thread_pool_size()} threads)",
            lambda name: polars_group_by(paths[name], ledgers[name], headers[name], as_of),
        ),
    ]

    print(
        f"{options.dataset}: {len(ledgers)} ledgers, {size / 1e6:,.1f} MB; per county (village code[:6]) and "
        f"ledger: rows, sum of {', '.join(sorted({s for l in ledgers.values() for s in l['sums']})) or '-'}, "
        f"and per stage the rows and sums with a date <= {as_of}. Best of {options.runs} wall clock runs "
        f"of all {len(ledgers)} ledgers."
    )
    results = []
    for label, run in engines:
        timed(ledgers, run)  # warm the page cache and the engine
        runs = [timed(ledgers, run) for _ in range(options.runs)]
        result, best = min(runs, key=lambda pair: sum(pair[1].values()))
        results.append(result)
        totals = [sum(seconds.values()) for _, seconds in runs]
        rows = sum(group[0] for ledger in result.values() for group in ledger.values())
        counties = len({county for ledger in result.values() for county in ledger})
        print(
            f"{label}: {sum(best.values()):.3f} s total ("
            + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in best.items())
            + f"; runs {', '.join(f'{t:.3f}' for t in totals)}); "
            f"{rows:,} rows, {counties:,} counties, {sum(len(ledger) for ledger in result.values()):,} groups"
        )

    agree = all(result == results[0] for result in results[1:])
    print("results: " + ("the engines agree on every group" if agree else "THE ENGINES DISAGREE"))
    for name, ledger in ledgers.items():
        totals = [sum(column) for column in zip(*results[0][name].values())]
        print(f"  {name}: " + ", ".join(f"{c} {t:,}" for c, t in zip(output_columns(ledger), totals)))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
