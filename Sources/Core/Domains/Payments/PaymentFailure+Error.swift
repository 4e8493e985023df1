/// Lets validation return `Result<_, PaymentFailure>`; a failure is still recorded as an event
/// (`…Returned`/`…Failed`), never thrown past a decider.
extension PaymentFailure: Error {}
