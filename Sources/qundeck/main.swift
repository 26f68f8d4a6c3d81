import ArgumentParser
import Foundation

setlocale(LC_ALL, "")
let subcommands = Set(Qundeck.configuration.subcommands.map { $0._commandName })
Qundeck.main(GlobalOptionOrder.reorder(Array(CommandLine.arguments.dropFirst()), subcommands: subcommands))
