import Testing
@testable import Core

@Test func normalisingFoldsCaseAccentsPunctuationTitlesAndParticles() {
    #expect(NameNormaliser.words("Dr. José  O'Neil-Smith") == ["jose", "oneil", "smith"])
    #expect(NameNormaliser.words("Mohammed AL-RASHID") == ["mohammed", "alrashid"])
    #expect(NameNormaliser.words("Straße Ærø Ltd") == ["strasse", "aero"])
    #expect(NameNormaliser.words("  ") == [])
}
