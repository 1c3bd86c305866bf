import SplitMix

/// Plain Chinese names for householders, drawn with the rough frequency of common surnames.
enum Names {
    private static let surnames = Array(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严")
    private static let givenMale = Array("建国军伟强明华平刚勇志文光杰海东林峰金波德成春国庆小新红卫红庆福贵长有")
    private static let givenFemale = Array("秀英桂兰玉梅淑珍凤霞丽敏静燕芳娟霞红英荣琴云花")
    private static let secondChars = Array("国华明英兰军平林生安福荣民山才松梅芳霞娥娟玲")

    static func draw(_ rng: inout SplitMix64) -> String {
        // Common surnames first: take the lower of two draws to skew towards the list's head.
        let surname = surnames[min(rng.int(0...(surnames.count - 1)), rng.int(0...(surnames.count - 1)))]
        let pool = rng.chance(0.55) ? givenMale : givenFemale
        var name = String(surname) + String(rng.pick(pool))
        if rng.chance(0.7) { name += String(rng.pick(secondChars)) }
        return name
    }
}

/// Household ids as registries print them: the township's nine-digit code and a four-digit
/// serial, `4113250010012`; unique within a ledger.
struct HouseholdIDs {
    private var next: [String: Int] = [:]
    let firstSerial: Int

    init(firstSerial: Int = 1) { self.firstSerial = firstSerial }

    mutating func make(township: String, rng: inout SplitMix64) -> String {
        let serial = next[township] ?? firstSerial + rng.int(0...40)
        next[township] = serial + rng.int(1...3)
        let digits = String(serial)
        return township + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
