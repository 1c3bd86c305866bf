import Testing

@testable import BulletinKit

/// Trend x labels never overlap: widths estimated at 15 (1 em a CJK character, 0.6 em an ASCII
/// one) plus a gap of 6. "9月3日" is 3.2 em = 48 wide, "10月15日" 4.4 em = 66, "1月2日" 48.
struct TrendLabelTests {
    @Test(
        arguments: [
            // Nanyang's end of axis: 9月3日 at 403 spans 379–427; 10月15日, pushed in to 445,
            // spans 412–478: the one before the last gives way.
            ([("1月2日", 48.0), ("9月3日", 403.0), ("10月15日", 445.0)], ["1月2日", "10月15日"]),
            // 7月9日 at 200 spans 176–224, clear of both neighbours: all stay.
            ([("1月2日", 48.0), ("7月9日", 200.0), ("10月15日", 445.0)], ["1月2日", "7月9日", "10月15日"]),
            // Two in the middle too close to each other (100–148 and 130–178): the second goes.
            (
                [("1月2日", 24.0), ("2月1日", 124.0), ("2月8日", 154.0), ("10月15日", 445.0)],
                ["1月2日", "2月1日", "10月15日"]
            ),
        ] as [([(String, Double)], [String])])
    func labelsThatWouldTouchGiveWay(_ labels: [(String, Double)], _ expected: [String]) {
        let kept = TrendChart.withoutOverlaps(labels.map { (text: $0.0, x: $0.1) })
        #expect(kept.map(\.text) == expected)
    }
}
