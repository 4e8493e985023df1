import Foundation
import Store

/// Seeded ordinary UK customer and company names, the kind a UK bank's payments carry every
/// day, none of them meant to be on a sanctions list: screening must clear them.
///
/// People: a first name and a surname (one in four with a middle name) from the most common in
/// England and Wales, the surnames including the country's South Asian, Polish and other
/// common ones. Companies: a surname, place or word with a trade and a legal suffix
/// (`Hughes Plumbing Ltd`, `Riverside Dental Practice`, `Northern Logistics Limited`).
public struct OrdinaryUKNames {
    static let firstNames = [
        "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Muhammad", "Thomas", "Oscar", "William", "James",
        "Henry", "Leo", "Alfie", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Alexander", "Joseph", "Edward", "Samuel",
        "Max", "Daniel", "Arthur", "Lucas", "Mohammed", "Logan", "David", "John", "Michael", "Paul", "Mark", "Andrew", "Peter",
        "Olivia", "Amelia", "Isla", "Ava", "Emily", "Isabella", "Mia", "Poppy", "Ella", "Lily", "Sophie", "Grace", "Evie",
        "Jessica", "Charlotte", "Sophia", "Ruby", "Chloe", "Lucy", "Sarah", "Emma", "Hannah", "Rebecca", "Laura", "Helen",
        "Priya", "Aisha", "Fatima", "Zara", "Anna", "Katarzyna", "Agnieszka", "Siobhan", "Niamh", "Rhys", "Dylan", "Gareth",
    ]
    static let surnames = [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
        "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris",
        "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark",
        "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker",
        "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins",
        "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams",
        "Singh", "Begum", "Campbell", "Kaur", "Shah", "Hussain", "Nowak", "Kowalski", "O'Brien", "MacDonald", "Fraser",
    ]
    static let places = [
        "Riverside", "Northern", "Oakwood", "Kestrel", "Phoenix", "Summit", "Apex", "Premier", "Crown", "Harbour", "Meadow",
        "Highland", "Westfield", "Eastgate", "Bridgewater", "Pennine", "Thames", "Severn", "Cotswold", "Mercia", "Wessex",
    ]
    static let trades = [
        "Plumbing", "Builders", "Bakery", "Consulting", "Logistics", "Haulage", "Electrical", "Carpets", "Estates", "Motors",
        "Catering", "Accountants", "Solicitors", "Architects", "Printing", "Engineering", "Dental Practice", "Garage",
        "Trading", "Services", "Holdings", "Group", "International", "Global Services", "Shipping", "Imports", "Property Management",
        "Construction", "Technology", "Financial Services", "Insurance Brokers", "Veterinary Surgery", "Pharmacy",
    ]
    static let suffixes = ["Ltd", "Limited", "LLP", "PLC", "", "& Co", "Ltd."]

    var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }

    /// A person's name; a middle name is never the first name again ("Siobhan Siobhan Phillips").
    public mutating func person() -> String {
        let middle = random.next() % 4 == 0 ? pick(Self.firstNames) : nil
        var first = pick(Self.firstNames)
        while first == middle { first = pick(Self.firstNames) }
        return first + (middle.map { " " + $0 } ?? "") + " " + pick(Self.surnames)
    }

    /// A company's name.
    public mutating func company() -> String {
        let stem = random.next() % 2 == 0 ? pick(Self.surnames) : pick(Self.places)
        let suffix = pick(Self.suffixes).replacingOccurrences(of: "& Co", with: "and Co")
        return [stem, pick(Self.trades), suffix].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `count` names, one company in four.
    public mutating func names(count: Int) -> [String] {
        (0..<count).map { _ in random.next() % 4 == 0 ? company() : person() }
    }
}
