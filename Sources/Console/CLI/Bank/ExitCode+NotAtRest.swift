extension ExitCode {
    /// A write command's payment did not come to rest before `--timeout`.
    static let notAtRest: Int32 = 4
}
