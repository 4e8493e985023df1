import Foundation

// `bank-console`: a thin shell over `CommandLineTool`, which does all the work and is tested in-process.
let tool = CommandLineTool(environment: .process())
let status = await tool.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
