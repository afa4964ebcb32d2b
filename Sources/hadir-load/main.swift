// hadir-load: drives a Hadir server over TCP with the real wire format.
//
//   hadir-load closed  --tokens var/tokens.tsv -c 50 -k 4 -t 10
//   hadir-load open    --tokens var/tokens.tsv -c 50 -r 5000 -t 10
//   hadir-load morning --tokens var/tokens.tsv --employees 40000 --window 60
//   hadir-load idle    --tokens var/tokens.tsv -c 10000 --hold 20 --ready-file /tmp/ready
//
// See `hadir-load --help`. Every run is bounded by --calls and --seconds (morning: by the
// window plus --timeout; idle: by --hold) and stops by itself.
import Foundation
import Glibc
import HadirLoadKit

signal(SIGPIPE, SIG_IGN)
let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let tokens = loadTokens(options.tokensPath)
if options.mode == .morning && options.employees > tokens.count {
    FileHandle.standardError.write(
        Data("hadir-load: --employees \(options.employees) but \(tokens.count) tokens\n".utf8))
    exit(2)
}
var usageBefore = rusage()
getrusage(RUSAGE_SELF.rawValue, &usageBefore)
let driver = Driver(options: options, tokens: tokens)
let results = driver.run()
var usageAfter = rusage()
getrusage(RUSAGE_SELF.rawValue, &usageAfter)
func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
let cpuSeconds =
    seconds(usageAfter.ru_utime) - seconds(usageBefore.ru_utime)
    + seconds(usageAfter.ru_stime) - seconds(usageBefore.ru_stime)
print(report(options: options, results: results, cpuSeconds: cpuSeconds))
