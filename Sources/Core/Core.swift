import Foundation
import Store

/// Where the bundled seed files live (accounts and sanctioned names).
public enum BundledSeeds {
    public static var directory: URL? { Bundle.module.url(forResource: "Seeds", withExtension: nil) }
}
