// hadir: the command-line tool. It builds the sample database, and calls the server
// exactly as a phone app would.
import Foundation
import HadirLog

let usage = """
    usage: hadir <command> [options]

    Setting up:
      init      [--db PATH] [--tokens PATH] [--data DIR] [--employees N] [--seed N] [--force]
                build a database from the city's data and enrol one device per employee
      policy    UNIT flex|fixed [--db PATH]
                count a unit's days by flexible hours (the default) or the fixed schedule

    As a phone would (the device token comes from the enrolment file):
      checkin   [--mode wfo|wfa|wfh|dl] [--place NAME] [--at ISO8601]   start a work session
      checkout  [--mode ...] [--place NAME] [--at ISO8601]              end it
      today                                                             the day so far
      day       YYYY-MM-DD                                              one day
      week      [YYYY-MM-DD]                                            the week holding a date
      whoami                                                            the device's employee
      units     [PARENT_CODE]                                           the city's units
      team      [--supervisor ID]                                       direct reports
      month     [YYYY-MM]                                               a month: days, counts, deductions
      team-day  [YYYY-MM-DD] [--supervisor ID]                          everyone below you on one day
      unit-report UNIT FROM TO                                          a unit's compliance
      absence   NIP KIND FROM TO [--note TEXT]                          leave or dinas luar, for your staff
      correct   add in|out TIME REASON | move EVENT_ID TIME REASON | remove EVENT_ID REASON
      corrections                                                       your reports' pending corrections
      decide    ID approve|reject [NOTE]                                decide one

    Any method, with JSON (protobuf's JSON mapping), like grpcurl:
      call      SERVICE/METHOD ['JSON' | -]   call a method; JSON from stdin when - or absent
                [--emit-defaults] [--proto-names] [--compact] [--timeout SECONDS]
      call      --list                        services and methods, with their numbers
      call      --describe METHOD|TYPE        request and response messages, recursively
      call      --encode TYPE ['JSON']        JSON to wire bytes on stdout, offline
      call      --decode TYPE                 wire bytes on stdin to JSON, offline

    Connection options, for every command that calls the server:
      --server HOST:PORT   (default 127.0.0.1:7420)
      --tokens PATH        enrolment file (default var/tokens.tsv)
      --nip NIP            act as this employee (default: the first in the file)
      --token TOKEN        use this device token instead of the file
    """

func fail(_ message: String, code: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data("hadir: \(message)\n".utf8))
    exit(code)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print(usage)
    exit(2)
}
arguments.removeFirst()
let options = Options(arguments)

switch command {
case "init":
    InitCommand.run(options)
case "policy":
    PolicyCommand.run(options)
case "checkin", "checkout", "today", "day", "week", "whoami", "units", "team":
    await CallCommands.run(command, options)
case "call":
    await RawCallCommand.run(options)
case _ where WorkTimeCommands.names.contains(command):
    await WorkTimeCommands.run(command, options)
case "help", "--help", "-h":
    print(usage)
default:
    fail("unknown command \"\(command)\"\n\(usage)")
}
