import Foundation

extension ModulusTable {
    /// The tables shipped in `seeds/modulus/` (Vocalink v7.70), parsed on first use and kept.
    ///
    /// A failure here means the build shipped broken data; callers report it (a payment is
    /// returned naming it, `check-account` exits 3), never treat an account as checked.
    public static let bundled: Result<ModulusTable, ModulusTableError> = {
        guard let directory = BundledSeeds.directory?.appendingPathComponent("modulus") else {
            return .failure(.missingFile("seeds/modulus"))
        }
        return Result { () throws(ModulusTableError) in try load(from: directory) }
    }()

    /// Reads and parses `valacdos.txt` and `scsubtab.txt` from `directory`.
    public static func load(from directory: URL) throws(ModulusTableError) -> ModulusTable {
        func read(_ name: String) throws(ModulusTableError) -> String {
            do {
                return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            } catch {
                throw .missingFile(name)
            }
        }
        return try ModulusTable(weights: try read(weightsFile), substitutions: try read(substitutionsFile))
    }
}
