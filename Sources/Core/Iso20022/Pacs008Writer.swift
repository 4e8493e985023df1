import Foundation

/// Writes inbound payments as one `pacs.008.001.08` message, as a UK sending bank would for
/// CHAPS (FPS and Bacs are named in `SttlmInf/ClrSys/Prtry`): what `Pacs008Reader` reads back
/// into the same payments.
///
/// Each payment needs its ISO ids (`InboundPaymentSentByScheme.iso`); the message id is the
/// first payment's. Text is escaped for XML; nothing is checked here, so a payment the bank
/// would return (or a malformed one) is written as it is and refused or returned on import.
public enum Pacs008Writer {
    /// The namespace written.
    public static let namespace = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"

    /// The message for `payments` (all of one scheme), created at `created`.
    public static func document(_ payments: [InboundPaymentSentByScheme], messageId: String, created: Date) -> String {
        let scheme = payments.first?.scheme ?? .chaps
        // `2026-05-28T20:26:40Z`: to the second, in UTC (an `ISO8601DateFormatter` made per
        // message cost more than the rest of the message).
        let stamp = String(ISO8601Milliseconds.string(created).prefix(19)) + "Z"
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="\(namespace)">
          <FIToFICstmrCdtTrf>
            <GrpHdr>
              <MsgId>\(escaped(messageId))</MsgId>
              <CreDtTm>\(stamp)</CreDtTm>
              <NbOfTxs>\(payments.count)</NbOfTxs>
              <SttlmInf>
                <SttlmMtd>CLRG</SttlmMtd>
                <ClrSys><Prtry>\(scheme.rawValue.uppercased())</Prtry></ClrSys>
              </SttlmInf>
            </GrpHdr>

        """
        let day = String(stamp.prefix(10))
        for payment in payments {
            let ids = payment.iso ?? IsoPaymentIds(messageId: messageId, endToEndId: "NOTPROVIDED", uetr: payment.paymentId.lowercasedString)
            xml += """
                <CdtTrfTxInf>
                  <PmtId>
                    <InstrId>\(escaped(ids.endToEndId))</InstrId>
                    <EndToEndId>\(escaped(ids.endToEndId))</EndToEndId>
                    <UETR>\(escaped(ids.uetr))</UETR>
                  </PmtId>
                  <IntrBkSttlmAmt Ccy="GBP">\(escaped(payment.amount))</IntrBkSttlmAmt>
                  <IntrBkSttlmDt>\(day)</IntrBkSttlmDt>
                  <ChrgBr>SHAR</ChrgBr>
                  <Dbtr><Nm>\(escaped(payment.from.name))</Nm></Dbtr>
                  <DbtrAcct><Id><Othr><Id>\(escaped(payment.from.accountNumber))</Id></Othr></Id></DbtrAcct>
            \(agent("DbtrAgt", payment.from.sortCode))
            \(agent("CdtrAgt", payment.to.sortCode))
                  <Cdtr><Nm>\(escaped(payment.to.name))</Nm></Cdtr>
                  <CdtrAcct><Id><Othr><Id>\(escaped(payment.to.accountNumber))</Id></Othr></Id></CdtrAcct>
                  <RmtInf><Ustrd>\(escaped(payment.reference))</Ustrd></RmtInf>
                </CdtTrfTxInf>

            """
        }
        xml += """
          </FIToFICstmrCdtTrf>
        </Document>

        """
        return xml
    }

    /// An agent identified by its sort code under `GBDSC`.
    private static func agent(_ element: String, _ sortCode: String) -> String {
        "      <\(element)><FinInstnId><ClrSysMmbId><ClrSysId><Cd>\(Pacs008Reader.sortCodeClearingSystem)</Cd></ClrSysId>"
            + "<MmbId>\(escaped(sortCode))</MmbId></ClrSysMmbId></FinInstnId></\(element)>"
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
