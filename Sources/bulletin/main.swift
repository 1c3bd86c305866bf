// The `bulletin` command: a thin shell over BulletinKit.
import BulletinKit
import Foundation

exit(Runner.run(Array(CommandLine.arguments.dropFirst()), executable: CommandLine.arguments.first ?? ""))
