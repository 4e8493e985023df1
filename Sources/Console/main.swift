import Core
import Foundation
import Store

FileHandle.standardError.write(Data("bank-console: not built yet\n".utf8))
exit(2)
