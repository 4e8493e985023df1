import Foundation

extension Theme {
    /// Names of the bundled themes.
    static var bundledNames: [String] {
        // No bundled folder to list (an install without its resources): there are no names to offer.
        guard let directory = themesDirectory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return files.filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }.sorted()
    }

    /// The bundled `Themes` folder (also reachable as the top-level `themes/`).
    static var themesDirectory: URL? { Bundle.module.url(forResource: "Themes", withExtension: nil) }

    /// Loads a theme by name from the bundled themes, or from a file when `name` is a path.
    static func load(_ name: String) throws(ThemeError) -> Theme {
        let url: URL
        if name.contains("/") {
            url = URL(fileURLWithPath: name)
        } else if let directory = themesDirectory {
            url = directory.appendingPathComponent(name + ".theme")
        } else {
            throw ThemeError(theme: name, line: 0, reason: "the bundled themes are missing")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            let known = bundledNames.joined(separator: ", ")
            throw ThemeError(theme: name, line: 0, reason: "no such theme (known: \(known))")
        }
        return try parse(text, name: name)
    }

    /// The theme to use: `mono` when NO_COLOR is set or the terminal has no colours, else the
    /// requested one (default `default`).
    static func choose(requested: String?, environment: [String: String], terminalHasColour: Bool) throws(ThemeError) -> Theme {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        if noColour || !terminalHasColour { return try load("mono") }
        return try load(requested ?? "default")
    }
}
