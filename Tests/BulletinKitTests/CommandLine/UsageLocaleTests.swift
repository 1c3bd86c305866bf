import Foundation
import Testing

@testable import BulletinKit

/// A mistake on the command line is told in the dataset's language too (issue 17: the terminal
/// follows the dataset's locale): `--locale` when given, else the locale of the dataset folder
/// named among the arguments, else English. The expected texts are the locale files' usage
/// templates filled in by hand.
@Suite struct UsageLocaleTests {
    static let nanyang = Repository.example("nanyang").path

    @Test func aChineseDatasetsBadDateIsToldInChinese() throws {
        let folder = try TemporaryFolder()
        let result = try BulletinExecutable.run(["build", Self.nanyang, "--as-of", "2020-13-45"], in: folder.url)
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "错误: --as-of 的取值“2020-13-45”不是日期；应写作 YYYY-MM-DD、YYYY/M/D、YYYY年M月D日 或 YYYYMMDD，如 --as-of 2020-10-15\n"
            ), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("运行 `bulletin help build` 查看说明。\n"), "\(result.stderr)")
    }

    @Test func aMisspeltCommandBeforeAChineseDatasetIsToldInChinese() throws {
        let folder = try TemporaryFolder()
        let result = try BulletinExecutable.run(["biuld", Self.nanyang], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("错误: 无法识别命令“biuld”；可用的命令为 build, check, sql, init, help\n"), "\(result.stderr)")
    }

    @Test func localeOptionWinsAndNoDatasetMeansEnglish() throws {
        let folder = try TemporaryFolder()
        let english = try BulletinExecutable.run(["build", Self.nanyang, "--outt", "x", "--locale", "en"], in: folder.url)
        #expect(english.stderr.hasPrefix("error: unknown option --outt; build accepts --archive, --as-of, "), "\(english.stderr)")
        let traditional = try BulletinExecutable.run(["build", "--locale=zh-Hant", "--as-of", "x"], in: folder.url)
        #expect(traditional.stderr.hasPrefix("錯誤: --as-of 的取值“x”不是日期；"), "\(traditional.stderr)")
        let none = try BulletinExecutable.run(["build", "--out="], in: folder.url)
        #expect(none.stderr.hasPrefix("error: --out needs a folder, found an empty value\n"), "\(none.stderr)")
        #expect(none.stderr.hasSuffix("Run `bulletin help build` for more.\n"), "\(none.stderr)")
    }
}
