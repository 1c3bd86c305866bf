import Foundation
import SplitMix

extension NationalDataset {
    // MARK: Names

    /// Plain Chinese names and phrases, each character three UTF-8 bytes.
    enum Names {
        static let surnames = characters(
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严")
        static let givenMale = characters("建国军伟强明华平刚勇志文光杰海东林峰金波德成春庆小新卫福贵长有")
        static let givenFemale = characters("秀英桂兰玉梅淑珍凤霞丽敏静燕芳娟红荣琴云花")
        static let secondCharacters = characters("国华明英兰军平林生安福荣民山才松梅芳霞娥娟玲")
        static let placeFirst = characters(
            "东西南北上下前后大小新老高白石黄青红金马牛龙凤杨柳李王张刘陈朱桃杏枣槐松柏泉沙")
        static let placeSecond = characters("庄店营沟坪岭湾集寨桥河坡岗台庙铺坝溪川田林山口园屯堡洼")
        static let townshipStems = [
            "和平", "兴隆", "太平", "永安", "长兴", "新华", "红星", "胜利", "富民", "安乐", "青山", "白云", "清河",
            "柳林", "双河", "三合", "五里", "城关", "石桥", "龙泉", "凤凰", "高庙", "黄土", "马鞍", "金沙", "桃园",
        ].map { Array($0.utf8) }
        static let siteNames = [
            "幸福家园安置点", "集中安置区", "移民新村", "易地扶贫搬迁安置小区", "新民社区安置点", "阳光小区",
        ].map { Array($0.utf8) }
        static let town = Array("镇".utf8)
        static let ruralTownship = Array("乡".utf8)
        static let subdistrict = Array("街道".utf8)
        static let village = Array("村".utf8)
        static let community = Array("社区".utf8)
        static let centralised = Array(",集中".utf8)
        static let scattered = Array(",分散".utf8)
        /// Housing remarks: how the house is renovated (by grade), then how far the work is.
        static let repairMethods = ["C级危房，维修加固", "C级危房，加固改造"].map { Array($0.utf8) }
        static let rebuildMethods = ["D级危房，拆除重建", "D级危房，原址翻建", "D级危房，统建安置"].map { Array($0.utf8) }
        static let waitingRemarks = ["，待开工", "，已落实施工队伍，近期开工", "，材料正在采购"].map { Array($0.utf8) }
        static let openRemarks = ["，正在施工", "，主体完工，待验收", "，正在施工，按计划推进"].map { Array($0.utf8) }
        static let finishedRemarks = [
            "，已竣工验收", "，已竣工验收，补助资金已拨付到户", "，已竣工，已入住", "，竣工验收合格，资金已兑付",
        ].map { Array($0.utf8) }
        static let dispersedSites = ["分散安置（投亲靠友）", "分散安置（进城务工）", "分散安置（自主购房）"].map {
            Array($0.utf8)
        }
        static let waterProject = Array("AQYS-".utf8)
        /// Household sizes 1–7, drawn uniformly from this list: 3 and 4 most common.
        static let householdSizes = [1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 7]

        /// The UTF-8 bytes of each character, three each.
        static func characters(_ text: String) -> [[UInt8]] {
            text.map { character in
                let bytes = Array(String(character).utf8)
                precondition(bytes.count == 3, "\(character) is not three UTF-8 bytes")
                return bytes
            }
        }

        /// A township's name, its stem not among `taken` (the county's other townships).
        static func township(_ random: inout SplitMix64, avoiding taken: [[UInt8]]) -> (
            stem: [UInt8], suffix: [UInt8]
        ) {
            var stem: [UInt8]
            repeat {
                stem =
                    random.int(0...1) == 0
                    ? random.pick(townshipStems) : random.pick(placeFirst) + random.pick(placeSecond)
            } while taken.contains(stem)
            let draw = random.int(0...19)
            return (stem, draw < 13 ? town : draw < 19 ? ruralTownship : subdistrict)
        }

        static func appendVillage(_ random: inout SplitMix64, to out: inout ByteFile) {
            out.append(random.pick(placeFirst))
            out.append(random.pick(placeSecond))
            out.append(random.int(0...9) == 0 ? community : village)
        }

        /// A householder: a surname and one or two given characters.
        static func appendPerson(_ random: inout SplitMix64, to out: inout ByteFile) {
            // Common surnames first: the lower of two draws leans towards the list's head.
            let last = surnames.count - 1
            out.append(surnames[min(random.int(0...last), random.int(0...last))])
            let male = random.int(0...99) < 55
            out.append(male ? random.pick(givenMale) : random.pick(givenFemale))
            if random.int(0...9) < 7 { out.append(random.pick(secondCharacters)) }
        }
    }

    // MARK: Bytes

    static func digitCount(_ value: Int) -> Int {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    /// Appends the decimal digits of `value` (≥ 0), zero-padded to at least `width`.
    static func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        let digits = digitCount(value)
        if digits < width {
            for _ in digits..<width { bytes.append(UInt8(ascii: "0")) }
        }
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(truncatingIfNeeded: 48 + rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// A file written through a byte buffer handed to the file handle in 1 MiB pieces.
    struct ByteFile {
        static let piece = 1 << 20
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var written = 0

        init(_ file: URL) throws {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw DatasetError("cannot create \(file.path)")
            }
            handle = try FileHandle(forWritingTo: file)
            buffer.reserveCapacity(Self.piece + 64 * 1024)
        }

        mutating func append(_ byte: UInt8) { buffer.append(byte) }
        mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
        mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }
        mutating func append(_ bytes: [UInt8], from start: Int, count: Int) {
            buffer.append(contentsOf: bytes[start..<(start + count)])
        }
        mutating func appendPadded(_ value: Int, width: Int) {
            NationalDataset.appendPadded(value, width: width, to: &buffer)
        }
        mutating func appendNumber(_ value: Int) {
            NationalDataset.appendPadded(value, width: 1, to: &buffer)
        }

        mutating func flushIfFull() throws {
            if buffer.count >= Self.piece { try flush() }
        }

        private mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            try handle.write(contentsOf: buffer)
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }

        /// Writes what is left, closes the file and returns its size.
        mutating func close() throws -> Int {
            try flush()
            try handle.close()
            return written
        }
    }
}
