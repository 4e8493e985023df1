/// JSON's escapes in a string (RFC 8259 §7): one table for the two readers of JSON text, the
/// projections' `JSONReader` and Core's strict `JSONParser`. What each does with a `\u` escape
/// beyond its four hex digits (a surrogate pair, a lone surrogate) is its own.
package enum JSONEscape {
    /// The byte a one-character escape after `\` stands for (`\"` `\\` `\/` `\b` `\f` `\n`
    /// `\r` `\t`); nil for `u` and for anything that is not an escape.
    package static func byte(after backslash: UInt8) -> UInt8? {
        switch backslash {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): backslash
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// The value of one hex digit of a `\u` escape, either case; nil for any other byte.
    package static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
