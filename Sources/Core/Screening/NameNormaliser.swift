import Foundation

/// Turns a name as written into comparable tokens.
///
/// Folds case, accents and compatibility forms (`José` → `jose`, `Æ` → `ae`, `ß` → `ss`),
/// drops apostrophes (`O'Brien` → `obrien`), turns other punctuation into spaces, removes
/// titles (`Mr`, `Dr`) and legal suffixes (`Ltd`, `LLC`), drops the lineage words `bin`,
/// `bint` and `ibn` (`Jamal bin Ahmed` and `Jamal Ahmed` are the same name), and joins name
/// particles to the next word (`Al Rashid`, `al-Rashid` and `Alrashid` all become
/// `alrashid`; an Arabic particle ending the name joins the word before: `Karim, Abu` is
/// `abukarim`). Hyphenated parts are joined when they look like the syllables of one name —
/// one part at most 3 letters, or both at most 4 (`Seung-min` → `seungmin`, as `Seungmin`
/// is written) — and are otherwise separate words (`Crowthorne-Vasquez`). Word order is
/// kept; the scorer aligns tokens regardless of it.
public enum NameNormaliser {
    /// Words dropped wherever they appear.
    static let ignoredWords: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "rev", "lord", "lady",
        "ltd", "limited", "plc", "llc", "llp", "inc", "incorporated", "corp", "corporation", "co", "gmbh",
    ]

    /// Particles glued to the following word.
    static let particles: Set<String> = [
        "al", "el", "abu", "abd", "van", "von", "der", "den", "de", "da", "di",
        "du", "la", "le", "del", "della", "dos", "das", "mc", "mac", "st",
    ]

    /// Particles that never stand alone as a name, so one ending a name is glued to the word
    /// before (`Du`, `Le`, `Da` are also surnames: `Chen Du` keeps its two words).
    static let trailingParticles: Set<String> = ["al", "el", "abu", "abd"]

    /// Words meaning "son of" / "daughter of", dropped when they stand alone: they carry no
    /// identity, and writers include or omit them freely. (`Yoo-bin` keeps its syllable.)
    static let lineageWords: Set<String> = ["bin", "bint", "ibn"]

    /// Letters that do not decompose into a base letter plus accents.
    static let specialFolds: [Character: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
        "ħ": "h", "ŧ": "t",
    ]

    /// The name's tokens, at most 16 of them (the rest are dropped).
    public static func tokens(_ name: String) -> [NameToken] {
        gluedWords(name).map { glued in
            let word = transliterations[glued.word] ?? slavicEnding(glued.word)
            return NameToken(scalars: word.unicodeScalars.map(\.value), particleLength: word == glued.word ? glued.particle : 0)
        }
    }

    /// `-off`/`-eff` (the French and German way of writing Russian names) as `-ov`/`-ev`:
    /// `Petroff` is `Petrov`.
    static func slavicEnding(_ word: String) -> String {
        guard word.utf8.count >= 6, word.hasSuffix("off") || word.hasSuffix("eff") else { return word }
        return String(word.dropLast(2)) + "v"
    }

    /// Common transliterations of one name, each to one spelling, so they align whatever the
    /// distance between them (`Aleksandr` and `Alexander` are three slips apart).
    static let transliterations: [String: String] = {
        let groups = [
            ["muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "mohamad", "muhamad", "mohamud", "mehmet"],
            ["abdul", "abdel", "abdoul", "abdal"], ["yusuf", "yousef", "youssef", "yousif", "yusif", "yosef", "yussuf"],
            ["aleksandr", "alexander", "aleksander", "alexandr", "oleksandr", "alyaksandr", "alexandre"],
            ["aleksei", "alexei", "alexey", "aleksey", "alexej"], ["sergei", "sergey", "serhiy", "siarhei"],
            ["evgeny", "yevgeniy", "evgeniy", "yevgeny", "evgenii", "yevgen"], ["husayn", "hussein", "hussain", "husain", "husein"],
            ["ahmad", "ahmed"], ["mikhail", "mykhailo", "michail"], ["dmitry", "dmitriy", "dmitri", "dmytro"],
            ["yuri", "yuriy", "yury", "yurii"], ["andrei", "andrey", "andriy"], ["nikolai", "nikolay", "mykola"],
            ["osama", "usama"], ["omar", "umar"], ["hasan", "hassan"],
        ]
        var table: [String: String] = [:]
        for group in groups { for spelling in group.dropFirst() { table[spelling] = group[0] } }
        return table
    }()

    /// The normalised words of a name, e.g. `"Dr. José  O'Neil-Smith"` → `["jose", "oneil", "smith"]`.
    public static func words(_ name: String) -> [String] {
        gluedWords(name).map(\.word)
    }

    /// The normalised words, each with the length of the particle glued to its front (0 when none).
    static func gluedWords(_ name: String) -> [(word: String, particle: Int)] {
        let cleaned = name.utf8.allSatisfy { $0 < 0x80 } ? cleanASCII(name) : cleanUnicode(name)
        var words: [String] = []
        for chunk in cleaned.split(separator: " ") {
            guard chunk.utf8.contains(0x2D) else {
                // Most words have no hyphen: no parts to split or join.
                let word = String(chunk)
                if ignoredWords.contains(word) || (word.utf8.count <= 4 && lineageWords.contains(word)) { continue }
                words.append(word)
                continue
            }
            let parts = chunk.split(separator: "-").map(String.init).filter { !ignoredWords.contains($0) }
            if parts.count == 1 && lineageWords.contains(parts[0]) { continue }
            words += joinSyllables(parts)
        }
        return joinParticles(words)
    }

    /// Joins the parts of one hyphenated word that look like syllables of a single name: a
    /// part of at most 3 letters, or two neighbours of at most 4 (particles are left for
    /// `joinParticles`).
    static func joinSyllables(_ parts: [String]) -> [String] {
        var joined: [String] = []
        for part in parts {
            if let last = joined.last, !particles.contains(last), !particles.contains(part),
               case let (a, b) = (last.unicodeScalars.count, part.unicodeScalars.count), a <= 3 || b <= 3 || (a <= 4 && b <= 4) {
                joined[joined.count - 1] = last + part
            } else {
                joined.append(part)
            }
        }
        return joined
    }

    /// The fast path for names in the schemes' character set: lower-case letters and digits,
    /// apostrophes dropped, hyphens kept (`words` splits on them), everything else a space.
    static func cleanASCII(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case 0x41...0x5A: bytes.append(byte + 0x20)
            case 0x61...0x7A, 0x30...0x39, 0x2D: bytes.append(byte)
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
            } else if character == "-" {
                cleaned += "-"
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

    /// Glues each particle to the word after it — a last one of `trailingParticles` to the
    /// word before — noting the particle's length, and keeps at most 16 words.
    static func joinParticles(_ words: [String]) -> [(word: String, particle: Int)] {
        var joined: [(word: String, particle: Int)] = []
        var index = 0
        while index < words.count {
            if particles.contains(words[index]) && index + 1 < words.count {
                joined.append((words[index] + words[index + 1], words[index].unicodeScalars.count))
                index += 2
            } else if trailingParticles.contains(words[index]), let last = joined.last, last.particle == 0, last.word.utf8.count > 1 {
                // An Arabic particle with no word after it belongs to the word before, written
                // reordered (`Karim, Abu`) — not to an initial.
                joined[joined.count - 1] = (words[index] + last.word, words[index].unicodeScalars.count)
                index += 1
            } else {
                joined.append((words[index], 0))
                index += 1
            }
        }
        return Array(joined.prefix(16))
    }
}
