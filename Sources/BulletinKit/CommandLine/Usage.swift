/// Help text for `bulletin --help` and `bulletin help COMMAND`, printed to stdout.
enum Usage {
    /// The commands, in the order help lists them.
    static let commands = ["build", "check", "sql", "init", "help"]

    /// The one-line synopsis of `command`, or of the whole tool.
    static func synopsis(for command: String?) -> String {
        switch command {
        case "build":
            "usage: bulletin build DATASET [--out DIR] [--as-of DATE] [--templates DIR] [--locale L] [--history] [--archive DIR] [--keep-going] [--quiet]"
        case "check": "usage: bulletin check DATASET [--as-of DATE] [--locale L]"
        case "sql": "usage: bulletin sql DATASET --dialect duckdb|spark --out DIR"
        case "init": "usage: bulletin init DIR"
        case "help": "usage: bulletin help [COMMAND]"
        default: "usage: bulletin build|check|sql|init|help … | bulletin --version"
        }
    }

    /// The full help for `topic` (a command name), or for the tool when nil.
    static func text(for topic: String?) -> String {
        switch topic {
        case "build":
            """
            \(synopsis(for: "build"))

            Reads the dataset folder (bulletin.json, regions.csv, the ledgers, targets.csv) and writes
            the progress bulletin (进度通报): index.html, units/, indicators/, quality.html, briefing.md,
            data.json, summary.csv and manifest.json. The new output replaces the old one only when the
            whole build succeeded; a failed build leaves the previous output exactly as it was.

            Options (write --opt value or --opt=value):
              --out DIR         where to write (default: output). bulletin only replaces a folder it
                                wrote itself, and never the dataset or a folder containing it.
              --as-of DATE      the bulletin date in any form a ledger takes: 2020-10-15, 2020/10/15,
                                2020年10月15日 or 20201015 (default: "as_of" in bulletin.json).
              --templates DIR   use these templates instead of the built-in ones (default: a
                                templates/ folder in the dataset, else the repository's templates/).
              --locale L        zh-Hans, zh-Hant or en (default: "locale" in bulletin.json): the
                                language of the pages and of the findings printed here.
              --history         also write history/<date>/ for every earlier period of the campaign.
              --archive DIR     keep an as-issued copy (index.html, briefing.md, briefing.docx,
                                summary.csv) under DIR/<as-of>/. An issued date is never rewritten: a
                                later build that differs says so, and --history marks the periods
                                whose figures changed since they were issued.
              --keep-going      skip rows with errors, build anyway, and list every finding.
              --quiet           print nothing but findings.

            Exit status: 0 built (warnings allowed), 1 data errors, 2 usage or configuration errors.
            """
        case "check":
            """
            \(synopsis(for: "check"))

            Reads and checks the dataset like build, writes nothing, and prints every finding as
            file:line:column: error|warning: … followed by a count.

            Options:
              --as-of DATE      the bulletin date in any form a ledger takes: 2020-10-15, 2020/10/15,
                                2020年10月15日 or 20201015 (default: "as_of" in bulletin.json).
              --locale L        the language of the findings: zh-Hans, zh-Hant or en (default:
                                "locale" in bulletin.json).

            Exit status: 0 no errors (warnings allowed), 1 data errors, 2 usage or configuration errors.
            """
        case "sql":
            """
            \(synopsis(for: "sql"))

            For ledgers too large for one machine (a registry export of tens of millions of rows) or
            kept in a warehouse: writes into DIR the grouped dataset's bulletin.json (sum measures over
            grouped ledgers), regions.csv and targets.csv, and prints the SQL that has the engine group
            the ledgers by village (or place names), category and stage dates into DIR — DuckDB as one
            CSV per ledger, Spark as a folder of part files. Run the SQL from the folder holding
            DATASET, one statement at a time, then: bulletin build DIR. The figures are the raw
            dataset's. Ledgers the engine cannot read (workbooks; GB18030 for DuckDB) are copied into
            DIR for Bulletin to read as they are. Duplicate ids and ID-number checks are not made on
            grouped rows; other findings name grouped rows. DIR must be new, empty or written by sql.

            Options:
              --dialect duckdb|spark  the engine that runs the SQL.
              --out DIR               the folder for the grouped dataset.

            Exit status: 0 written, 2 usage or configuration errors.
            """
        case "init":
            """
            \(synopsis(for: "init"))

            Writes a small, valid dataset into DIR (created when missing) — bulletin.json, regions.csv,
            one ledger and a README explaining each file — to replace with your own ledgers. Never
            overwrites an existing file.
            """
        case "help":
            """
            \(synopsis(for: "help"))

            Shows the help of one command, or of the tool.
            """
        default:
            """
            bulletin — ledgers (台账) in, progress bulletin (进度通报) out.

            usage: bulletin build DATASET [--out DIR] [--as-of DATE] [--templates DIR] [--locale L]
                                  [--history] [--archive DIR] [--keep-going] [--quiet]
                   bulletin check DATASET [--as-of DATE] [--locale L]
                   bulletin sql DATASET --dialect duckdb|spark --out DIR
                   bulletin init DIR
                   bulletin help [COMMAND]
                   bulletin --version

            Commands:
              build   compute the bulletin and write its pages, briefing, data.json and summary.csv
              check   validate the dataset and print its findings; writes nothing
              sql     the SQL that pre-aggregates huge ledgers in DuckDB or Spark, and its dataset
              init    write a minimal dataset to fill in
              help    show the help of a command

            Example: bulletin build examples/nanyang --out output
            """
        }
    }
}
