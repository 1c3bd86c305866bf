extension Diagnostic.Message {
    /// The stable keys of messages: the raw value is the key of the template in the locale
    /// files' `"messages"`. `english` is each one's English template, compiled in so that there
    /// is text when no locale file can be read (a broken bulletin.json, no templates folder);
    /// `templates/locales/en.json` holds the same templates (a test keeps them equal).
    enum Key: String, Sendable, Hashable, CaseIterable {
        // Text made elsewhere, shown as it is.
        case plain

        // How a ledger value is shown: quoted when it is safe, described when it may be personal.
        case valueQuoted = "value.quoted"
        case valueDescribed = "value.described"
        case placeDescribed = "value.place-described"
        case describeEmpty = "describe.empty"
        case describeDigits = "describe.digits"
        case describeIDLike = "describe.id-like"
        case describeNumber = "describe.number"
        case describeText = "describe.text"
        case listComma = "list.comma"
        case listAnd = "list.and"
        case listArrow = "list.arrow"

        // Why a date or a measure cannot be read (they follow the value).
        case dateNotADate = "date.not-a-date"
        case dateEightDigits = "date.eight-digits"
        case dateIsANumber = "date.is-a-number"
        case dateNoSuchDay = "date.no-such-day"
        case dateNoSuchDayInYear = "date.no-such-day-in-year"
        case numberNotANumber = "number.not-a-number"
        case numberSeparator = "number.separator"
        case numberDecimals = "number.decimals"
        case numberTooLarge = "number.too-large"
        case numberNegative = "number.negative"

        // A ledger row.
        case fieldCount = "field-count"
        case measureEmpty = "bad-number.empty"
        case invalidValue = "bad-value"
        case unusableCell = "bad-date.unusable-cell"
        case notACode = "unknown-region.not-a-code"
        case codeNotInRegions = "unknown-region.not-in-regions"
        case rootRegion = "root-region"
        case outsideRoot = "outside-root"
        case placeOutsideRoot = "outside-root.place"
        case placeEmpty = "unknown-place.empty"
        case placeGap = "unknown-place.gap"
        case placeNotAUnitOf = "unknown-place.not-a-unit-of"
        case placeNotUnder = "unknown-place.not-under"
        case placeClosest = "unknown-place.closest"
        case placeAmbiguous = "unknown-place.ambiguous"
        case afterAsOf = "after-as-of"
        case beforeStart = "before-start"
        case stageBeforeEarlier = "stage-order.before"
        case stageWithoutEarlier = "stage-order.earlier-empty"
        case duplicateID = "duplicate-id"
        case totalTooLarge = "bad-number.total-too-large"
        case rowTotalTooLarge = "bad-number.row-total-too-large"
        case idCard = "id-card"
        case idCardOldForm = "id-card.old-form"
        case idCardLength = "id-card.length"
        case idCardNotADigit = "id-card.not-a-digit"
        case idCardLastCharacter = "id-card.last-character"
        case idCardBirthDate = "id-card.birth-date"
        case idCardBornBefore = "id-card.born-before"
        case idCardBornAfter = "id-card.born-after"
        case idCardCheckCharacter = "id-card.check-character"
        case totalRow = "total-row"
        case tooManyCategories = "configuration.too-many-categories"

        // A ledger file as a whole.
        case ledgerMissing = "missing-file.ledger"
        case patternMatchesNothing = "missing-file.pattern"
        case ledgerEmpty = "missing-column.empty-file"
        case columnMissing = "missing-column"
        case columnSuggestion = "missing-column.suggestion"
        case headerNotFound = "missing-column.header-not-found"
        case headerRowLacks = "missing-column.header-row"
        case columnAmbiguous = "missing-column.ambiguous"
        case legacyWorkbook = "workbook.legacy"
        case renamedWorkbook = "workbook.renamed"

        // Aggregate findings (targets.csv against the ledger).
        case targetBelowLedger = "target-below-ledger"
        case overTarget = "over-target"

        // regions.csv.
        case regionsMissing = "missing-file.regions"
        case regionsFolder = "missing-file.regions-folder"
        case regionsEmpty = "missing-column.regions-empty"
        case regionsColumnMissing = "missing-column.regions"
        case regionsFieldCount = "field-count.regions"
        case badCode = "bad-code"
        case duplicateCode = "duplicate-code"
        case parentNotACode = "unknown-parent.not-a-code"
        case parentNotInFile = "unknown-parent.not-in-file"
        case unknownRoot = "unknown-root"
        case unknownRootTops = "unknown-root.tops"
        case cycle
        case noUnits = "no-units"

        // targets.csv.
        case targetsColumnMissing = "missing-column.targets"
        case targetsFieldCount = "field-count.targets"
        case targetInvalid = "bad-number.target"
        case duplicateTarget = "duplicate-target"
        case targetEmptyRow = "bad-number.target-empty-row"
        case targetsTooLarge = "bad-number.targets-too-large"
        case unknownIndicator = "unknown-indicator"
        case indicatorSuggestion = "unknown-indicator.suggestion"
        case notAUnit = "not-a-unit"
        case whyNotACode = "not-a-unit.not-a-code"
        case whyNotInRegions = "not-a-unit.not-in-regions"
        case whyRoot = "not-a-unit.root"
        case whyOutsideRoot = "not-a-unit.outside-root"
        case whyInsideUnit = "not-a-unit.inside-unit"
        case targetDateImplausible = "bad-date.target-implausible"
        case targetDateInvalid = "bad-date.target"
        case targetWindowReversed = "bad-date.target-window"

        // aliases.csv.
        case aliasesHeader = "missing-column.aliases"
        case aliasCodeUnknown = "bad-alias.unknown-code"
        case aliasEmpty = "bad-alias.empty"

        // A CSV file that breaks the rules of CSV, or whose bytes are not text.
        case quoteNeverClosed = "csv-syntax.never-closed"
        case quoteRunsOn = "csv-syntax.runs-on"
        case textAfterQuote = "csv-syntax.text-after-quote"
        case tooManyFields = "csv-syntax.too-many-fields"
        case recordTooLong = "csv-syntax.too-long"
        case recordBeganOn = "csv-syntax.record-began"
        case atByteOffset = "csv-syntax.at-byte-offset"
        case encodingIsSet = "encoding.choice-set"
        case encodingNotUTF8At = "encoding.choice-not-utf8-at"
        case encodingNotUTF8 = "encoding.choice-not-utf8"
        case encodingByteOrderMark = "encoding.choice-byte-order-mark"
        case encodingValidPrefix = "encoding.choice-valid-prefix"
        case encodingTruncated = "encoding.truncated"
        case encodingInvalidUTF8 = "encoding.invalid-utf8"
        case encodingInvalidGB18030 = "encoding.invalid-gb18030"
        case notUTF8EncodingSet = "encoding.not-utf8-as-set"
        case notUTF8 = "encoding.not-utf8"
        case notGB18030 = "encoding.not-gb18030"
        case utf32File = "encoding.utf32"
        case utf16LittleEndianFile = "encoding.utf16-little-endian"
        case utf16BigEndianFile = "encoding.utf16-big-endian"
        case nulBytes = "encoding.nul-bytes"
        case cannotOpen = "missing-file.cannot-open"
        case cannotRead = "missing-file.cannot-read"
        case notARegularFile = "missing-file.not-a-regular-file"
        case configurationTooLarge = "configuration.too-large"

        // bulletin.json, the dataset folder and --as-of (exit status 2).
        case configExpectedObject = "configuration.expected-object"
        case configUnknownKey = "configuration.unknown-key"
        case configDidYouMean = "configuration.did-you-mean"
        case configMissingKey = "configuration.missing-key"
        case configExpectedString = "configuration.expected-string"
        case configExpectedStringNumber = "configuration.expected-string-number"
        case configEmpty = "configuration.empty"
        case configNotADate = "configuration.not-a-date"
        case configImplausibleDate = "configuration.implausible-date"
        case configExpectedNumber = "configuration.expected-number"
        case configExpectedNumberQuoted = "configuration.expected-number-quoted"
        case configOutOfRange = "configuration.out-of-range"
        case configDecimals = "configuration.decimals"
        case configExpectedCount = "configuration.expected-count"
        case jsonNull = "json.null"
        case jsonBoolean = "json.boolean"
        case jsonNumber = "json.number"
        case jsonString = "json.string"
        case jsonArray = "json.array"
        case jsonObject = "json.object"
        case configRootNotACode = "configuration.root"
        case configLocale = "configuration.locale"
        case configStatusOrder = "configuration.status-order"
        case configExpectedRemarks = "configuration.expected-remarks"
        case configDuplicateIndicator = "configuration.duplicate-indicator"
        case configExpectedIndicators = "configuration.expected-indicators"
        case configPeriod = "configuration.period"
        case configIndicatorID = "configuration.indicator-id"
        case configLedger = "configuration.ledger"
        case configLedgerOutside = "configuration.ledger-outside"
        case configLedgerPattern = "configuration.ledger-pattern"
        case configDeadlineBeforeStart = "configuration.deadline-before-start"
        case configHeaderRow = "configuration.header-row"
        case configIDCheck = "configuration.id-check"
        case configMeasure = "configuration.measure"
        case configDuplicateStage = "configuration.duplicate-stage"
        case configExpectedStages = "configuration.expected-stages"
        case configRankBy = "configuration.rank-by"
        case configEncoding = "configuration.encoding"
        case configNames = "configuration.names"
        case configRegion = "configuration.region"
        case configSheet = "configuration.sheet"
        case configMilestoneDate = "configuration.milestone-date"
        case configMilestoneRate = "configuration.milestone-rate"
        case configMilestoneStart = "configuration.milestone-start"
        case configTimeProgress = "configuration.time-progress"
        case configDocNo = "configuration.doc-no"
        case configIssueNo = "configuration.issue-no"
        case configCCEntry = "configuration.cc-entry"
        case configCC = "configuration.cc"
        case configCategoryLabel = "configuration.category-label"
        case configCategories = "configuration.categories"
        case configIssuedOn = "configuration.issued-on"
        case configNotJSON = "configuration.not-json"
        case configHintComma = "configuration.hint-comma"
        case configHintTrailingComma = "configuration.hint-trailing-comma"
        case configHintUnclosed = "configuration.hint-unclosed"
        case configHintUTF8 = "configuration.hint-utf8"
        case datasetMissing = "configuration.dataset-missing"
        case datasetIsAFile = "configuration.dataset-is-a-file"
        case configurationIsAFolder = "configuration.is-a-folder"
        case configurationUnreadable = "configuration.unreadable"
        case configurationMissing = "configuration.missing"
        case asOfImplausible = "configuration.as-of-implausible"

        // The terminal's own lines around the findings.
        case moreFindings = "terminal.more-findings"
        case dataErrors = "terminal.data-errors"
        case dataError = "terminal.data-error"
        case unreadFiles = "terminal.unread-files"
        case checked = "terminal.checked"
        case wrote = "terminal.wrote"

        /// The English template: `{name}` stands for the argument `name`.
        var english: String {
            switch self {
            case .plain: "{text}"
            case .valueQuoted: "\"{value}\""
            case .valueDescribed: "holds {description}, which"
            case .placeDescribed: "({description})"
            case .describeEmpty: "empty"
            case .describeDigits: "{article} {count}-digit number"
            case .describeIDLike: "{article} {count}-character ID-like number ending in X"
            case .describeNumber: "a number with {count} digit{plural}"
            case .describeText: "{article} {count}-character text"
            case .listComma: ", "
            case .listAnd: " and "
            case .listArrow: " → "
            case .dateNotADate: "is not a date (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日)"
            case .dateEightDigits: "is not a date (an eight-digit date is YYYYMMDD, such as 20201031)"
            case .dateIsANumber:
                "is a number, not a date: a date typed as 2020.10 becomes the number 2020.1 in a spreadsheet; write the whole date (2020-10-31, or 20201031) or format the cell as a date"
            case .dateNoSuchDay: "is not a date (no such day: {month_name} has {days} days)"
            case .dateNoSuchDayInYear: "is not a date (no such day: {month_name} has {days} days in {year})"
            case .numberNotANumber: "is not a number (like 1234, 1234.5 or 1,234)"
            case .numberSeparator: "has a misplaced thousands separator (write 1,234 or 1234)"
            case .numberDecimals: "has {count} decimal places; round it to 4 at most"
            case .numberTooLarge: "is too large to be a measure (at most 922,337,203,685,477)"
            case .numberNegative: "is negative; a measure cannot be below zero"
            case .fieldCount:
                "expected {expected} fields as in the header, found {found}; check for an unquoted comma or a missing cell"
            case .measureEmpty: "{column} is empty; expected a non-negative number such as 3"
            case .invalidValue: "{column} {value} {reason}"
            case .unusableCell:
                "{column} holds an error value or a formula with no saved result; open and save the workbook in Excel or WPS, or fix the formula"
            case .notACode: "{column} {value} is not a region code (digits such as 411323100201)"
            case .codeNotInRegions: "{column} \"{code}\" is not in regions.csv"
            case .rootRegion: "{column} \"{code}\" is the root {root} itself; a row must name a unit or a region below one"
            case .outsideRoot: "{column} \"{code}\" is not under {root} ({root_code})"
            case .placeOutsideRoot: "{places} is not under {root}"
            case .placeEmpty: "{column} is empty; every row must name its {column}"
            case .placeGap: "{column} is empty, but {next} is not; name the place level by level"
            case .placeNotAUnitOf: "{column} {place} is not a unit of {parent}{closest}"
            case .placeNotUnder: "{column} {place} is not under {parent}{closest}"
            case .placeClosest: "; closest: {names}"
            case .placeAmbiguous:
                "{column} {place} fits {candidates} under {parent}; write the full name, or add it to aliases.csv"
            case .afterAsOf: "{column} {day} is after the bulletin date {as_of}; counted as not yet done"
            case .beforeStart: "{column} {day} is before the start {start}; counted as done"
            case .stageBeforeEarlier:
                "{stage} ({column} {day}) is before {earlier_stage} ({earlier_column} {earlier_day})"
            case .stageWithoutEarlier: "{stage} ({column} {day}) is dated but {earlier_stage} ({earlier_column}) is empty"
            case .duplicateID: "{column} {id} appears on an earlier line; ids must be unique in the ledger"
            case .totalTooLarge:
                "{column} {value} takes the total of {indicator} past {maximum}, more than Bulletin counts; check the number"
            case .rowTotalTooLarge:
                "this row takes the total of {indicator} past {maximum}, more than Bulletin counts; check the number"
            case .idCard: "{column} {id}: {problem}"
            case .idCardOldForm: "is a 15-digit ID number of the old form; a resident ID number has 18 characters (GB 11643)"
            case .idCardLength: "has {count} character{plural}; a resident ID number has 18 characters (GB 11643)"
            case .idCardNotADigit:
                "character {position} is not a digit; a resident ID number is 17 digits then a digit or X"
            case .idCardLastCharacter:
                "character 18 is neither a digit nor X; a resident ID number ends in its check character"
            case .idCardBirthDate: "characters 7–14 are not a birth date (YYYYMMDD); a digit is likely mistyped"
            case .idCardBornBefore: "its birth date (characters 7–14) is before {year}; a digit is likely mistyped"
            case .idCardBornAfter: "its birth date (characters 7–14) is after the bulletin date; a digit is likely mistyped"
            case .idCardCheckCharacter:
                "its check character (the 18th) does not match the first 17 digits (ISO 7064 MOD 11-2); a digit is likely mistyped"
            case .totalRow:
                "{column}: {label} {stated} {unit}，明细合计 {expected} {unit} — the {label} row does not equal the rows it covers; it is not counted, but check both"
            case .tooManyCategories:
                "the column \"{column}\" holds more than {maximum} different values (the {next}th on line {line} of {file}); a category is a short value such as C/D or 集中/分散, and every value is published — check that it names the right column"
            case .ledgerMissing:
                "the ledger named in bulletin.json (indicators: {indicators}) does not exist in the dataset folder"
            case .patternMatchesNothing:
                "the pattern named in bulletin.json (indicators: {indicators}) matches no file in the dataset folder"
            case .ledgerEmpty: "the file is empty; expected a header line naming its columns"
            case .columnMissing: "missing required column \"{column}\" (set in bulletin.json for {indicators}){suggestion}{where}"
            case .columnSuggestion: "; did you mean \"{suggestion}\"?"
            case .headerNotFound:
                " No row among the first {rows} names every configured column; the closest is line {line}. Set \"header_row\" to the header's line if it is further down."
            case .headerRowLacks: " The header_row {line} does not have it."
            case .columnAmbiguous:
                "column \"{column}\" (set in bulletin.json for {indicators}) is in more than one column of the header; name it with the cell above it, as \"上级/{column}\""
            case .legacyWorkbook:
                "this is a legacy .xls workbook or a password-protected one, which Bulletin cannot read; in Excel or WPS save it as .xlsx without a password (文件 → 另存为 → Excel 工作簿), or as CSV"
            case .renamedWorkbook:
                "this file is an Excel workbook (.xlsx) under another name; rename it to .xlsx, or save the sheet as CSV"
            case .targetBelowLedger:
                "{indicator} target for {unit} ({code}) is {target} but the ledger lists {ledger} {measure_unit}"
            case .overTarget:
                "{indicator}: {unit} has done {done} against a target of {target} {measure_unit} (超任务, {rate}%)"
            case .regionsMissing:
                "the dataset has no {file}; it must list every region as code,name,parent, the root {root} with an empty parent"
            case .regionsFolder: "{file} is a folder; expected a CSV file code,name,parent"
            case .regionsEmpty: "the file is empty; expected a header line code,name,parent"
            case .regionsColumnMissing: "missing required column \"{column}\"; the header has {header}"
            case .regionsFieldCount: "expected {expected} fields ({header}), found {found}"
            case .badCode: "code \"{code}\" is not a region code; expected digits such as 411302"
            case .duplicateCode: "code {code} already appears on line {line}"
            case .parentNotACode:
                "parent \"{parent}\" of {code} {name} is not a region code (digits); every parent must have its own line, and only the root {root} has an empty parent"
            case .parentNotInFile:
                "parent \"{parent}\" of {code} {name} is not a code in this file; every parent must have its own line, and only the root {root} has an empty parent"
            case .unknownRoot: "the root {root} set in bulletin.json is not a code in this file{tops}"
            case .unknownRootTops: "; regions with an empty parent here: {regions}"
            case .cycle:
                "region {code} {name} is its own ancestor (parents go round: {loop}); one of these parents is wrong"
            case .noUnits: "the root {root} has no children in this file, so the bulletin has no units"
            case .targetsColumnMissing:
                "missing required column \"{column}\"; the header has {header}, expected indicator,region,target[,start,deadline]"
            case .targetsFieldCount: "expected {expected} fields ({header}), found {found}"
            case .targetInvalid: "target \"{value}\" {reason}"
            case .duplicateTarget: "{indicator} already has a target for {code} on line {line}"
            case .targetEmptyRow:
                "the row sets neither a target nor a start or deadline; fill in the target (a number such as 120), or the dates it changes"
            case .targetsTooLarge:
                "target \"{value}\" takes the targets of {indicator} past {maximum} in all, more than Bulletin counts; check the number"
            case .unknownIndicator: "indicator \"{indicator}\" is not in bulletin.json ({indicators}){suggestion}"
            case .indicatorSuggestion: "; did you mean \"{suggestion}\"?"
            case .notAUnit: "region \"{code}\" {why}; a target is set per unit (a child of the root in regions.csv)"
            case .whyNotACode: "is not a region code (digits such as 411323)"
            case .whyNotInRegions: "is not in regions.csv"
            case .whyRoot: "is the root {root} ({root_code}) itself"
            case .whyOutsideRoot: "is not under {root} ({root_code})"
            case .whyInsideUnit: "is {name}, inside the unit {unit} (write {unit_code})"
            case .targetDateImplausible:
                "{column} \"{value}\" is not a plausible date: the year must be from {first} to {last}"
            case .targetDateInvalid: "{column} \"{value}\" {reason}"
            case .targetWindowReversed:
                "the window of {indicator} for {code} ends ({deadline}) before it starts ({start}); the deadline must be on or after the start"
            case .aliasesHeader: "expected the header code,alias"
            case .aliasCodeUnknown: "code {code} is not in regions.csv; an alias names a region of regions.csv"
            case .aliasEmpty: "the alias is empty"
            case .quoteNeverClosed:
                "the quoted field that starts here is never closed; end it with a quote, and write a quote inside it as two quotes (\"\")"
            case .quoteRunsOn:
                "the quoted field opened here runs on to line {line}, column {column}, where its closing quote is followed by other text; a quote is probably missing or stray here (write a quote inside a field as two quotes \"\")"
            case .textAfterQuote:
                "unexpected text after the closing quote of a quoted field; a quoted field must be followed by a comma or the end of the line (write a quote inside it as two quotes \"\")"
            case .tooManyFields:
                "this record has more than {maximum} fields, far more than the header names; the record is skipped. Check the separators on this line, or that the file is the ledger's CSV export{opening}"
            case .recordTooLong:
                "this record is longer than {size}; the record is skipped. No ledger row is that long: check that the file is the ledger's CSV export and that every quoted field is closed{opening}"
            case .recordBeganOn:
                " The record began on line {line}; if a quoted field opened there is never closed, close it."
            case .atByteOffset: "{reason} (byte offset {offset})"
            case .encodingIsSet: "\"encoding\": \"{encoding}\" is set"
            case .encodingNotUTF8At: "it is not UTF-8 (byte offset {offset} is not valid UTF-8)"
            case .encodingNotUTF8: "it is not UTF-8"
            case .encodingByteOrderMark: "it begins with a UTF-8 byte-order mark"
            case .encodingValidPrefix: "its first {size} is valid UTF-8"
            case .encodingTruncated: "ends in the middle of a character"
            case .encodingInvalidUTF8: "is not valid UTF-8"
            case .encodingInvalidGB18030: "is not valid GB18030"
            case .notUTF8EncodingSet:
                "the file {problem} at byte offset {offset} (byte {byte}); if the file is in GB18030 (as Excel and WPS on a Chinese Windows save it), set \"encoding\": \"gb18030\" for this ledger, or save it as UTF-8"
            case .notUTF8:
                "the file {problem} at byte offset {offset} (byte {byte}); it was read as UTF-8 because {choice}; if it is in GB18030, set \"encoding\": \"gb18030\" for this ledger, or save it as UTF-8"
            case .notGB18030:
                "the file {problem} at byte offset {offset} (byte {byte}); it was read as GB18030 because {choice}; save it as UTF-8 or GB18030"
            case .utf32File:
                "the file is UTF-32 (it begins with the byte-order mark FF FE 00 00), which bulletin does not read; save it from Excel or WPS as \"CSV UTF-8 (逗号分隔)\" (or as GB18030 CSV)"
            case .utf16LittleEndianFile:
                "the file is UTF-16 (little-endian, byte-order mark FF FE), as Excel's \"Unicode Text\" saves it; bulletin reads UTF-8 and GB18030 CSV: save it from Excel or WPS as \"CSV UTF-8 (逗号分隔)\" (or as GB18030 CSV)"
            case .utf16BigEndianFile:
                "the file is UTF-16 (big-endian, byte-order mark FE FF), as Excel's \"Unicode Text\" saves it; bulletin reads UTF-8 and GB18030 CSV: save it from Excel or WPS as \"CSV UTF-8 (逗号分隔)\" (or as GB18030 CSV)"
            case .nulBytes:
                "the file is not a text file: {zeros} of its first {examined} bytes are NUL (00), as in a file damaged by a power loss or a file that is not CSV; restore it from a copy or export the ledger again as CSV"
            case .cannotOpen: "cannot open the file: {reason}"
            case .cannotRead: "cannot read the file: {reason}"
            case .notARegularFile: "the file is {kind}, not a regular file; bulletin reads only regular files"
            case .configurationTooLarge: "the file is larger than {size} MiB; it cannot be this dataset's configuration"
            case .configExpectedObject: "expected an object, found {found}"
            case .configUnknownKey: "unknown key \"{key}\"{suggestion} (allowed: {allowed})"
            case .configDidYouMean: "; did you mean \"{suggestion}\"?"
            case .configMissingKey: "missing required key \"{key}\""
            case .configExpectedString: "expected a string, found {found}"
            case .configExpectedStringNumber: "expected a string, found {found}; write it in quotes: \"{text}\""
            case .configEmpty: "must not be empty"
            case .configNotADate: "\"{value}\" is not a date; expected YYYY-MM-DD, e.g. 2020-10-15"
            case .configImplausibleDate: "\"{value}\" is not a plausible date: the year must be from {first} to {last}; is it mistyped?"
            case .configExpectedNumber: "expected a number such as {example}, found {found}"
            case .configExpectedNumberQuoted: "expected a number such as {example}, found {found}; write it without quotes"
            case .configOutOfRange: "{value} is out of range; expected a number from {first} to {last}, such as {example}"
            case .configDecimals: "{value} has more than 4 decimal places; round it to {rounded}"
            case .configExpectedCount: "expected a whole number from 0 to 999, found {found}"
            case .jsonNull: "null"
            case .jsonBoolean: "a boolean"
            case .jsonNumber: "a number"
            case .jsonString: "a string"
            case .jsonArray: "an array"
            case .jsonObject: "an object"
            case .configRootNotACode: "\"{value}\" is not a region code; expected digits such as \"411300\""
            case .configLocale: "\"{value}\" is not a supported locale; expected one of {locales}"
            case .configStatusOrder: "red_below_pp ({red}) must not be above yellow_below_pp ({yellow})"
            case .configExpectedRemarks: "expected an array of paragraphs, found {found}"
            case .configDuplicateIndicator: "\"{id}\" is used by an earlier indicator; ids must be unique"
            case .configExpectedIndicators: "expected a non-empty array of indicators, found {found}"
            case .configPeriod: "expected \"week\", \"month\" or a number of days from 1 to 366, found {found}"
            case .configIndicatorID: "\"{id}\" must use only a-z, 0-9, _ and - (it names the indicator's page)"
            case .configLedger: "\"{ledger}\" {problem}"
            case .configLedgerOutside: "must be a file inside the dataset folder, or a pattern such as \"危房改造/*.xlsx\""
            case .configLedgerPattern: "may use * and ? in its file name only, not in its folders (\"危房改造/*.xlsx\")"
            case .configDeadlineBeforeStart: "{deadline} is before the start {start}"
            case .configHeaderRow: "expected a whole row number such as 3"
            case .configIDCheck: "\"{value}\" is not supported; expected \"id-card\""
            case .configMeasure: "expected \"count\" or {\"sum\": \"column\"}, found {found}"
            case .configDuplicateStage: "\"{id}\" is used by an earlier stage; stage ids must be unique"
            case .configExpectedStages: "expected a non-empty array of stages, found {found}"
            case .configRankBy: "\"{value}\" is not one of this indicator's stages ({stages}){suggestion}"
            case .configEncoding: "\"{value}\" is not supported; expected \"utf-8\" or \"gb18030\""
            case .configNames: "expected the place-name columns from the unit level down, such as [\"县区\", \"乡镇\", \"村\"] (1 to 5 names)"
            case .configRegion: "expected a column name or {\"names\": [\"县区\", \"乡镇\", \"村\"]}, found {found}"
            case .configSheet: "expected a sheet's name or its position (1 for the first sheet), found {found}"
            case .configMilestoneDate: "{date} is not after the previous milestone {previous}"
            case .configMilestoneRate: "{rate} is below the previous milestone's rate {previous}; a schedule never goes back"
            case .configMilestoneStart: "{date} is not after the start {start}"
            case .configTimeProgress: "expected \"days\", \"months\" or a list of {\"date\", \"rate\"} milestones, found {found}"
            case .configDocNo: "expected the document number as a string, such as \"宛脱贫办〔2020〕45号\""
            case .configIssueNo: "expected a whole number from 1 to 99999, or \"auto\" to count the periods since the start"
            case .configCCEntry: "expected the name of an office as a non-empty string"
            case .configCC: "expected a list of offices, such as [\"市委办公室\", \"市政府办公室\"]"
            case .configCategoryLabel: "expected the label of category \"{category}\" as a string, such as \"C级\""
            case .configCategories: "expected an object of labels by category value, such as {\"C\": \"C级\"}"
            case .configIssuedOn: "expected a date as YYYY-MM-DD, e.g. 2020-10-16"
            case .configNotJSON: "not valid JSON: {reason}{hint}"
            case .configHintComma: " (is a comma missing at the end of line {line}?)"
            case .configHintTrailingComma: " (JSON allows no comma before a closing } or ])"
            case .configHintUnclosed: " (is a closing quote, } or ] missing?)"
            case .configHintUTF8: " (save bulletin.json as UTF-8)"
            case .datasetMissing: "the dataset folder {path} does not exist"
            case .datasetIsAFile: "{path} is a file; expected a dataset folder holding bulletin.json"
            case .configurationIsAFolder: "{path} is a folder; expected the configuration file"
            case .configurationUnreadable: "cannot read {path}; check its permissions"
            case .configurationMissing: "no {file} in {path}; run 'bulletin init DIR' for a starting point"
            case .asOfImplausible: "--as-of {date} is not a plausible bulletin date: the year must be from {first} to {last}"
            case .moreFindings:
                "… and {count} more findings ({errors} errors, {warnings} warnings in all); the quality page lists them"
            case .dataErrors:
                "{count} data errors found; nothing was written (the previous output is unchanged). Fix the rows above, or build with --keep-going to skip them."
            case .dataError:
                "{count} data error found; nothing was written (the previous output is unchanged). Fix the rows above, or build with --keep-going to skip them."
            case .unreadFiles:
                "{files} could not be read as a whole; --keep-going skips bad rows, not whole ledgers, so nothing was written (the previous output is unchanged). Fix the file above."
            case .checked: "checked {dataset} as of {as_of}: {errors} errors, {warnings} warnings"
            case .wrote: "wrote {count} files to {out} — as of {as_of} — {seconds} s"
            }
        }

        /// The names of the arguments a message of this key is given: those of its English
        /// template, and a few that only other locales use (a month as a number, where English
        /// writes its name).
        var parameters: [String] {
            var names = MessageTexts.placeholders(in: english)
            switch self {
            case .dateNoSuchDay: names += ["month"]
            case .dateNoSuchDayInYear: names += ["month"]
            // Chinese names the indicator by its title; English by the id targets.csv uses.
            case .targetBelowLedger, .overTarget: names += ["title"]
            default: break
            }
            return names
        }
    }
}
