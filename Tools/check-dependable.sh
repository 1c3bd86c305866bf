#!/bin/sh
# Checks that BulletinKit can be someone's dependency by version, as SwiftPM treats a package
# from a git URL (it refuses, for instance, one whose product has targets with unsafe flags):
# copies the committed state of this repository into a scratch git repository tagged 9.9.9,
# makes a package that depends on it `from: "9.9.9"` and calls `CSV.parse`, builds and runs it.
# Usage: Tools/check-dependable.sh [SCRATCH_DIR]   (default: a new folder under /tmp)
set -eu
repository=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$(mktemp -d /tmp/bulletin-dependable.XXXXXX)}
source="$scratch/bk-src"
user="$scratch/bk-user"
rm -rf "$source" "$user"

git clone --quiet "$repository" "$source"
git -C "$source" tag 9.9.9

mkdir -p "$user/Sources/bk-user"
cat > "$user/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bk-user",
    dependencies: [.package(url: "file://$source", from: "9.9.9")],
    targets: [
        .executableTarget(
            name: "bk-user", dependencies: [.product(name: "BulletinKit", package: "bk-src")]),
    ]
)
SWIFT
cat > "$user/Sources/bk-user/main.swift" <<'SWIFT'
import BulletinKit
import Foundation

let rows = try CSV.parse(Data("code,name\n100,示例市\n".utf8))
print(rows)
SWIFT

cd "$user"
swift build
swift run --skip-build bk-user
echo "BulletinKit resolved from $source at 9.9.9 and built in $user"
