import Foundation

/// The official-document keys of `bulletin.json` (SPEC §3) beside `issuer` (发文机关): the
/// 文号, the 期数, the 抄送 list and the 印发日期. They dress the Word briefing and the index's
/// masthead, and nothing is computed from them. Read here, with the reader's `fail` for
/// problems, so that the configuration's reader only names the keys.
struct DocumentKeys: Sendable, Equatable {
    /// 期数: a fixed number, or counted from the campaign's start.
    enum IssueNumber: Sendable, Equatable {
        case number(Int)
        /// The periods since the earliest indicator start, counting this one.
        case auto
    }

    /// 文号 (`宛脱贫办〔2020〕45号`).
    var docNo: String?
    /// 期数.
    var issueNumber: IssueNumber?
    /// 抄送: the offices sent a copy, in the order given.
    var cc: [String] = []
    /// 印发日期; the bulletin date when absent.
    var issuedOn: Day?
    /// Labels of category values (`"categories": {"C": "C级"}`): what the pages print for a
    /// value; a value without one prints as it is.
    var categoryLabels: [String: String] = [:]

    /// No keys: nothing printed.
    init() {}

    /// Reads the keys from the configuration's top-level object, reporting each problem as
    /// `fail(path, message)`.
    init(reading top: JSONObject, fail: (String, Diagnostic.Message) -> Void) {
        if let value = top["doc_no"] {
            if let text = value.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                docNo = text
            } else {
                fail("doc_no", .init(.configDocNo))
            }
        }
        if let value = top["issue_no"] {
            if value.stringValue == "auto" {
                issueNumber = .auto
            } else if let number = value.numberValue, number == number.rounded(), number >= 1,
                number <= 99_999
            {
                issueNumber = .number(Int(number))
            } else {
                fail("issue_no", .init(.configIssueNo))
            }
        }
        if let value = top["cc"] {
            if let array = value.arrayValue {
                for (index, element) in array.enumerated() {
                    if let text = element.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                        cc.append(text)
                    } else {
                        fail("cc[\(index)]", .init(.configCCEntry))
                    }
                }
            } else {
                fail("cc", .init(.configCC))
            }
        }
        if let value = top["categories"] {
            if let object = value.objectValue {
                for member in object.members {
                    if let text = member.value.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                        categoryLabels[member.key] = text
                    } else {
                        fail("categories.\(member.key)", .init(.configCategoryLabel, ["category": .text(member.key)]))
                    }
                }
            } else {
                fail("categories", .init(.configCategories))
            }
        }
        if let value = top["issued_on"] {
            if let text = value.stringValue, let day = Day(iso: text),
                Configuration.plausibleYears.contains(day.components.year)
            {
                issuedOn = day
            } else {
                fail("issued_on", .init(.configIssuedOn))
            }
        }
    }

    /// The issue number of the bulletin dated `asOf`: the fixed number, or for `auto` the bulletin
    /// dates `asOf`, `asOf − period`, … that fall on or after `earliestStart` (this one counts
    /// even when it is earlier), as many as the history pages plus one.
    func issueNumber(asOf: Day, period: Period, earliestStart: Day) -> Int? {
        switch issueNumber {
        case nil: return nil
        case .number(let number): return number
        case .auto:
            var count = 1
            while count <= BulletinCalendar.maximumSteps, period.day(count, before: asOf) >= earliestStart {
                count += 1
            }
            return count
        }
    }
}

/// The document keys as a bulletin prints them: the issuer, the 文号 and 期数 resolved for its
/// date, the 抄送 list and the 印发日期.
struct DocumentTrappings: Sendable {
    var issuer: String?
    var docNo: String?
    var issueNumber: Int?
    var cc: [String]
    /// 印发日期, given or the bulletin date.
    var issuedOn: Day
    /// Whether `issued_on` was given (then the 版记 prints even without an issuer).
    var hasIssuedOn: Bool

    init(_ bulletin: Bulletin) {
        let configuration = bulletin.configuration
        let keys = configuration.document
        issuer = configuration.issuer
        docNo = keys.docNo
        issueNumber = keys.issueNumber(
            asOf: bulletin.asOf, period: configuration.period,
            earliestStart: configuration.indicators.map(\.start).min() ?? bulletin.asOf)
        cc = keys.cc
        issuedOn = keys.issuedOn ?? bulletin.asOf
        hasIssuedOn = keys.issuedOn != nil
    }
}

extension DocumentTrappings {
    /// `document` of the index page's context, for its masthead: `issue_no_text` (第42期) and
    /// `doc_no`, each only when set; nil when neither is.
    func mastheadContext(_ builder: ContextBuilder) -> JSONValue? {
        guard issueNumber != nil || docNo != nil else { return nil }
        var object = JSONObject()
        if let issueNumber {
            object["issue_no_text"] = .string(
                builder.phrase("document.issue_no", ["number": String(issueNumber)]))
        }
        if let docNo { object["doc_no"] = .string(docNo) }
        return .object(object)
    }
}
