import Foundation
import Testing
@testable import ConsoleUI

@Suite struct ThemeTests {
    @Test func everyBundledThemeParsesAndNamesNormal() throws {
        #expect(Theme.bundledNames == ["default", "high-contrast", "light", "mono"])
        for name in Theme.bundledNames {
            let theme = try Theme.load(name)
            #expect(theme.styles[.normal] != nil)
        }
    }

    @Test func monoUsesNoColourAndTheOthersDo() throws {
        #expect(try !Theme.load("mono").usesColour)
        #expect(try Theme.load("default").usesColour)
    }

    @Test func aLineParsesIntoColoursWithFallbacksAndAttributes() throws {
        let theme = try Theme.parse("normal = default\nselected = 231/white on 24 bold underline # note\n", name: "t")
        #expect(theme.style(.selected) == ThemeStyle(foreground: ThemeColour(index: 231, fallback: 7), background: ThemeColour(index: 24, fallback: 6),
                                                     bold: true, underline: true))
        #expect(theme.style(.title) == ThemeStyle())
    }

    @Test func coloursResolveForTheTerminalsColourCount() {
        let colour = ThemeColour(index: 203, fallback: 1)
        #expect(colour.resolved(forColours: 256) == 203)
        #expect(colour.resolved(forColours: 8) == 1)
        #expect(ThemeColour(index: 12).resolved(forColours: 16) == 12)
        #expect(ThemeColour(index: 12).resolved(forColours: 8) == 4)
        #expect(ThemeColour.nearestBasic(196) == 1)
        #expect(ThemeColour.nearestBasic(16) == 0)
        #expect(ThemeColour.nearestBasic(231) == 7)
    }

    @Test func badThemeLinesAreRefusedWithTheirLineNumber() {
        #expect(throws: ThemeError(theme: "t", line: 2, reason: "\"purple\" is not a colour (a name, bright-NAME, or 0–255[/NAME])")) {
            try Theme.parse("normal = default\ntitle = purple\n", name: "t")
        }
        #expect(throws: ThemeError(theme: "t", line: 1, reason: "expected ROLE = STYLE")) {
            try Theme.parse("normal default\n", name: "t")
        }
        #expect(throws: ThemeError(theme: "t", line: 0, reason: "no style for role \"normal\"")) {
            try Theme.parse("title = bold\n", name: "t")
        }
    }

    @Test func noColorOrAColourlessTerminalSelectsMono() throws {
        #expect(try Theme.choose(requested: "light", environment: ["NO_COLOR": "1"], terminalHasColour: true).name == "mono")
        #expect(try Theme.choose(requested: nil, environment: [:], terminalHasColour: false).name == "mono")
        #expect(try Theme.choose(requested: nil, environment: [:], terminalHasColour: true).name == "default")
        #expect(try Theme.choose(requested: "light", environment: ["NO_COLOR": ""], terminalHasColour: true).name == "light")
    }

    @Test func anUnknownThemeNameListsTheKnownOnes() {
        #expect(throws: ThemeError(theme: "neon", line: 0, reason: "no such theme (known: default, high-contrast, light, mono)")) {
            try Theme.load("neon")
        }
    }

    @Test func theLocaleChoosesUnicodeOrASCIIBoxes() {
        #expect(Glyphs.forLocale(environment: ["LANG": "en_GB.UTF-8"]) == .unicode)
        #expect(Glyphs.forLocale(environment: ["LC_ALL": "C", "LANG": "en_GB.UTF-8"]) == .ascii)
        #expect(Glyphs.forLocale(environment: [:]) == .ascii)
        #expect(Glyphs.forLocale(environment: ["LC_CTYPE": "C.utf8"]) == .unicode)
    }
}
