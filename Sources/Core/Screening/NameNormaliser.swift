import Foundation

/// Turns a name as written into comparable tokens.
///
/// Folds case, accents and compatibility forms (`José` → `jose`, `Æ` → `ae`, `ß` → `ss`),
/// drops apostrophes (`O'Brien` → `obrien`), turns other punctuation into spaces, removes
/// titles (`Mr`, `Dr`) and legal suffixes (`Ltd`, `LLC`), and joins name particles to the next
/// word (`Al Rashid`, `al-Rashid` and `Alrashid` all become `alrashid`). Word order is kept;
/// the scorer aligns tokens regardless of it.
public enum NameNormaliser {
    /// Words dropped wherever they appear.
    static let ignoredWords: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "rev", "lord", "lady",
        "ltd", "limited", "plc", "llc", "llp", "inc", "incorporated", "corp", "corporation", "co", "gmbh",
    ]

    /// Particles glued to the following word.
    static let particles: Set<String> = [
        "al", "el", "bin", "ibn", "bint", "abu", "abd", "van", "von", "der", "den", "de", "da", "di",
        "du", "la", "le", "del", "della", "dos", "das", "mc", "mac", "st",
    ]

    /// Letters that do not decompose into a base letter plus accents.
    static let specialFolds: [Character: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
        "ħ": "h", "ŧ": "t",
    ]

    /// The name's tokens, at most 16 of them (the rest are dropped).
    public static func tokens(_ name: String) -> [NameToken] {
        words(name).map { NameToken(scalars: $0.unicodeScalars.map(\.value)) }
    }

    /// The normalised words of a name, e.g. `"Dr. José  O'Neil-Smith"` → `["jose", "oneil", "smith"]`.
    public static func words(_ name: String) -> [String] {
        let cleaned = name.utf8.allSatisfy { $0 < 0x80 } ? cleanASCII(name) : cleanUnicode(name)
        return joinParticles(cleaned.split(separator: " ").map(String.init).filter { !ignoredWords.contains($0) })
    }

    /// The fast path for names in the schemes' character set: lower-case letters and digits,
    /// apostrophes dropped, everything else a space.
    static func cleanASCII(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case 0x41...0x5A: bytes.append(byte + 0x20)
            case 0x61...0x7A, 0x30...0x39: bytes.append(byte)
            case 0x27, 0x60: continue
            default: bytes.append(0x20)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Folds case, accents and special letters of any name.
    static func cleanUnicode(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var cleaned = ""
        cleaned.reserveCapacity(folded.utf8.count)
        for character in folded {
            if let replacement = specialFolds[character] {
                cleaned += replacement
            } else if character == "'" || character == "’" || character == "‘" || character == "`" || character == "ʼ" {
                continue
            } else if character.isLetter || character.isNumber {
                // Keep only the base scalars: folding leaves some combining marks on rare letters.
                for scalar in character.unicodeScalars where !(scalar.properties.generalCategory == .nonspacingMark) {
                    cleaned.unicodeScalars.append(scalar)
                }
            } else {
                cleaned += " "
            }
        }
        return cleaned
    }

    /// Glues each particle to the word after it and keeps at most 16 words.
    static func joinParticles(_ words: [String]) -> [String] {
        var joined: [String] = []
        var index = 0
        while index < words.count {
            if particles.contains(words[index]) && index + 1 < words.count {
                joined.append(words[index] + words[index + 1])
                index += 2
            } else {
                joined.append(words[index])
                index += 1
            }
        }
        return Array(joined.prefix(16))
    }
}
