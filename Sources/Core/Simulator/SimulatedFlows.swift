import Foundation
import Store

/// The money the simulator moves, shaped like a UK retail bank's day: salaries in, bills,
/// card settlements and rent out, businesses paid by their customers and paying suppliers,
/// and always about what the account can bear, so balances stay in a realistic range.
///
/// Each flow is a pure function of the generator and the account's balance when the batch is
/// drawn (a typical one, £3,000 or £30,000 for a business, when it was not read). Personal
/// accounts drift towards a few thousand pounds: below £1,500 half of what comes in is a salary
/// (£1,800-£3,600), up to £5,000 one payment in twelve, above it one in forty, the rest
/// transfers (£10-£300); above £5,000 half of what goes out is rent, a mortgage or council tax
/// (£600-£1,500), otherwise bills and card settlements (£15-£400).
/// Businesses move larger sums and drift towards tens of thousands: customers pay £50-£5,000,
/// suppliers are paid £200-£8,000 (half of payments out are that large above £50,000). Nothing
/// goes out that is more than half the balance, so a payment out rarely fails for want of funds.
enum SimulatedFlows {
    /// The balance assumed when the simulator has not read one (a very large bank).
    static func typical(business: Bool) -> Money { Money(pence: business ? 3_000_000 : 300_000) }

    /// What comes in to an account: an amount and a reference.
    static func incoming(_ rng: inout SplitMix64, balance known: Money?, business: Bool) -> (Money, String) {
        let balance = known ?? typical(business: business)
        if business {
            return (pounds(&rng, 50, 5_000), pick(&rng, ["INVOICE \(1_000 + rng.next() % 9_000)", "ORDER \(10_000 + rng.next() % 90_000)", "ACCOUNT SETTLEMENT"]))
        }
        let salaryChance: UInt64 = balance < Money(pence: 150_000) ? 2 : balance < Money(pence: 500_000) ? 12 : 40
        if rng.next() % salaryChance == 0 {
            return (pounds(&rng, 1_800, 3_600), pick(&rng, ["SALARY", "WAGES", "PAYROLL"]))
        }
        return (pounds(&rng, 10, 300), pick(&rng, ["Thank you", "Dinner", "Birthday", "Refund", "Gift", "Rent share", "Tickets"]))
    }

    /// What goes out of an account, or nil when its balance cannot bear any (under £2).
    static func outgoing(_ rng: inout SplitMix64, balance known: Money?, business: Bool) -> (Money, String)? {
        let balance = known ?? typical(business: business)
        let cap = balance.pence / 2
        guard cap >= 100 else { return nil }
        let (amount, reference): (Money, String)
        if business {
            let large = balance > Money(pence: 5_000_000) && rng.next() % 2 == 0
            amount = large ? pounds(&rng, 4_000, 8_000) : pounds(&rng, 200, 4_000)
            reference = pick(&rng, ["SUPPLIER \(100 + rng.next() % 900)", "PAYROLL", "HMRC VAT", "BUSINESS RATES"])
        } else if balance > Money(pence: 500_000) && rng.next() % 2 == 0 {
            amount = pounds(&rng, 600, 1_500)
            reference = pick(&rng, ["RENT", "MORTGAGE", "COUNCIL TAX", "CAR FINANCE"])
        } else {
            amount = pounds(&rng, 15, 400)
            reference = pick(&rng, ["CARD SETTLEMENT", "ELECTRICITY", "GAS", "WATER", "BROADBAND", "MOBILE", "INSURANCE", "GYM"])
        }
        return (Money(pence: min(amount.pence, cap)), reference)
    }

    /// A whole number of pounds and some pence from `low` to `high` pounds.
    static func pounds(_ rng: inout SplitMix64, _ low: Int64, _ high: Int64) -> Money {
        Money(pence: low * 100 + Int64(rng.next() % UInt64((high - low) * 100 + 1)))
    }

    static func pick(_ rng: inout SplitMix64, _ items: [String]) -> String {
        items[Int(rng.next() % UInt64(items.count))]
    }

    /// Whether a holder's name is a business's: it ends with a legal form or a trade word.
    static func isBusiness(_ holder: String) -> Bool {
        guard let last = holder.split(separator: " ").last?.lowercased() else { return false }
        return ["ltd", "ltd.", "limited", "llp", "plc", "co", "supplies", "holdings", "group", "services", "trading", "partners",
                "bakery", "practice", "garage", "motors", "consulting"].contains(last)
    }
}
